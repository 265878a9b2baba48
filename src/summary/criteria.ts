/**
 * The Summary's numbers as queries: each is one spreadsheet formula (COUNTIFS, AVERAGEIFS,
 * SUMIFS over the tables) and our evaluation of it. Both come from the same query, so the
 * value we cache is the value a recalculation gives. The evaluation follows the spreadsheet's
 * rules for criteria (Excel's, checked against LibreOffice in tests/summary/libreoffice.test.ts):
 *
 * - text criteria compare whole cells, ignoring case, without trimming; our criteria are
 *   literal (wildcards escaped with "~" when rendered), except `contains` ("*text*");
 * - a criterion that reads as a number also matches number cells equal to it;
 * - wildcard criteria match text cells only; numeric comparisons ("<=2025") number cells only,
 *   so a year typed as text is not counted by the formula (nor by us);
 * - "<>x" matches every cell not equal to x, blanks included; "<>" matches non-blank cells;
 * - AVERAGEIFS and SUMIFS take number cells only; a mean over no number is "" (IFERROR).
 */
import type { Cell } from "../model/types";
import type { SourceCells, SourceTableName } from "./cells";

/** Excel's serial day 0 (1899-12-30), in ms: date cells compare as serial numbers. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export type TextOp = "=" | "<>" | "contains";
export type NumberOp = "<" | "<=" | ">" | ">=";

export type Criterion =
  | { column: string; op: TextOp; text: string }
  | { column: string; op: NumberOp; number: number }
  | { column: string; op: "nonblank" };

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

type Scalar = { kind: "blank" } | { kind: "number"; n: number } | { kind: "text"; s: string } | { kind: "bool"; b: boolean };

/** A cell as a formula sees it: dates are serial numbers, "" is blank. */
export function scalar(cell: Cell | undefined): Scalar {
  if (cell === null || cell === undefined) return { kind: "blank" };
  if (typeof cell === "number") return Number.isFinite(cell) ? { kind: "number", n: cell } : { kind: "blank" };
  if (typeof cell === "boolean") return { kind: "bool", b: cell };
  if (cell instanceof Date) {
    const t = cell.getTime();
    return isNaN(t) ? { kind: "blank" } : { kind: "number", n: (t - EXCEL_EPOCH) / DAY_MS };
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

export function matches(c: Criterion, cell: Cell | undefined): boolean {
  const v = scalar(cell);
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

function rowsMatching(sources: SourceCells, table: SourceTableName, criteria: Criteria): Array<Record<string, Cell>> {
  return sources[table].rows.filter((row) => criteria.every((c) => matches(c, row[c.column])));
}

function countIfs(sources: SourceCells, table: SourceTableName, criteria: Criteria): number {
  return rowsMatching(sources, table, criteria).length;
}

/** SUMIFS: the numbers of `column` in the matching rows (text and blanks are skipped). */
function sumIfs(sources: SourceCells, table: SourceTableName, column: string, criteria: Criteria): { sum: number; numbers: number } {
  let sum = 0;
  let numbers = 0;
  for (const row of rowsMatching(sources, table, criteria)) {
    const v = scalar(row[column]);
    if (v.kind === "number") {
      sum += v.n;
      numbers += 1;
    }
  }
  return { sum, numbers };
}

/** The value a spreadsheet computes for the query's formula. */
export function evaluate(q: Query, sources: SourceCells): QueryValue {
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
      const n = evaluate(q.numerator, sources);
      const d = evaluate(q.denominator, sources);
      return typeof n === "number" && typeof d === "number" && d !== 0 ? n / d : "";
    }
    case "lookup": {
      const present = countIfs(sources, q.table, [...q.criteria, { column: q.column, op: "nonblank" }]);
      return present === 0 ? "" : sumIfs(sources, q.table, q.column, q.criteria).sum;
    }
    case "difference": {
      const right = evaluate(q.right, sources);
      const left = evaluate(q.left, sources);
      return right === "" || left === "" ? "" : left - right;
    }
  }
}

export function metric(query: Query, sources: SourceCells): Metric {
  return { value: evaluate(query, sources), query };
}

/** The tables and columns a query reads. */
export function columnsOf(q: Query): Array<{ table: SourceTableName; column: string }> {
  switch (q.kind) {
    case "count":
      return q.terms.flatMap((t) => t.map((c) => ({ table: q.table, column: c.column })));
    case "mean":
      return [{ table: q.table, column: q.column }, ...q.terms.flatMap((t) => t.map((c) => ({ table: q.table, column: c.column })))];
    case "ratio":
      return [...columnsOf(q.numerator), ...columnsOf(q.denominator)];
    case "lookup":
      return [{ table: q.table, column: q.column }, ...q.criteria.map((c) => ({ table: q.table, column: c.column }))];
    case "difference":
      return [...columnsOf(q.left), ...columnsOf(q.right)];
  }
}
