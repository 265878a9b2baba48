import type { Status } from "../model/types";
import type { SourceShape, SourceTableName } from "./source-cells";
import type { Metric } from "./criteria";

export interface CommitteeCount {
  code: string;
  name: string;
  nameKm: string;
  /** Lead committee is the code. */
  lead: Metric;
  /** Lead committee is not the code and Other committees contains it. */
  coLead: Metric;
  /** lead + coLead. */
  total: Metric;
  /** Committees[Expected measures] of the code; "" when none stated. */
  expected: Metric;
  /** total − expected; "" when no expectation. */
  difference: Metric;
  /**
   * Measures naming this committee as lead or other by code, name, Khmer name or alias
   * (CommitteeIndex), counted from the framework. The formulas count codes only; when this
   * differs from `total.value`, the Summary says so.
   */
  resolvedTotal: number;
}

export interface GoalRow {
  /** The goal's code; "" for the "Other" row (a goal that is none of the Goals table's, or blank). */
  code: string;
  name: string;
  nameKm: string;
  other: boolean;
  /** Measures of the goal. */
  total: Metric;
  /** Aligned with SummaryData.timeframes. */
  byTimeframe: Metric[];
  /** Timeframe none of SummaryData.timeframes (or blank). */
  otherTimeframe: Metric;
  /** Aligned with SummaryData.committees: lead or co-lead. */
  byCommittee: Metric[];
}

export interface StatusCount {
  status: Status | "Other";
  count: Metric;
}

export interface ProgressRow {
  code: string;
  name: string;
  nameKm: string;
  other: boolean;
  measures: Metric;
  /** Mean Progress % over reported values (numbers from 0 to 100); "" when none. */
  meanProgress: Metric;
  completed: Metric;
  /** completed / measures; "" when no measures. */
  shareCompleted: Metric;
}

export interface TimelineRow {
  code: string;
  name: string;
  nameKm: string;
  /** Aligned with Timeline.years: measures led or co-led, Start year ≤ y ≤ End year. */
  values: Metric[];
}

export interface Timeline {
  years: number[];
  committees: TimelineRow[];
  /** All measures active each year. */
  all: Metric[];
}

export interface AttentionItem {
  no: string;
  measure: string;
  goal: string;
  /** Lead committee's code when it resolves, else as written. */
  committee: string;
  endYear: number | null;
  status: string;
  progress: number | null;
  /** End year before the As of year and not Completed. */
  overdue: boolean;
  /** Status At risk or Delayed. */
  atRisk: boolean;
  /** As of year − End year when overdue, else 0; null without an End year. */
  yearsLate: number | null;
}

export interface KeyFigures {
  /** Rows with a No. */
  measures: Metric;
  completed: Metric;
  shareCompleted: Metric;
  meanProgress: Metric;
  overdue: Metric;
  atRiskOrDelayed: Metric;
  /** Rows with a No. whose Lead committee is blank or none of the committee codes. */
  leadNotACode: Metric;
}

/** Everything the Summary sheet shows, as numbers and the formulas they stand for. */
export interface SummaryData {
  name: string;
  asOfYear: number;
  period: { start: number; end: number };
  /** How the formulas address the tables. */
  sources: Record<SourceTableName, SourceShape>;
  keyFigures: KeyFigures;
  committees: CommitteeCount[];
  /** Timeframe names (Timeframes table order, unique ignoring case): the columns of goal × timeframe. */
  timeframes: string[];
  /** The Goals table's goals, then the "Other" row. */
  goals: GoalRow[];
  /** The five statuses, then "Other" (blank or another status). */
  statuses: StatusCount[];
  progress: { goals: ProgressRow[]; committees: ProgressRow[] };
  timeline: Timeline;
  attention: { items: AttentionItem[]; total: number; limit: number };
}
