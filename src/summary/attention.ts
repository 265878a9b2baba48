/**
 * Measures needing attention: overdue (End year before the As of year and not Completed) or
 * at risk (Status At risk or Delayed), latest first. Static rows, from the framework's
 * (cleaned) measures; the Summary's Overdue and At risk counts are the live formulas.
 */
import { CommitteeIndex } from "../model/committees";
import type { Framework, Measure } from "../model/types";
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
  const index = new CommitteeIndex(f.committees);
  const items = f.measures
    .map((m, order) => ({ m, order }))
    .filter(({ m }) => isOverdue(m, asOf) || isAtRisk(m))
    .map(({ m, order }) => {
      const overdue = isOverdue(m, asOf);
      const item: AttentionItem = {
        no: m.no,
        measure: m.measure,
        goal: m.goal,
        committee: index.resolve(m.leadCommittee) ?? m.leadCommittee,
        endYear: m.endYear,
        status: m.status,
        progress: m.progress,
        overdue,
        atRisk: isAtRisk(m),
        yearsLate: m.endYear === null ? null : overdue ? asOf - m.endYear : 0,
      };
      return { item, order };
    });
  items.sort(
    (a, b) =>
      (a.item.endYear ?? Number.POSITIVE_INFINITY) - (b.item.endYear ?? Number.POSITIVE_INFINITY) ||
      statusRank(a.item.status) - statusRank(b.item.status) ||
      a.order - b.order,
  );
  return items.map((x) => x.item);
}

/** The first `limit` measures needing attention, and how many there are in all. */
export function attention(f: Framework, limit = DEFAULT_ATTENTION_LIMIT): { items: AttentionItem[]; total: number; limit: number } {
  const all = attentionItems(f);
  const n = Math.max(0, Math.floor(limit));
  return { items: all.slice(0, n), total: all.length, limit: n };
}
