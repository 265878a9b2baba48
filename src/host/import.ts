import { tablesToFramework } from "../model/convert";
import { findTable, TABLE_HEADERS } from "../model/schema";
import { planImport, readImportSource, type ImportReport } from "../io/import";
import type { Host, Progress } from "./host";

export interface ImportRequest {
  name: string;
  bytes: Uint8Array;
  /** A dry run reports and writes nothing. */
  dryRun: boolean;
  mode: "merge" | "replace";
  /** The planner's override: Measures header → 0-based source column. */
  mapping?: Record<string, number>;
  asOfYear: number;
  progress?: Progress;
}

/**
 * Imports measures from any xlsx/csv into the workbook's Measures table by No.: the report
 * first; on confirmation the merged table is written (the host keeps a restorable copy).
 */
export async function importMeasures(host: Host, request: ImportRequest): Promise<ImportReport> {
  const tables = await host.readTables();
  const target = findTable(tables, "Measures");
  if (!target) throw new Error("This workbook has no Measures table yet: set up the planner tables first, then import.");
  request.progress?.(0, 3, "read");
  const source = await readImportSource(request.name, request.bytes);
  request.progress?.(1, 3, "plan");
  const report = planImport(
    source,
    target.headers.length > 0 ? target : { ...target, headers: [...TABLE_HEADERS.Measures] },
    tablesToFramework(tables, request.asOfYear),
    { mode: request.mode, mapping: request.mapping },
  );
  if (!request.dryRun) await host.writeTable({ ...report.result, name: target.name }, request.progress);
  request.progress?.(3, 3, "done");
  return report;
}
