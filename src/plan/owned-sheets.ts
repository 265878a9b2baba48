/**
 * The three sheets the add-in owns and rebuilds whole: Summary, Briefing, Validation.
 */
import { tablesToFramework } from "../model/convert";
import type { PlannerTables } from "../model/schema";
import type { Framework } from "../model/types";
import type { Finding } from "../rules/finding";
import { summarise, sourcesFromTables, type SummaryData } from "../summary";
import type { ReferenceStyle } from "../summary/formula";
import { briefingSheet } from "./briefing-sheet";
import type { Language } from "./labels";
import { summarySheet } from "./summary-sheet";
import type { WorkbookPlan } from "./types";
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

/** The three sheets from a framework and summary already worked out (by the caller, who uses them too). */
export function ownedSheets(tables: PlannerTables, findings: Finding[], framework: Framework, data: SummaryData, options: OwnedSheetsOptions): WorkbookPlan {
  const language: Language = options.language === "km" ? "km" : "en";
  return {
    sheets: [
      summarySheet(framework, data, language, { references: options.references }),
      briefingSheet(framework, language),
      validationSheet(findings, tables, language),
    ],
  };
}
