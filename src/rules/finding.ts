import type { TableName } from "../model/schema";

export type Severity = "error" | "warning" | "info";

export const RULE_IDS = [
  "column-missing",
  "reference-missing",
  "key-missing",
  "key-duplicate",
  "required-missing",
  "goal-unknown",
  "strategy-unknown",
  "strategy-goal-mismatch",
  "committee-unknown",
  "committee-lead-repeated",
  "committee-not-responsible",
  "committee-support-missing",
  "committee-count",
  "measure-count",
  "timeframe-unknown",
  "year-invalid",
  "year-order",
  "year-out-of-period",
  "timeframe-mismatch",
  "status-unknown",
  "progress-invalid",
  "progress-status-mismatch",
  "overdue",
  "not-started-late",
  "reference-invalid",
  "period-invalid",
  "progress-key-unknown",
  "progress-decrease",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One finding, as DESIGN.md defines it. `row` is 1-based within the table's data rows. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  table: TableName;
  row: number | null;
  column: string | null;
  key: string | null;
  message: string;
  /** The values the message was made from, so it can be told again in another language. */
  params: Record<string, string | number>;
  /** The row as Excel shows it on the sheet (1-based, header included); absent when the table has no known place. */
  sheetRow?: number;
  /** The finding's cell, "Measures!I39" (a row's first cell without a column, the header without a row). */
  cell?: string;
}

/** The severity of each rule: the DESIGN.md "Findings (validation)" table. */
export const RULE_SEVERITY: Readonly<Record<RuleId, Severity>> = {
  "column-missing": "error",
  "reference-missing": "error",
  "key-missing": "error",
  "key-duplicate": "error",
  "required-missing": "error",
  "goal-unknown": "error",
  "strategy-unknown": "error",
  "strategy-goal-mismatch": "error",
  "committee-unknown": "error",
  "committee-lead-repeated": "warning",
  "committee-not-responsible": "error",
  "committee-support-missing": "warning",
  "committee-count": "warning",
  "measure-count": "info",
  "timeframe-unknown": "error",
  "year-invalid": "error",
  "year-order": "error",
  "year-out-of-period": "error",
  "timeframe-mismatch": "warning",
  "status-unknown": "error",
  "progress-invalid": "error",
  "progress-status-mismatch": "warning",
  overdue: "warning",
  "not-started-late": "warning",
  "reference-invalid": "error",
  "period-invalid": "error",
  "progress-key-unknown": "error",
  "progress-decrease": "warning",
};

import type { Language } from "../model/types";
export type { Language };
