import {
  planImportInto,
  type ImportChoice,
  type ImportReport,
  type ImportSourceRows,
} from "../import";
import { resolveAsOfYear } from "../model/as-of";
import { findTable, type PlannerTables } from "../model/schema";
import { NoMeasuresTableError } from "./errors";
import type { Host, Progress } from "./host";

export interface ImportRequest extends ImportChoice {
  /** The source's rows, read from its bytes by the front end (src/io/import-source.ts). */
  source: ImportSourceRows;
  /** An explicit year (--as-of); without it, the workbook's Framework "As of year", else this year. */
  asOfYear?: number;
  progress?: Progress;
}

export interface ImportPreview {
  report: ImportReport;
  /** The tables as read for this preview (one read per operation). */
  tables: PlannerTables;
}

export const NO_MEASURES_TABLE =
  "This workbook has no Measures table yet: set up the planner tables first, then import.";

/** What the import would do, from one read of the workbook; writes nothing. */
export async function previewImport(host: Host, request: ImportRequest): Promise<ImportPreview> {
  request.progress?.(0, 3, "read");
  const tables = await host.readTables();
  if (!findTable(tables, "Measures")) throw new NoMeasuresTableError(NO_MEASURES_TABLE);
  request.progress?.(1, 3, "plan");
  return {
    report: planImportInto(
      request.source,
      tables,
      resolveAsOfYear(tables, request.asOfYear),
      request
    ),
    tables,
  };
}

/**
 * Writes a previewed import's merged Measures table (the host keeps a restorable copy). The
 * tables as they now are: the preview's, with the Measures table written (it stays where it was).
 */
export async function applyImport(
  host: Host,
  preview: ImportPreview,
  progress?: Progress
): Promise<PlannerTables> {
  const target = findTable(preview.tables, "Measures");
  if (!target) throw new NoMeasuresTableError(NO_MEASURES_TABLE);
  const written = { ...preview.report.result, name: target.name };
  await host.writeTable(written, progress);
  return { ...preview.tables, Measures: { ...written, location: target.location } };
}

/** Puts back the table the last import replaced; its name (null: nothing to undo) and the tables as they now are. */
export async function undoImport(
  host: Host
): Promise<{ restored: string | null; tables: PlannerTables }> {
  const restored = host.restoreTable ? await host.restoreTable() : null;
  return { restored, tables: await host.readTables() };
}

/** Preview, then (unless a dry run) apply: the CLI's one call. */
export async function importMeasures(
  host: Host,
  request: ImportRequest & { dryRun: boolean }
): Promise<ImportReport> {
  const preview = await previewImport(host, request);
  if (!request.dryRun) await applyImport(host, preview, request.progress);
  request.progress?.(3, 3, "done");
  return preview.report;
}
