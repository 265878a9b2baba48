/**
 * The import engine (header finding, normalising, merging) and the file reader it needs:
 * its own chunk, loaded only when the planner picks a file to import.
 */
import { tablesToFramework } from "../model/convert";
import { findTable, TABLE_HEADERS, type PlannerTables, type TableData } from "../model/schema";
import { planImport, readImportSource, type ImportReport, type ImportSourceRows } from "../io/import";

export type { ImportReport, ImportSourceRows };

/**
 * What importing `source` into the workbook's Measures table would do, in `mode`, with the
 * planner's column `mapping` (none: the columns as the header finder maps them).
 */
export function dryRun(
  source: ImportSourceRows,
  tables: PlannerTables,
  asOfYear: number,
  mode: "merge" | "replace",
  mapping?: Record<string, number>,
): ImportReport {
  const framework = tablesToFramework(tables, asOfYear);
  const target: TableData = findTable(tables, "Measures") ?? { name: "Measures", headers: [...TABLE_HEADERS.Measures], rows: [] };
  return planImport(
    source,
    target,
    { committees: framework.committees, timeframes: framework.timeframes, goals: framework.goals, strategies: framework.strategies },
    { mode, mapping },
  );
}

export { readImportSource };
