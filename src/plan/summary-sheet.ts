/**
 * The owned "Summary" sheet: blocks of live formulas over the Measures and Committees tables
 * (COUNTIFS / AVERAGEIFS / SUMIFS over structured references), each with the value our code
 * computed cached in the cell, and native charts over those cells.
 */
import type { Framework } from "../model/types";
import type { Metric, SummaryData } from "../summary";
import { FormulaWriter, type ReferenceStyle } from "../summary/formula";
import { label, localName, statusLabel, type Language } from "./labels";
import type { CellStyle, ChartType, PlanCell, PlanChart, PlanSeries, PlanSheet, RangeRef } from "./types";

export const SUMMARY_SHEET = "Summary";

export interface SummarySheetOptions {
  /**
   * "structured" (default): Measures[Goal]. "a1": plain ranges from the tables' locations,
   * for programs that cannot read structured references.
   */
  references?: ReferenceStyle;
}

const FMT = {
  count: "0",
  year: "0",
  mean: "0.0",
  share: "0%",
  difference: "+0;-0;0",
} as const;

const NAME_COL = 1;
const FIRST_NUMBER_COL = 2;
const CHART_ROWS = 18;

class Grid {
  readonly cells: PlanCell[] = [];
  maxCol = 0;

  constructor(private readonly writer: FormulaWriter) {}

  put(row: number, col: number, value: PlanCell["value"], style?: CellStyle, numberFormat?: string): void {
    const cell: PlanCell = { row, col, value };
    if (style) cell.style = style;
    if (numberFormat) cell.numberFormat = numberFormat;
    this.cells.push(cell);
    this.maxCol = Math.max(this.maxCol, col);
  }

  /** A number cell: the live formula with our value cached (a static value if it cannot be written). */
  metric(row: number, col: number, m: Metric, numberFormat: string): void {
    const formula = this.writer.tryFormula(m.query);
    const cell: PlanCell = { row, col, value: m.value === "" && !formula ? null : m.value, numberFormat };
    if (formula) cell.formula = formula;
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

function rowRange(sheet: string, row: number, from: number, to: number): RangeRef {
  return { sheet, from: { row, col: from }, to: { row, col: to } };
}

function cell(sheet: string, row: number, col: number): RangeRef {
  return { sheet, from: { row, col }, to: { row, col } };
}

export function summarySheet(framework: Framework, data: SummaryData, language: Language, options: SummarySheetOptions = {}): PlanSheet {
  const L = (k: Parameters<typeof label>[1], p?: Record<string, string | number>) => label(language, k, p);
  const writer = new FormulaWriter(data.sources, options.references ?? "structured");
  const g = new Grid(writer);
  const sheet = SUMMARY_SHEET;
  const charts: PlanChart[] = [];
  const name = data.name || framework.settings.name;

  // Title, As of year, period, notes.
  g.put(0, 0, name ? `${L("summaryTitle")} — ${name}` : L("summaryTitle"), "title");
  g.put(1, 0, L("asOfYear"), "subtitle");
  g.put(1, NAME_COL, data.asOfYear, "subtitle", FMT.year);
  g.put(2, 0, L("period"));
  g.put(2, NAME_COL, `${data.period.start}–${data.period.end}`);
  g.put(3, 0, L("formulasNote"), "note");
  g.put(4, 0, L("codesNote"), "note");
  let r = 6;

  const block = (title: string, headers: string[]): number => {
    g.put(r, 0, title, "subtitle");
    g.header(r + 1, headers);
    const first = r + 2;
    return first;
  };

  // Key figures.
  {
    const first = block(L("keyFigures"), [L("figure"), "", L("value")]);
    const k = data.keyFigures;
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
    });
    r = first + rows.length + 1;
  }

  // Measures per committee.
  {
    const headers = [L("committee"), L("name"), L("lead"), L("coLead"), L("total"), L("expected"), L("difference")];
    const first = block(L("perCommittee"), headers);
    data.committees.forEach((c, i) => {
      const row = first + i;
      g.put(row, 0, c.code);
      g.put(row, NAME_COL, localName(language, c.name, c.nameKm));
      g.metric(row, 2, c.lead, FMT.count);
      g.metric(row, 3, c.coLead, FMT.count);
      g.metric(row, 4, c.total, FMT.count);
      g.metric(row, 5, c.expected, FMT.count);
      g.metric(row, 6, c.difference, FMT.difference);
    });
    const last = first + data.committees.length - 1;
    r = first + data.committees.length;
    for (const c of data.committees) {
      if (c.resolvedTotal !== num(c.total)) {
        g.put(r++, 0, L("committeeNamesDiffer", { code: c.code, counted: num(c.total), named: c.resolvedTotal }), "note");
      }
    }
    if (data.committees.length > 0) {
      const series = [2, 3].map(
        (col): PlanSeries => ({
          name: headers[col],
          nameRef: cell(sheet, first - 1, col),
          values: column(sheet, col, first, last),
          cache: data.committees.map((c) => num(col === 2 ? c.lead : c.coLead)),
        }),
      );
      charts.push(chart("SummaryCommittees", "column", L("chartCommittees"), column(sheet, 0, first, last), data.committees.map((c) => c.code), series));
    }
    r += 1;
  }

  const goalLabel = (row: { code: string; other: boolean }) => (row.other ? L("other") : row.code);
  const goalName = (row: { name: string; nameKm: string; other: boolean }) => (row.other ? L("otherGoal") : localName(language, row.name, row.nameKm));

  // Goal × committee.
  {
    const first = block(L("perGoalCommittee"), [L("goal"), L("name"), ...data.committees.map((c) => c.code)]);
    data.goals.forEach((goal, i) => {
      g.put(first + i, 0, goalLabel(goal), goal.other ? "note" : undefined);
      g.put(first + i, NAME_COL, goalName(goal), goal.other ? "note" : undefined);
      goal.byCommittee.forEach((m, j) => g.metric(first + i, FIRST_NUMBER_COL + j, m, FMT.count));
    });
    r = first + data.goals.length + 1;
  }

  // Goal × timeframe.
  {
    const tfs = data.timeframes;
    const headers = [L("goal"), L("name"), ...tfs, L("other"), L("total")];
    const first = block(L("perGoalTimeframe"), headers);
    const otherCol = FIRST_NUMBER_COL + tfs.length;
    data.goals.forEach((goal, i) => {
      const row = first + i;
      g.put(row, 0, goalLabel(goal), goal.other ? "note" : undefined);
      g.put(row, NAME_COL, goalName(goal), goal.other ? "note" : undefined);
      goal.byTimeframe.forEach((m, j) => g.metric(row, FIRST_NUMBER_COL + j, m, FMT.count));
      g.metric(row, otherCol, goal.otherTimeframe, FMT.count);
      g.metric(row, otherCol + 1, goal.total, FMT.count);
    });
    // The chart leaves out the Other goal row and Other timeframe column when they are empty.
    const otherGoal = data.goals.find((x) => x.other);
    const goalsShown = otherGoal && num(otherGoal.total) === 0 ? data.goals.filter((x) => !x.other) : data.goals;
    const cols = tfs.map((_, j) => FIRST_NUMBER_COL + j);
    if (data.goals.some((x) => num(x.otherTimeframe) > 0)) cols.push(otherCol);
    if (goalsShown.length > 0 && cols.length > 0) {
      const last = first + goalsShown.length - 1;
      const series = cols.map(
        (col): PlanSeries => ({
          name: headers[col],
          nameRef: cell(sheet, first - 1, col),
          values: column(sheet, col, first, last),
          cache: goalsShown.map((x) => num(col === otherCol ? x.otherTimeframe : x.byTimeframe[col - FIRST_NUMBER_COL])),
        }),
      );
      charts.push(chart("SummaryGoalTimeframe", "columnStacked", L("chartGoalTimeframe"), column(sheet, 0, first, last), goalsShown.map(goalLabel), series));
    }
    r = first + data.goals.length + 1;
  }

  // Status.
  {
    const headers = [L("status"), "", L("measures")];
    const first = block(L("perStatus"), headers);
    data.statuses.forEach((s, i) => {
      g.put(first + i, 0, s.status === "Other" ? L("other") : statusLabel(language, s.status));
      g.metric(first + i, FIRST_NUMBER_COL, s.count, FMT.count);
    });
    const last = first + data.statuses.length - 1;
    const labels = data.statuses.map((s) => (s.status === "Other" ? L("other") : statusLabel(language, s.status)));
    charts.push(
      chart("SummaryStatus", "pie", L("chartStatus"), column(sheet, 0, first, last), labels, [
        { name: L("measures"), nameRef: cell(sheet, first - 1, FIRST_NUMBER_COL), values: column(sheet, FIRST_NUMBER_COL, first, last), cache: data.statuses.map((s) => num(s.count)) },
      ]),
    );
    r = last + 2;
  }

  // Progress per goal, per committee.
  const progressBlock = (title: string, firstHeader: string, rows: SummaryData["progress"]["goals"], labelOf: (x: SummaryData["progress"]["goals"][number]) => [string, string]) => {
    const first = block(title, [firstHeader, L("name"), L("measures"), L("meanProgress"), L("completed"), L("shareCompleted")]);
    rows.forEach((p, i) => {
      const row = first + i;
      const [a, b] = labelOf(p);
      g.put(row, 0, a, p.other ? "note" : undefined);
      g.put(row, NAME_COL, b, p.other ? "note" : undefined);
      g.metric(row, 2, p.measures, FMT.count);
      g.metric(row, 3, p.meanProgress, FMT.mean);
      g.metric(row, 4, p.completed, FMT.count);
      g.metric(row, 5, p.shareCompleted, FMT.share);
    });
    r = first + rows.length + 1;
  };
  progressBlock(L("progressByGoal"), L("goal"), data.progress.goals, (p) => [goalLabel(p), goalName(p)]);
  progressBlock(L("progressByCommittee"), L("committee"), data.progress.committees, (p) => [p.code, localName(language, p.name, p.nameKm)]);

  // Measures active per year.
  {
    const years = data.timeline.years;
    const first = block(L("activePerYear"), [L("committee"), L("name")]);
    years.forEach((y, j) => g.put(first - 1, FIRST_NUMBER_COL + j, y, "header", FMT.year));
    data.timeline.committees.forEach((c, i) => {
      g.put(first + i, 0, c.code);
      g.put(first + i, NAME_COL, localName(language, c.name, c.nameKm));
      c.values.forEach((m, j) => g.metric(first + i, FIRST_NUMBER_COL + j, m, FMT.count));
    });
    const allRow = first + data.timeline.committees.length;
    g.put(allRow, 0, L("allMeasures"), "total");
    data.timeline.all.forEach((m, j) => g.metric(allRow, FIRST_NUMBER_COL + j, m, FMT.count));
    if (years.length > 0 && data.timeline.committees.length > 0) {
      const lastCol = FIRST_NUMBER_COL + years.length - 1;
      const series = data.timeline.committees.map(
        (c, i): PlanSeries => ({
          name: c.code,
          nameRef: cell(sheet, first + i, 0),
          values: rowRange(sheet, first + i, FIRST_NUMBER_COL, lastCol),
          cache: c.values.map(num),
        }),
      );
      charts.push(chart("SummaryActivePerYear", "line", L("chartActive"), rowRange(sheet, first - 1, FIRST_NUMBER_COL, lastCol), years.map(String), series));
    }
    r = allRow + 2;
  }

  // Measures needing attention (static).
  {
    const a = data.attention;
    g.put(r, 0, L("attention"), "subtitle");
    g.put(r + 1, 0, a.total === 0 ? L("noAttention") : L("attentionCount", { shown: a.items.length, total: a.total }), "note");
    r += 2;
    if (a.items.length > 0) {
      g.header(r, [L("no"), L("measure"), L("goal"), L("committee"), L("endYear"), L("status"), L("progress"), L("yearsLate")]);
      a.items.forEach((it, i) => {
        const row = r + 1 + i;
        const style: CellStyle | undefined = it.overdue ? "warning" : undefined;
        g.put(row, 0, it.no, style);
        g.put(row, 1, it.measure);
        g.put(row, 2, it.goal);
        g.put(row, 3, it.committee);
        g.put(row, 4, it.endYear, undefined, FMT.year);
        g.put(row, 5, statusLabel(language, it.status), it.atRisk ? "warning" : undefined);
        g.put(row, 6, it.progress, undefined, FMT.mean);
        g.put(row, 7, it.yearsLate, undefined, FMT.count);
      });
      r += a.items.length + 2;
    }
  }

  // Charts below the blocks, two per row.
  charts.forEach((c, i) => {
    const top = r + Math.floor(i / 2) * (CHART_ROWS + 1);
    const left = i % 2 === 0;
    c.anchor = { from: { row: top, col: left ? 0 : 3 }, to: { row: top + CHART_ROWS, col: left ? 2 : 10 } };
  });

  const widths = [18, 48];
  for (let c = 2; c <= Math.max(g.maxCol, 10); c++) widths.push(12);
  const lastRow = Math.max(r, ...charts.map((c) => c.anchor.to.row));

  return {
    name: sheet,
    owned: true,
    cells: g.cells,
    tables: [],
    charts,
    columnWidths: widths,
    freeze: { rows: 1, cols: 0 },
    print: { area: { from: { row: 0, col: 0 }, to: { row: lastRow, col: widths.length - 1 } }, landscape: true, fitToWidth: true },
  };
}

function chart(name: string, type: ChartType, title: string, categories: RangeRef, categoryCache: string[], series: PlanSeries[]): PlanChart {
  return { name, type, title, categories, categoryCache, series, anchor: { from: { row: 0, col: 0 }, to: { row: 0, col: 0 } } };
}
