/**
 * The import engine (header finding, normalising, merging) and the file reader it needs:
 * its own chunk, loaded only when the planner picks a file to import.
 */
import type { PlannerTables } from "../model/schema";
import { planImportInto, type ImportReport, type ImportSourceRows } from "../import";
import { readImportSource } from "../io/import-source";

export type { ImportReport, ImportSourceRows };

/** What importing `source` into the workbook's Measures table would do (the import core's one function). */
export function dryRun(
  source: ImportSourceRows,
  tables: PlannerTables,
  asOfYear: number,
  mode: "merge" | "replace",
  mapping?: Record<string, number>,
): ImportReport {
  return planImportInto(source, tables, asOfYear, { mode, mapping });
}

export { readImportSource };
