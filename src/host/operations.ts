/**
 * The workbook operations every front end calls (task pane, ribbon commands, CLI): each reads
 * the tables once, checks its preconditions before anything is written, and returns what the
 * front ends show. The As of year is the front end's explicit choice, else the workbook's
 * Framework "As of year", else this year (model/as-of.ts).
 */
import { resolveAsOfYear } from "../model/as-of";
import { builtinFramework } from "../model/builtin";
import { countDataRows, findTable, type PlannerTables } from "../model/schema";
import type { FrameworkId, Language } from "../model/types";
import { computeDashboard, dashboardOf, type Dashboard } from "../plan/dashboard";
import { frameworkForSheets, ownedSheets, workbookSummary } from "../plan/owned-sheets";
import { setupPlan } from "../plan/setup";
import { validationSheet } from "../plan/validation-sheet";
import type { Finding, Severity } from "../rules/finding";
import {
  committeeChoices,
  findingCommittees,
  severityCounts,
  workbookCommittees,
  type CommitteeChoice,
} from "../rules/finding-groups";
import { validate } from "../rules/validate";
import { NoMeasuresTableError } from "./errors";
import type { Host, Progress } from "./host";

export type { Language };

/** What an operation needs from the front end. */
export interface OperationOptions {
  /** An explicit year (the CLI's --as-of, the pane's setting); without it, the workbook's Framework "As of year", else this year. */
  asOfYear?: number;
  /** The language of the sheets and messages written (default English). */
  language?: Language;
  progress?: Progress;
}

/** Findings as every front end shows them. */
export interface CheckedWorkbook {
  /** The tables as read for this operation. */
  tables: PlannerTables;
  /** The As of year the findings were judged at. */
  asOfYear: number;
  findings: Finding[];
  /** The committee codes each finding concerns (parallel to findings), for the filter. */
  committees: string[][];
  choices: CommitteeChoice[];
  counts: Record<Severity, number>;
}

export interface SummarisedWorkbook {
  tables: PlannerTables;
  dashboard: Dashboard;
}

function measureCount(tables: PlannerTables): number {
  return countDataRows(findTable(tables, "Measures"));
}

function requireMeasures(tables: PlannerTables): void {
  if (!findTable(tables, "Measures")) throw new NoMeasuresTableError();
}

/** What checkWorkbook returns, for findings made elsewhere (the live check's). */
export function checked(
  tables: PlannerTables,
  asOfYear: number,
  findings: Finding[]
): CheckedWorkbook {
  const committees = workbookCommittees(tables);
  return {
    tables,
    asOfYear,
    findings,
    committees: findingCommittees(findings, tables, committees),
    choices: committeeChoices(committees),
    counts: severityCounts(findings),
  };
}

/** Creates or repairs the planner tables; a built-in framework fills empty tables. */
export async function setupWorkbook(
  host: Host,
  id: FrameworkId,
  asOfYear: number,
  progress?: Progress
): Promise<void> {
  await host.applyPlan(setupPlan(builtinFramework(id, asOfYear)), progress);
}

/** setupWorkbook, then the tables as they now are (what the front ends show after a setup). */
export async function setupAndRead(
  host: Host,
  id: FrameworkId,
  asOfYear: number,
  progress?: Progress
): Promise<{ tables: PlannerTables; measures: number }> {
  await setupWorkbook(host, id, asOfYear, progress);
  const tables = await host.readTables();
  return { tables, measures: measureCount(tables) };
}

/** Validates the workbook, rebuilds the Validation sheet and marks the cells (in the same applyPlan). */
export async function checkWorkbook(
  host: Host,
  options: OperationOptions = {}
): Promise<CheckedWorkbook> {
  const tables = await host.readTables();
  requireMeasures(tables);
  const asOfYear = resolveAsOfYear(tables, options.asOfYear);
  const findings = validate(tables, { asOfYear, language: options.language });
  const sheet = validationSheet(findings, tables, options.language ?? "en");
  await host.applyPlan({ sheets: [sheet], marks: true }, options.progress);
  return checked(tables, asOfYear, findings);
}

/** The findings from one read, writing nothing (the CLI's validate: there is no file to save). */
export async function validateWorkbook(
  host: Host,
  options: OperationOptions = {}
): Promise<CheckedWorkbook> {
  const tables = await host.readTables();
  requireMeasures(tables);
  const asOfYear = resolveAsOfYear(tables, options.asOfYear);
  return checked(tables, asOfYear, validate(tables, { asOfYear, language: options.language }));
}

/** The key numbers, from one read; writes nothing. */
export async function summariseWorkbook(
  host: Host,
  options: Pick<OperationOptions, "asOfYear"> = {}
): Promise<SummarisedWorkbook> {
  const tables = await host.readTables();
  requireMeasures(tables);
  return { tables, dashboard: computeDashboard(tables, resolveAsOfYear(tables, options.asOfYear)) };
}

/** Validates, then rebuilds Summary, Briefing and Validation and marks the cells (one applyPlan). */
export async function buildSummary(
  host: Host,
  options: OperationOptions = {}
): Promise<CheckedWorkbook & SummarisedWorkbook> {
  const tables = await host.readTables();
  requireMeasures(tables);
  const asOfYear = resolveAsOfYear(tables, options.asOfYear);
  const findings = validate(tables, { asOfYear, language: options.language });
  const framework = frameworkForSheets(tables, asOfYear);
  const data = workbookSummary(tables, framework);
  const plan = ownedSheets(tables, findings, framework, data, {
    asOfYear,
    language: options.language ?? "en",
  });
  await host.applyPlan({ ...plan, marks: true }, options.progress);
  return { ...checked(tables, asOfYear, findings), dashboard: dashboardOf(framework, data) };
}
