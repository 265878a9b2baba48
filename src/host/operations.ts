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
  asOfYear?: number;
  language?: Language;
  progress?: Progress;
}

/** Creates or repairs the planner tables; a built-in framework fills empty tables. */
export async function setupWorkbook(host: Host, id: FrameworkId, asOfYear: number, progress?: Progress): Promise<void> {
  await host.applyPlan(setupPlan(builtinFramework(id, asOfYear)), progress);
}

/** Validates the workbook, rebuilds the Validation sheet and marks the cells (in the same applyPlan). */
export async function checkWorkbook(host: Host, options: RunOptions = {}): Promise<{ tables: PlannerTables; findings: Finding[] }> {
  const tables = await host.readTables();
  const findings = validate(tables, { asOfYear: options.asOfYear, language: options.language });
  const sheet = validationSheet(findings, tables, options.language ?? "en");
  await host.applyPlan({ sheets: [sheet], marks: true }, options.progress);
  return { tables, findings };
}

/** Validates, then rebuilds Summary, Briefing and Validation and marks the cells (one applyPlan). */
export async function buildSummary(host: Host, options: RunOptions = {}): Promise<{ tables: PlannerTables; findings: Finding[] }> {
  const tables = await host.readTables();
  const findings = validate(tables, { asOfYear: options.asOfYear, language: options.language });
  const plan = ownedSheetsPlan(tables, findings, { asOfYear: options.asOfYear, language: options.language ?? "en" });
  await host.applyPlan({ ...plan, marks: true }, options.progress);
  return { tables, findings };
}

export function frameworkOf(tables: PlannerTables, asOfYear: number) {
  return tablesToFramework(tables, asOfYear);
}
