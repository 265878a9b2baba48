import { quoteSheet, rangeA1 } from "./a1";
import type { Severity } from "../rules/finding";

/** Where the Validation sheet keeps each finding's cell key and severity id (for the marks). */
export const VALIDATION_KEY_COLUMN = "H";
export const VALIDATION_SEVERITY_COLUMN = "I";

const FILLS: Record<Severity, string> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  info: "FFDDEBF7",
};

export interface MarkRule {
  /** A1 range of the table's data body. */
  range: string;
  /** Formula relative to the range's top-left cell. */
  formula: string;
  severity: Severity;
  fill: string;
  priority: number;
}

/** Tags the planner's own conditional formats, so a host replaces them and leaves the planner's others alone. */
export const MARK_TAG = "PolicyPlannerMark";

/** The conditional-format formula a host writes for a mark rule: the rule's test, tagged (N("…")=0 is always true). */
export function markFormula(rule: Pick<MarkRule, "formula">): string {
  return `AND(${rule.formula},N("${MARK_TAG}")=0)`;
}

/** Whether a conditional format's formula is one of the planner's marks. */
export function isMarkFormula(formula: unknown): boolean {
  return String(formula ?? "").includes(MARK_TAG);
}

/** A plan that only re-marks the tables from the Validation sheet (the benchmark's `mark`). */
export const MARKS_ONLY: Readonly<{ sheets: []; marks: true }> = { sheets: [], marks: true };

/** The key a finding's cell has in the Validation sheet: "Measures!$E$7". */
export function cellKey(sheet: string, address: string): string {
  return `${quoteSheet(sheet)}!${address}`;
}

/** Where a table sits: its header's top-left cell (0-based), its columns and data rows. */
export interface TableExtent {
  sheet: string;
  row: number;
  col: number;
  width: number;
  height: number;
}

/** One conditional-format rule per severity over a table's data body. */
export function markRules(table: TableExtent): MarkRule[] {
  const { sheet, row, col } = table;
  const height = Math.max(1, table.height);
  const range = rangeA1({ row: row + 1, col }, { row: row + height, col: col + table.width - 1 });
  const severities: Severity[] = ["error", "warning", "info"];
  return severities.map((severity, i) => ({
    range,
    severity,
    fill: FILLS[severity],
    priority: i + 1,
    formula:
      `COUNTIFS(Validation!$${VALIDATION_KEY_COLUMN}:$${VALIDATION_KEY_COLUMN},"${quoteSheet(sheet).replace(/"/g, '""')}!"&ADDRESS(ROW(),COLUMN()),` +
      `Validation!$${VALIDATION_SEVERITY_COLUMN}:$${VALIDATION_SEVERITY_COLUMN},"${severity}")>0`,
  }));
}
