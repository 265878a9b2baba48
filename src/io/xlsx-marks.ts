import type ExcelJS from "exceljs";
import { isMarkFormula, markFormula, markRules } from "../plan/marks";
import type { XlsxBook } from "./xlsx-book";

/**
 * Highlights finding cells with conditional formats that look the cell up in the Validation
 * sheet: a fixed number of rules per table whatever the number of findings, cleared and
 * re-added on every run, never touching the planner's own fills. XlsxBook.applyPlan runs it
 * when `plan.marks` (the findings are in the Validation sheet; the rules read it).
 */
export function markFindingsRules(book: XlsxBook): void {
  for (const t of book.tableExtents()) {
    const sheet = book.wb.getWorksheet(t.sheet);
    if (!sheet) continue;
    removeOurRules(sheet);
    for (const rule of markRules(t)) {
      sheet.addConditionalFormatting({
        ref: rule.range,
        rules: [
          {
            type: "expression",
            priority: rule.priority,
            formulae: [markFormula(rule)],
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: rule.fill } } },
          },
        ],
      });
    }
  }
}

/** ExcelJS's removeConditionalFormatting(fn) KEEPS the formats for which fn is true. */
function removeOurRules(sheet: ExcelJS.Worksheet): void {
  sheet.removeConditionalFormatting(
    (cf: ExcelJS.ConditionalFormattingOptions) => !cf.rules.some((r) => "formulae" in r && (r.formulae ?? []).some(isMarkFormula)),
  );
}
