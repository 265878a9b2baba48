import { tablesToFramework } from "../model/convert";
import { findTable, TABLE_NAMES, type PlannerTables } from "../model/schema";
import type { Language } from "../model/types";
import { setupPlan } from "../plan/setup";
import type { Host } from "./host";
import { buildSummary } from "./operations";

/**
 * A workbook built from planner tables already read (for Excel hosts that cannot hand over the
 * open workbook as a file): into `blank`, a new empty workbook, the seven tables as read, extra
 * columns and all, then the Summary, Briefing and Validation sheets. Its .xlsx bytes.
 */
export async function workbookFromTables(
  blank: Host,
  tables: PlannerTables,
  options: { asOfYear: number; language: Language }
): Promise<Uint8Array> {
  const framework = tablesToFramework(tables, options.asOfYear);
  await blank.applyPlan(setupPlan({ ...framework, measures: [] }));
  for (const name of TABLE_NAMES) {
    const t = findTable(tables, name);
    if (t) await blank.writeTable({ ...t, name });
  }
  if (findTable(tables, "Measures")) await buildSummary(blank, options);
  return blank.exportXlsx();
}
