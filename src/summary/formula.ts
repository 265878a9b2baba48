/**
 * Formula text for a query (src/summary/criteria.ts), without the leading "=".
 *
 * References are structured (`Measures[Lead committee]`, the header as the workbook spells
 * it, with [ ] # ' escaped by '), or — `references: "a1"` — plain absolute ranges computed
 * from the table's location (`'Measures'!$E$2:$E$140`) for a program that cannot read
 * structured references. Criteria are literal: double quotes doubled, wildcards (* ? ~)
 * escaped with ~, a leading = < > guarded with "=".
 *
 * A term with a numeric criterion on a column with a Reading (Start year, End year, Progress %)
 * is a SUMPRODUCT that reads each cell as the rules do (`readText`): spaces and control characters
 * dropped (and, for Progress %, "%" dropped and "," read as "."; Khmer digits folded where the
 * column holds any), converted with "--"; a year is a whole number 1000–9999 or a date serial
 * 10000–100000 (its YEAR, compared as a range of serials). A test on that number is
 * ISNUMBER(1/(test)), false for a cell with no number; a sum takes REPT(text,ok)&REPT(0,1-ok).
 * The term's other criteria become factors with COUNTIFS's meaning. Only functions that take
 * arrays inside SUMPRODUCT without Ctrl+Shift+Enter (no IF, no IFERROR inside), none
 * LibreOffice lacks, no LET.
 */
import { columnLetter } from "../model/columns";
import { readingOf, type SourceShape, type SourceTableName } from "./source-cells";
import type {
  CountQuery,
  Criteria,
  Criterion,
  LookupQuery,
  NumberCriterion,
  Query,
} from "./criteria";
import { columnsOf, criterionReading, isNumberCriterion } from "./criteria";
import {
  KHMER_ZERO,
  numberBounds,
  numberText,
  NUMERIC,
  product,
  within,
  yearBounds,
  serialOfYear,
} from "./formula-bounds";

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

  /** True when the term must be a SUMPRODUCT: a numeric criterion on a column with a Reading. */
  private needsProduct(table: SourceTableName, criteria: Criteria): boolean {
    return criteria.some((c) => criterionReading(table, c) !== undefined);
  }

  /** A column with a Reading as text the "--" conversion reads as the rules do. */
  private readText(table: SourceTableName, column: string): string {
    const ref = this.ref(table, column);
    let t = `SUBSTITUTE(${ref}," ","")`;
    if (readingOf(table, column) === "number") t = `SUBSTITUTE(SUBSTITUTE(${t},"%",""),",",".")`;
    if (this.sources[table].columns[column]?.khmerDigits)
      for (let d = 0; d <= 9; d++)
        t = `SUBSTITUTE(${t},"${String.fromCharCode(KHMER_ZERO + d)}",${d})`;
    return `CLEAN(${t})`;
  }

  /** Per row, the cell's number as the rules read it, or 0 when it has none (for sums). */
  private readValue(table: SourceTableName, column: string): string {
    const t = this.readText(table, column);
    const ok = `ISNUMBER(--${t})`;
    return `--(REPT(${t},1*${ok})&REPT(0,1-${ok}))`;
  }

  private readValid(table: SourceTableName, column: string): string {
    return `ISNUMBER(--${this.readText(table, column)})`;
  }

  /**
   * Per row, whether the cell's number (as the rules read it) meets `test` (of "x"): 1/TRUE is
   * a number, 1/FALSE and 1/#VALUE! are not, so no IFERROR is needed and the long conversion
   * is written once per test.
   */
  private readTest(table: SourceTableName, column: string, test: (x: string) => string): string {
    return `ISNUMBER(1/${test(`--${this.readText(table, column)}`)})`;
  }

  /** Year in [lo, hi]: a whole number in range, or a date serial within those years. */
  private yearFactor(table: SourceTableName, column: string, cs: NumberCriterion[]): string {
    const { lo, hi } = yearBounds(cs);
    const parts: string[] = [];
    const a = Math.max(lo, 1000);
    const b = Math.min(hi, 9999);
    if (a <= b)
      parts.push(this.readTest(table, column, (x) => `(${within(x, a, b)}*(MOD(${x},1)=0))`));
    const c = lo === -Infinity ? 10_000 : Math.max(10_000, serialOfYear(lo));
    const d = hi === Infinity ? 100_000 : Math.min(100_000, serialOfYear(hi + 1) - 1);
    if (c <= d && lo <= hi)
      parts.push(this.readTest(table, column, (x) => within(`INT(${x})`, c, d)));
    return parts.length === 0 ? "(0)" : `(${parts.join("+")})`;
  }

  private numberFactor(table: SourceTableName, column: string, cs: NumberCriterion[]): string {
    const r = numberBounds(cs);
    if (!r) return "(0)";
    const finiteLo = Number.isFinite(r.lo);
    const finiteHi = Number.isFinite(r.hi);
    if (!finiteLo && !finiteHi) return `(${this.readValid(table, column)})`;
    const test = (x: string): string => {
      if (finiteLo && finiteHi && r.loIn && r.hiIn) return within(x, r.lo, r.hi);
      const f: string[] = [];
      if (finiteLo) f.push(`(${x}>${r.loIn ? "=" : ""}${numberText(r.lo)})`);
      if (finiteHi) f.push(`(${x}<${r.hiIn ? "=" : ""}${numberText(r.hi)})`);
      return f.length === 1 ? f[0] : `(${f.join("*")})`;
    };
    return `(${this.readTest(table, column, test)})`;
  }

  /** A criterion with COUNTIFS's meaning, as a 0/1 factor per row. */
  private plainFactor(table: SourceTableName, c: Criterion): string {
    const r = this.ref(table, c.column);
    const equal = (text: string): string => {
      if (text === "") return `(${r}="")`;
      const asText = `(${r}=${quoteText(text)})`;
      if (!NUMERIC.test(text)) return asText;
      const n = Number(text);
      return n === 0 ? `(${asText}+(${r}=0)*(${r}<>""))` : `(${asText}+(${r}=${numberText(n)}))`;
    };
    switch (c.op) {
      case "=":
        return equal(c.text);
      case "<>":
        return c.text === "" ? `(${r}<>"")` : `(1-${equal(c.text)})`;
      case "contains":
        return `(ISTEXT(${r})*ISNUMBER(SEARCH(${quoteText(escapeWildcards(c.text))},${r})))`;
      case "nonblank":
        return `(${r}<>"")`;
      default:
        return `(ISNUMBER(${r})*(${r}${c.op}${numberText(c.number)}))`;
    }
  }

  /** The term's criteria as 0/1 factors: numeric criteria on a column with a Reading grouped per column. */
  private factors(table: SourceTableName, criteria: Criteria): string[] {
    const out: string[] = [];
    const read = new Map<string, NumberCriterion[]>();
    for (const c of criteria) {
      if (isNumberCriterion(c) && readingOf(table, c.column)) {
        const list = read.get(c.column);
        if (list) list.push(c);
        else read.set(c.column, [c]);
      } else out.push(this.plainFactor(table, c));
    }
    for (const [column, cs] of read)
      out.push(
        readingOf(table, column) === "year"
          ? this.yearFactor(table, column, cs)
          : this.numberFactor(table, column, cs)
      );
    return out;
  }

  private args(table: SourceTableName, criteria: Criteria): string {
    return criteria.map((c) => `${this.ref(table, c.column)},${criterionText(c)}`).join(",");
  }

  private countifs(table: SourceTableName, criteria: Criteria): string {
    return this.needsProduct(table, criteria)
      ? `SUMPRODUCT(${product(this.factors(table, criteria))})`
      : `COUNTIFS(${this.args(table, criteria)})`;
  }

  /** The numbers SUMIFS would add, or on a column with a Reading the numbers the rules read. */
  private sumifs(table: SourceTableName, column: string, criteria: Criteria): string {
    const reading = readingOf(table, column);
    if (reading || this.needsProduct(table, criteria)) {
      const values = reading ? this.readValue(table, column) : this.ref(table, column);
      const f = this.factors(table, criteria);
      return f.length === 0 ? `SUMPRODUCT(${values})` : `SUMPRODUCT(${product(f)},${values})`;
    }
    return criteria.length === 0
      ? `SUM(${this.ref(table, column)})`
      : `SUMIFS(${this.ref(table, column)},${this.args(table, criteria)})`;
  }

  /**
   * How many matching rows hold a number in `column` (as its Reading reads it). A numeric
   * criterion on the column already says so (a cell without a number meets none).
   */
  private numbersIn(table: SourceTableName, column: string, criteria: Criteria): string {
    if (criteria.some((c) => isNumberCriterion(c) && c.column === column))
      return this.countifs(table, criteria);
    const valid = readingOf(table, column)
      ? this.readValid(table, column)
      : `ISNUMBER(${this.ref(table, column)})`;
    return `SUMPRODUCT(${product([...this.factors(table, criteria), `(${valid})`])})`;
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
          if (readingOf(q.table, q.column) || this.needsProduct(q.table, t))
            return `IFERROR(${this.sumifs(q.table, q.column, t)}/${this.numbersIn(q.table, q.column, t)},"")`;
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
