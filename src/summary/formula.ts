/**
 * Formula text for a query (src/summary/criteria.ts), without the leading "=".
 *
 * References are structured (`Measures[Lead committee]`, the header as the workbook spells
 * it, with [ ] # ' escaped by '), or — `references: "a1"` — plain absolute ranges computed
 * from the table's location (`'Measures'!$E$2:$E$140`) for a program that cannot read
 * structured references. Criteria are literal: double quotes doubled, wildcards (* ? ~)
 * escaped with ~, a leading = < > guarded with "=".
 */
import { columnLetter } from "../model/columns";
import type { SourceShape, SourceTableName } from "./source-cells";
import type { CountQuery, Criteria, Criterion, LookupQuery, Query } from "./criteria";
import { columnsOf } from "./criteria";

export type ReferenceStyle = "structured" | "a1";

export type Sources = Record<SourceTableName, SourceShape>;

/** A string literal in a formula. */
export function quoteText(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A literal inside a COUNTIFS criterion: wildcards escaped. */
export function escapeWildcards(s: string): string {
  return s.replace(/[~*?]/g, (ch) => `~${ch}`);
}

/** A column name inside a structured reference: [ ] # ' take a ' before them. */
export function escapeStructuredColumn(header: string): string {
  return header.replace(/[[\]#']/g, (ch) => `'${ch}`);
}

/** Numbers in criteria are whole (years, 0, 100); String() never writes a locale separator. */
function numberText(n: number): string {
  return String(n);
}

/** Excel's limits: 127 range/criteria pairs per COUNTIFS, 255 characters per criterion, 8192 per formula. */
export const MAX_CRITERIA_PAIRS = 127;
export const MAX_CRITERION_LENGTH = 255;
export const MAX_FORMULA_LENGTH = 8000;

function criteriaLists(q: Query): Criteria[] {
  switch (q.kind) {
    case "count":
    case "mean":
      return q.terms;
    case "ratio":
      return [...q.numerator.terms, ...q.denominator.terms];
    case "lookup":
      return [q.criteria];
    case "difference":
      return [...q.left.terms, q.right.criteria];
  }
}

/** The criterion argument, as a formula string literal. */
export function criterionText(c: Criterion): string {
  switch (c.op) {
    case "=": {
      if (c.text === "") return '""';
      const lit = escapeWildcards(c.text);
      return quoteText(/^[=<>]/.test(lit) ? `=${lit}` : lit);
    }
    case "<>":
      return quoteText(`<>${escapeWildcards(c.text)}`);
    case "contains":
      return quoteText(`*${escapeWildcards(c.text)}*`);
    case "nonblank":
      return quoteText("<>");
    default:
      return quoteText(`${c.op}${numberText(c.number)}`);
  }
}

function quoteSheetAlways(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

export class FormulaWriter {
  constructor(
    private readonly sources: Sources,
    private readonly style: ReferenceStyle = "structured"
  ) {}

  /** True when every column the query reads exists in the workbook (and can be addressed). */
  canWrite(q: Query): boolean {
    const lists = criteriaLists(q);
    if (lists.some((c) => c.length + 1 > MAX_CRITERIA_PAIRS)) return false;
    if (lists.some((cs) => cs.some((c) => criterionText(c).length - 2 > MAX_CRITERION_LENGTH)))
      return false;
    return columnsOf(q).every(({ table, column }) => {
      const s = this.sources[table];
      if (!s.exists || !s.columns[column]) return false;
      return this.style === "structured" || s.location !== undefined;
    });
  }

  /** The reference to a table column. */
  ref(table: SourceTableName, column: string): string {
    const s = this.sources[table];
    const c = s.columns[column];
    if (!c) throw new Error(`No column ${column} in ${table}`);
    if (this.style === "structured" || !s.location)
      return `${s.name}[${escapeStructuredColumn(c.header)}]`;
    const col = columnLetter(s.location.col + c.index);
    const first = s.location.row + 2;
    const last = s.location.row + 1 + Math.max(1, s.rowCount);
    return `${quoteSheetAlways(s.location.sheet)}!$${col}$${first}:$${col}$${last}`;
  }

  private args(table: SourceTableName, criteria: Criteria): string {
    return criteria.map((c) => `${this.ref(table, c.column)},${criterionText(c)}`).join(",");
  }

  private countifs(table: SourceTableName, criteria: Criteria): string {
    return `COUNTIFS(${this.args(table, criteria)})`;
  }

  private sumifs(table: SourceTableName, column: string, criteria: Criteria): string {
    return criteria.length === 0
      ? `SUM(${this.ref(table, column)})`
      : `SUMIFS(${this.ref(table, column)},${this.args(table, criteria)})`;
  }

  private count(q: CountQuery): string {
    return q.terms.length === 0 ? "0" : q.terms.map((t) => this.countifs(q.table, t)).join("+");
  }

  private paren(q: CountQuery): string {
    return q.terms.length > 1 ? `(${this.count(q)})` : this.count(q);
  }

  private lookupPresent(q: LookupQuery): string {
    return this.countifs(q.table, [...q.criteria, { column: q.column, op: "nonblank" }]);
  }

  /** The formula without "=", or null when it cannot be written (missing column, too long). */
  tryFormula(q: Query): string | null {
    if (!this.canWrite(q)) return null;
    const f = this.formula(q);
    return f.length > MAX_FORMULA_LENGTH ? null : f;
  }

  /** The formula, without "=". Call canWrite first. */
  formula(q: Query): string {
    switch (q.kind) {
      case "count":
        return this.count(q);
      case "mean": {
        if (q.terms.length === 1) {
          const t = q.terms[0];
          const inner =
            t.length === 0
              ? `AVERAGE(${this.ref(q.table, q.column)})`
              : `AVERAGEIFS(${this.ref(q.table, q.column)},${this.args(q.table, t)})`;
          return `IFERROR(${inner},"")`;
        }
        const sums = q.terms.map((t) => this.sumifs(q.table, q.column, t)).join("+");
        const counts = q.terms.map((t) => this.countifs(q.table, t)).join("+");
        return `IFERROR((${sums})/(${counts}),"")`;
      }
      case "ratio":
        return `IFERROR(${this.paren(q.numerator)}/${this.paren(q.denominator)},"")`;
      case "lookup":
        return `IF(${this.lookupPresent(q)}=0,"",${this.sumifs(q.table, q.column, q.criteria)})`;
      case "difference":
        return `IF(${this.lookupPresent(q.right)}=0,"",${this.paren(q.left)}-${this.sumifs(q.right.table, q.right.column, q.right.criteria)})`;
    }
  }
}
