/**
 * The sheets the add-in owns and rebuilds whole: Summary, one Briefing per committee, Validation.
 * Every one prints on A4, one page wide, with the framework's name and page numbers in its footer.
 */
import { tablesToFramework } from "../model/convert";
import { findTable, type PlannerTables } from "../model/schema";
import type { Framework } from "../model/types";
import type { Finding } from "../rules/finding";
import { summarise, sourcesFromTables, type SummaryData } from "../summary";
import type { ReferenceStyle } from "../summary/formula";
import { periodHistory } from "../summary/periods";
import { briefingSheets, headerText, LEGACY_BRIEFING_SHEET } from "./briefing-sheet";
import { label, type Language } from "./labels";
import { summarySheet } from "./summary-sheet";
import type { PlanSheet, WorkbookPlan } from "./types";
import { validationSheet } from "./validation-sheet";

export interface OwnedSheetsOptions {
  /** Overrides the Framework table's As of year (else that, else this year). */
  asOfYear?: number;
  language: Language;
  /** How many measures needing attention the Summary lists (default 10). */
  attentionLimit?: number;
  /** Summary formula references: structured (default) or plain A1 ranges. */
  references?: ReferenceStyle;
}

/** The framework as the tables hold it, with the As of year the caller chose. */
export function frameworkForSheets(tables: PlannerTables, asOfYear?: number): Framework {
  const f = tablesToFramework(tables, asOfYear ?? new Date().getFullYear());
  if (asOfYear !== undefined && Number.isInteger(asOfYear))
    f.settings = { ...f.settings, asOfYear };
  return f;
}

/**
 * The summary of the workbook's tables: numbers computed from the cells as the formulas will
 * read them (blank rows, text years and all), so that the cached values equal a recalculation.
 */
export function workbookSummary(
  tables: PlannerTables,
  framework: Framework,
  attentionLimit?: number
): SummaryData {
  return summarise(framework, { sources: sourcesFromTables(tables), attentionLimit });
}

export function ownedSheetsPlan(
  tables: PlannerTables,
  findings: Finding[],
  options: OwnedSheetsOptions
): WorkbookPlan {
  const framework = frameworkForSheets(tables, options.asOfYear);
  return ownedSheets(
    tables,
    findings,
    framework,
    workbookSummary(tables, framework, options.attentionLimit),
    options
  );
}

/** The owned sheets from a framework and summary already worked out (by the caller, who uses them too). */
export function ownedSheets(
  tables: PlannerTables,
  findings: Finding[],
  framework: Framework,
  data: SummaryData,
  options: OwnedSheetsOptions
): WorkbookPlan {
  const language: Language = options.language === "km" ? "km" : "en";
  const periods = periodHistory(findTable(tables, "Progress"));
  const sheets = [
    summarySheet(framework, data, language, { references: options.references, periods }),
    ...briefingSheets(framework, language, periods),
    validationSheet(findings, tables, language),
  ];
  return {
    sheets: sheets.map((s) => withPageSetup(s, framework.settings.name, language)),
    retire: sheets.some((s) => s.name.toLowerCase() === LEGACY_BRIEFING_SHEET.toLowerCase())
      ? []
      : [LEGACY_BRIEFING_SHEET],
  };
}

/**
 * The marker every sheet the add-in owns carries: a sheet-scoped defined name that refers to
 * the sheet's A1. A sheet with an owned name (Summary, Briefing, Validation…) but without it is
 * the planner's, and is never rebuilt.
 */
export const OWNED_MARKER = "PolicyPlanner_Owned";

/** What the marker refers to: `'Summary'!$A$1` (always quoted, valid for any sheet name). */
export function ownedMarkerFormula(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'!$A$1`;
}

/** An existing sheet as a host sees it before rebuilding sheets of the same name. */
export interface ExistingSheet {
  name: string;
  /** Carries the OWNED_MARKER name. */
  marked: boolean;
  /** Holds an Excel table (a planner table or one of the planner's own). */
  hasTable: boolean;
  /** The text of A1, for sheets written before the marker existed. */
  a1: string;
}

/** Titles an owned sheet's A1 had before the marker (Policy Planner 0.1, en and km). */
const OLDER_TITLES: Record<string, RegExp> = {
  summary: /^(Summary|សេចក្តីសង្ខេប|Briefing summary|សេចក្តីសង្ខេបសម្រាប់ការបង្ហាញ)( — .*)?$/,
  briefing: /^.* — (measures|វិធានការ)$/,
  validation: /^(Validation|ការត្រួតពិនិត្យ)$/,
};

/**
 * A sheet written by a version before the marker: unmarked, an owned name (Summary, Validation,
 * Briefing or "Briefing <committee>"), no
 * table on it, and A1 is that sheet's title as we wrote it. Such a sheet is rebuilt (and marked).
 */
export function isOlderOwnedSheet(sheet: ExistingSheet): boolean {
  // "Briefing DGC": the per-committee Briefing sheets of the version just before the marker.
  const title = OLDER_TITLES[sheet.name.toLowerCase().replace(/^briefing .*$/, "briefing")];
  return !sheet.marked && !sheet.hasTable && title !== undefined && title.test(sheet.a1.trim());
}

/** Refusal to rebuild a sheet the planner made, before anything is written. */
export class OwnedSheetConflict extends Error {
  constructor(readonly sheet: string) {
    super(
      `the sheet "${sheet}" is the planner's own (Policy Planner did not make it), so it is not replaced: rename that sheet, then run this again.`
    );
    this.name = "OwnedSheetConflict";
  }
}

/** Throws OwnedSheetConflict for the first owned plan sheet whose name an unowned sheet holds. */
export function checkOwnedSheets(plan: WorkbookPlan, existing: readonly ExistingSheet[]): void {
  const byName = new Map(existing.map((s) => [s.name.toLowerCase(), s]));
  for (const sheet of plan.sheets) {
    if (!sheet.owned) continue;
    const there = byName.get(sheet.name.toLowerCase());
    if (there && !there.marked && !isOlderOwnedSheet(there))
      throw new OwnedSheetConflict(there.name);
  }
}

/** A4 and a footer (the framework's name, "Page n of m") where the sheet's plan sets none. */
export function withPageSetup(
  sheet: PlanSheet,
  frameworkName: string,
  language: Language
): PlanSheet {
  if (!sheet.print) return sheet;
  const footer = sheet.print.footer ?? {
    left: headerText(frameworkName),
    right: label(language, "pageOf"),
  };
  return { ...sheet, print: { ...sheet.print, paper: "A4", footer } };
}
