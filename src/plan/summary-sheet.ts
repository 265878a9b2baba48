/**
 * The owned "Summary" sheet. Its first printed page is a cover (A4 landscape): the framework and
 * As of year, three key numbers, counted and expected measures per committee, the status by
 * committee chart and the measures most needing attention; then, from a page break, the detail
 * blocks (each kept on one page) and their charts. Blocks of live formulas over the Measures and Committees tables
 * (COUNTIFS / AVERAGEIFS / SUMIFS, SUMPRODUCT where years or Progress % are read as the rules
 * read them, over structured references), each with the value our code
 * computed cached in the cell, and native charts over those cells.
 */
import { STATUSES, type Framework } from "../model/types";
import type { Metric, SummaryData } from "../summary";
import { FormulaWriter, type ReferenceStyle } from "../summary/formula";
import type { PeriodHistory } from "../summary/periods";
import { statusByCommittee } from "./briefing";
import {
  label,
  localName,
  shortGoalName,
  statusLabel,
  timeframeLabel,
  type Language,
} from "./labels";
import { fitScale, pageBreaks, printable, rowsHeight } from "./page";
import { ACTUAL_COLOR, EXPECTED_COLOR, statusColor } from "./palette";
import { fitText, rowHeight, widthForWords } from "./text-fit";
import type {
  CellStyle,
  ChartType,
  PlanCell,
  PlanChart,
  PlanSeries,
  PlanSheet,
  RangeRef,
} from "./types";

export const SUMMARY_SHEET = "Summary";

export interface SummarySheetOptions {
  /**
   * "structured" (default): Measures[Goal]. "a1": plain ranges from the tables' locations,
   * for programs that cannot read structured references.
   */
  references?: ReferenceStyle;
  /** The Progress table's history: a status-by-period block and chart when it has a period. */
  periods?: PeriodHistory;
}

const FMT = {
  count: "0",
  /** A key number on the cover: a space's room after it, before its note. */
  key: "0_)",
  year: "0",
  mean: "0.0",
  share: "0%",
  difference: "+0;-0;0",
} as const;

const NAME_COL = 1;
const FIRST_NUMBER_COL = 2;

class Grid {
  readonly cells: PlanCell[] = [];
  maxCol = 0;

  constructor(private readonly writer: FormulaWriter) {}

  put(
    row: number,
    col: number,
    value: PlanCell["value"],
    style?: CellStyle,
    numberFormat?: string
  ): void {
    const cell: PlanCell = { row, col, value };
    if (style) cell.style = style;
    if (numberFormat) cell.numberFormat = numberFormat;
    this.cells.push(cell);
    this.maxCol = Math.max(this.maxCol, col);
  }

  /** A number cell: the live formula with our value cached (a static value if it cannot be written). */
  metric(row: number, col: number, m: Metric, numberFormat: string, style?: CellStyle): void {
    const formula = this.writer.tryFormula(m.query);
    const cell: PlanCell = {
      row,
      col,
      value: m.value === "" && !formula ? null : m.value,
      numberFormat,
    };
    if (formula) cell.formula = formula;
    if (style) cell.style = style;
    this.cells.push(cell);
    this.maxCol = Math.max(this.maxCol, col);
  }

  header(row: number, labels: string[], fromCol = 0): void {
    labels.forEach((text, i) => this.put(row, fromCol + i, text, "header"));
  }
}

const num = (m: Metric): number => (typeof m.value === "number" ? m.value : 0);

function column(sheet: string, col: number, from: number, to: number): RangeRef {
  return { sheet, from: { row: from, col }, to: { row: to, col } };
}

function cell(sheet: string, row: number, col: number): RangeRef {
  return { sheet, from: { row, col }, to: { row, col } };
}

/** Rows a chart takes in the detail pages (a pair of charts fills a page). */
const CHART_ROWS = 30;
/** Points the cover's chart is at least high, and the gap rows on the cover. */
const COVER_CHART_POINTS = 190;
const COVER_CHART_MAX_POINTS = 300;
const GAP = 8;
/** Column widths at least: A codes, B names, then the numbers (wider where a header word needs it). */
const CODE_WIDTH = 11;
const NAME_WIDTH = 32;
const NUMBER_WIDTH = 9;
/** The cover's committee status chart: columns H to M. */
const COVER_CHART_COL = 7;
const COVER_CHART_LAST_COL = 12;
/** The cover's key-number notes run over D:G, up to the chart. */
const NOTE_COL = 3;
const ATTENTION_ON_COVER = 10;

export function summarySheet(
  framework: Framework,
  data: SummaryData,
  language: Language,
  options: SummarySheetOptions = {}
): PlanSheet {
  // Laid out twice: the first pass finds the widths the header words need, the second uses them.
  const first = layoutSummary(framework, data, language, options, undefined);
  return layoutSummary(framework, data, language, options, first.needs).sheet;
}

function layoutSummary(
  framework: Framework,
  data: SummaryData,
  language: Language,
  options: SummarySheetOptions,
  needs: number[] | undefined
): { sheet: PlanSheet; needs: number[] } {
  /** Each column's width: the default, or wider where a header word needs it. */
  const colWidth = (c: number) =>
    Math.max(c === 0 ? CODE_WIDTH : c === 1 ? NAME_WIDTH : NUMBER_WIDTH, needs?.[c] ?? 0);
  const wordsNeed: number[] = [];
  const needWords = (col: number, text: string) => {
    wordsNeed[col] = Math.max(wordsNeed[col] ?? 0, widthForWords(text, 1, true));
  };
  const L = (k: Parameters<typeof label>[1], p?: Record<string, string | number>) =>
    label(language, k, p);
  const writer = new FormulaWriter(data.sources, options.references ?? "structured");
  const g = new Grid(writer);
  const sheet = SUMMARY_SHEET;
  const name = data.name || framework.settings.name;
  const heights: Record<number, number> = {};
  /** Keep-together groups of the detail pages (a block with its heading; a chart). */
  const groups: Array<{ from: number; to: number }> = [];
  const merges: Array<{ from: { row: number; col: number }; to: { row: number; col: number } }> =
    [];

  const statusWords = STATUSES.map((s) => statusLabel(language, s));
  const byCommittee = statusByCommittee(framework);
  const committeeLabel = (b: { code: string | null }) => b.code ?? L("noCommittee");
  const goalShort = (row: { code: string; name: string; nameKm: string; other: boolean }) =>
    row.other ? L("otherGoal") : shortGoalName(language, row.code, row.name, row.nameKm);
  const goalLabel = (row: { code: string; other: boolean }) => (row.other ? L("other") : row.code);
  /** A header row: its height from the words in it, at the columns' widths. */
  const headerRow = (row: number, labels: string[], widthOf: (i: number) => number) => {
    g.header(row, labels);
    labels.forEach((text, i) => needWords(i, text));
    heights[row] = rowHeight(labels.map((text, i) => ({ text, width: widthOf(i), bold: true })));
  };
  const widthOf = colWidth;
  /** A row's height from text that runs over empty cells (headings: one line, Khmer or not). */
  const khmerRow = (row: number, ...texts: string[]) => {
    const h = rowHeight(texts.map((text) => ({ text, width: 200 })));
    if (h > (heights[row] ?? 15)) heights[row] = h;
  };
  /** A name in column B, wrapped within the column, its row as tall as it needs. */
  const nameCell = (row: number, text: string, style?: CellStyle) => {
    g.put(row, NAME_COL, text, style ?? "wrap");
    const h = rowHeight([{ text, width: colWidth(NAME_COL) }]);
    if (h > (heights[row] ?? 15)) heights[row] = h;
  };

  // ---- the cover page ------------------------------------------------------------------
  const title = name ? `${L("coverTitle")} — ${name}` : L("coverTitle");
  g.put(0, 0, title, "title");
  heights[0] = rowHeight([{ text: title, width: 200, scale: 16 / 11, bold: true }], 21);
  // Labels in A run over the empty B; the values in C.
  g.put(1, 0, L("asOfYear"), "subtitle");
  g.put(1, FIRST_NUMBER_COL, data.asOfYear, "subtitle", FMT.year);
  g.put(2, 0, L("period"));
  g.put(2, FIRST_NUMBER_COL, `${data.period.start}–${data.period.end}`);
  khmerRow(1, L("asOfYear"));
  khmerRow(2, L("period"));
  heights[3] = GAP;

  // Three key numbers: live formulas.
  const k = data.keyFigures;
  const expected = framework.settings.expectedMeasures;
  const share =
    typeof k.shareCompleted.value === "number" ? Math.round(k.shareCompleted.value * 100) : 0;
  const needing = data.attention.total;
  const keys: Array<[string, () => void, string]> = [
    [
      L("measures"),
      () => g.metric(4, 2, k.measures, FMT.key, "subtitle"),
      expected !== null ? L("ofExpected", { n: expected }) : "",
    ],
    [
      L("completed"),
      () => g.metric(5, 2, k.completed, FMT.key, "subtitle"),
      L("shareOfMeasures", { share }),
    ],
    [L("needingAttention"), () => g.put(6, 2, needing, "subtitle", FMT.key), L("attentionWhat")],
  ];
  keys.forEach(([text, value, note], i) => {
    g.put(4 + i, 0, text, "subtitle");
    value();
    // The note runs over the empty cells up to the chart, never under it.
    const room = [0, 1, 2, 3].reduce((w, j) => w + colWidth(NOTE_COL + j), 0);
    if (note) g.put(4 + i, NOTE_COL, fitText(note, room), "note");
    heights[4 + i] = Math.max(
      18,
      rowHeight([
        { text, width: 40 },
        { text: note, width: 60 },
      ])
    );
  });

  heights[7] = GAP;
  // Counted and expected per committee, beside the chart.
  const cover = 8;
  headerRow(
    cover,
    [L("committee"), L("name"), L("total"), L("expected"), L("difference")],
    widthOf
  );
  data.committees.forEach((c, i) => {
    const row = cover + 1 + i;
    g.put(row, 0, c.code);
    nameCell(row, localName(language, c.name, c.nameKm));
    g.metric(row, 2, c.total, FMT.count);
    g.metric(row, 3, c.expected, FMT.count);
    g.metric(row, 4, c.difference, FMT.difference);
  });
  // The measures most needing attention, measured before they are placed: the chart above them
  // takes what room the page has left (Khmer rows are taller).
  const attention = data.attention.items.slice(0, ATTENTION_ON_COVER);
  // No. | title (B:E) | committee (F) | end year (G) | status (H:I)
  const coverWidths = [
    colWidth(0),
    colWidth(1) + colWidth(2) + colWidth(3) + colWidth(4),
    colWidth(5),
    colWidth(6),
    colWidth(7) + colWidth(8),
  ];
  const heads = [L("no"), L("shortTitle"), L("committee"), L("endYear"), L("status")];
  const attentionRows = attention.map((it) => {
    const titleText = fitText(it.measure, coverWidths[1]);
    const status = statusLabel(language, it.status);
    const h = rowHeight([
      { text: titleText, width: coverWidths[1] },
      { text: status, width: coverWidths[4] },
    ]);
    return { it, titleText, status, h };
  });
  const lastCol = Math.max(
    data.timeframes.length + 3,
    data.committees.length + 2,
    STATUSES.length + 3,
    COVER_CHART_LAST_COL
  );
  const plannedWidths = Array.from({ length: lastCol + 1 }, (_, c) => colWidth(c));
  const capacity = printable(true).height / fitScale(plannedWidths, true);
  const attentionPoints =
    rowHeight([{ text: L("topAttention"), width: 200 }]) +
    rowHeight(heads.map((text, i) => ({ text, width: coverWidths[i], bold: true }))) +
    attentionRows.reduce((sum, a) => sum + a.h, 0) +
    rowHeight([{ text: L("attentionCount", { shown: 10, total: 100 }), width: 200 }]) +
    18;

  // The chart beside the key numbers and the committees, from row 2 to the committees' last.
  const coverChartTop = 1;
  const coverChartEnd = cover + Math.max(1, data.committees.length);
  // It runs on past the committees' last row, over a row as tall as it needs (at least a gap).
  const spare = capacity - rowsHeight(heights, 0, coverChartEnd) - GAP - attentionPoints;
  const chartNow = rowsHeight(heights, coverChartTop, coverChartEnd);
  const chartPoints = Math.min(
    COVER_CHART_MAX_POINTS,
    Math.max(COVER_CHART_POINTS, chartNow + spare)
  );
  const chartFoot = coverChartEnd + 1;
  heights[chartFoot] = Math.max(GAP, Math.floor((chartPoints - chartNow) * 4) / 4);
  heights[chartFoot + 1] = GAP;
  let r = chartFoot + 2;

  g.put(r, 0, `${L("topAttention")} (${L("attentionWhat")})`, "subtitle");
  khmerRow(r, L("topAttention"));
  r += 1;
  if (attention.length === 0) {
    g.put(r++, 0, L("noneNeedAttention"), "note");
  } else {
    const cols = [0, 1, 5, 6, 7];
    heads.forEach((h, i) => g.put(r, cols[i], h, "header"));
    needWords(5, heads[2]);
    needWords(6, heads[3]);
    for (const c of [2, 3, 4, 8]) g.put(r, c, "", "header");
    merges.push(
      { from: { row: r, col: 1 }, to: { row: r, col: 4 } },
      { from: { row: r, col: 7 }, to: { row: r, col: 8 } }
    );
    heights[r] = rowHeight(heads.map((text, i) => ({ text, width: coverWidths[i], bold: true })));
    r += 1;
    // As many as the cover page holds, at most ATTENTION_ON_COVER.
    let shown = 0;
    for (const { it, titleText, status, h } of attentionRows) {
      if (rowsHeight(heights, 0, r - 1) + h + 18 > capacity) break;
      shown += 1;
      g.put(r, 0, it.no);
      g.put(r, 1, titleText);
      g.put(r, 5, it.committee);
      g.put(r, 6, it.endYear, it.overdue ? "warningCenter" : "center", FMT.year);
      g.put(r, 7, status, it.atRisk ? "warning" : undefined);
      merges.push(
        { from: { row: r, col: 1 }, to: { row: r, col: 4 } },
        { from: { row: r, col: 7 }, to: { row: r, col: 8 } }
      );
      if (h !== 15) heights[r] = h;
      r += 1;
    }
    if (data.attention.total > shown) {
      g.put(r, 0, L("attentionCount", { shown, total: data.attention.total }), "note");
      khmerRow(r++, L("attentionCount", { shown, total: data.attention.total }));
    }
  }
  const coverEnd = r - 1;
  r += 1;
  const detailTop = r;

  // ---- the detail pages -----------------------------------------------------------------
  const charts: PlanChart[] = [];
  const chartsBelow: PlanChart[] = [];
  const block = (title: string, headers: string[]): number => {
    g.put(r, 0, title, "subtitle");
    khmerRow(r, title);
    headerRow(r + 1, headers, widthOf);
    return r + 2;
  };
  const endBlock = (from: number, last: number) => {
    groups.push({ from, to: last });
    r = last + 2;
  };

  // Key figures.
  {
    const from = r;
    const first = block(L("keyFigures"), [L("figure"), "", L("value")]);
    const rows: Array<[string, Metric, string]> = [
      [L("measures"), k.measures, FMT.count],
      [L("completed"), k.completed, FMT.count],
      [L("shareCompleted"), k.shareCompleted, FMT.share],
      [L("meanProgress"), k.meanProgress, FMT.mean],
      [L("overdue"), k.overdue, FMT.count],
      [L("atRiskOrDelayed"), k.atRiskOrDelayed, FMT.count],
      [L("leadNotACode"), k.leadNotACode, FMT.count],
    ];
    rows.forEach(([text, m, fmt], i) => {
      g.put(first + i, 0, text);
      g.metric(first + i, FIRST_NUMBER_COL, m, fmt);
      khmerRow(first + i, text);
    });
    endBlock(from, first + rows.length - 1);
  }

  // Measures per committee: counted and expected.
  {
    const from = r;
    const headers = [
      L("committee"),
      L("name"),
      L("lead"),
      L("coLead"),
      L("total"),
      L("expected"),
      L("difference"),
    ];
    const first = block(L("perCommittee"), headers);
    data.committees.forEach((c, i) => {
      const row = first + i;
      const cname = localName(language, c.name, c.nameKm);
      g.put(row, 0, c.code);
      nameCell(row, cname);
      g.metric(row, 2, c.lead, FMT.count);
      g.metric(row, 3, c.coLead, FMT.count);
      g.metric(row, 4, c.total, FMT.count);
      g.metric(row, 5, c.expected, FMT.count);
      g.metric(row, 6, c.difference, FMT.difference);
    });
    const last = first + data.committees.length - 1;
    let end = Math.max(first - 1, last);
    for (const c of data.committees) {
      if (c.resolvedTotal !== num(c.total)) {
        g.put(
          ++end,
          0,
          L("committeeNamesDiffer", {
            code: c.code,
            counted: num(c.total),
            named: c.resolvedTotal,
          }),
          "note"
        );
      }
    }
    if (data.committees.length > 0) {
      const series: PlanSeries[] = [
        {
          name: L("countedTotal"),
          nameRef: cell(sheet, first - 1, 4),
          values: column(sheet, 4, first, last),
          cache: data.committees.map((c) => num(c.total)),
          color: ACTUAL_COLOR,
        },
        {
          name: headers[5],
          nameRef: cell(sheet, first - 1, 5),
          values: column(sheet, 5, first, last),
          cache: data.committees.map((c) =>
            typeof c.expected.value === "number" ? c.expected.value : NaN
          ),
          color: EXPECTED_COLOR,
        },
      ];
      // The series name cell says "Total": the chart names it for what it counts.
      series[0].name = headers[4];
      chartsBelow.push(
        chart(
          "SummaryCommittees",
          "column",
          L("chartCommittees"),
          column(sheet, 0, first, last),
          data.committees.map((c) => c.code),
          series,
          {
            category: L("axisCommittee"),
            value: L("axisMeasures"),
          }
        )
      );
    }
    endBlock(from, end);
  }

  // Status by committee (lead or co-lead): the cover's chart reads these cells.
  {
    const from = r;
    const other = byCommittee.some((b) => b.counts[STATUSES.length] > 0);
    const headers = [
      L("committee"),
      L("name"),
      ...statusWords,
      ...(other ? [L("other")] : []),
      L("total"),
    ];
    const first = block(L("statusByCommittee"), headers);
    byCommittee.forEach((b, i) => {
      const row = first + i;
      const cname = b.code === null ? L("briefingNone") : localName(language, b.name, b.nameKm);
      g.put(row, 0, committeeLabel(b));
      nameCell(row, cname);
      const counts = other ? b.counts : b.counts.slice(0, STATUSES.length);
      counts.forEach((n, j) => g.put(row, FIRST_NUMBER_COL + j, n, undefined, FMT.count));
      g.put(
        row,
        FIRST_NUMBER_COL + counts.length,
        b.counts.reduce((a, x) => a + x, 0),
        "total",
        FMT.count
      );
    });
    const last = first + byCommittee.length - 1;
    if (byCommittee.length > 0) {
      const statusCols = [
        ...STATUSES.map((s, j) => ({ status: s as string, j })),
        ...(other ? [{ status: "Other", j: STATUSES.length }] : []),
      ];
      // Statuses no committee has are left out of the chart (their labels would read 0 on every bar).
      const shown = statusCols.filter(({ j }) => byCommittee.some((b) => b.counts[j] > 0));
      const series = shown.map(({ status, j }): PlanSeries => ({
        name: headers[FIRST_NUMBER_COL + j],
        nameRef: cell(sheet, first - 1, FIRST_NUMBER_COL + j),
        values: column(sheet, FIRST_NUMBER_COL + j, first, last),
        cache: byCommittee.map((b) => b.counts[j]),
        color: statusColor(status),
      }));
      if (series.length > 0) {
        const c = chart(
          "SummaryStatusByCommittee",
          "barStacked",
          L("chartStatusByCommittee"),
          column(sheet, 0, first, last),
          byCommittee.map(committeeLabel),
          series,
          {
            category: L("axisCommittee"),
            value: L("axisMeasures"),
          }
        );
        c.anchor = {
          from: { row: coverChartTop, col: COVER_CHART_COL },
          to: { row: chartFoot, col: COVER_CHART_LAST_COL },
        };
        charts.push(c);
      }
    }
    endBlock(from, Math.max(first - 1, last));
  }

  // Goal × committee.
  {
    const from = r;
    const first = block(L("perGoalCommittee"), [
      L("goal"),
      L("name"),
      ...data.committees.map((c) => c.code),
    ]);
    data.goals.forEach((goal, i) => {
      g.put(first + i, 0, goalLabel(goal), goal.other ? "note" : undefined);
      nameCell(first + i, goalShort(goal), goal.other ? "note" : undefined);
      goal.byCommittee.forEach((m, j) => g.metric(first + i, FIRST_NUMBER_COL + j, m, FMT.count));
    });
    endBlock(from, first + data.goals.length - 1);
  }

  // Goal × timeframe.
  {
    const from = r;
    const tfs = data.timeframes;
    const headers = [
      L("goal"),
      L("name"),
      ...tfs.map((t) => timeframeLabel(language, t)),
      L("other"),
      L("total"),
    ];
    const first = block(L("perGoalTimeframe"), headers);
    const otherCol = FIRST_NUMBER_COL + tfs.length;
    data.goals.forEach((goal, i) => {
      const row = first + i;
      g.put(row, 0, goalLabel(goal), goal.other ? "note" : undefined);
      nameCell(row, goalShort(goal), goal.other ? "note" : undefined);
      goal.byTimeframe.forEach((m, j) => g.metric(row, FIRST_NUMBER_COL + j, m, FMT.count));
      g.metric(row, otherCol, goal.otherTimeframe, FMT.count);
      g.metric(row, otherCol + 1, goal.total, FMT.count);
    });
    // The chart leaves out the Other goal row and Other timeframe column when they are empty.
    const otherGoal = data.goals.find((x) => x.other);
    const goalsShown =
      otherGoal && num(otherGoal.total) === 0 ? data.goals.filter((x) => !x.other) : data.goals;
    const cols = tfs
      .map((_, j) => FIRST_NUMBER_COL + j)
      .filter((col) => goalsShown.some((x) => num(x.byTimeframe[col - FIRST_NUMBER_COL]) > 0));
    if (data.goals.some((x) => num(x.otherTimeframe) > 0)) cols.push(otherCol);
    if (goalsShown.length > 0 && cols.length > 0) {
      const last = first + goalsShown.length - 1;
      const series = cols.map((col): PlanSeries => ({
        name: headers[col],
        nameRef: cell(sheet, first - 1, col),
        values: column(sheet, col, first, last),
        cache: goalsShown.map((x) =>
          num(col === otherCol ? x.otherTimeframe : x.byTimeframe[col - FIRST_NUMBER_COL])
        ),
      }));
      chartsBelow.push(
        chart(
          "SummaryGoalTimeframe",
          "barStacked",
          L("chartGoalTimeframe"),
          column(sheet, NAME_COL, first, last),
          goalsShown.map(goalShort),
          series,
          {
            category: L("axisGoal"),
            value: L("axisMeasures"),
          }
        )
      );
    }
    endBlock(from, first + data.goals.length - 1);
  }

  // Status.
  {
    const from = r;
    const first = block(L("perStatus"), [L("status"), "", L("measures")]);
    const labels = data.statuses.map((s) =>
      s.status === "Other" ? L("other") : statusLabel(language, s.status)
    );
    data.statuses.forEach((s, i) => {
      g.put(first + i, 0, labels[i]);
      khmerRow(first + i, labels[i]);
      g.metric(first + i, FIRST_NUMBER_COL, s.count, FMT.count);
    });
    const last = first + data.statuses.length - 1;
    chartsBelow.push(
      chart(
        "SummaryStatus",
        "column",
        L("chartStatus"),
        column(sheet, 0, first, last),
        labels,
        [
          {
            name: L("measures"),
            nameRef: cell(sheet, first - 1, FIRST_NUMBER_COL),
            values: column(sheet, FIRST_NUMBER_COL, first, last),
            cache: data.statuses.map((s) => num(s.count)),
            pointColors: data.statuses.map((s) => statusColor(s.status)),
          },
        ],
        { category: L("status"), value: L("axisMeasures") }
      )
    );
    endBlock(from, last);
  }

  // Status by reporting period (the Progress table): static counts, a stacked column per period.
  const history = options.periods;
  if (history && history.periods.length > 0) {
    const from = r;
    const other = history.statusCounts.some((c) => c[STATUSES.length] > 0);
    const headers = [L("period"), "", ...statusWords, ...(other ? [L("other")] : []), L("total")];
    const first = block(L("statusByPeriod"), headers);
    history.periods.forEach((period, i) => {
      const counts = other
        ? history.statusCounts[i]
        : history.statusCounts[i].slice(0, STATUSES.length);
      g.put(first + i, 0, period);
      counts.forEach((n, j) => g.put(first + i, FIRST_NUMBER_COL + j, n, undefined, FMT.count));
      g.put(
        first + i,
        FIRST_NUMBER_COL + counts.length,
        counts.reduce((a, x) => a + x, 0),
        "total",
        FMT.count
      );
    });
    const last = first + history.periods.length - 1;
    const statusCols = [
      ...STATUSES.map((st, j) => ({ status: st as string, j })),
      ...(other ? [{ status: "Other", j: STATUSES.length }] : []),
    ];
    const series = statusCols
      .filter(({ j }) => history.statusCounts.some((c) => c[j] > 0))
      .map(({ status, j }): PlanSeries => ({
        name: headers[FIRST_NUMBER_COL + j],
        nameRef: cell(sheet, first - 1, FIRST_NUMBER_COL + j),
        values: column(sheet, FIRST_NUMBER_COL + j, first, last),
        cache: history.statusCounts.map((c) => c[j]),
        color: statusColor(status),
      }));
    if (series.length > 0) {
      chartsBelow.push(
        chart(
          "SummaryStatusByPeriod",
          "columnStacked",
          L("chartStatusByPeriod"),
          column(sheet, 0, first, last),
          history.periods,
          series,
          {
            category: L("axisPeriod"),
            value: L("axisMeasures"),
          }
        )
      );
      chartsBelow[chartsBelow.length - 1].valueMinimum = 0;
    }
    endBlock(from, last);
  }

  // Progress per goal, per committee.
  const progressBlock = (
    title: string,
    firstHeader: string,
    rows: SummaryData["progress"]["goals"],
    labelOf: (x: SummaryData["progress"]["goals"][number]) => [string, string]
  ) => {
    const from = r;
    const first = block(title, [
      firstHeader,
      L("name"),
      L("measures"),
      L("meanProgress"),
      L("completed"),
      L("shareCompleted"),
    ]);
    rows.forEach((p, i) => {
      const row = first + i;
      const [a, b] = labelOf(p);
      g.put(row, 0, a, p.other ? "note" : undefined);
      nameCell(row, b, p.other ? "note" : undefined);
      g.metric(row, 2, p.measures, FMT.count);
      g.metric(row, 3, p.meanProgress, FMT.mean);
      g.metric(row, 4, p.completed, FMT.count);
      g.metric(row, 5, p.shareCompleted, FMT.share);
    });
    endBlock(from, first + rows.length - 1);
  };
  progressBlock(L("progressByGoal"), L("goal"), data.progress.goals, (p) => [
    goalLabel(p),
    goalShort(p),
  ]);
  progressBlock(L("progressByCommittee"), L("committee"), data.progress.committees, (p) => [
    p.code,
    localName(language, p.name, p.nameKm),
  ]);

  // Measures active per year: a row per year (a column per year would run off the page).
  {
    const from = r;
    const years = data.timeline.years;
    const committees = data.timeline.committees;
    const first = block(L("activePerYear"), [
      L("year"),
      L("allMeasures"),
      ...committees.map((c) => c.code),
    ]);
    years.forEach((y, i) => {
      g.put(first + i, 0, y, undefined, FMT.year);
      g.metric(first + i, NAME_COL, data.timeline.all[i], FMT.count);
      committees.forEach((c, j) =>
        g.metric(first + i, FIRST_NUMBER_COL + j, c.values[i], FMT.count)
      );
    });
    const last = first + years.length - 1;
    if (years.length > 0 && committees.length > 0) {
      const series = committees.map((c, j): PlanSeries => ({
        name: c.code,
        nameRef: cell(sheet, first - 1, FIRST_NUMBER_COL + j),
        values: column(sheet, FIRST_NUMBER_COL + j, first, last),
        cache: c.values.map(num),
      }));
      chartsBelow.push(
        chart(
          "SummaryActivePerYear",
          "line",
          L("chartActive"),
          column(sheet, 0, first, last),
          years.map(String),
          series,
          {
            category: L("axisYear"),
            value: L("axisMeasures"),
          }
        )
      );
      // Fifteen labels a line would crowd the chart: the table above holds the numbers.
      chartsBelow[chartsBelow.length - 1].dataLabels = false;
    }
    endBlock(from, Math.max(first - 1, last));
  }

  // Widths: as many number columns as the widest block, and the cover's columns.
  const widths: number[] = [];
  for (let c = 0; c <= Math.max(g.maxCol, COVER_CHART_LAST_COL); c++) widths.push(colWidth(c));

  // The detail charts, two side by side: A–E and F to the last column. Each pair starts a row
  // below its page break (LibreOffice draws a chart's top edge on the page before when the
  // chart starts on the break itself).
  chartsBelow.forEach((c, i) => {
    const left = i % 2 === 0;
    c.anchor = {
      from: { row: r + 1, col: left ? 0 : 5 },
      to: { row: r + CHART_ROWS, col: left ? 4 : widths.length - 1 },
    };
    if (!left || i === chartsBelow.length - 1) {
      heights[r] = GAP;
      groups.push({ from: r, to: r + CHART_ROWS });
      r += CHART_ROWS + 1;
    }
  });
  charts.push(...chartsBelow);
  const lastRow = r - 1;

  const landscape = true;
  const pageHeight = printable(landscape).height / fitScale(widths, landscape);
  const rowBreaks = [detailTop, ...pageBreaks(groups, heights, pageHeight, detailTop)];
  void coverEnd;

  const laidOut: PlanSheet = {
    name: sheet,
    owned: true,
    cells: g.cells,
    tables: [],
    charts,
    columnWidths: widths,
    rowHeights: heights,
    merges,
    freeze: { rows: 1, cols: 0 },
    print: {
      area: { from: { row: 0, col: 0 }, to: { row: lastRow, col: widths.length - 1 } },
      landscape,
      fitToWidth: true,
      paper: "A4",
      rowBreaks,
    },
  };
  return { sheet: laidOut, needs: wordsNeed };
}

function chart(
  name: string,
  type: ChartType,
  title: string,
  categories: RangeRef,
  categoryCache: string[],
  series: PlanSeries[],
  axisTitles?: PlanChart["axisTitles"]
): PlanChart {
  const c: PlanChart = {
    name,
    type,
    title,
    categories,
    categoryCache,
    series,
    anchor: { from: { row: 0, col: 0 }, to: { row: 0, col: 0 } },
    dataLabels: true,
  };
  if (axisTitles && type !== "pie") c.axisTitles = axisTitles;
  return c;
}
