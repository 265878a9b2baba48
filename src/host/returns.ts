import {
  planReturns,
  planRun,
  type ReturnsOptions,
  type ReturnsPlan,
  type RunOptions,
  type RunReport,
  type RunSource,
} from "../import/returns";
import { resolveAsOfYear } from "../model/as-of";
import { findTable, type PlannerTables } from "../model/schema";
import { progressSheetPlan } from "../plan/progress-sheet";
import { NoMeasuresTableError } from "./errors";
import type { Host, Progress } from "./host";
import { NO_MEASURES_TABLE } from "./import";

/** The returns to send out for the workbook the host holds: one read, nothing written. */
export async function planWorkbookReturns(
  host: Host,
  options: ReturnsOptions
): Promise<ReturnsPlan> {
  return planReturns(await host.readTables(), options);
}

export interface RunRequest extends Omit<RunOptions, "asOfYear"> {
  /** An explicit year (--as-of); without it, the workbook's Framework "As of year", else this year. */
  asOfYear?: number;
  /** Each source's rows (and Return table), read from its bytes by the front end (src/io/return-source.ts). */
  sources: RunSource[];
  progress?: Progress;
}

export interface RunPreview {
  report: RunReport;
  /** The tables as read for this preview (one read per operation). */
  tables: PlannerTables;
}

/** What importing every source would do, with the conflicts and the findings it would add; writes nothing. */
export async function previewRun(host: Host, request: RunRequest): Promise<RunPreview> {
  request.progress?.(0, 3, "read");
  const tables = await host.readTables();
  if (!findTable(tables, "Measures")) throw new NoMeasuresTableError(NO_MEASURES_TABLE);
  request.progress?.(1, 3, "plan");
  return {
    report: planRun(request.sources, tables, {
      ...request,
      asOfYear: resolveAsOfYear(tables, request.asOfYear),
    }),
    tables,
  };
}

/** Writes a previewed run: the merged Measures, then Progress (created by the first run that records a period). */
export async function applyRun(
  host: Host,
  preview: RunPreview,
  progress?: Progress
): Promise<void> {
  await writeRun(host, preview, progress);
}

/** applyRun, then the tables as they now are (one read: Progress may be new, and where it sits is the host's). */
export async function applyRunAndRead(
  host: Host,
  preview: RunPreview,
  progress?: Progress
): Promise<PlannerTables> {
  await writeRun(host, preview, progress);
  return host.readTables();
}

async function writeRun(host: Host, preview: RunPreview, progress?: Progress): Promise<void> {
  const target = findTable(preview.tables, "Measures");
  if (!target) throw new NoMeasuresTableError(NO_MEASURES_TABLE);
  await host.writeTable({ ...preview.report.result, name: target.name }, progress);
  const history = preview.report.progressResult;
  if (!history) return;
  const existing = findTable(preview.tables, "Progress");
  if (existing) await host.writeTable({ ...history, name: existing.name }, progress);
  else await host.applyPlan({ sheets: [progressSheetPlan(history)] }, progress);
}

/** Preview, then (unless a dry run) apply: the CLI's one call. */
export async function importRun(
  host: Host,
  request: RunRequest & { dryRun: boolean }
): Promise<RunReport> {
  const preview = await previewRun(host, request);
  if (!request.dryRun) await applyRun(host, preview, request.progress);
  request.progress?.(3, 3, "done");
  return preview.report;
}
