/**
 * Lazily loaded chunk "files": the file host (ExcelJS and the workbook writer). Heavy; loaded
 * only when the planner opens, creates or writes a workbook file.
 */
import { workbookFromTables } from "../../host/new-workbook";
import { FileHost } from "../../io/file-host";
import type { PlannerTables } from "../../model/schema";
import type { Language } from "../../model/types";

export { FileHost };
export { csvToMeasuresHost } from "../../io/csv-workbook";

/** An .xlsx built from the planner tables in a new file workbook (the operation in src/host/new-workbook.ts). */
export function xlsxFromTables(
  tables: PlannerTables,
  options: { asOfYear: number; language: Language }
): Promise<Uint8Array> {
  return workbookFromTables(FileHost.blank(), tables, options);
}
