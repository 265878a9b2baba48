/**
 * What a committee briefing says, shared by the Briefing sheets and the briefing deck: each
 * committee's measures (lead or co-lead, names resolved) ordered by what needs attention, and
 * its counts per attention group.
 */
import { STATUSES, type Framework, type Measure, type Status } from "../model/types";
import { isOverdue } from "../summary/attention";
import { committeeDims, committeeKeyResolver } from "../summary/dimensions";
import { measureCommitteeCodes } from "../model/committees";

/** Attention groups, most urgent first: a measure falls in the first that applies. */
export const ATTENTION_GROUPS = [
  "Delayed",
  "Overdue",
  "At risk",
  "On track",
  "Not started",
  "Completed",
  "Other",
] as const;
export type AttentionGroup = (typeof ATTENTION_GROUPS)[number];

const STATUS_BY_KEY = new Map<string, Status>(STATUSES.map((s) => [s.toLowerCase(), s]));

/** One of the five statuses, whatever the case and spacing; null for anything else. */
export function knownStatus(status: string): Status | null {
  return STATUS_BY_KEY.get(status.trim().toLowerCase()) ?? null;
}

export function attentionGroup(m: Measure, asOfYear: number): AttentionGroup {
  const s = knownStatus(m.status);
  if (s === "Delayed") return "Delayed";
  if (isOverdue(m, asOfYear)) return "Overdue";
  return s ?? "Other";
}

/** localeCompare(b, "en", { numeric, base }) made once: sorting 150 000 measures calls it millions of times. */
const NO_ORDER = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Measure numbers in natural order: "2" before "10", "1.a" after "1". */
export function compareNo(a: string, b: string): number {
  return NO_ORDER.compare(a, b);
}

export interface CommitteeBriefing {
  /** null: the measures that name no committee. */
  code: string | null;
  name: string;
  nameKm: string;
  /** Ordered by attention group, then No. */
  measures: Measure[];
  /** Per attention group, aligned with ATTENTION_GROUPS. */
  counts: number[];
}

/** The committees' measures (lead or co-lead), in Committees order, then those naming none. */
export function briefingBlocks(
  framework: Framework
): Array<{ code: string | null; name: string; nameKm: string; measures: Measure[] }> {
  const codeOf = committeeKeyResolver(framework.committees);
  const blocks: Array<{ code: string | null; name: string; nameKm: string; measures: Measure[] }> =
    committeeDims(framework).map((c) => ({
      code: c.code,
      name: c.name || c.code,
      nameKm: c.nameKm,
      measures: [],
    }));
  const blockOf = new Map<string, Measure[]>();
  for (const b of blocks)
    if (b.code !== null && !blockOf.has(b.code.toLowerCase()))
      blockOf.set(b.code.toLowerCase(), b.measures);
  const none: Measure[] = [];
  for (const m of framework.measures) {
    const codes = measureCommitteeCodes(m.leadCommittee, m.otherCommittees, codeOf);
    if (codes.length === 0) none.push(m);
    else for (const code of codes) blockOf.get(code)?.push(m);
  }
  if (none.length > 0) blocks.push({ code: null, name: "", nameKm: "", measures: none });
  return blocks;
}

/** Each committee's briefing; `only` keeps one committee (its code, any case). */
export function committeeBriefings(framework: Framework, only?: string): CommitteeBriefing[] {
  const asOf = framework.settings.asOfYear;
  const blocks = briefingBlocks(framework).filter(
    (b) => only === undefined || (b.code ?? "").toLowerCase() === only.trim().toLowerCase()
  );
  return blocks.map((b) => {
    const ranked = b.measures.map((m) => ({
      m,
      g: ATTENTION_GROUPS.indexOf(attentionGroup(m, asOf)),
    }));
    ranked.sort((x, y) => x.g - y.g || compareNo(x.m.no, y.m.no));
    const counts = ATTENTION_GROUPS.map(() => 0);
    for (const r of ranked) counts[r.g] += 1;
    return { ...b, measures: ranked.map((r) => r.m), counts };
  });
}

/** Measures per committee and status (lead or co-lead), statuses in STATUSES order, then "Other". */
export function statusByCommittee(
  framework: Framework
): Array<{ code: string | null; name: string; nameKm: string; counts: number[] }> {
  return briefingBlocks(framework).map((b) => {
    const counts = [...STATUSES.map(() => 0), 0];
    for (const m of b.measures) {
      const s = knownStatus(m.status);
      counts[s ? STATUSES.indexOf(s) : STATUSES.length] += 1;
    }
    return { code: b.code, name: b.name, nameKm: b.nameKm, counts };
  });
}
