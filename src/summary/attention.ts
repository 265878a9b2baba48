/**
 * Measures needing attention: overdue (End year before the As of year and not Completed) or
 * at risk (Status At risk or Delayed), latest first. Static rows, from the framework's
 * (cleaned) measures; the Summary's Overdue and At risk counts are the live formulas.
 */
import type { Framework, Measure } from "../model/types";
import { committeeResolver } from "./dimensions";
import type { AttentionItem } from "./types";

export const DEFAULT_ATTENTION_LIMIT = 10;

const norm = (s: string) => s.trim().toLowerCase();

export function isOverdue(m: Measure, asOfYear: number): boolean {
  return m.endYear !== null && m.endYear < asOfYear && norm(m.status) !== "completed";
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

/** All measures needing attention, ordered by how late they are (earliest End year first). */
export function attentionItems(f: Framework): AttentionItem[] {
  const asOf = f.settings.asOfYear;
  const resolve = committeeResolver(f.committees);
  const items: Array<{ item: AttentionItem; end: number; rank: number; order: number }> = [];
  f.measures.forEach((m, order) => {
    const overdue = isOverdue(m, asOf);
    const atRisk = isAtRisk(m);
    if (!overdue && !atRisk) return;
    const item: AttentionItem = {
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
    };
    items.push({ item, end: m.endYear ?? Number.POSITIVE_INFINITY, rank: statusRank(m.status), order });
  });
  items.sort((a, b) => a.end - b.end || a.rank - b.rank || a.order - b.order);
  return items.map((x) => x.item);
}

/** The first `limit` measures needing attention, and how many there are in all. */
export function attention(f: Framework, limit = DEFAULT_ATTENTION_LIMIT): { items: AttentionItem[]; total: number; limit: number } {
  const all = attentionItems(f);
  const n = Math.max(0, Math.floor(limit));
  return { items: all.slice(0, n), total: all.length, limit: n };
}
