/**
 * Issue 12, import half: sources other programs wrote (openpyxl fixtures, see
 * tests/fixtures/sources/make-openpyxl-issue12.py) imported into the built-in DESPF measures.
 */
import { readImportSource } from "../../src/io/import-source";
import { planImportInto, type ImportReport, type ImportSourceRows } from "../../src/import";
import { EXCEL_CELL_LIMIT } from "../../src/import/merge";
import { builtinFramework } from "../../src/model/builtin";
import {
  cellText,
  foldDigits,
  measureNo,
  measureNoKey,
  readNumber,
  readYear,
} from "../../src/model/cells";
import { frameworkToTables } from "../../src/model/convert";
import type { PlannerTables, TableData } from "../../src/model/schema";
import { englishTimeframe } from "../../src/model/timeframe-words";
import { validate } from "../../src/rules/validate";
import { fixture } from "../io/read/zip-helpers";

const despf = (): PlannerTables => frameworkToTables(builtinFramework("despf", 2025));
const col = (t: TableData, h: string) => t.headers.indexOf(h);
const rowsOf = (t: TableData, no: string) =>
  t.rows.filter((r) => cellText(r[col(t, "No.")]) === no);
const value = (t: TableData, no: string, h: string) => rowsOf(t, no)[0]?.[col(t, h)];

async function importInto(
  file: string,
  tables = despf()
): Promise<{ source: ImportSourceRows; report: ImportReport }> {
  const source = await readImportSource(file, fixture(file));
  return { source, report: planImportInto(source, tables, 2025, { mode: "merge" }) };
}

describe("one sheet per committee (openpyxl): every sheet with a measures header, the rest named", () => {
  let report: ImportReport;
  let source: ImportSourceRows;
  const before = despf().Measures!;
  beforeAll(async () => ({ source, report } = await importInto("openpyxl-committees.xlsx")));

  it("imports DGC and DEBC, and says why Cover, Notes and Template were skipped", () => {
    expect(source.sheets?.map((s) => [s.name, s.used])).toEqual([
      ["Cover", false],
      ["DGC", true],
      ["DEBC", true],
      ["Notes", false],
      ["Template", false],
    ]);
    expect(report.notes).toContain(
      "Imported sheets “DGC” (header on row 3, 5 rows), “DEBC” (header on row 1, 2 rows)."
    );
    expect(report.notes).toContainEqual(
      expect.stringMatching(/^Skipped sheet “Cover”: no header row naming the measure's number/)
    );
    expect(report.notes).toContain(
      "Skipped sheet “Template”: a header on row 1 but no rows under it."
    );
    expect(report.updated.map((u) => u.no).sort()).toEqual(["45", "46", "47", "60", "70", "71"]);
    expect(report.added).toEqual([]);
  });

  it("keys on “Measure No.”, not the running “Item” / “ល.រ” beside it (which is kept as an extra column)", () => {
    expect(report.unmapped).toEqual(expect.arrayContaining(["Item", "ល.រ"]));
    const r = report.result;
    expect(value(r, "45", "Measure")).toBe("Measure forty-five, as DGC reports it");
    expect(value(r, "1", "Measure")).toBe(value(before, "1", "Measure")); // Item 1 is not measure 1
    expect(value(r, "1", "Status")).toBe("Not started");
    expect(report.extraColumns.some((h) => h.startsWith("Item"))).toBe(true);
  });

  it("fills Goal, Strategy and Lead merged down over their measures; a title merged across stays no measure", () => {
    const r = report.result;
    for (const no of ["45", "46", "47"]) {
      expect([
        value(r, no, "Goal"),
        value(r, no, "Strategy"),
        value(r, no, "Lead committee"),
      ]).toEqual(["I", "I.C", "DGC"]);
    }
    expect(report.rejected).toEqual([
      {
        sourceRow: 7,
        sheet: "DGC",
        reason: "Sheet “DGC” row 7: no No. and no measure text (it reads “II. Digital trust”).",
        code: "no-key-no-text",
      },
    ]);
  });

  it("keeps a Word line break (vertical tab, _x000B_) as a line break", () => {
    expect(value(report.result, "70", "Measure")).toBe("First line\nsecond line");
  });
});

describe("a running row number beside the measure's number, in one sheet", () => {
  it("“#”, “S/N”, “Item”, “ល.រ” lose to “Measure No.” wherever it stands", () => {
    for (const running of ["#", "S/N", "Item", "ល.រ", "No."]) {
      const rows = [
        [running, "Measure", "Measure No.", "Status"],
        [1, "Report on measure 45", 45, "Delayed"],
      ];
      const report = planImportInto({ rows, sheetName: "x" }, despf(), 2025, { mode: "merge" });
      expect(report.updated.map((u) => u.no)).toEqual(["45"]);
      expect(value(report.result, "1", "Status")).toBe("Not started");
    }
  });
});

describe("Khmer digits, “3.0” and “04” as No., Khmer years, percentages and timeframe words (openpyxl)", () => {
  let report: ImportReport;
  beforeAll(async () => ({ report } = await importInto("openpyxl-khmer-digits.xlsx")));

  it("match measures 1, 139, 3 and 4: nothing added", () => {
    expect(report.added).toEqual([]);
    expect(report.updated.map((u) => u.no)).toEqual(["1", "139", "3", "4"]);
    expect(report.result.rows).toHaveLength(139);
  });

  it("reads the years, percentages, timeframes and statuses, and says so", () => {
    const r = report.result;
    expect([
      value(r, "1", "Start year"),
      value(r, "1", "End year"),
      value(r, "1", "Progress %"),
    ]).toEqual([2021, 2025, 50]);
    expect(value(r, "1", "Timeframe")).toBe("Short-term");
    expect(value(r, "1", "Status")).toBe("On track");
    expect(value(r, "139", "Timeframe")).toBe("Medium- to Long-term");
    expect(value(r, "139", "Status")).toBe("Not started");
    expect(value(r, "3", "Timeframe")).toBe("Long-term");
    expect(value(r, "3", "Progress %")).toBe(25);
    expect(value(r, "4", "Timeframe")).toBe("Short- to Long-term (Regularly implemented)");
    expect(report.normalised).toContainEqual({ row: 2, column: "No.", from: "១", to: "1" });
    expect(report.normalised).toContainEqual({ row: 4, column: "No.", from: "3.0", to: "3" });
  });

  it("validates without year, progress or timeframe findings on the rows it imported", () => {
    const tables = { ...despf(), Measures: report.result };
    const rules = validate(tables, { asOfYear: 2025 }).filter(
      (f) => f.table === "Measures" && ["1", "139", "3", "4"].includes(f.key ?? "")
    );
    expect(
      rules.filter((f) =>
        /year-invalid|progress-invalid|timeframe-unknown|key-duplicate/.test(f.rule)
      )
    ).toEqual([]);
  });
});

describe("one place folds digits: model/cells", () => {
  it("reads Khmer digits in years, numbers and No.", () => {
    expect(foldDigits("២០២១")).toBe("2021");
    expect(readYear("២០២១")).toEqual({ kind: "year", year: 2021 });
    expect(readNumber("៥០%")).toEqual({ kind: "number", value: 50 });
    expect(["១", "1", 1, "1.0", "01", "1."].map(measureNo)).toEqual(["1", "1", "1", "1", "1", "1"]);
    expect(["1.1", "1.10", "A-3", "0"].map(measureNo)).toEqual(["1.1", "1.10", "A-3", "0"]);
    expect(measureNoKey("Ab-1")).toBe("ab-1");
  });

  it("the rules see “3” and “3.0” as one No.", () => {
    const tables = despf();
    const m = tables.Measures!;
    m.rows.push([...m.rows[2]]);
    m.rows[m.rows.length - 1][0] = "3.0";
    const dup = validate(tables, { asOfYear: 2025 }).filter((f) => f.rule === "key-duplicate");
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ row: 140, key: "3.0" });
  });

  it("reads the Khmer timeframe words", () => {
    expect(englishTimeframe("រយៈពេលខ្លី")).toBe("Short-term");
    expect(englishTimeframe("រយះពេល មធ្យម")).toBe("Medium-term");
    expect(englishTimeframe("រយៈពេលខ្លីទៅមធ្យម")).toBe("Short- to Medium-term");
    expect(englishTimeframe("Short-term")).toBeNull();
    expect(englishTimeframe("រយៈពេលខ្លី ផ្សេង")).toBeNull();
  });
});

describe("no row dropped with exit 0: updates with only No., Status, Progress % (openpyxl)", () => {
  let report: ImportReport;
  beforeAll(async () => ({ report } = await importInto("openpyxl-status-update.xlsx")));

  it("updates by No. without a Measure column", () => {
    expect(report.updated.map((u) => u.no)).toEqual(["1", "2", "3"]);
    expect(value(report.result, "1", "Status")).toBe("On track");
    expect(value(report.result, "1", "Progress %")).toBe(40);
    expect(value(report.result, "2", "Status")).toBe("Completed");
    expect(value(report.result, "3", "Status")).toBe("Delayed");
    expect(value(report.result, "1", "Measure")).toBe(value(despf().Measures!, "1", "Measure"));
  });

  it("rejects loudly, each with its reason, what it cannot place", () => {
    expect(report.rejected).toEqual([
      {
        sourceRow: 5,
        reason:
          "Row 5: No. 2 repeats an earlier source row, the workbook has one measure of that No., and a row without measure text cannot add one.",
      },
      {
        sourceRow: 6,
        reason:
          "Row 6: No. 999 is not in the workbook, and the source has no Measure column to add it from.",
      },
      {
        sourceRow: 7,
        reason:
          "Row 7: its No. is a formula (=ROW()) with no saved value (it reads “On track | 5”).",
      },
    ]);
  });

  it("reports formulas without a saved value", () => {
    expect(report.formulasWithoutValue).toEqual([
      { sourceRow: 4, column: "Progress %", formula: "=20+5" },
      { sourceRow: 7, column: "No.", formula: "=ROW()" },
    ]);
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        /^2 formula cell\(s\) have no saved value and were read as blank: row 4 Progress % \(=20\+5\)/
      )
    );
  });

  it("keeps a repeated No. that carries a measure: both rows, reported", () => {
    const rows = [
      ["No.", "Measure", "Status"],
      ["5", "Five, first report", "On track"],
      ["5", "Five, second report", "Delayed"],
    ];
    const r = planImportInto({ rows, sheetName: "x" }, despf(), 2025, { mode: "merge" });
    expect(rowsOf(r.result, "5").map((x) => x[col(r.result, "Measure")])).toEqual([
      "Five, first report",
      "Five, second report",
    ]);
    expect(r.duplicates).toEqual([{ no: "5", sourceRows: [2, 3] }]);
    expect(r.rejected).toEqual([]);
    // Imported again, the second report matches the second row: nothing added.
    const again = planImportInto(
      { rows, sheetName: "x" },
      { ...despf(), Measures: r.result },
      2025,
      { mode: "merge" }
    );
    expect(again.added).toEqual([]);
    expect(again.unchanged).toBe(2);
  });
});

describe("cells longer than Excel holds", () => {
  it("are split into pieces of at most 32 767 characters, in continuation columns, and reported", async () => {
    const long = "Annex text. ".repeat(6000); // 72 000 characters
    const csv = `No.,Measure,Notes\r\n7,Measure seven,"${long}"\r\n8,"A Word\u000bline break",\r\n`;
    const source = await readImportSource("long.csv", new TextEncoder().encode(csv));
    const report = planImportInto(source, despf(), 2025, { mode: "merge" });
    const r = report.result;
    expect(r.headers.slice(-2)).toEqual(["Notes (continued)", "Notes (continued 2)"]);
    const pieces = ["Notes", "Notes (continued)", "Notes (continued 2)"].map(
      (h) => value(r, "7", h) as string
    );
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    expect(pieces.join("")).toBe(long.trim());
    for (const row of r.rows)
      for (const c of row)
        if (typeof c === "string") expect(c.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        /^No\. 7, Notes: 71999 characters, more than the 32767 an Excel cell holds; the text continues in “Notes \(continued\)”, “Notes \(continued 2\)”\./
      )
    );
    expect(value(r, "8", "Measure")).toBe("A Word\nline break");
  });
});

describe("a very wide source: every extra column named once, by map lookups (the figure is in npm run bench)", () => {
  it("keeps 5 000 extra columns, repeated headers numbered, names unique", () => {
    const width = 5_000;
    const header = [
      "No.",
      "Measure",
      ...Array.from({ length: width }, (_, i) => (i % 2 === 0 ? "Budget line" : `Extra ${i}`)),
    ];
    const rows = [header, ["1", "One", ...Array.from({ length: width }, (_, i) => String(i))]];
    const report = planImportInto({ rows, sheetName: "wide" }, despf(), 2025, { mode: "merge" });
    const keys = report.result.headers.map((h) => h.toLowerCase().replace(/\s+/g, ""));
    expect(new Set(keys).size).toBe(keys.length);
    expect(report.extraColumns).toHaveLength(width);
    expect(report.extraColumns.slice(0, 4)).toEqual([
      "Budget line",
      "Extra 1",
      "Budget line (column E)",
      "Extra 3",
    ]);
    expect(value(report.result, "1", report.extraColumns[width - 1])).toBe(String(width - 1));
  });
});
