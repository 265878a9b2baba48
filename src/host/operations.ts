import { resolveAsOfYear } from "../model/as-of";
import { builtinFramework } from "../model/builtin";
import { tablesToFramework } from "../model/convert";
import type { PlannerTables } from "../model/schema";
import type { FrameworkId } from "../model/types";
import { ownedSheetsPlan } from "../plan/owned-sheets";
import { setupPlan } from "../plan/setup";
import { validationSheet } from "../plan/validation-sheet";
import type { Finding } from "../rules/finding";
import { validate } from "../rules/validate";
import type { Host, Progress } from "./host";

export type Language = "en" | "km";

export interface RunOptions {
  /** An explicit year (the CLI's --as-of); without it, the workbook's Framework "As of year", else this year. */
  asOfYear?: number;
  language?: Language;
  progress?: Progress;
}

/** Creates or repairs the planner tables; a built-in framework fills empty tables. */
export async function setupWorkbook(host: Host, id: FrameworkId, asOfYear: number, progress?: Progress): Promise<void> {
  await host.applyPlan(setupPlan(builtinFramework(id, asOfYear)), progress);
}

/** Validates the workbook, rebuilds the Validation sheet and marks the cells (in the same applyPlan). */
export async function checkWorkbook(host: Host, options: RunOptions = {}): Promise<{ tables: PlannerTables; findings: Finding[]; asOfYear: number }> {
  const tables = await host.readTables();
  // One truth: an explicit year, else the workbook's Framework "As of year", else this year.
  const asOfYear = resolveAsOfYear(tables, options.asOfYear);
  const findings = validate(tables, { asOfYear, language: options.language });
  const sheet = validationSheet(findings, tables, options.language ?? "en");
  await host.applyPlan({ sheets: [sheet], marks: true }, options.progress);
  return { tables, findings, asOfYear };
}

/** Validates, then rebuilds Summary, Briefing and Validation and marks the cells (one applyPlan). */
export async function buildSummary(host: Host, options: RunOptions = {}): Promise<{ tables: PlannerTables; findings: Finding[]; asOfYear: number }> {
  const tables = await host.readTables();
  const asOfYear = resolveAsOfYear(tables, options.asOfYear);
  const findings = validate(tables, { asOfYear, language: options.language });
  const plan = ownedSheetsPlan(tables, findings, { asOfYear, language: options.language ?? "en" });
  await host.applyPlan({ ...plan, marks: true }, options.progress);
  return { tables, findings, asOfYear };
}

export function frameworkOf(tables: PlannerTables, asOfYear: number) {
  return tablesToFramework(tables, asOfYear);
}
