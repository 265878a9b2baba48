/** Committee rules: unknown, lead repeated, not responsible, support missing, count. See README.md. */
import {
  against,
  codeKey,
  measureKey,
  type CommitteeMention,
  type MeasureChecker,
  type MeasureRow,
  type RuleContext,
  type Sink,
} from "./read-tables";

function lists(others: readonly CommitteeMention[], code: string): boolean {
  for (let i = 0; i < others.length; i++) if (others[i].code === code) return true;
  return false;
}

function repeats(lead: CommitteeMention, others: readonly CommitteeMention[]): boolean {
  for (let i = 0; i < others.length; i++) if (sameCommittee(lead, others[i])) return true;
  return false;
}

function sameCommittee(a: CommitteeMention, b: CommitteeMention): boolean {
  if (a.code !== null || b.code !== null) return a.code === b.code;
  return a.key !== "" && a.key === b.key;
}

export function committeeChecker(ctx: RuleContext, sink: Sink): MeasureChecker {
  const counts = new Map<string, number>();
  const source = against(ctx.committeeSource);
  const named = (code: string) => {
    const n = ctx.committeeNames(code);
    return { committee: code, committeeName: n.name, committeeNameKm: n.nameKm };
  };

  return {
    measure(m: MeasureRow) {
      const key = measureKey(m);
      const lead = m.lead;

      if (ctx.committeeIndex) {
        if (lead && lead.code === null)
          sink.add("committee-unknown", "Measures", m.row, "Lead committee", key, {
            committee: lead.text,
            ...source,
          });
        for (const o of m.others)
          if (o.code === null)
            sink.add("committee-unknown", "Measures", m.row, "Other committees", key, {
              committee: o.text,
              ...source,
            });
      }

      if (lead && m.others.length > 0 && repeats(lead, m.others)) {
        const params =
          lead.code !== null
            ? named(lead.code)
            : { committee: lead.text, committeeName: lead.text, committeeNameKm: lead.text };
        sink.add("committee-lead-repeated", "Measures", m.row, "Other committees", key, params);
      }

      const goalUsable = m.goal !== "" && (ctx.goals === null || ctx.goals.has(m.goalKey));
      if (ctx.responsibilities && goalUsable) {
        const entry = ctx.responsibilities.get(m.goalKey);
        if (lead && lead.code !== null && !entry?.leads.has(lead.code)) {
          sink.add("committee-not-responsible", "Measures", m.row, "Lead committee", key, {
            ...named(lead.code),
            goal: m.goal,
          });
        }
        const supports = entry ? entry.supports : [];
        for (let i = 0; i < supports.length; i++) {
          const support = supports[i];
          if (!(lead?.code === support || lists(m.others, support)))
            sink.add("committee-support-missing", "Measures", m.row, "Other committees", key, {
              ...named(support),
              goal: m.goal,
            });
        }
      }

      // committee-count: each committee once per measure it leads or co-leads.
      countCommittees(m, counts, 1);
    },

    finish() {
      committeeCounts(ctx, counts, sink);
    },
  };
}

/** Adds `by` (1, or -1 to take a row back) to the count of each committee the measure leads or co-leads, once each. */
export function countCommittees(m: MeasureRow, counts: Map<string, number>, by: 1 | -1): void {
  let first: string | null = null;
  const lead = m.lead;
  if (lead && lead.code !== null) {
    first = lead.code;
    counts.set(first, (counts.get(first) ?? 0) + by);
  }
  const others = m.others;
  for (let i = 0; i < others.length; i++) {
    const k = others[i].code;
    if (k === null || k === first) continue;
    let earlier = false;
    for (let j = 0; j < i && !earlier; j++) earlier = others[j].code === k;
    if (!earlier) counts.set(k, (counts.get(k) ?? 0) + by);
  }
}

/** committee-count: one finding per committee whose count differs from its Expected measures. */
export function committeeCounts(
  ctx: RuleContext,
  counts: ReadonlyMap<string, number>,
  sink: Sink
): void {
  if (!ctx.committeeRows || !ctx.committees) return;
  for (const c of ctx.committeeRows) {
    if (c.code === "" || ctx.committees.get(codeKey(c.code)) !== c) continue;
    const e = c.expected;
    if (e.kind !== "number" || !Number.isInteger(e.value) || e.value < 0) continue;
    const count = counts.get(c.code) ?? 0;
    if (count !== e.value) {
      const n = ctx.committeeNames(c.code);
      sink.add("committee-count", "Committees", c.row, "Expected measures", null, {
        committee: c.code,
        committeeName: n.name,
        committeeNameKm: n.nameKm,
        count,
        expected: e.value,
      });
    }
  }
}
