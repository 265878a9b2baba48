import { builtinFramework } from "../../src/model/builtin";
import { statusBoard, statusKey } from "../../src/summary/status-board";

describe("the dashboard's status board", () => {
  test("DESPF: every measure counted once overall and per goal; three committees; 'measures'", () => {
    const f = builtinFramework("despf", 2026);
    f.measures[0].status = "On track";
    f.measures[1].status = "completed";
    f.measures[2].status = "Delayed";
    f.measures[3].status = "Someday";
    const b = statusBoard(f);
    expect(b.wording).toBe("measures");
    expect(b.all.total).toBe(139);
    expect(b.all.byStatus).toEqual({
      "Not started": 135,
      "On track": 1,
      "At risk": 0,
      Delayed: 1,
      Completed: 1,
      Other: 1,
    });
    expect(b.goals.reduce((n, g) => n + g.tally.total, 0)).toBe(139);
    expect(b.committees.map((c) => c.code)).toEqual(["DGC", "DEBC", "DSC"]);
    expect(b.committees.find((c) => c.code === "DGC")!.tally.total).toBe(47);
  });

  test("DGP: 'priority actions', and only the committees the framework gives actions to", () => {
    const b = statusBoard(builtinFramework("dgp", 2026));
    expect(b.wording).toBe("priorityActions");
    expect(b.all.total).toBe(83);
    expect(b.committees.map((c) => c.code)).toEqual(["DGC"]);
  });

  test("filtered by institution: only that ministry's measures, goals without any left out", () => {
    const f = builtinFramework("despf", 2026);
    const ministry = statusBoard(f).institutions.find((i) =>
      /Post and Telecommunications/.test(i)
    )!;
    const mine = f.measures.filter((m) =>
      m.institutions.some((i) => i.toLowerCase() === ministry.toLowerCase())
    ).length;
    const b = statusBoard(f, { institution: ministry.toUpperCase() });
    expect(b.institution).toBe(ministry);
    expect(b.all.total).toBe(mine);
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThan(139);
    expect(b.goals.every((g) => g.tally.total > 0)).toBe(true);
    expect(b.goals.reduce((n, g) => n + g.tally.total, 0)).toBe(mine);
  });

  test("status spelling is forgiven, anything else is Other", () => {
    expect(statusKey(" on   TRACK ")).toBe("On track");
    expect(statusKey("")).toBe("Other");
  });
});
