/** The Progress table in the owned sheets: status by period on the Summary, changes since the last period on the Briefings. */
import { builtinFramework } from "../../../src/model/builtin";
import { frameworkToTables } from "../../../src/model/convert";
import { TABLE_HEADERS, type PlannerTables } from "../../../src/model/schema";
import type { Cell } from "../../../src/model/types";
import { ownedSheetsPlan } from "../../../src/plan/owned-sheets";
import type { PlanSheet } from "../../../src/plan/types";
import { validate } from "../../../src/rules/validate";
import { periodHistory } from "../../../src/summary/periods";

const progress = (rows: Cell[][]) => ({
  name: "Progress",
  headers: [...TABLE_HEADERS.Progress],
  rows,
});

describe("periodHistory", () => {
  const history = periodHistory(
    progress([
      ["2026-Q3", "1", "At risk", 30, "", "mptc.xlsx", "t"],
      ["2026-Q2", "1", "On track", 40, "", "mptc.xlsx", "t"],
      ["2026-Q2", "1", "On track", 45, "", "mef.xlsx", "t"], // the period's last row for No. 1 wins
      ["2026-Q2", "2", "Not started", null, "", "mptc.xlsx", "t"],
      ["2026-Q3", "2", "not started", 10, "", "mptc.xlsx", "t"],
      ["2026-Q2", "3", "Completed", 100, "", "mptc.xlsx", "t"],
      ["2026-Q3", "3", "Completed", 100, "", "mptc.xlsx", "t"],
      ["2026-Q5", "4", "Done", 1, "", "x.xlsx", "t"],
      ["2026-Q3", "5", "Done", 1, "", "x.xlsx", "t"],
    ])
  );

  test("periods ordered by end date, statuses counted per period (Other for the unknown)", () => {
    expect(history.periods).toEqual(["2026-Q2", "2026-Q3"]);
    expect(history.statusCounts).toEqual([
      [1, 1, 0, 0, 1, 0],
      [1, 0, 1, 0, 1, 1],
    ]);
  });

  test("changes between the last two periods: status moved, progress up or down; unchanged left out", () => {
    expect([history.previous, history.latest]).toEqual(["2026-Q2", "2026-Q3"]);
    // No. 2: the status is the same ("not started"), and a blank progress before says nothing about up or down.
    expect(history.changes.map((c) => [c.no, c.statusMoved, c.progress])).toEqual([
      ["1", true, "down"],
    ]);
  });
});

describe("owned sheets with a Progress table", () => {
  const base = frameworkToTables(builtinFramework("despf", 2026));
  const tables: PlannerTables = {
    ...base,
    Progress: progress([
      ["2026-Q2", "1", "On track", 40, "", "mptc.xlsx", "t"],
      ["2026-Q2", "2", "On track", 20, "", "mptc.xlsx", "t"],
      ["2026-Q3", "1", "At risk", 30, "", "mptc.xlsx", "t"],
      ["2026-Q3", "2", "On track", 20, "", "mptc.xlsx", "t"],
    ]),
  };
  const plan = ownedSheetsPlan(tables, validate(tables), { language: "en", asOfYear: 2026 });
  const sheet = (name: string): PlanSheet => plan.sheets.find((s) => s.name === name)!;
  const texts = (s: PlanSheet) => s.cells.map((c) => String(c.value ?? ""));

  test("the Summary gains a status-by-period block and its stacked column chart from 0", () => {
    const summary = sheet("Summary");
    const chart = summary.charts.find((c) => c.name === "SummaryStatusByPeriod")!;
    expect(chart.type).toBe("columnStacked");
    expect(chart.categoryCache).toEqual(["2026-Q2", "2026-Q3"]);
    expect(chart.series.map((s) => [s.name, s.cache])).toEqual([
      ["On track", [2, 1]],
      ["At risk", [0, 1]],
    ]);
    expect(chart.valueMinimum).toBe(0);
    expect(texts(summary)).toContain("Measures per status, by reporting period (Progress table)");
  });

  test("the Briefing of the committee lists what changed since the last period", () => {
    const dgc = sheet("Briefing DGC");
    const t = texts(dgc);
    expect(t).toContain("Changed since 2026-Q2 (reported for 2026-Q3)");
    const at = t.indexOf("40 → 30");
    expect(at).toBeGreaterThan(0);
    expect(t).toContain("status moved, progress down");
    expect(t).not.toContain("20 → 20");
  });

  test("without Progress, no period block, chart or change list", () => {
    const none = ownedSheetsPlan(base, validate(base), { language: "en", asOfYear: 2026 });
    expect(
      none.sheets.flatMap((s) => s.charts).some((c) => c.name === "SummaryStatusByPeriod")
    ).toBe(false);
    expect(
      none.sheets.flatMap((s) => s.cells).some((c) => String(c.value).startsWith("Changed since"))
    ).toBe(false);
  });
});
