/**
 * The pieces of the Summary formulas that read a column as the rules do (formula.ts): year and
 * number bounds of a term's criteria, written as range tests on a long expression.
 */
import { DAY_MS, EXCEL_EPOCH_MS } from "../model/cells";
import type { NumberCriterion } from "./criteria";

/** Numbers in criteria are whole (years, 0, 100); String() never writes a locale separator. */
export function numberText(n: number): string {
  return String(n);
}

export const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
export const KHMER_ZERO = 0x17e0;

/** Excel's serial of 1 January of a year (1900 date system). */
export function serialOfYear(year: number): number {
  const y = Math.min(Math.max(year, 1800), 2400);
  return Math.round((Date.UTC(y, 0, 1) - EXCEL_EPOCH_MS) / DAY_MS);
}

/** `lo ≤ x ≤ hi` as one comparison, so `x` (a long expression) is written once. */
export function within(x: string, lo: number, hi: number): string {
  return lo === hi
    ? `(${x}=${numberText(lo)})`
    : `(ABS(${x}-${numberText((lo + hi) / 2)})<=${numberText((hi - lo) / 2)})`;
}

/** The whole years a term's numeric criteria on a year column allow: [lo, hi], maybe empty. */
export function yearBounds(cs: NumberCriterion[]): { lo: number; hi: number } {
  let lo = -Infinity;
  let hi = Infinity;
  for (const c of cs) {
    const n = c.number;
    if (Number.isNaN(n)) return { lo: 1, hi: 0 };
    if (c.op === "<") hi = Math.min(hi, Math.ceil(n) - 1);
    else if (c.op === "<=") hi = Math.min(hi, Math.floor(n));
    else if (c.op === ">") lo = Math.max(lo, Math.floor(n) + 1);
    else lo = Math.max(lo, Math.ceil(n));
  }
  return { lo, hi };
}

export interface Interval {
  lo: number;
  loIn: boolean;
  hi: number;
  hiIn: boolean;
}

/** The numbers a term's numeric criteria on a number column allow, or null when none. */
export function numberBounds(cs: NumberCriterion[]): Interval | null {
  const r: Interval = { lo: -Infinity, loIn: false, hi: Infinity, hiIn: false };
  for (const c of cs) {
    const n = c.number;
    if (Number.isNaN(n)) return null;
    const closed = c.op === "<=" || c.op === ">=";
    if (c.op === "<" || c.op === "<=") {
      if (n < r.hi || (n === r.hi && !closed)) [r.hi, r.hiIn] = [n, closed];
    } else if (n > r.lo || (n === r.lo && !closed)) [r.lo, r.loIn] = [n, closed];
  }
  const empty = r.lo > r.hi || (r.lo === r.hi && !(r.loIn && r.hiIn && Number.isFinite(r.lo)));
  return empty ? null : r;
}

/** Factors in a product: each parenthesised; one factor is made a number with "--". */
export function product(factors: string[]): string {
  return factors.length === 1 ? `--${factors[0]}` : factors.join("*");
}
