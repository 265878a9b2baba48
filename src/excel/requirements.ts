/**
 * Requirement sets of the Office layer.
 *
 * The floor is what manifest.xml declares in `<Requirements>`: data validation
 * (`Range.dataValidation`) and `runtime.enableEvents` are ExcelApi 1.8, and everything else
 * the add-in always uses is at or below it (tables, ranges, charts 1.1; getResizedRange,
 * merge 1.2; getItemOrNullObject 1.4; conditionalFormats and suspendApiCalculation 1.6;
 * getRangeByIndexes, freezePanes, tabColor, chart series setValues 1.7).
 *
 * Anything newer is used only behind `supports(version)` and has a fallback; GUARDED lists
 * each such member (tests/excel/requirements.test.ts checks that every newer member the code
 * touches sits inside such a guard and is listed here).
 */

/** The ExcelApi version manifest.xml declares (`<Set Name="ExcelApi" MinVersion="1.8"/>`). */
export const EXCEL_API_FLOOR = "1.8";

export interface GuardedApi {
  /** `Class.member`, as in the Office.js reference. */
  member: string;
  set: string;
  /** What the add-in does where the set is missing. */
  fallback: string;
}

export const GUARDED: readonly GuardedApi[] = [
  { member: "Worksheet.pageLayout", set: "1.9", fallback: "print settings are skipped (the sheet is still built)" },
  { member: "PageLayout.orientation", set: "1.9", fallback: "skipped with the rest of the print settings" },
  { member: "PageLayout.zoom", set: "1.9", fallback: "skipped with the rest of the print settings" },
  { member: "PageLayout.setPrintArea", set: "1.9", fallback: "skipped with the rest of the print settings" },
  { member: "PageLayout.setPrintTitleRows", set: "1.9", fallback: "skipped with the rest of the print settings" },
  { member: "PageLayout.paperSize", set: "1.9", fallback: "skipped with the rest of the print settings (the printer's default paper)" },
  { member: "PageLayout.topMargin", set: "1.9", fallback: "skipped with the rest of the print settings" },
  { member: "PageLayout.bottomMargin", set: "1.9", fallback: "skipped with the rest of the print settings" },
  { member: "PageLayout.leftMargin", set: "1.9", fallback: "skipped with the rest of the print settings" },
  { member: "PageLayout.rightMargin", set: "1.9", fallback: "skipped with the rest of the print settings" },
  { member: "PageLayout.headerMargin", set: "1.9", fallback: "skipped with the rest of the print settings" },
  { member: "PageLayout.footerMargin", set: "1.9", fallback: "skipped with the rest of the print settings" },
  { member: "PageLayout.headersFooters", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooterGroup.defaultForAllPages", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooter.leftHeader", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooter.centerHeader", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooter.rightHeader", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooter.leftFooter", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooter.centerFooter", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooter.rightFooter", set: "1.9", fallback: "no page header or footer" },
  { member: "Worksheet.horizontalPageBreaks", set: "1.9", fallback: "no manual page breaks (the Summary's cover runs into its details)" },
  { member: "PageBreakCollection.add", set: "1.9", fallback: "no manual page breaks" },
  { member: "Application.suspendScreenUpdatingUntilNextSync", set: "1.9", fallback: "the screen repaints during bulk writes" },
  { member: "Range.copyFrom", set: "1.9", fallback: "the table backup is read and written through the add-in instead of copied inside Excel" },
  { member: "Table.resize", set: "1.13", fallback: "new rows are appended with table.rows.add in payload-sized blocks" },
];

/** The optional sets the host checks once per operation (Capabilities in writer.ts). */
export const CAPABILITY_SETS = { api19: "1.9", api113: "1.13" } as const;

/** "1.10" > "1.9": compares dotted versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether the running Excel implements `ExcelApi <version>`; false outside Office. */
export function supports(version: string): boolean {
  return supportsSet("ExcelApi", version);
}

/** Whether the running Office implements a requirement set; false outside Office. */
export function supportsSet(name: string, version?: string): boolean {
  if (typeof Office === "undefined" || !Office.context?.requirements) return false;
  return version === undefined ? Office.context.requirements.isSetSupported(name) : Office.context.requirements.isSetSupported(name, version);
}
