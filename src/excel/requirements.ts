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

/** The ExcelApi version the code needs unguarded (members newer than this sit behind `supports`). */
export const EXCEL_API_FLOOR = "1.8";

/**
 * The ExcelApi version manifest.xml declares (`<Set Name="ExcelApi" MinVersion="1.14"/>`): higher
 * than the code needs, to keep out the Office builds whose webview cannot run the ES2020 bundle,
 * React 19 and Fluent v9. From Microsoft's tables (office-js-docs-reference
 * excel-api-requirement-sets.md; office-js-docs-pr browsers-used-by-office-web-add-ins.md before
 * #5463): ExcelApi 1.14 arrives with Version 2108 (Build 14326.20508) on Windows, Office 2021 and
 * later perpetual, Mac 16.52 and iPad 16.53. Every Windows build from 16.0.14326 uses WebView2
 * (Edge Chromium) where it is installed, without the registry switch older builds need;
 * Microsoft 365 from Version 2101 and Office 2021 install it. Volume-licensed Office 2016/2019
 * (ExcelApi ≤ 1.7, always Trident) and Microsoft 365 on Windows 7 (no build that new) cannot
 * install the add-in. What the manifest cannot see — retail Office 2016/2019 updated past 2108
 * on a PC without the WebView2 runtime, which falls back to EdgeHTML or Trident — is caught by
 * the ES5 check in taskpane.html and commands.html, which says so instead of a blank pane.
 */
export const MANIFEST_EXCEL_API = "1.14";

export interface FirstBuilds {
  windows: string;
  mac: string;
  ipad: string;
}

/** Microsoft's first builds with each ExcelApi set (excel-api-requirement-sets.md); the README's supported-clients table gives MANIFEST_EXCEL_API's. */
export const FIRST_BUILDS: Readonly<Record<string, FirstBuilds>> = {
  "1.8": { windows: "Version 1808 (Build 10730.20102)", mac: "16.17", ipad: "16.0" },
  "1.9": { windows: "Version 1903 (Build 11425.20204)", mac: "16.24", ipad: "16.0" },
  "1.10": { windows: "Version 1907 (Build 11929.20306)", mac: "16.30", ipad: "16.0" },
  "1.11": { windows: "Version 2002 (Build 12527.20470)", mac: "16.33", ipad: "16.35" },
  "1.12": { windows: "Version 2008 (Build 13127.20408)", mac: "16.40", ipad: "16.40" },
  "1.13": { windows: "Version 2102 (Build 13801.20738)", mac: "16.50", ipad: "16.50" },
  "1.14": { windows: "Version 2108 (Build 14326.20508)", mac: "16.52", ipad: "16.53" },
};

export interface GuardedApi {
  /** `Class.member`, as in the Office.js reference. */
  member: string;
  set: string;
  /** What the add-in does where the set is missing. */
  fallback: string;
}

export const GUARDED: readonly GuardedApi[] = [
  {
    member: "Worksheet.pageLayout",
    set: "1.9",
    fallback: "print settings are skipped (the sheet is still built)",
  },
  {
    member: "PageLayout.orientation",
    set: "1.9",
    fallback: "skipped with the rest of the print settings",
  },
  {
    member: "PageLayout.zoom",
    set: "1.9",
    fallback: "skipped with the rest of the print settings",
  },
  {
    member: "PageLayout.setPrintArea",
    set: "1.9",
    fallback: "skipped with the rest of the print settings",
  },
  {
    member: "PageLayout.setPrintTitleRows",
    set: "1.9",
    fallback: "skipped with the rest of the print settings",
  },
  {
    member: "PageLayout.paperSize",
    set: "1.9",
    fallback: "skipped with the rest of the print settings (the printer's default paper)",
  },
  {
    member: "PageLayout.topMargin",
    set: "1.9",
    fallback: "skipped with the rest of the print settings",
  },
  {
    member: "PageLayout.bottomMargin",
    set: "1.9",
    fallback: "skipped with the rest of the print settings",
  },
  {
    member: "PageLayout.leftMargin",
    set: "1.9",
    fallback: "skipped with the rest of the print settings",
  },
  {
    member: "PageLayout.rightMargin",
    set: "1.9",
    fallback: "skipped with the rest of the print settings",
  },
  {
    member: "PageLayout.headerMargin",
    set: "1.9",
    fallback: "skipped with the rest of the print settings",
  },
  {
    member: "PageLayout.footerMargin",
    set: "1.9",
    fallback: "skipped with the rest of the print settings",
  },
  { member: "PageLayout.headersFooters", set: "1.9", fallback: "no page header or footer" },
  {
    member: "HeaderFooterGroup.defaultForAllPages",
    set: "1.9",
    fallback: "no page header or footer",
  },
  { member: "HeaderFooter.leftHeader", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooter.centerHeader", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooter.rightHeader", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooter.leftFooter", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooter.centerFooter", set: "1.9", fallback: "no page header or footer" },
  { member: "HeaderFooter.rightFooter", set: "1.9", fallback: "no page header or footer" },
  {
    member: "Worksheet.horizontalPageBreaks",
    set: "1.9",
    fallback: "no manual page breaks (the Summary's cover runs into its details)",
  },
  { member: "PageBreakCollection.add", set: "1.9", fallback: "no manual page breaks" },
  {
    member: "Application.suspendScreenUpdatingUntilNextSync",
    set: "1.9",
    fallback: "the screen repaints during bulk writes",
  },
  {
    member: "Range.copyFrom",
    set: "1.9",
    fallback:
      "the table backup is read and written through the add-in instead of copied inside Excel",
  },
  {
    member: "Table.resize",
    set: "1.13",
    fallback: "new rows are appended with table.rows.add in payload-sized blocks",
  },
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
  return version === undefined
    ? Office.context.requirements.isSetSupported(name)
    : Office.context.requirements.isSetSupported(name, version);
}
