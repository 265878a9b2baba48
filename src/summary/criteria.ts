/**
 * The Summary's numbers as queries: each is one spreadsheet formula (COUNTIFS, AVERAGEIFS,
 * SUMIFS, or SUMPRODUCT where a column's numbers must be read as the rules read them) and our
 * evaluation of it. Both come from the same query, so the value we cache is the value a
 * recalculation gives. The evaluation follows the spreadsheet's rules for criteria (Excel's,
 * checked against LibreOffice in tests/summary/libreoffice.test.ts):
 *
 * - text criteria compare whole cells, ignoring case, without trimming; our criteria are
 *   literal (wildcards escaped with "~" when rendered), except `contains` ("*text*");
 * - a criterion that reads as a number also matches number cells equal to it;
 * - wildcard criteria match text cells only; numeric comparisons ("<=2025") number cells only;
 * - "<>x" matches every cell not equal to x, blanks included; "<>" matches non-blank cells;
 * - AVERAGEIFS and SUMIFS take number cells only; a mean over no number is "" (IFERROR);
 * - except on the columns with a Reading (source-cells.ts: Start year, End year, Progress %):
 *   there numeric comparisons and sums take the number the rules read (readYear, readNumber:
 *   "2025", a date, "២០២៥", "50 %"), so the Summary counts what validate counts. The formula
 *   says the same with SUMPRODUCT over an explicit coercion (formula.ts).
 *
 * Two evaluations give the same values: `evaluateDirect` scans the rows for every COUNTIFS
 * (the reference, plain to read), `QueryEvaluator` reads each column once and each distinct
 * criterion once into a bit set of rows, so a summary of hundreds of formulas over 100 000
 * rows stays linear (tests/summary/evaluator.test.ts holds them equal on random tables).
 */
import type { Cell } from "../model/types";
import {
  readingOf,
  sourceCell,
  type Reading,
  type SourceCells,
  type SourceTable,
  type SourceTableName,
} from "./source-cells";
import { DAY_MS, EXCEL_EPOCH_MS, readNumber, readYear } from "../model/cells";

export type TextOp = "=" | "<>" | "contains";
export type NumberOp = "<" | "<=" | ">" | ">=";

export type NumberCriterion = { column: string; op: NumberOp; number: number };

export type Criterion =
  | { column: string; op: TextOp; text: string }
  | NumberCriterion
  | { column: string; op: "nonblank" };

export function isNumberCriterion(c: Criterion): c is NumberCriterion {
  return c.op === "<" || c.op === "<=" || c.op === ">" || c.op === ">=";
}

/** The column's Reading when the criterion compares the number the rules read there. */
export function criterionReading(table: SourceTableName, c: Criterion): Reading | undefined {
  return isNumberCriterion(c) ? readingOf(table, c.column) : undefined;
}

/** All criteria hold: one COUNTIFS. */
export type Criteria = Criterion[];

/** Σ COUNTIFS(term) over the terms. */
export interface CountQuery {
  kind: "count";
  table: SourceTableName;
  terms: Criteria[];
}

/**
 * Mean of a column's numbers: one term is IFERROR(AVERAGEIFS(col, …),""); several are
 * IFERROR((SUMIFS(col, t1)+…)/(COUNTIFS(t1)+…),"") — so each term should hold a numeric
 * criterion on the column, else COUNTIFS counts rows whose cell is not a number.
 */
export interface MeanQuery {
  kind: "mean";
  table: SourceTableName;
  column: string;
  terms: Criteria[];
}

/** IFERROR(numerator/denominator,""). */
export interface RatioQuery {
  kind: "ratio";
  numerator: CountQuery;
  denominator: CountQuery;
}

/** A number from a table: IF(COUNTIFS(criteria, column,"<>")=0,"",SUMIFS(column, criteria)). */
export interface LookupQuery {
  kind: "lookup";
  table: SourceTableName;
  column: string;
  criteria: Criteria;
}

/** IF(COUNTIFS(lookup…,"<>")=0,"",(left)-SUMIFS(lookup…)): blank when nothing to subtract. */
export interface DifferenceQuery {
  kind: "difference";
  left: CountQuery;
  right: LookupQuery;
}

export type Query = CountQuery | MeanQuery | RatioQuery | LookupQuery | DifferenceQuery;

export type QueryValue = number | "";

/** A number of the summary: its value and the formula it stands for. */
export interface Metric {
  value: QueryValue;
  query: Query;
}

export type Scalar =
  | { kind: "blank" }
  | { kind: "number"; n: number }
  | { kind: "text"; s: string }
  | { kind: "bool"; b: boolean };

/** A cell as a formula sees it: dates are serial numbers, "" is blank. */
export function scalar(cell: Cell | undefined): Scalar {
  if (cell === null || cell === undefined) return { kind: "blank" };
  if (typeof cell === "number")
    return Number.isFinite(cell) ? { kind: "number", n: cell } : { kind: "blank" };
  if (typeof cell === "boolean") return { kind: "bool", b: cell };
  if (cell instanceof Date) {
    const t = cell.getTime();
    return isNaN(t) ? { kind: "blank" } : { kind: "number", n: (t - EXCEL_EPOCH_MS) / DAY_MS };
  }
  const s = String(cell);
  return s === "" ? { kind: "blank" } : { kind: "text", s };
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function fold(s: string): string {
  return s.toLowerCase();
}

function equalsText(v: Scalar, text: string): boolean {
  if (text === "") return v.kind === "blank";
  if (v.kind === "text") return fold(v.s) === fold(text);
  if (v.kind === "number") return NUMERIC.test(text) && v.n === Number(text);
  if (v.kind === "bool") return fold(text) === (v.b ? "true" : "false");
  return false;
}

/** The number the rules read from a cell of a column with a Reading; NaN when none. */
export function readValue(reading: Reading, cell: Cell | undefined): number {
  if (reading === "year") {
    const y = readYear(cell);
    return y.kind === "year" ? y.year : NaN;
  }
  const n = readNumber(cell);
  return n.kind === "number" ? n.value : NaN;
}

function compareNumber(op: NumberOp, x: number, n: number): boolean {
  switch (op) {
    case "<":
      return x < n;
    case "<=":
      return x <= n;
    case ">":
      return x > n;
    case ">=":
      return x >= n;
  }
}

/** Whether the cell meets the criterion; `reading`: the column's Reading (numeric criteria use it). */
export function matches(c: Criterion, cell: Cell | undefined, reading?: Reading): boolean {
  if (reading && isNumberCriterion(c))
    return compareNumber(c.op, readValue(reading, cell), c.number);
  return matchesScalar(c, scalar(cell));
}

/** `matches` on a cell already read as the formula sees it. */
export function matchesScalar(c: Criterion, v: Scalar): boolean {
  switch (c.op) {
    case "=":
      return equalsText(v, c.text);
    case "<>":
      return !equalsText(v, c.text);
    case "contains":
      return v.kind === "text" && fold(v.s).includes(fold(c.text));
    case "nonblank":
      return v.kind !== "blank";
    case "<":
      return v.kind === "number" && v.n < c.number;
    case "<=":
      return v.kind === "number" && v.n <= c.number;
    case ">":
      return v.kind === "number" && v.n > c.number;
    case ">=":
      return v.kind === "number" && v.n >= c.number;
  }
}

/**
 * True when a criterion can never match a blank cell, so a term holding it cannot count a
 * blank row of the table.
 */
export function excludesBlank(c: Criterion): boolean {
  if (c.op === "=") return c.text !== "";
  if (c.op === "<>") return c.text === "";
  return true;
}

function rowsMatching(
  sources: SourceCells,
  table: SourceTableName,
  criteria: Criteria
): Array<ReadonlyArray<Cell | undefined>> {
  const t = sources[table];
  const readings = criteria.map((c) => criterionReading(table, c));
  return t.rows.filter((row) =>
    criteria.every((c, k) => matches(c, sourceCell(t, row, c.column), readings[k]))
  );
}

function countIfs(sources: SourceCells, table: SourceTableName, criteria: Criteria): number {
  return rowsMatching(sources, table, criteria).length;
}

/**
 * SUMIFS: the numbers of `column` in the matching rows (text and blanks are skipped); on a
 * column with a Reading, the numbers the rules read.
 */
function sumIfs(
  sources: SourceCells,
  table: SourceTableName,
  column: string,
  criteria: Criteria
): { sum: number; numbers: number } {
  const reading = readingOf(table, column);
  let sum = 0;
  let numbers = 0;
  for (const row of rowsMatching(sources, table, criteria)) {
    const cell = sourceCell(sources[table], row, column);
    const x = reading ? readValue(reading, cell) : numberOf(scalar(cell));
    if (!Number.isNaN(x)) {
      sum += x;
      numbers += 1;
    }
  }
  return { sum, numbers };
}

function numberOf(v: Scalar): number {
  return v.kind === "number" ? v.n : NaN;
}

/**
 * The value a spreadsheet computes for the query's formula, the straightforward way: every
 * COUNTIFS / SUMIFS scans the rows and reads each cell afresh. The reference that
 * `QueryEvaluator` must equal (tests/summary/evaluator.test.ts); slow on large tables.
 */
export function evaluateDirect(q: Query, sources: SourceCells): QueryValue {
  switch (q.kind) {
    case "count":
      return q.terms.reduce((n, t) => n + countIfs(sources, q.table, t), 0);
    case "mean": {
      if (q.terms.length === 1) {
        const { sum, numbers } = sumIfs(sources, q.table, q.column, q.terms[0]);
        return numbers === 0 ? "" : sum / numbers;
      }
      let sum = 0;
      let count = 0;
      for (const t of q.terms) {
        sum += sumIfs(sources, q.table, q.column, t).sum;
        count += countIfs(sources, q.table, t);
      }
      return count === 0 ? "" : sum / count;
    }
    case "ratio": {
      const n = evaluateDirect(q.numerator, sources);
      const d = evaluateDirect(q.denominator, sources);
      return typeof n === "number" && typeof d === "number" && d !== 0 ? n / d : "";
    }
    case "lookup": {
      const present = countIfs(sources, q.table, [
        ...q.criteria,
        { column: q.column, op: "nonblank" },
      ]);
      return present === 0 ? "" : sumIfs(sources, q.table, q.column, q.criteria).sum;
    }
    case "difference": {
      const right = evaluateDirect(q.right, sources);
      const left = evaluateDirect(q.left, sources);
      return right === "" || left === "" ? "" : left - right;
    }
  }
}

/** A column's cells, read once: each row's distinct value as the formula sees it, and its number. */
interface ColumnCells {
  /** Per row, the index in `values` of the row's cell. */
  ids: Uint32Array;
  /**
   * The column's distinct values. Equal numbers share one (0 and -0 too: every criterion
   * treats them alike); text is kept as written, so criteria see exactly what `scalar` gives.
   */
  values: Scalar[];
  /** Per row, the cell's number (dates as serials); NaN when the cell is not a number. */
  numbers: Float64Array;
}

function readColumn(table: SourceTable, column: string): ColumnCells {
  const rows = table.rows;
  const n = rows.length;
  const index = table.columns[column]?.index ?? -1;
  const ids = new Uint32Array(n);
  const numbers = new Float64Array(n).fill(NaN);
  const values: Scalar[] = [];
  const byText = new Map<string, number>();
  const byNumber = new Map<number, number>();
  const other = new Map<string, number>();
  const textId = (s: string): number => {
    let id = byText.get(s);
    if (id === undefined) {
      id = values.length;
      values.push({ kind: "text", s });
      byText.set(s, id);
    }
    return id;
  };
  const numberId = (x: number): number => {
    let id = byNumber.get(x);
    if (id === undefined) {
      id = values.length;
      values.push({ kind: "number", n: x });
      byNumber.set(x, id);
    }
    return id;
  };
  for (let i = 0; i < n; i++) {
    const cell = index < 0 ? undefined : rows[i][index];
    if (typeof cell === "string" && cell !== "") {
      ids[i] = textId(cell);
    } else if (typeof cell === "number" && Number.isFinite(cell)) {
      ids[i] = numberId(cell);
      numbers[i] = cell;
    } else {
      const v = scalar(cell);
      if (v.kind === "number") {
        ids[i] = numberId(v.n);
        numbers[i] = v.n;
      } else if (v.kind === "text") {
        ids[i] = textId(v.s);
      } else {
        const key = v.kind === "bool" ? String(v.b) : "";
        let id = other.get(key);
        if (id === undefined) {
          id = values.length;
          values.push(v);
          other.set(key, id);
        }
        ids[i] = id;
      }
    }
  }
  return { ids, values, numbers };
}

function criterionKey(c: Criterion): string {
  switch (c.op) {
    case "=":
    case "<>":
    case "contains":
      return `${c.op}:${c.text}`;
    case "nonblank":
      return c.op;
    default:
      return `${c.op}:${String(c.number)}`;
  }
}

function popcount(w: number): number {
  w = w - ((w >>> 1) & 0x55555555);
  w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
  return Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * One table's rows as bit sets: each criterion's matching rows are computed once (over the
 * column's distinct values, then the rows), a term's rows are the AND of its criteria's.
 */
class TableCells {
  private readonly words: number;
  private readonly columns = new Map<string, ColumnCells>();
  /** Per column with a Reading: its cells as the rules read them (readColumnCells). */
  private readonly readColumns = new Map<string, ColumnCells>();
  private readonly masks = new Map<string, Map<string, Uint32Array>>();
  private all: Uint32Array | null = null;
  private scratch: Uint32Array | null = null;
  private readonly rows: number;

  constructor(
    private readonly name: SourceTableName,
    private readonly table: SourceTable
  ) {
    this.rows = table.rows.length;
    this.words = (this.rows + 31) >>> 5;
  }

  /**
   * A column with a Reading as the rules read it: per row the number (NaN: none) and its
   * distinct value, so a numeric criterion is decided once per distinct number, as for other
   * columns. Each distinct text is read once (years typed as text repeat).
   */
  private readColumnCells(column: string, reading: Reading): ColumnCells {
    let col = this.readColumns.get(column);
    if (!col) {
      const t = this.table;
      const ids = new Uint32Array(this.rows);
      const numbers = new Float64Array(this.rows);
      const values: Scalar[] = [];
      const byNumber = new Map<number, number>();
      const texts = new Map<string, number>();
      for (let i = 0; i < this.rows; i++) {
        const cell = sourceCell(t, t.rows[i], column);
        let x: number | undefined;
        if (typeof cell === "string") {
          x = texts.get(cell);
          if (x === undefined) {
            x = readValue(reading, cell);
            texts.set(cell, x);
          }
        } else x = readValue(reading, cell);
        numbers[i] = x;
        // NaN is one key of a Map, and 0 and -0 another: every criterion treats each alike.
        let id = byNumber.get(x);
        if (id === undefined) {
          id = values.length;
          values.push(Number.isNaN(x) ? { kind: "blank" } : { kind: "number", n: x });
          byNumber.set(x, id);
        }
        ids[i] = id;
      }
      col = { ids, values, numbers };
      this.readColumns.set(column, col);
    }
    return col;
  }

  /** The numbers `column` contributes to a sum: its Reading's, else its number cells' (NaN: none). */
  private numbers(column: string): Float64Array {
    const reading = readingOf(this.name, column);
    return reading ? this.readColumnCells(column, reading).numbers : this.column(column).numbers;
  }

  private column(name: string): ColumnCells {
    let col = this.columns.get(name);
    if (!col) {
      col = readColumn(this.table, name);
      this.columns.set(name, col);
    }
    return col;
  }

  /** The rows a criterion matches (shared: do not modify). */
  private criterionMask(c: Criterion): Uint32Array {
    let byKey = this.masks.get(c.column);
    if (!byKey) {
      byKey = new Map();
      this.masks.set(c.column, byKey);
    }
    const key = criterionKey(c);
    let mask = byKey.get(key);
    if (!mask) {
      // A numeric criterion on a column with a Reading compares the number the rules read.
      const reading = criterionReading(this.name, c);
      const col = reading ? this.readColumnCells(c.column, reading) : this.column(c.column);
      const ok = new Uint8Array(col.values.length);
      for (let g = 0; g < ok.length; g++) ok[g] = matchesScalar(c, col.values[g]) ? 1 : 0;
      mask = new Uint32Array(this.words);
      const ids = col.ids;
      const n = ids.length;
      for (let w = 0, i = 0; w < mask.length; w++) {
        const end = Math.min(i + 32, n);
        let bits = 0;
        for (let b = 0; i < end; i++, b++) if (ok[ids[i]] === 1) bits |= 1 << b;
        mask[w] = bits;
      }
      byKey.set(key, mask);
    }
    return mask;
  }

  /** The rows all criteria match (shared, or the scratch set overwritten by the next call: read at once). */
  private termMask(criteria: Criteria): Uint32Array {
    if (criteria.length === 0) {
      if (!this.all) {
        const all = new Uint32Array(this.words);
        for (let i = 0; i < this.rows; i++) all[i >>> 5] |= 1 << (i & 31);
        this.all = all;
      }
      return this.all;
    }
    const first = this.criterionMask(criteria[0]);
    if (criteria.length === 1) return first;
    const mask = (this.scratch ??= new Uint32Array(this.words));
    mask.set(first);
    for (let k = 1; k < criteria.length; k++) {
      const m = this.criterionMask(criteria[k]);
      for (let w = 0; w < mask.length; w++) mask[w] &= m[w];
    }
    return mask;
  }

  /** COUNTIFS. */
  count(criteria: Criteria): number {
    const mask = this.termMask(criteria);
    let n = 0;
    for (let w = 0; w < mask.length; w++) if (mask[w] !== 0) n += popcount(mask[w]);
    return n;
  }

  /** SUMIFS: the numbers of `column` in the matching rows, added in row order. */
  sum(column: string, criteria: Criteria): { sum: number; numbers: number } {
    const mask = this.termMask(criteria);
    const values = this.numbers(column);
    let sum = 0;
    let numbers = 0;
    for (let w = 0; w < mask.length; w++) {
      let bits = mask[w];
      while (bits !== 0) {
        const low = bits & -bits;
        const x = values[(w << 5) + 31 - Math.clz32(low)];
        if (!Number.isNaN(x)) {
          sum += x;
          numbers += 1;
        }
        bits ^= low;
      }
    }
    return { sum, numbers };
  }
}

/**
 * Evaluates queries over one set of source cells, as `evaluateDirect` does, but reading each
 * column once and each distinct criterion once, so that a summary's hundreds of queries cost
 * about one pass over the rows per criterion. The cells are read when first needed: use one
 * evaluator per summary, not across edits of the rows.
 */
export class QueryEvaluator {
  private readonly tables = new Map<SourceTableName, TableCells>();

  constructor(private readonly sources: SourceCells) {}

  private table(name: SourceTableName): TableCells {
    let t = this.tables.get(name);
    if (!t) {
      t = new TableCells(name, this.sources[name]);
      this.tables.set(name, t);
    }
    return t;
  }

  /** The value a spreadsheet computes for the query's formula. */
  evaluate(q: Query): QueryValue {
    switch (q.kind) {
      case "count": {
        const t = this.table(q.table);
        let n = 0;
        for (const term of q.terms) n += t.count(term);
        return n;
      }
      case "mean": {
        const t = this.table(q.table);
        if (q.terms.length === 1) {
          const { sum, numbers } = t.sum(q.column, q.terms[0]);
          return numbers === 0 ? "" : sum / numbers;
        }
        let sum = 0;
        let count = 0;
        for (const term of q.terms) {
          sum += t.sum(q.column, term).sum;
          count += t.count(term);
        }
        return count === 0 ? "" : sum / count;
      }
      case "ratio": {
        const n = this.evaluate(q.numerator);
        const d = this.evaluate(q.denominator);
        return typeof n === "number" && typeof d === "number" && d !== 0 ? n / d : "";
      }
      case "lookup": {
        const t = this.table(q.table);
        const present = t.count([...q.criteria, { column: q.column, op: "nonblank" }]);
        return present === 0 ? "" : t.sum(q.column, q.criteria).sum;
      }
      case "difference": {
        const right = this.evaluate(q.right);
        const left = this.evaluate(q.left);
        return right === "" || left === "" ? "" : left - right;
      }
    }
  }

  metric(query: Query): Metric {
    return { value: this.evaluate(query), query };
  }
}

/** The value a spreadsheet computes for the query's formula. */
export function evaluate(q: Query, sources: SourceCells): QueryValue {
  return new QueryEvaluator(sources).evaluate(q);
}

/** The query with its value, from the summary's evaluator. */
export function metric(query: Query, evaluator: QueryEvaluator): Metric {
  return evaluator.metric(query);
}

/** The tables and columns a query reads. */
export function columnsOf(q: Query): Array<{ table: SourceTableName; column: string }> {
  switch (q.kind) {
    case "count":
      return q.terms.flatMap((t) => t.map((c) => ({ table: q.table, column: c.column })));
    case "mean":
      return [
        { table: q.table, column: q.column },
        ...q.terms.flatMap((t) => t.map((c) => ({ table: q.table, column: c.column }))),
      ];
    case "ratio":
      return [...columnsOf(q.numerator), ...columnsOf(q.denominator)];
    case "lookup":
      return [
        { table: q.table, column: q.column },
        ...q.criteria.map((c) => ({ table: q.table, column: c.column })),
      ];
    case "difference":
      return [...columnsOf(q.left), ...columnsOf(q.right)];
  }
}
