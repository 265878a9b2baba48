/**
 * The key numbers every front end shows next to the sheets, from the same summary the Summary
 * sheet is built from (so the pane and the sheet agree). Pure.
 */
import type { PlannerTables } from "../model/schema";
import type { Framework } from "../model/types";
import type { SummaryData } from "../summary";
import { frameworkForSheets, workbookSummary } from "./owned-sheets";

export interface CommitteeCount {
  code: string;
  name: string;
  nameKm: string;
  expected: number | null;
  actual: number;
}

export interface Dashboard {
  asOfYear: number;
  measures: number;
  expectedMeasures: number | null;
  completed: number;
  /** Whole percent of measures Completed; 0 when there are none. */
  completedShare: number;
  overdue: number;
  committees: CommitteeCount[];
}

/**
 * Measures, completed share, overdue, and per committee expected vs actual (actual as the
 * committee-count check counts it: by code, name or alias).
 */
export function computeDashboard(tables: PlannerTables, asOfYear: number): Dashboard {
  const framework = frameworkForSheets(tables, asOfYear);
  return dashboardOf(framework, workbookSummary(tables, framework));
}

/** The dashboard of a summary already worked out (for the Summary sheet). */
export function dashboardOf(framework: Framework, data: SummaryData): Dashboard {
  const k = data.keyFigures;
  const num = (v: number | ""): number => (v === "" ? 0 : v);
  const share = k.shareCompleted.value;
  return {
    asOfYear: framework.settings.asOfYear,
    measures: num(k.measures.value),
    expectedMeasures: framework.settings.expectedMeasures,
    completed: num(k.completed.value),
    completedShare: share === "" ? 0 : Math.round(share * 100),
    overdue: num(k.overdue.value),
    committees: data.committees.map((c) => ({
      code: c.code,
      name: c.name,
      nameKm: c.nameKm,
      expected: c.expected.value === "" ? null : c.expected.value,
      actual: c.resolvedTotal,
    })),
  };
}
