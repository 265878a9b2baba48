/**
 * The owned Briefing sheets: one per committee ("Briefing DGC", …, and "Briefing (no committee)"
 * for measures naming none). One sheet each is the simplest form that prints right in Excel and
 * LibreOffice alike: every printed page of a sheet carries the committee's name in its page
 * header, the print titles repeat only the table's own header row, and a committee always starts
 * on a new page — no manual breaks or per-block print titles that one program honours and the
 * other does not. At the top: the counts per attention group; rows ordered by attention, then No.
 * Static values: a briefing is a snapshot of the day it is built.
 */
import type { Framework } from "../model/types";
import {
  ATTENTION_GROUPS,
  committeeBriefings,
  knownStatus,
  type AttentionGroup,
  type CommitteeBriefing,
} from "./briefing";
import {
  label,
  localName,
  statusLabel,
  timeframeLabel,
  type Language,
  type LabelKey,
} from "./labels";
import { rowHeight, widthForWords } from "./text-fit";
import type { CellStyle, HeaderFooterText, PlanCell, PlanSheet } from "./types";
import { isOverdue } from "../summary/attention";
import type { PeriodHistory } from "../summary/periods";

/** The sheet name earlier versions built (all committees on one sheet); retired on build. */
export const LEGACY_BRIEFING_SHEET = "Briefing";
export const BRIEFING_PREFIX = "Briefing ";
export const NO_COMMITTEE_SHEET = "Briefing (no committee)";

/** No., Measure, Timeframe, Start, End, Status, Progress %, Lead institution. */
export const BRIEFING_WIDTHS = [6, 52, 18, 7, 7, 13, 9, 26];
const COLS = BRIEFING_WIDTHS.length;
const MEASURE_COL = 1;

/**
 * The columns for these header labels: each at least as wide as its header's longest word (no
 * word broken in two), the Measure column giving up what the others take, so that the page keeps
 * its scale.
 */
export function briefingWidths(headers: readonly string[]): number[] {
  const widths = BRIEFING_WIDTHS.map((base, i) =>
    i === MEASURE_COL ? base : Math.max(base, widthForWords(headers[i] ?? "", 1, true))
  );
  const sum = (w: readonly number[]) => w.reduce((a, x) => a + x, 0);
  widths[MEASURE_COL] = Math.max(40, widths[MEASURE_COL] - (sum(widths) - sum(BRIEFING_WIDTHS)));
  return widths;
}
/** The table's header row (0-based): the only row printed again on every page. */
export const BRIEFING_HEADER_ROW = 5;

const GROUP_LABEL: Record<AttentionGroup, LabelKey | null> = {
  Delayed: "stDelayed",
  Overdue: "overdue",
  "At risk": "stAtRisk",
  "On track": "stOnTrack",
  "Not started": "stNotStarted",
  Completed: "stCompleted",
  Other: "other",
};

/** A sheet name Excel accepts for a committee code: no []:*?/\, at most 31 characters. */
export function briefingSheetName(code: string | null): string {
  if (code === null) return NO_COMMITTEE_SHEET;
  const clean = code.replace(/[[\]:*?/\\']/g, "").trim();
  return (BRIEFING_PREFIX + (clean || "?")).slice(0, 31);
}

/** Text for a header or footer: "&" doubled (a lone "&" starts a code). */
export function headerText(text: string): string {
  return text.replace(/&/g, "&&");
}

export function briefingSheets(
  framework: Framework,
  language: Language,
  periods?: PeriodHistory
): PlanSheet[] {
  const briefings = committeeBriefings(framework);
  if (briefings.length === 0) {
    return [
      briefingSheet(framework, language, {
        code: null,
        name: "",
        nameKm: "",
        measures: [],
        counts: ATTENTION_GROUPS.map(() => 0),
      }),
    ];
  }
  const names = new Set<string>();
  return briefings.map((b) => {
    const sheet = briefingSheet(framework, language, b, periods);
    // Two codes that clean to one name ("A/B", "AB"): the later gets a number.
    let name = sheet.name;
    for (let i = 2; names.has(name.toLowerCase()); i++) name = `${sheet.name.slice(0, 27)} (${i})`;
    names.add(name.toLowerCase());
    return name === sheet.name ? sheet : { ...sheet, name };
  });
}

export function briefingSheet(
  framework: Framework,
  language: Language,
  b: CommitteeBriefing,
  periods?: PeriodHistory
): PlanSheet {
  const L = (k: LabelKey, p?: Record<string, string | number>) => label(language, k, p);
  const cells: PlanCell[] = [];
  const put = (
    row: number,
    col: number,
    value: PlanCell["value"],
    style?: CellStyle,
    numberFormat?: string
  ) => {
    const cell: PlanCell = { row, col, value };
    if (style) cell.style = style;
    if (numberFormat) cell.numberFormat = numberFormat;
    cells.push(cell);
  };
  const asOf = framework.settings.asOfYear;
  const committee = b.code === null ? L("briefingNone") : localName(language, b.name, b.nameKm);
  const rowHeights: Record<number, number> = {};
  const headers = [
    L("no"),
    L("measure"),
    L("timeframe"),
    L("start"),
    L("end"),
    L("status"),
    L("progress"),
    L("leadInstitution"),
  ];
  const widths = briefingWidths(headers);
  const fit = (
    row: number,
    texts: Array<[string, number]>,
    scale = 1,
    minimum = 15,
    bold = false
  ) => {
    const h = rowHeight(
      texts.map(([text, col]) => ({ text, width: widths[col], scale, bold })),
      minimum
    );
    if (h !== 15) rowHeights[row] = h;
  };

  const title = L("briefingTitle", { committee });
  put(0, 0, title, "title");
  put(0, COLS - 1, L("briefingAsOf", { year: asOf }), "subtitle");
  rowHeights[0] = rowHeight([{ text: title, width: 300, scale: 16 / 11, bold: true }], 21);
  put(1, 0, framework.settings.name, "subtitle");
  // Lines under the title run over the empty cells to their right: one line, the table's width.
  const tableWidth = widths.reduce((a, w) => a + w, 0);
  const line = (row: number, text: string, scale = 1, minimum = 15, bold = false) => {
    const h = rowHeight([{ text, width: tableWidth, scale, bold }], minimum);
    if (h !== 15) rowHeights[row] = h;
  };
  if (framework.settings.name) line(1, framework.settings.name, 12 / 11, 16, true);
  const total = b.measures.length;
  const counts = ATTENTION_GROUPS.flatMap((g, i) =>
    g === "Other" && b.counts[i] === 0 ? [] : [`${L(GROUP_LABEL[g] ?? "other")} ${b.counts[i]}`]
  );
  const countsLine = `${counts.join("  ·  ")}  ·  ${L("total")} ${total}`;
  put(2, 0, countsLine, "subtitle");
  line(2, countsLine, 12 / 11, 24, true); // air above the counts and the note
  put(3, 0, L("briefingOrder"), "note");
  line(3, L("briefingOrder"), 1, 20);

  headers.forEach((h, i) => put(BRIEFING_HEADER_ROW, i, h, "header"));
  fit(
    BRIEFING_HEADER_ROW,
    headers.map((h, i): [string, number] => [h, i]),
    1,
    15,
    true
  );

  let r = BRIEFING_HEADER_ROW + 1;
  if (b.measures.length === 0) put(r++, 1, L("noMeasures"), "note");
  for (const m of b.measures) {
    const status = knownStatus(m.status);
    const statusText = statusLabel(language, m.status);
    const timeframe = timeframeLabel(language, m.timeframe);
    const institution = m.institutions[0] ?? "";
    put(r, 0, m.no);
    put(r, 1, m.measure, "wrap");
    put(r, 2, timeframe, "wrap");
    put(r, 3, m.startYear, "center", "0");
    put(r, 4, m.endYear, isOverdue(m, asOf) ? "warningCenter" : "center", "0");
    put(r, 5, statusText, status === "Delayed" || status === "At risk" ? "warning" : "wrap");
    put(r, 6, m.progress, "center", "0");
    put(r, 7, institution, "wrap");
    fit(r, [
      [m.measure, 1],
      [timeframe, 2],
      [statusText, 5],
      [institution, 7],
      [m.no, 0],
    ]);
    r += 1;
  }
  r = changedSince(periods, b, language, r, put, fit);
  const lastRow = r - 1;
  const name = framework.settings.name;
  const header: HeaderFooterText = {
    left: headerText(committee),
    right: headerText(L("briefingAsOf", { year: asOf })),
  };
  const footer: HeaderFooterText = { left: headerText(name), right: L("pageOf") };

  return {
    name: briefingSheetName(b.code),
    owned: true,
    cells,
    tables: [],
    charts: [],
    columnWidths: widths,
    rowHeights,
    freeze: { rows: BRIEFING_HEADER_ROW + 1, cols: 0 },
    print: {
      area: { from: { row: 0, col: 0 }, to: { row: lastRow, col: COLS - 1 } },
      landscape: true,
      fitToWidth: true,
      paper: "A4",
      repeatRows: { from: BRIEFING_HEADER_ROW, to: BRIEFING_HEADER_ROW },
      header,
      footer,
    },
  };
}

/**
 * Below the measures, when Progress holds two periods or more: this committee's measures whose
 * status moved or whose progress went up or down since the period before the last. Returns the
 * next free row.
 */
function changedSince(
  periods: PeriodHistory | undefined,
  b: CommitteeBriefing,
  language: Language,
  start: number,
  put: (
    row: number,
    col: number,
    value: PlanCell["value"],
    style?: CellStyle,
    numberFormat?: string
  ) => void,
  fit: (
    row: number,
    texts: Array<[string, number]>,
    scale?: number,
    minimum?: number,
    bold?: boolean
  ) => void
): number {
  if (!periods?.previous || !periods.latest) return start;
  const L = (k: LabelKey, p?: Record<string, string | number>) => label(language, k, p);
  const mine = new Map(b.measures.map((m) => [m.no.toLowerCase(), m]));
  const changes = periods.changes.filter((c) => mine.has(c.no.toLowerCase()));
  let r = start + 1;
  const heading = L("changedSince", { previous: periods.previous, latest: periods.latest });
  put(r, 0, heading, "subtitle");
  fit(r++, [[heading, 1]], 12 / 11, 15, true);
  if (changes.length === 0) {
    put(r++, 1, L("noChangeSince", { previous: periods.previous }), "note");
    return r;
  }
  const headers = [
    L("no"),
    L("measure"),
    periods.previous,
    "",
    "",
    periods.latest,
    L("progress"),
    L("change"),
  ];
  headers.forEach((h, i) => put(r, i, h, "header"));
  r++;
  const pct = (n: number | null) => (n === null ? "–" : `${n}`);
  for (const c of changes) {
    const m = mine.get(c.no.toLowerCase());
    const what = [
      c.statusMoved ? L("changeStatus") : "",
      c.progress === "up" ? L("progressUp") : c.progress === "down" ? L("progressDown") : "",
    ]
      .filter(Boolean)
      .join(", ");
    const before = c.before.status ? statusLabel(language, c.before.status) : "";
    const after = c.after.status ? statusLabel(language, c.after.status) : "";
    put(r, 0, c.no);
    put(r, 1, m?.measure ?? "", "wrap");
    put(r, 2, before, "wrap");
    put(r, 5, after, c.progress === "down" ? "warning" : "wrap");
    put(r, 6, `${pct(c.before.progress)} → ${pct(c.after.progress)}`);
    put(r, 7, what, c.progress === "down" ? "warning" : "wrap");
    fit(r, [
      [m?.measure ?? "", 1],
      [before, 2],
      [after, 5],
      [what, 7],
    ]);
    r++;
  }
  return r;
}
