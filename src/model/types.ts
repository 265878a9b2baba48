/** A raw cell as a host reads it: Excel, ExcelJS, CSV. */
export type Cell = string | number | boolean | Date | null;

export type CommitteeCode = string;

export interface Goal {
  code: string;
  name: string;
  nameKm: string;
}

export interface Strategy {
  code: string;
  goal: string;
  name: string;
  /** The policy direction text of the source (extra column "Policy direction"). */
  direction?: string;
}

export interface Committee {
  code: CommitteeCode;
  name: string;
  nameKm: string;
  aliases: string[];
  /** null: no expectation stated. */
  expectedMeasures: number | null;
}

export interface Timeframe {
  name: string;
  from: number | null;
  to: number | null;
}

export type Role = "Lead" | "Support";

export interface Responsibility {
  goal: string;
  committee: CommitteeCode;
  role: Role;
}

export const STATUSES = ["Not started", "On track", "At risk", "Delayed", "Completed"] as const;
export type Status = (typeof STATUSES)[number];

export interface Measure {
  no: string;
  goal: string;
  strategy: string;
  measure: string;
  leadCommittee: string;
  otherCommittees: string[];
  institutions: string[];
  timeframe: string;
  startYear: number | null;
  endYear: number | null;
  status: string;
  /** 0–100, null when not reported. */
  progress: number | null;
  indicator: string;
  target: string;
  notes: string;
}

export interface FrameworkSettings {
  name: string;
  periodStart: number;
  periodEnd: number;
  asOfYear: number;
  expectedMeasures: number | null;
}

/** A whole framework as data: what the built-in frameworks are and what a workbook holds. */
export interface Framework {
  settings: FrameworkSettings;
  goals: Goal[];
  strategies: Strategy[];
  committees: Committee[];
  timeframes: Timeframe[];
  responsibilities: Responsibility[];
  measures: Measure[];
}

export type FrameworkId = "despf" | "dgp" | "blank";

/** The planner's languages: English and Khmer. */
export type Language = "en" | "km";
