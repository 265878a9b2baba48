/**
 * Measures needing attention: overdue (End year before the As of year and not Completed) or
 * at risk (Status At risk or Delayed), latest first. Static rows, from the framework's
 * (cleaned) measures; the Summary's Overdue and At risk counts are the live formulas.
 */
import { STATUSES, type Framework, type Measure } from "../model/types";
import { committeeResolver } from "./dimensions";
import type { AttentionItem } from "./types";

export const DEFAULT_ATTENTION_LIMIT = 10;

const norm = (s: string) => s.trim().toLowerCase();
const OPEN_STATUSES = new Set(
  STATUSES.filter((s) => s !== "Completed").map((s) => s.toLowerCase())
);

/**
 * As the `overdue` rule and the Summary's Overdue count: a blank or unknown Status is reported
 * by its own rules, not counted as overdue, so the list, the briefings and the count agree.
 */
export function isOverdue(m: Measure, asOfYear: number): boolean {
  const s = norm(m.status);
  return m.endYear !== null && m.endYear < asOfYear && OPEN_STATUSES.has(s);
}

export function isAtRisk(m: Measure): boolean {
  const s = norm(m.status);
  return s === "at risk" || s === "delayed";
}

/** Delayed before At risk before the rest, at equal lateness. */
function statusRank(status: string): number {
  const s = norm(status);
  return s === "delayed" ? 0 : s === "at risk" ? 1 : 2;
}

/** A measure needing attention, with its sort keys. */
interface Ranked {
  m: Measure;
  overdue: boolean;
  atRisk: boolean;
  /** End year; +∞ when blank. */
  end: number;
  rank: number;
  order: number;
}

/** Earliest End year first, then Delayed before At risk before the rest, then framework order. */
function compare(a: Ranked, b: Ranked): number {
  return a.end - b.end || a.rank - b.rank || a.order - b.order;
}

/** Calls `visit` with each measure needing attention, in framework order. */
function eachNeedingAttention(f: Framework, visit: (r: Ranked) => void): void {
  const asOf = f.settings.asOfYear;
  f.measures.forEach((m, order) => {
    const overdue = isOverdue(m, asOf);
    const atRisk = isAtRisk(m);
    if (!overdue && !atRisk) return;
    visit({
      m,
      overdue,
      atRisk,
      end: m.endYear ?? Number.POSITIVE_INFINITY,
      rank: statusRank(m.status),
      order,
    });
  });
}

function itemMaker(f: Framework): (r: Ranked) => AttentionItem {
  const asOf = f.settings.asOfYear;
  const resolve = committeeResolver(f.committees);
  return ({ m, overdue, atRisk }) => ({
    no: m.no,
    measure: m.measure,
    goal: m.goal,
    committee: resolve(m.leadCommittee) ?? m.leadCommittee,
    endYear: m.endYear,
    status: m.status,
    progress: m.progress,
    overdue,
    atRisk,
    yearsLate: m.endYear === null ? null : overdue ? asOf - m.endYear : 0,
  });
}

/** All measures needing attention, ordered by how late they are (earliest End year first). */
export function attentionItems(f: Framework): AttentionItem[] {
  const all: Ranked[] = [];
  eachNeedingAttention(f, (r) => all.push(r));
  all.sort(compare);
  return all.map(itemMaker(f));
}

/** Up to this many items are picked without sorting them all. */
const PICK_LIMIT = 64;

/**
 * The first n (≤ PICK_LIMIT) of attentionItems' order and how many there are, in one pass
 * keeping the n first seen so far; null when an End year is not a number (NaN: the order is
 * then the sort's, not a total order).
 */
function pickFirst(f: Framework, n: number): { first: Ranked[]; total: number } | null {
  const first: Ranked[] = [];
  let total = 0;
  let odd = false;
  eachNeedingAttention(f, (r) => {
    total += 1;
    if (Number.isNaN(r.end)) odd = true;
    if (n === 0 || (first.length === n && compare(r, first[n - 1]) >= 0)) return;
    let i = first.length;
    while (i > 0 && compare(r, first[i - 1]) < 0) i--;
    first.splice(i, 0, r);
    if (first.length > n) first.pop();
  });
  return odd ? null : { first, total };
}

/** The first `limit` measures needing attention, and how many there are in all. */
export function attention(
  f: Framework,
  limit = DEFAULT_ATTENTION_LIMIT
): { items: AttentionItem[]; total: number; limit: number } {
  const n = Math.max(0, Math.floor(limit));
  const picked = n <= PICK_LIMIT ? pickFirst(f, n) : null;
  if (picked) return { items: picked.first.map(itemMaker(f)), total: picked.total, limit: n };
  const all = attentionItems(f);
  return { items: all.slice(0, n), total: all.length, limit: n };
}
