/**
 * The summary numbers of the hand-made frameworks in fixtures.ts, counted by hand (see the
 * table in fixtures.ts). Committees count by code, as the formulas do; resolvedTotal counts
 * names and aliases too.
 */
import { tablesToFramework } from "../../src/model/convert";
import { summarise, sourcesFromTables, type Metric, type SummaryData } from "../../src/summary";
import { oddTables, smallFramework } from "./fixtures";

const v = (m: Metric) => m.value;

function byCode<T extends { code: string }>(rows: T[], code: string): T {
  const r = rows.find((x) => x.code === code);
  if (!r) throw new Error(`no ${code}`);
  return r;
}

describe("summarise — small framework", () => {
  let s: SummaryData;
  beforeAll(() => {
    s = summarise(smallFramework());
  });

  test("per committee: lead, co-lead (code in Other committees, lead not the code), total, expected, difference", () => {
    const got = s.committees.map((c) => [
      c.code,
      v(c.lead),
      v(c.coLead),
      v(c.total),
      v(c.expected),
      v(c.difference),
      c.resolvedTotal,
    ]);
    expect(got).toEqual([
      // DGC leads m1, m6 (m2 names it, not counted); co-leads m3 ("dgc"), m4; expected 3.
      ["DGC", 2, 2, 4, 3, 1, 5],
      // DEBC leads m3, m5; co-leads m1, m4; no expectation: expected and difference blank.
      ["DEBC", 2, 2, 4, "", "", 4],
      // DSC leads m4 ("dsc").
      ["DSC", 1, 0, 1, 1, 0, 1],
    ]);
  });

  test("key figures", () => {
    const k = s.keyFigures;
    expect(v(k.measures)).toBe(7);
    expect(v(k.completed)).toBe(1);
    expect(v(k.shareCompleted)).toBeCloseTo(1 / 7, 12);
    expect(v(k.meanProgress)).toBe(52.5); // (100 + 40 + 20 + 50) / 4; m2, m5, m7 not reported
    // m3 (2024), m5 (2023); not m6 (2023, "Done"): an unknown Status is not overdue, as in validate.
    expect(v(k.overdue)).toBe(2);
    expect(v(k.atRiskOrDelayed)).toBe(2); // m3 Delayed, m4 At risk
    expect(v(k.leadNotACode)).toBe(2); // m2 (a name), m7 (blank)
  });

  test("goal × committee, lead or co-lead; the Other row takes unknown and blank goals", () => {
    expect(s.goals.map((g) => [g.other ? "Other" : g.code, ...g.byCommittee.map(v)])).toEqual([
      ["I", 2, 1, 0], // m1, m6 ("i") for DGC; m1 co-led by DEBC
      ["II", 2, 2, 1],
      ["Other", 0, 1, 0], // m5 (III) led by DEBC; m7 blank
    ]);
  });

  test("goal × timeframe with Other timeframe and totals", () => {
    expect(s.timeframes).toEqual(["Short-term", "Medium-term"]);
    expect(s.goals.map((g) => [...g.byTimeframe.map(v), v(g.otherTimeframe), v(g.total)])).toEqual([
      [2, 1, 0, 3],
      [1, 1, 0, 2],
      [0, 0, 2, 2], // m5 "Short-trm", m7 blank
    ]);
  });

  test("status: the five and Other", () => {
    expect(s.statuses.map((x) => [x.status, v(x.count)])).toEqual([
      ["Not started", 1],
      ["On track", 1],
      ["At risk", 1],
      ["Delayed", 1],
      ["Completed", 1],
      ["Other", 2], // "Done" and blank
    ]);
  });

  test("progress per goal and per committee", () => {
    const g = s.progress.goals.map((p) => [
      v(p.measures),
      v(p.meanProgress),
      v(p.completed),
      v(p.shareCompleted),
    ]);
    expect(g[0]).toEqual([3, 75, 1, 1 / 3]);
    expect(g[1]).toEqual([2, 30, 0, 0]);
    expect(g[2]).toEqual([2, "", 0, 0]); // no progress reported
    const c = s.progress.committees.map((p) => [
      p.code,
      v(p.measures),
      v(p.meanProgress),
      v(p.completed),
      v(p.shareCompleted),
    ]);
    expect(c[0]).toEqual(["DGC", 4, 52.5, 1, 0.25]); // m1 100, m6 50, m3 40, m4 20
    expect(c[1][0]).toBe("DEBC");
    expect(c[1][2]).toBeCloseTo(160 / 3, 12); // m1 100, m3 40, m4 20; m5 blank
    expect(c[2]).toEqual(["DSC", 1, 20, 0, 0]);
  });

  test("measures active per year over the period", () => {
    expect(s.timeline.years).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    const rows = Object.fromEntries(s.timeline.committees.map((c) => [c.code, c.values.map(v)]));
    expect(rows).toEqual({
      DGC: [2, 3, 3, 3, 2, 1],
      DEBC: [1, 2, 2, 3, 2, 1],
      DSC: [0, 0, 0, 1, 1, 1],
    });
    expect(s.timeline.all.map(v)).toEqual([2, 3, 3, 3, 2, 2]); // m5 has no Start year
  });

  test("attention: overdue or at risk, latest first, top N", () => {
    // Not m6 ("Done", ended 2023): an unknown Status is not overdue, as in the Overdue count.
    expect(s.attention.total).toBe(3);
    expect(s.attention.items.map((i) => [i.no, i.overdue, i.atRisk, i.yearsLate])).toEqual([
      ["5", true, false, 2],
      ["3", true, true, 1],
      ["4", false, true, 0],
    ]);
    expect(s.attention.items[2].committee).toBe("DSC"); // "dsc" resolved
    const top2 = summarise(smallFramework(), { attentionLimit: 2 }).attention;
    expect(top2.items.map((i) => i.no)).toEqual(["5", "3"]);
    expect(top2.total).toBe(3);
  });

  test("every number carries its query", () => {
    expect(s.committees[0].total.query).toMatchObject({ kind: "count", table: "Measures" });
    expect(s.committees[0].expected.query).toMatchObject({
      kind: "lookup",
      table: "Committees",
      column: "Expected measures",
    });
  });
});

describe("summarise — raw cells, as the formulas read them", () => {
  const tables = oddTables();
  const f = tablesToFramework(tables, 2025);
  const s = summarise(f, { sources: sourcesFromTables(tables) });

  test("a trailing space in a code is not the code; resolvedTotal still counts it", () => {
    const dgc = byCode(s.committees, "DGC");
    expect([v(dgc.lead), v(dgc.coLead), v(dgc.total), dgc.resolvedTotal]).toEqual([1, 1, 2, 3]);
    expect(v(s.keyFigures.leadNotACode)).toBe(1);
  });

  test("blank rows are not measures, and not Other", () => {
    expect(v(s.keyFigures.measures)).toBe(3);
    expect(s.statuses.map((x) => v(x.count))).toEqual([0, 2, 0, 0, 1, 0]); // "completed" counts as Completed
  });

  test("years and Progress % are read as the rules read them: text and dates count", () => {
    expect(v(s.keyFigures.meanProgress)).toBeCloseTo(100 / 3, 12); // "40" (text), 60 and 0
    // Row 1 (End 2024, On track); row 2's End year is a date in 2023 but it is completed.
    expect(v(s.keyFigures.overdue)).toBe(1);
    // Row 1 2022 ("2022" as text)–2024, row 2 2021–2023 (a date), row 4 2026.
    expect(s.timeline.all.map(v)).toEqual([1, 2, 2, 1, 0, 1]);
    // DGC: row 1 as lead, row 4 as co-lead ("dgc"); row 2's "DGC " is not the code.
    expect(byCode(s.timeline.committees, "DGC").values.map(v)).toEqual([0, 1, 1, 1, 0, 1]);
  });

  test("the framework reading, by contrast, cleans these cells", () => {
    expect(f.measures.map((m) => m.startYear)).toEqual([2022, 2021, 2026]);
    const clean = summarise(f);
    expect(v(byCode(clean.committees, "DGC").lead)).toBe(2);
  });
});
