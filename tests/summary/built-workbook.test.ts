/**
 * A workbook another program wrote (openpyxl: tests/fixtures/planner/make-summary-years.py),
 * its years as numbers, text, Khmer digits, ISO dates, date cells and serials, its Progress %
 * as numbers and text ("50", "60 %", "៣០", "12,5"), built by `planner build` and recalculated by
 * LibreOffice: the Summary's Overdue is the Validation sheet's overdue count, Mean progress the
 * mean of the valid percentages, and every formula LibreOffice recalculates gives our cached
 * value. Skipped, with a warning, when `soffice` is not on PATH.
 */
import * as fs from "fs";
import * as path from "path";
import { planner, tempDir } from "../helpers/cli";
import { hasSoffice, parseCsvText, sofficeSheetsAsCsv } from "../helpers/soffice";
import { cachedFormulas } from "../helpers/xlsx-xml";

const FIXTURE = path.join(__dirname, "../fixtures/planner/summary-years.xlsx");
/** By construction (see the fixture's script): rows 1–6, 14 and 15. */
const OVERDUE = 8;
/** 50, "50", "60 %", "៣០", 70, "80%", 100, "100", 10, 0, 40, "12,5"; "n/a" and 150 are invalid. */
const MEAN_PROGRESS = 602.5 / 12;

const soffice = hasSoffice();
if (!soffice) console.warn("soffice not on PATH: the LibreOffice recalculation is skipped");

function valueBeside(grid: string[][], label: string): number {
  const row = grid.find((r) => r[0] === label);
  if (!row) throw new Error(`No "${label}" row`);
  return shown(row[2]);
}

/** A number as LibreOffice's CSV shows it ("12.5%" is 0.125). */
function shown(text: string): number {
  return text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : text === "" ? NaN : Number(text);
}

/** "C7" → [6, 2], 0-based. */
function rowCol(address: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(address);
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [Number(m[2]) - 1, col - 1];
}

(soffice ? describe : describe.skip)(
  "a built workbook's Summary counts what validate counts",
  () => {
    let summary: string[][] = [];
    let validation: string[][] = [];
    /** The Summary's formula cells with the values `build` cached, read from the package XML. */
    let cached = new Map<string, { formula: string; cached: string }>();
    const cachedBeside = (label: string): number => {
      const row = summary.findIndex((r) => r[0] === label);
      const hit = [...cached].find(([a]) => rowCol(a)[0] === row && rowCol(a)[1] === 2);
      if (!hit) throw new Error(`No formula beside "${label}"`);
      return Number(hit[1].cached);
    };

    beforeAll(async () => {
      const dir = tempDir("summary-years-");
      const source = path.join(dir, "plan.xlsx");
      fs.copyFileSync(FIXTURE, source);
      const out = path.join(dir, "built.xlsx");
      const r = planner("build", source, "-o", out);
      expect(r.stderr).toBe("");
      expect(r.status).not.toBe(2);
      cached = await cachedFormulas(out, "Summary");
      const csv = sofficeSheetsAsCsv(out, true);
      summary = parseCsvText(csv.Summary);
      validation = parseCsvText(csv.Validation);
    });

    test("Overdue: the Validation sheet's overdue findings, our cached value, LibreOffice's", () => {
      const fromValidation = validation.filter((r) => r[1] === "overdue").length;
      expect(fromValidation).toBe(OVERDUE);
      expect(valueBeside(summary, "Overdue")).toBe(OVERDUE);
      expect(cachedBeside("Overdue")).toBe(OVERDUE);
    });

    test("Mean progress %: text percentages count, invalid ones do not", () => {
      const invalid = validation.filter((r) => r[1] === "progress-invalid").length;
      expect(invalid).toBe(2);
      expect(valueBeside(summary, "Mean progress %")).toBeCloseTo(MEAN_PROGRESS, 9);
      expect(cachedBeside("Mean progress %")).toBeCloseTo(MEAN_PROGRESS, 12);
    });

    test("every Summary formula: LibreOffice's recalculation is our cached value", () => {
      const mismatches: string[] = [];
      for (const [address, { formula, cached: want }] of cached) {
        if (/HYPERLINK/.test(formula)) continue;
        const [r, c] = rowCol(address);
        const got = summary[r]?.[c] ?? "";
        const ok =
          want !== "" && !Number.isNaN(Number(want))
            ? Math.abs(shown(got) - Number(want)) <= 1e-9 * Math.max(1, Math.abs(Number(want)))
            : got === want;
        if (!ok) mismatches.push(`${address}: cached ${want}, LibreOffice ${got}`);
      }
      expect(mismatches).toEqual([]);
      expect(cached.size).toBeGreaterThan(50);
      // The year and progress formulas are the SUMPRODUCT coercion, Khmer digits folded.
      expect(
        [...cached.values()].some(
          (f) => f.formula.includes("SUBSTITUTE(") && f.formula.includes("៥")
        )
      ).toBe(true);
    });

    test("the timeline counts a measure whatever form its years take", () => {
      const header = summary.findIndex((r) => r[0] === "Year" && r[1] === "All measures");
      expect(header).toBeGreaterThanOrEqual(0);
      const active = (year: number) => summary.find((r) => r[0] === String(year))?.[1];
      // 2021: rows 1, 2, 4, 5, 7, 8 (Start 2021 as a number, text, Khmer digits, a date).
      expect(active(2021)).toBe("6");
      // 2025: rows 3 (" 2025 "), 4 ("២០២៥"), 7, 8 and 14 ("2025.0").
      expect(active(2025)).toBe("5");
      // 2030: rows 9 and 10 (End year a date in 2030).
      expect(active(2030)).toBe("2");
    });
  }
);
