/** The benchmark's generator is realistic (its speed figures are `npm run bench`'s, not a test's). */
import { AS_OF_YEAR, DEFECTS, generateTables } from "../../bench/generate";
import { validate } from "../../src/rules/validate";

describe("bench/generate", () => {
  it("is deterministic and gives n non-blank measures", () => {
    const a = generateTables(139);
    expect(generateTables(139)).toEqual(a);
    const rows = a.Measures!.rows.filter((r) => r.some((c) => c !== null && c !== ""));
    expect(rows).toHaveLength(139);
  });

  it("plants a few percent of defects, of the planted kinds only (and their honest consequences)", () => {
    const findings = validate(generateTables(10_000), { asOfYear: AS_OF_YEAR });
    const measureRows = new Set(findings.filter((f) => f.table === "Measures").map((f) => f.row));
    expect(measureRows.size).toBeGreaterThan(150);
    expect(measureRows.size).toBeLessThan(600);
    const allowed = new Set<string>([
      ...DEFECTS,
      "committee-count",
      "committee-not-responsible",
      "committee-support-missing",
      "timeframe-mismatch",
      "overdue",
      "not-started-late",
    ]);
    expect(findings.filter((f) => !allowed.has(f.rule))).toEqual([]);
  });
});
