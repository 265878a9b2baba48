/**
 * The sheets the add-in owns and rebuilds whole: Summary, one Briefing per committee, Validation.
 * Every one prints on A4, one page wide, with the framework's name and page numbers in its footer.
 */
import { tablesToFramework } from "../model/convert";
import type { PlannerTables } from "../model/schema";
import type { Framework } from "../model/types";
import type { Finding } from "../rules/finding";
import { summarise, sourcesFromTables, type SummaryData } from "../summary";
import type { ReferenceStyle } from "../summary/formula";
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
  if (asOfYear !== undefined && Number.isInteger(asOfYear)) f.settings = { ...f.settings, asOfYear };
  return f;
}

/**
 * The summary of the workbook's tables: numbers computed from the cells as the formulas will
 * read them (blank rows, text years and all), so that the cached values equal a recalculation.
 */
export function workbookSummary(tables: PlannerTables, framework: Framework, attentionLimit?: number): SummaryData {
  return summarise(framework, { sources: sourcesFromTables(tables), attentionLimit });
}

export function ownedSheetsPlan(tables: PlannerTables, findings: Finding[], options: OwnedSheetsOptions): WorkbookPlan {
  const framework = frameworkForSheets(tables, options.asOfYear);
  return ownedSheets(tables, findings, framework, workbookSummary(tables, framework, options.attentionLimit), options);
}

/** The owned sheets from a framework and summary already worked out (by the caller, who uses them too). */
export function ownedSheets(tables: PlannerTables, findings: Finding[], framework: Framework, data: SummaryData, options: OwnedSheetsOptions): WorkbookPlan {
  const language: Language = options.language === "km" ? "km" : "en";
  const sheets = [
    summarySheet(framework, data, language, { references: options.references }),
    ...briefingSheets(framework, language),
    validationSheet(findings, tables, language),
  ];
  return {
    sheets: sheets.map((s) => withPageSetup(s, framework.settings.name, language)),
    retire: sheets.some((s) => s.name.toLowerCase() === LEGACY_BRIEFING_SHEET.toLowerCase()) ? [] : [LEGACY_BRIEFING_SHEET],
  };
}

/** A4 and a footer (the framework's name, "Page n of m") where the sheet's plan sets none. */
export function withPageSetup(sheet: PlanSheet, frameworkName: string, language: Language): PlanSheet {
  if (!sheet.print) return sheet;
  const footer = sheet.print.footer ?? { left: headerText(frameworkName), right: label(language, "pageOf") };
  return { ...sheet, print: { ...sheet.print, paper: "A4", footer } };
}
