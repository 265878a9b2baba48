/** The benchmark's generator is realistic, and validate stays linear (a loose guard; bench/ measures). */
import { performance } from "node:perf_hooks";
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
    const allowed = new Set<string>([...DEFECTS, "committee-count", "committee-not-responsible", "committee-support-missing", "timeframe-mismatch", "overdue", "not-started-late"]);
    expect(findings.filter((f) => !allowed.has(f.rule))).toEqual([]);
  });
});

describe("validate performance", () => {
  it("checks 10 000 measures quickly and 100 000 in about ten times that (no O(n²))", () => {
    const small = generateTables(10_000);
    const large = generateTables(100_000);
    const time = (t: ReturnType<typeof generateTables>) => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        validate(t, { asOfYear: AS_OF_YEAR });
        runs.push(performance.now() - t0);
      }
      return runs.sort((a, b) => a - b)[2];
    };
    time(small);
    const tSmall = time(small);
    const tLarge = time(large);
    // Generous bounds: the target is well under 50 ms on 2 cores, but CI machines are shared.
    expect(tSmall).toBeLessThan(250);
    expect(tLarge / Math.max(tSmall, 1)).toBeLessThan(30);
  });
});
