import { columnIndex, type PlannerTables } from "../../model/schema";
import { columnLetter, quoteSheet } from "../../plan/a1";
import type { CellTarget } from "../../host/host";

/**
 * "Measures!E7": where a finding's cell is, from the table's position as read. Null when the
 * table was read without a position (then the pane names table, row and column instead).
 */
export function cellAddress(target: CellTarget, tables: PlannerTables | null): string | null {
  const table = tables?.[target.table as keyof PlannerTables];
  const loc = table?.location;
  if (!table || !loc) return null;
  const ci = target.column ? columnIndex(table, target.column) : 0;
  const col = loc.col + Math.max(0, ci);
  const row = loc.row + (target.row ?? 0);
  return `${quoteSheet(loc.sheet)}!${columnLetter(col)}${row + 1}`;
}
