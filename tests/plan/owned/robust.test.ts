import fc from "fast-check";
import { builtinFramework } from "../../../src/model/builtin";
import { frameworkToTables } from "../../../src/model/convert";
import { TABLE_HEADERS, type PlannerTables } from "../../../src/model/schema";
import type { Cell } from "../../../src/model/types";
import { ownedSheetsPlan } from "../../../src/plan/owned-sheets";
import { evaluate } from "../../../src/summary/criteria";
import { sourcesFromTables } from "../../../src/summary/source-cells";

describe("owned sheets on thin or odd workbooks", () => {
  test("no tables at all: static values, no formula over a missing table", () => {
    const plan = ownedSheetsPlan({}, [], { language: "en", asOfYear: 2025 });
    expect(plan.sheets.map((s) => s.name)).toEqual([
      "Summary",
      "Briefing (no committee)",
      "Validation",
    ]);
    expect(plan.sheets[0].cells.some((c) => c.formula)).toBe(false);
  });

  test("the blank framework", () => {
    const plan = ownedSheetsPlan(frameworkToTables(builtinFramework("blank", 2025)), [], {
      language: "km",
    });
    const summary = plan.sheets[0];
    expect(
      summary.cells.filter((c) => c.formula).every((c) => c.value === 0 || c.value === "")
    ).toBe(true);
  });

  const cell: fc.Arbitrary<Cell> = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(
      "DGC",
      "dgc ",
      "DEBC; DGC",
      "Completed",
      "At risk",
      "I",
      "Short-term",
      "2024",
      "*",
      "~",
      '"'
    ),
    fc.integer({ min: -5, max: 2100 }),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.date({ min: new Date("1990-01-01"), max: new Date("2100-01-01") })
  );

  test('never throws; every formula cell caches a number or ""', () => {
    const base = frameworkToTables(builtinFramework("blank", 2025));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 15, maxLength: 15 }), { maxLength: 8 }),
        (rows) => {
          const tables: PlannerTables = {
            ...base,
            Measures: { name: "Measures", headers: [...TABLE_HEADERS.Measures], rows },
          };
          const plan = ownedSheetsPlan(tables, [], { language: "en", asOfYear: 2025 });
          for (const c of plan.sheets[0].cells)
            if (c.formula) expect(typeof c.value === "number" || c.value === "").toBe(true);
          return true;
        }
      ),
      { numRuns: 60 }
    );
    expect(
      typeof evaluate(
        { kind: "count", table: "Measures", terms: [[{ column: "No.", op: "nonblank" }]] },
        sourcesFromTables(base)
      )
    ).toBe("number");
  });
});
