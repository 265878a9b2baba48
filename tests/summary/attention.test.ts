/**
 * The measures needing attention, against the straightforward way (every measure made an
 * item, all sorted, the first N taken): `attention` picks the first N in one pass when N is
 * small, so it must give the same items, in the same order, and the same total.
 */
import fc from "fast-check";
import { CommitteeIndex } from "../../src/model/committees";
import type { Framework } from "../../src/model/types";
import { attention, attentionItems, isAtRisk, isOverdue } from "../../src/summary/attention";
import type { AttentionItem } from "../../src/summary/types";
import { COMMITTEES, measure, smallFramework } from "./fixtures";

/** The reference: as attentionItems was first written. */
function referenceItems(f: Framework): AttentionItem[] {
  const asOf = f.settings.asOfYear;
  const index = new CommitteeIndex(f.committees);
  const rank = (s: string) =>
    s.trim().toLowerCase() === "delayed" ? 0 : s.trim().toLowerCase() === "at risk" ? 1 : 2;
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
      rank(a.item.status) - rank(b.item.status) ||
      a.order - b.order
  );
  return items.map((x) => x.item);
}

const measureArb = fc.record({
  endYear: fc.oneof(fc.constant(null), fc.integer({ min: 2018, max: 2032 })),
  status: fc.constantFrom(
    "",
    "Completed",
    "completed ",
    "At risk",
    " at RISK",
    "Delayed",
    "delayed",
    "On track",
    "Not started",
    "Done"
  ),
  leadCommittee: fc.constantFrom(
    "",
    "DGC",
    "dgc",
    "Committee on Digital Government",
    "DSC",
    "Nobody"
  ),
  progress: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 100 })),
});

function frameworkOf(
  ms: Array<{
    endYear: number | null;
    status: string;
    leadCommittee: string;
    progress: number | null;
  }>,
  asOfYear: number
): Framework {
  const f = smallFramework();
  return {
    ...f,
    settings: { ...f.settings, asOfYear },
    committees: COMMITTEES.map((c) => ({ ...c })),
    measures: ms.map((m, i) => measure(String(i + 1), m)),
  };
}

describe("attention", () => {
  test("random measures: the same items, order and total as sorting them all", () => {
    fc.assert(
      fc.property(
        fc.array(measureArb, { maxLength: 120 }),
        fc.integer({ min: 2018, max: 2034 }),
        fc.oneof(fc.integer({ min: 0, max: 70 }), fc.constantFrom(-1, 2.5, 1000)),
        (ms, asOf, limit) => {
          const f = frameworkOf(ms, asOf);
          const all = referenceItems(f);
          expect(attentionItems(f)).toEqual(all);
          const n = Math.max(0, Math.floor(limit));
          expect(attention(f, limit)).toEqual({
            items: all.slice(0, n),
            total: all.length,
            limit: n,
          });
        }
      ),
      { numRuns: 200 }
    );
  });

  test("an End year that is not a number: the order is still the sort's", () => {
    const ms = [
      { endYear: 2020, status: "Delayed", leadCommittee: "DGC", progress: null },
      { endYear: NaN, status: "At risk", leadCommittee: "DGC", progress: null },
      { endYear: 2019, status: "At risk", leadCommittee: "DGC", progress: null },
      { endYear: null, status: "Delayed", leadCommittee: "DGC", progress: null },
    ];
    const f = frameworkOf(ms, 2025);
    const all = referenceItems(f);
    expect(attention(f, 2)).toEqual({ items: all.slice(0, 2), total: all.length, limit: 2 });
  });
});
