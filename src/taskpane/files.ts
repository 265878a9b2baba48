/**
 * The file host: ExcelJS and the workbook writer. Heavy; loaded only when the planner opens,
 * creates or writes a workbook file.
 */
import { buildSummary } from "../host/operations";
import { FileHost } from "../io/file-host";
import { tablesToFramework } from "../model/convert";
import { findTable, TABLE_NAMES, type PlannerTables } from "../model/schema";
import { setupPlan } from "../plan/setup";
import type { Language } from "../rules/finding";

export { FileHost };
export { csvToMeasuresHost } from "../io/csv-workbook";

/**
 * An .xlsx built from the planner tables (for Excel hosts that cannot hand over the open
 * workbook as a file): the seven tables as read, extra columns and all, then the Summary,
 * Briefing and Validation sheets.
 */
export async function workbookFromTables(tables: PlannerTables, asOfYear: number, language: Language): Promise<Uint8Array> {
  const host = FileHost.blank();
  const framework = tablesToFramework(tables, asOfYear);
  await host.applyPlan(setupPlan({ ...framework, measures: [] }));
  for (const name of TABLE_NAMES) {
    const t = findTable(tables, name);
    if (t) await host.writeTable({ ...t, name });
  }
  if (findTable(tables, "Measures")) await buildSummary(host, { asOfYear, language });
  return host.exportXlsx();
}
