import { ownedSheetsPlan } from "../../../src/plan/owned-sheets";
import { LABELS } from "../../../src/plan/labels";
import type { PlanSheet } from "../../../src/plan/types";
import { builtinFramework } from "../../../src/model/builtin";
import { frameworkToTables } from "../../../src/model/convert";
import { validate } from "../../../src/rules/validate";
import { smallTables } from "../../summary/fixtures";

const valueRight = (s: PlanSheet, text: string, dc = 2) => {
  const c = s.cells.find((x) => x.value === text);
  return s.cells.find((x) => c && x.row === c.row && x.col === c.col + dc)?.value;
};

describe("ownedSheetsPlan", () => {
  test("Summary, a Briefing per committee and Validation, all owned, A4 with page numbers; the old Briefing retired", () => {
    const plan = ownedSheetsPlan(smallTables(), [], { language: "en" });
    expect(plan.sheets.map((s) => [s.name, s.owned])).toEqual([
      ["Summary", true],
      ["Briefing DGC", true],
      ["Briefing DEBC", true],
      ["Briefing DSC", true],
      ["Briefing (no committee)", true],
      ["Validation", true],
    ]);
    expect(plan.sheets[0].charts.length).toBeGreaterThanOrEqual(4);
    for (const s of plan.sheets)
      expect(s.print).toMatchObject({
        paper: "A4",
        fitToWidth: true,
        footer: { left: "Test framework", right: "Page &P of &N" },
      });
    expect(plan.retire).toEqual(["Briefing"]);
  });

  test("the As of year: the option, else the Framework table's", () => {
    const summary = (asOfYear?: number) =>
      ownedSheetsPlan(smallTables(), [], { language: "en", asOfYear }).sheets[0];
    expect(valueRight(summary(), "As of year")).toBe(2025);
    // m3 and m5; not m6 (2023, "Done"): an unknown Status is not overdue, as in validate.
    expect(valueRight(summary(), "Overdue")).toBe(2);
    expect(valueRight(summary(2030), "As of year")).toBe(2030);
    // By 2030: m3, m5 and m4 (2026) overdue; m2 ends 2030.
    expect(valueRight(summary(2030), "Overdue")).toBe(3);
    // End year before 2030: a whole year 1000–2029 or a date serial up to 31 Dec 2029 (47483).
    const f = summary(2030).cells.find(
      (c) =>
        c.formula?.includes("End year") &&
        c.formula.includes("ABS(INT(") &&
        c.formula.includes("-28741.5)<=18741.5")
    );
    expect(f?.value).toBe(3);
  });

  test("the built-in DESPF: per committee, codes only, as the matrix names them", () => {
    const tables = frameworkToTables(builtinFramework("despf", 2025));
    const plan = ownedSheetsPlan(tables, validate(tables, { asOfYear: 2025 }), { language: "km" });
    const s = plan.sheets[0];
    const row = (code: string) => {
      const c = s.cells.filter((x) => x.value === code && x.col === 0)[1]; // [0] is the cover's
      return [2, 3, 4].map(
        (col) => s.cells.find((x) => c && x.row === c.row && x.col === col)?.value
      );
    };
    // DESPF Annex 1: DEBC 80 alone + 4 with DGC; DGC 40 alone + 2 with DEBC + 1 with DSC; DSC 12.
    expect(row("DGC")).toEqual([43, 4, 47]);
    expect(row("DEBC")).toEqual([84, 2, 86]);
    expect(row("DSC")).toEqual([12, 1, 13]);
    expect(valueRight(s, LABELS.km.measures)).toBe(139);
    expect(
      plan.sheets
        .find((x) => x.name === "Validation")
        ?.cells.some((c) => c.value === LABELS.km.errors)
    ).toBe(true);
  });
});
