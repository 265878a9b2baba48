/** Committee rules: unknown, lead repeated, not responsible, support missing, count. See README.md. */
import { codeKey, measureKey, type CommitteeMention, type MeasureRow, type RuleContext, type Sink } from "./context";
import type { MeasureChecker } from "./integrity";

function sameCommittee(a: CommitteeMention, b: CommitteeMention): boolean {
  if (a.code !== null || b.code !== null) return a.code !== null && b.code !== null && codeKey(a.code) === codeKey(b.code);
  return a.key !== "" && a.key === b.key;
}

export function committeeChecker(ctx: RuleContext, sink: Sink): MeasureChecker {
  const counts = new Map<string, number>();
  const named = (code: string) => {
    const n = ctx.committeeNames(code);
    return { committee: code, committeeName: n.name, committeeNameKm: n.nameKm };
  };

  return {
    measure(m: MeasureRow) {
      const key = measureKey(m);
      const lead = m.lead;

      if (ctx.committeeIndex) {
        if (lead && lead.code === null) sink.add("committee-unknown", "Measures", m.row, "Lead committee", key, { committee: lead.text });
        for (const o of m.others) if (o.code === null) sink.add("committee-unknown", "Measures", m.row, "Other committees", key, { committee: o.text });
      }

      if (lead && m.others.some((o) => sameCommittee(lead, o))) {
        const params = lead.code !== null ? named(lead.code) : { committee: lead.text, committeeName: lead.text, committeeNameKm: lead.text };
        sink.add("committee-lead-repeated", "Measures", m.row, "Other committees", key, params);
      }

      const goalUsable = m.goal !== "" && (ctx.goals === null || ctx.goals.has(m.goalKey));
      if (ctx.responsibilities && goalUsable) {
        const entry = ctx.responsibilities.get(m.goalKey);
        if (lead && lead.code !== null && !entry?.leads.has(lead.code)) {
          sink.add("committee-not-responsible", "Measures", m.row, "Lead committee", key, { ...named(lead.code), goal: m.goal });
        }
        for (const support of entry?.supports ?? []) {
          const listed = lead?.code === support || m.others.some((o) => o.code === support);
          if (!listed) sink.add("committee-support-missing", "Measures", m.row, "Other committees", key, { ...named(support), goal: m.goal });
        }
      }

      // committee-count: each committee once per measure it leads or co-leads.
      const seen: string[] = [];
      const tally = (c: CommitteeMention | null) => {
        if (!c || c.code === null) return;
        const k = codeKey(c.code);
        if (seen.includes(k)) return;
        seen.push(k);
        counts.set(k, (counts.get(k) ?? 0) + 1);
      };
      tally(lead);
      for (const o of m.others) tally(o);
    },

    finish() {
      if (!ctx.committeeRows || !ctx.committees) return;
      for (const c of ctx.committeeRows) {
        if (c.code === "" || ctx.committees.get(codeKey(c.code)) !== c) continue;
        const e = c.expected;
        if (e.kind !== "number" || !Number.isInteger(e.value) || e.value < 0) continue;
        const count = counts.get(codeKey(c.code)) ?? 0;
        if (count !== e.value) sink.add("committee-count", "Committees", c.row, "Expected measures", null, { ...named(c.code), count, expected: e.value });
      }
    },
  };
}
