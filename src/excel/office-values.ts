/**
 * Cells between the model and Office.js `Range.values` / `Range.formulas`.
 *
 * Excel parses strings written through `values` as if typed: "=x", "+x", "-x" become
 * formulas, "001" and "1" become numbers, "1/2" a date, "50%" a percentage, "TRUE" a
 * boolean. Planner text (the No. "12", a target "100%") must stay text, so such strings are
 * written with Excel's text prefix, an apostrophe, which Excel stores as a prefix, not as
 * part of the value.
 */
import { DAY_MS, EXCEL_EPOCH_MS } from "../model/cells";
import { hyperlinkFormula as planHyperlink } from "../plan/formulas";
import type { Cell } from "../model/types";

/** What Office.js takes in `values` / `formulas`. */
export type OfficeValue = string | number | boolean;

/** Strings Excel would not keep as the same text when written through `values`. */
export function needsTextPrefix(s: string): boolean {
  if (s === "") return false;
  if (/^[=+\-@'\t\r\n ]/.test(s) || /\s$/.test(s)) return true;
  if (/^(true|false)$/i.test(s)) return true;
  if (/^#(N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!|DIV\/0!|SPILL!|CALC!)$/i.test(s)) return true;
  // numbers in any form Excel reads: 1, 1.5, 1,000, .5, 1e3, 50%, $5, (5)
  if (/^[$€£¥]?\(?[\d.,]*\d[\d.,]*(e[-+]?\d+)?\)?%?$/i.test(s)) return true;
  // dates and times: 1/2, 2021-05-01, 1-Jan, 12:30
  if (/^\d{1,4}[/\-.]\d{1,2}([/\-.]\d{1,4})?\b/.test(s)) return true;
  const month = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
  if (
    new RegExp(`^\\d{1,2}[-/ ]${month}([-/ ]\\d{1,4})?$`, "i").test(s) ||
    new RegExp(`^${month}[-/ ]\\d{1,4}([-/ ,]+\\d{1,4})?$`, "i").test(s)
  )
    return true;
  if (/^\d{1,2}:\d{2}/.test(s)) return true;
  return false;
}

/** A model cell as Office.js `values` takes it (blank is ""). */
export function toOfficeValue(cell: Cell | undefined): OfficeValue {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "";
  if (typeof cell === "boolean") return cell;
  if (cell instanceof Date) return (cell.getTime() - EXCEL_EPOCH_MS) / DAY_MS;
  return needsTextPrefix(cell) ? `'${cell}` : cell;
}

/** An Office.js value as a model cell: "" is blank. */
export function fromOfficeValue(v: unknown): Cell {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

/** A formula for `Range.formulas` (plan formulas come without the "="). */
export function formulaText(formula: string): string {
  return formula.startsWith("=") ? formula : `=${formula}`;
}

/** The HYPERLINK formula (src/plan/formulas.ts) as Office.js \`formulas\` takes it. */
export function hyperlinkFormula(link: string, text: string): string {
  return formulaText(planHyperlink(link, text));
}
