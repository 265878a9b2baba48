import ExcelJS from "exceljs";
import fc from "fast-check";
import { readImportSource } from "../../src/io/import-source";
import { planImport, type ImportReport } from "../../src/import/merge";
import { ImportSourceError } from "../../src/import/errors";
import { cellText, measureNoKey } from "../../src/model/cells";
import type { TableData } from "../../src/model/schema";
import type { Cell } from "../../src/model/types";
import { fixture } from "../io/read/zip-helpers";
import { MEASURES_HEADERS, REFERENCE, targetTable } from "./reference";

const col = (t: TableData, h: string) => t.headers.indexOf(h);
const rowByNo = (t: TableData, no: string) =>
  t.rows.find((r) => cellText(r[col(t, "No.")]) === no)!;
const value = (t: TableData, no: string, h: string) => rowByNo(t, no)[col(t, h)];

describe("planImport: the openpyxl ministry report (title, banner, typos, mess)", () => {
  let report: ImportReport;
  const target = targetTable();
  const before = JSON.stringify(target);

  beforeAll(async () => {
    const source = await readImportSource("report.xlsx", fixture("openpyxl-report.xlsx"));
    expect(source.sheetName).toBe("Report");
    report = planImport(source, target, REFERENCE, { mode: "merge" });
  });

  it("finds the header under the title rows and maps the typo'd headers", () => {
    expect(report.headerRow).toBe(4);
    expect(report.firstDataRow).toBe(5);
    expect(report.mapped).toEqual([
      { header: "No.", sourceColumn: 0, sourceHeader: "No" },
      { header: "Measure", sourceColumn: 1, sourceHeader: "Key Policy Measures" },
      { header: "Lead committee", sourceColumn: 2, sourceHeader: "Comittee" },
      { header: "Institutions", sourceColumn: 3, sourceHeader: "Ministry-Institution" },
      { header: "Timeframe", sourceColumn: 4, sourceHeader: "Timefrme" },
      { header: "Start year", sourceColumn: 5, sourceHeader: "Start" },
      { header: "End year", sourceColumn: 6, sourceHeader: "Deadline" },
      { header: "Status", sourceColumn: 7, sourceHeader: "Current status" },
      { header: "Progress %", sourceColumn: 8, sourceHeader: "Progress" },
    ]);
    expect(report.unmapped).toEqual(["Remarks from ministry"]);
    expect(report.extraColumns).toEqual(["Remarks from ministry"]); // matched nothing, yet kept
  });

  it("rejects the section heading and the row without No., saying why; keeps the repeated No. and says so", () => {
    expect(report.rejected).toEqual([
      {
        sourceRow: 7,
        reason: "Row 7: no measure text (it reads “I. Digital infrastructure”).",
        code: "no-text",
      },
      {
        sourceRow: 8,
        reason: expect.stringMatching(
          /^Row 8: no No\. \(it reads “A measure without a number \| DGC/
        ),
        code: "no-key",
      },
    ]);
    expect(report.duplicates).toEqual([{ no: "2", sourceRows: [6, 12] }]);
    expect(report.notes).toContain(
      "No. 2 appears on source rows 6, 12: every row is kept; validation reports the repeat (key-duplicate)."
    );
  });

  it("counts what a dry run shows", () => {
    expect(report.added).toEqual(["3", "4", "2", "140"]); // row 12, a second No. 2, is added beside the first
    expect(report.updated.map((u) => u.no)).toEqual(["1", "2"]);
    // Institutions split at ";" only: the source's "MPTC, MRD" is one text, not the target's "MPTC; MRD".
    expect(report.updated[1].changes).toEqual([
      { column: "Institutions", before: "MPTC; MRD", after: "MPTC, MRD" },
    ]);
    expect(report.unchanged).toBe(0);
    expect(report.rejected).toHaveLength(2);
    expect(report.removed).toEqual([]);
    expect(JSON.stringify(target)).toBe(before); // the target itself is untouched
  });

  it("normalises and says so: 40%, Short-trm, dates, statuses, committees, lists", () => {
    const at = (row: number, column: string) =>
      report.normalised.find((n) => n.row === row && n.column === column);
    expect(at(5, "Progress %")).toEqual({ row: 5, column: "Progress %", from: "40%", to: "40" });
    expect(at(5, "Timeframe")).toMatchObject({ from: "Short-trm", to: "Short-term" });
    expect(at(5, "Status")).toMatchObject({ from: "ongoing", to: "On track" });
    expect(at(5, "Lead committee")).toMatchObject({
      from: "Committee on Digital Government",
      to: "DGC",
    });
    expect(at(5, "Institutions")).toMatchObject({ from: "MPTC\nMEF", to: "MPTC; MEF" });
    expect(at(5, "Start year")).toBeUndefined(); // "2021" → 2021 is no visible change
    expect(at(6, "Start year")).toMatchObject({ from: "2026-01-01", to: "2026" }); // an Excel date
    expect(at(6, "End year")).toMatchObject({ from: "2030-06-30", to: "2030" });
    expect(at(10, "Timeframe")).toMatchObject({
      from: "short to medium term",
      to: "Short- to Medium-term",
    });
    expect(at(10, "Other committees")).toMatchObject({ from: "", to: "DSC" });
    expect(at(13, "Lead committee")).toMatchObject({
      from: "Committee on Digital Securty",
      to: "DSC",
    });
    expect(at(13, "Status")).toMatchObject({ from: "planned", to: "Not started" });
  });

  it("updates only the mapped columns of matching Nos", () => {
    const one = report.updated.find((u) => u.no === "1")!;
    expect(one.changes).toEqual([
      { column: "Institutions", before: "MPTC", after: "MPTC; MEF" },
      { column: "Status", before: "Not started", after: "On track" },
      { column: "Progress %", before: "", after: "40" },
      { column: "Remarks from ministry", before: "", after: "on schedule" },
    ]);
    const r = report.result;
    expect(value(r, "1", "Goal")).toBe("I"); // not in the source: kept
    expect(value(r, "1", "Budget")).toBe(500); // extra column: kept
    expect(value(r, "2", "Progress %")).toBe(0);
    expect(value(r, "2", "Start year")).toBe(2026);
  });

  it("keeps every target row in order, extra columns included, and adds new Nos at the end", () => {
    const r = report.result;
    expect(r.headers).toEqual([...MEASURES_HEADERS, "Budget", "Remarks from ministry"]);
    expect(r.rows).toHaveLength(4 + 4);
    expect(r.rows.map((x) => cellText(x[0]))).toEqual(["1", "", "2", "99", "3", "4", "2", "140"]);
    expect(r.rows[3]).toEqual([...targetTable().rows[3], null]); // No. 99: not in the source, no remark
    expect(r.rows[1].every((c) => c === null)).toBe(true);
    const added = rowByNo(r, "3");
    expect(added[col(r, "Lead committee")]).toBe("DGC");
    expect(added[col(r, "Other committees")]).toBe("DSC");
    expect(added[col(r, "Budget")]).toBeNull();
    expect(added[col(r, "Status")]).toBe("Completed");
    expect(value(r, "140", "Progress %")).toBeNull();
    for (const row of r.rows) expect(row).toHaveLength(r.headers.length);
  });

  it("keeps the unmapped “Remarks from ministry” column as an extra column", () => {
    const r = report.result;
    expect(value(r, "1", "Remarks from ministry")).toBe("on schedule");
    expect(value(r, "140", "Remarks from ministry")).toBe("new");
    expect(value(r, "2", "Remarks from ministry")).toBeNull(); // blank in the source
    expect(value(r, "3", "Remarks from ministry")).toBeNull();
    expect(value(r, "99", "Remarks from ministry")).toBeNull(); // a target row the source lacks
  });

  it("imported twice, adds no column and reports no change", async () => {
    const source = await readImportSource("report.xlsx", fixture("openpyxl-report.xlsx"));
    const again = planImport(source, report.result, REFERENCE, { mode: "merge" });
    expect(again.result.headers).toEqual(report.result.headers);
    expect(again.mapped).toContainEqual({
      header: "Remarks from ministry",
      sourceColumn: 9,
      sourceHeader: "Remarks from ministry",
    });
    expect(again.unmapped).toEqual([]);
    expect(again.extraColumns).toEqual([]);
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toBe(6); // the second No. 2 matches the second row of No. 2
    expect(again.result).toEqual(report.result);
  });

  it("writes into the target's extra column of that name, whatever its case and spacing", async () => {
    const source = await readImportSource("report.xlsx", fixture("openpyxl-report.xlsx"));
    const t = targetTable();
    t.headers.push("REMARKS from  Ministry");
    t.rows.forEach((row) => row.push(null));
    const r = planImport(source, t, REFERENCE, { mode: "merge" }).result;
    expect(r.headers).toEqual([...MEASURES_HEADERS, "Budget", "REMARKS from  Ministry"]);
    expect(value(r, "1", "REMARKS from  Ministry")).toBe("on schedule");
  });
});

describe("planImport: other real files", () => {
  it("imports the LibreOffice Khmer workbook: Khmer headers, fractions, dates", async () => {
    const source = await readImportSource("khmer.xlsx", fixture("libreoffice-khmer.xlsx"));
    const report = planImport(source, { name: "Measures", headers: [], rows: [] }, REFERENCE, {
      mode: "merge",
    });
    expect(report.headerRow).toBe(3);
    expect(report.mapped.map((m) => m.header)).toEqual([
      "No.",
      "Measure",
      "Lead committee",
      "Institutions",
      "Timeframe",
      "Start year",
      "End year",
      "Status",
      "Progress %",
    ]);
    expect(report.added).toEqual(["1", "2", "3"]);
    const r = report.result;
    expect(r.headers).toEqual(MEASURES_HEADERS);
    expect(value(r, "1", "Progress %")).toBe(40);
    expect(value(r, "3", "Progress %")).toBe(100);
    expect(value(r, "2", "Start year")).toBe(2026);
    expect(value(r, "2", "Lead committee")).toBe("DEBC");
    expect(value(r, "3", "Status")).toBe("Completed");
  });

  it("imports the LibreOffice-saved table, formulas by their cached results", async () => {
    const source = await readImportSource("matrix.xlsx", fixture("libreoffice-table.xlsx"));
    const report = planImport(source, targetTable(), REFERENCE, { mode: "merge" });
    expect(report.updated.map((u) => u.no)).toEqual(["1", "2"]);
    expect(report.added).toEqual(["3"]);
    expect(value(report.result, "1", "End year")).toBe(2025); // =E4+4
    expect(value(report.result, "2", "Progress %")).toBe(20); // =10*2
    expect(value(report.result, "2", "Start year")).toBe(2026); // a date cell
  });

  it("imports an ExcelJS workbook: merged banner, English over Khmer headers, dates, percent-formatted fractions", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Ministry");
    ws.getCell("A1").value = "Ministry of Post and Telecommunications — progress";
    ws.mergeCells("A1:G1");
    ws.addRow([]);
    ws.addRow([
      "No.",
      "Priority action",
      "Responsible committee",
      "Phase",
      "From",
      "To",
      "% complete",
    ]);
    ws.addRow([
      "ល.រ",
      "សកម្មភាពអាទិភាព",
      "គណៈកម្មាធិការ",
      "ដំណាក់កាល",
      "ឆ្នាំចាប់ផ្តើម",
      "ឆ្នាំបញ្ចប់",
      "វឌ្ឍនភាព",
    ]);
    ws.addRow([
      1,
      "Build the national data centre",
      "GDC",
      "Short term",
      new Date(Date.UTC(2021, 0, 1)),
      new Date(Date.UTC(2025, 11, 31)),
      0.5,
    ]);
    ws.addRow([
      "7",
      "Open government data",
      "Committee on Digital Economy",
      "Medium-term",
      "2026",
      "2030",
      0.25,
    ]);
    ws.getColumn(7).numFmt = "0%";
    ws.getColumn(5).numFmt = "yyyy-mm-dd";
    ws.getColumn(6).numFmt = "yyyy-mm-dd";
    const source = await readImportSource(
      "ministry.xlsx",
      new Uint8Array(await wb.xlsx.writeBuffer())
    );
    const report = planImport(source, targetTable(), REFERENCE, { mode: "merge" });
    expect(report.headerRow).toBe(3);
    expect(report.firstDataRow).toBe(5);
    expect(report.rejected).toEqual([]);
    expect(report.updated.map((u) => u.no)).toEqual(["1"]);
    expect(report.added).toEqual(["7"]);
    const r = report.result;
    expect(value(r, "1", "Progress %")).toBe(50);
    expect(value(r, "1", "Start year")).toBe(2021);
    expect(value(r, "1", "End year")).toBe(2025);
    expect(value(r, "7", "Lead committee")).toBe("DEBC");
    expect(value(r, "7", "Progress %")).toBe(25);
    expect(value(r, "7", "Start year")).toBe(2026);
    expect(report.normalised).toContainEqual({
      row: 5,
      column: "Progress %",
      from: "0.5",
      to: "50",
    });
    expect(report.normalised).toContainEqual({
      row: 5,
      column: "Timeframe",
      from: "Short term",
      to: "Short-term",
    });
  });

  it("imports the Measures table of the openpyxl workbook as it is, unchanged rows counted", async () => {
    const source = await readImportSource("plan.xlsx", fixture("openpyxl-table.xlsx"));
    const first = planImport(source, { name: "Measures", headers: [], rows: [] }, REFERENCE, {
      mode: "merge",
    });
    expect(first.headerRow).toBe(1);
    expect(first.added).toEqual(["1", "2", "3"]);
    expect(first.normalised).toEqual([
      { row: 4, column: "Start year", from: "2022-01-01", to: "2022" },
      { row: 4, column: "End year", from: "2030-12-31", to: "2030" },
    ]);
    const again = planImport(source, first.result, REFERENCE, { mode: "merge" });
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toBe(3);
  });
});

describe("planImport: modes and overrides", () => {
  const rows: Cell[][] = [
    ["No.", "Measure", "Status", "Remarks", "Budget"],
    ["2", "Extend broadband to rural areas", "delayed", "waiting", 1500],
    ["i.a.1", "A coded measure", "", "", null],
    ["1", "Build the national data centre", "", "", null],
  ];

  it("merge: a blank source cell never erases a target value; the extra column is matched by name", () => {
    const r = planImport({ rows }, targetTable(), REFERENCE, { mode: "merge" });
    expect(r.mapped.map((m) => m.header)).toEqual(["No.", "Measure", "Status", "Notes", "Budget"]);
    expect(value(r.result, "1", "Status")).toBe("Not started");
    expect(r.updated).toEqual([
      {
        no: "2",
        changes: [
          { column: "Status", before: "Not started", after: "Delayed" },
          { column: "Notes", before: "", after: "waiting" },
          { column: "Budget", before: "1200", after: "1500" },
        ],
      },
    ]);
    expect(r.unchanged).toBe(1);
    expect(r.added).toEqual(["i.a.1"]);
  });

  it("matches Nos trimmed and case-insensitively", () => {
    const target = targetTable();
    target.rows.push(target.rows[0].map((c, i) => (i === 0 ? " I.A.1 " : i === 3 ? "Coded" : c)));
    const r = planImport({ rows }, target, REFERENCE, { mode: "merge" });
    expect(r.added).toEqual([]);
    expect(r.updated.map((u) => u.no)).toEqual(["2", "I.A.1"]);
  });

  it("replace: only the imported rows, and says which target rows go", () => {
    const r = planImport({ rows }, targetTable(), REFERENCE, { mode: "replace" });
    expect(r.result.rows.map((x) => x[0])).toEqual(["2", "i.a.1", "1"]);
    expect(r.removed).toEqual(["99"]);
    expect(r.added).toEqual(["i.a.1"]);
    expect(value(r.result, "1", "Goal")).toBeNull();
    expect(r.updated.find((u) => u.no === "1")!.changes).toContainEqual({
      column: "Goal",
      before: "I",
      after: "",
    });
  });

  it("takes the planner's mapping: a column moved, a column left out", () => {
    const r = planImport({ rows }, targetTable(), REFERENCE, {
      mode: "merge",
      mapping: { Indicator: 3, "Progress %": -1, Notes: -1 },
    });
    expect(r.mapped.map((m) => [m.header, m.sourceColumn, m.sourceHeader])).toEqual([
      ["No.", 0, "No."],
      ["Measure", 1, "Measure"],
      ["Status", 2, "Status"],
      ["Indicator", 3, "Remarks"],
      ["Budget", 4, "Budget"],
    ]);
    expect(value(r.result, "2", "Indicator")).toBe("waiting");
    expect(value(r.result, "2", "Notes")).toBeNull();
    expect(() =>
      planImport({ rows }, targetTable(), REFERENCE, { mode: "merge", mapping: { Colour: 1 } })
    ).toThrow(/“Colour”, which is not a column of the Measures table/);
  });

  it("takes the planner's header row", () => {
    const withTitle: Cell[][] = [["Title"], ["Ref", "Priority action"], ["5", "Do it"]];
    const r = planImport({ rows: withTitle }, targetTable(), REFERENCE, {
      mode: "merge",
      headerRow: 2,
    });
    expect(r.headerRow).toBe(2);
    expect(r.added).toEqual(["5"]);
    expect(() =>
      planImport({ rows: withTitle }, targetTable(), REFERENCE, { mode: "merge", headerRow: 9 })
    ).toThrow(ImportSourceError);
  });

  it("lists data under no header as unmapped and keeps it as “Column K (source)”, so nothing is lost", () => {
    const source = {
      rows: [
        ["No.", "Measure"],
        ["1", "x", null, "stray"],
        ["5", "y", null, "  "],
      ],
    };
    const r = planImport(source, targetTable(), REFERENCE, { mode: "merge" });
    expect(r.unmapped).toEqual(["(no header, column D)"]);
    expect(r.extraColumns).toEqual(["Column D (source)"]);
    expect(r.result.headers).toEqual([...MEASURES_HEADERS, "Budget", "Column D (source)"]);
    expect(value(r.result, "1", "Column D (source)")).toBe("stray");
    expect(value(r.result, "5", "Column D (source)")).toBeNull(); // blank text is no value
    expect(value(r.result, "99", "Column D (source)")).toBeNull();
    const again = planImport(source, r.result, REFERENCE, { mode: "merge" });
    expect(again.unmapped).toEqual(["(no header, column D)"]);
    expect(again.extraColumns).toEqual(["Column D (source)"]); // the same column, not a second one
    expect(again.result).toEqual(r.result);
    expect(again.updated).toEqual([]);
  });

  it("keeps a column that matches no Measures header as an extra column, in both modes", () => {
    const source: Cell[][] = [
      ["No.", "Measure", "  Ministry comment ", "Budget"],
      ["2", "Extend broadband to rural areas", "needs funds", 1200],
      ["7", "New one", "proposed", null],
      ["1", "Build the national data centre", null, 500],
    ];
    const merged = planImport({ rows: source }, targetTable(), REFERENCE, { mode: "merge" });
    expect(merged.unmapped).toEqual(["Ministry comment"]);
    expect(merged.extraColumns).toEqual(["Ministry comment"]);
    expect(merged.result.headers).toEqual([...MEASURES_HEADERS, "Budget", "Ministry comment"]);
    expect(merged.updated).toEqual([
      { no: "2", changes: [{ column: "Ministry comment", before: "", after: "needs funds" }] },
    ]);
    expect(merged.unchanged).toBe(1); // No. 1: a blank comment is no change
    expect(value(merged.result, "7", "Ministry comment")).toBe("proposed");
    expect(value(merged.result, "99", "Ministry comment")).toBeNull();
    expect(value(merged.result, "99", "Budget")).toBe(7);

    // Later the ministry sends the comment again, changed, and leaves one blank: a blank never erases.
    const later: Cell[][] = [
      ["No.", "Measure", "ministry  COMMENT"],
      ["2", "Extend broadband to rural areas", "funded"],
      ["7", "New one", null],
    ];
    const next = planImport({ rows: later }, merged.result, REFERENCE, { mode: "merge" });
    expect(next.result.headers).toEqual(merged.result.headers);
    expect(next.updated).toEqual([
      {
        no: "2",
        changes: [{ column: "Ministry comment", before: "needs funds", after: "funded" }],
      },
    ]);
    expect(value(next.result, "7", "Ministry comment")).toBe("proposed");

    const replaced = planImport({ rows: source }, targetTable(), REFERENCE, { mode: "replace" });
    expect(replaced.extraColumns).toEqual(["Ministry comment"]);
    expect(replaced.result.rows.map((x) => x[col(replaced.result, "Ministry comment")])).toEqual([
      "needs funds",
      "proposed",
      null,
    ]);
  });

  it("names a kept column “Header (column K)” when its header is a Measures header or is taken", () => {
    const source: Cell[][] = [
      ["No.", "Measure", "Status", "State", "Budget", "budget", "Column H (source)", ""],
      ["1", "Build the national data centre", "Not started", "see annex", 500, 650, "a", "b"],
    ];
    const r = planImport({ rows: source }, targetTable(), REFERENCE, { mode: "merge" });
    expect(r.mapped.map((m) => m.header)).toEqual(["No.", "Measure", "Status", "Budget"]);
    expect(r.unmapped).toEqual(["State", "budget", "Column H (source)", "(no header, column H)"]);
    expect(r.extraColumns).toEqual([
      "State (column D)",
      "budget (column F)",
      "Column H (source)",
      "Column H (source) 2",
    ]);
    expect(r.result.headers.slice(MEASURES_HEADERS.length)).toEqual(["Budget", ...r.extraColumns]);
    expect(value(r.result, "1", "State (column D)")).toBe("see annex");
    expect(value(r.result, "1", "Status")).toBe("Not started");
    expect(value(r.result, "1", "budget (column F)")).toBe(650);
    expect(value(r.result, "1", "Column H (source)")).toBe("a");
    expect(value(r.result, "1", "Column H (source) 2")).toBe("b"); // data under no header, its name taken by G
    const again = planImport({ rows: source }, r.result, REFERENCE, { mode: "merge" });
    expect(again.result).toEqual(r.result);
    expect(again.unchanged).toBe(1);
  });

  it("leaves out what the planner maps to -1: not imported, not kept", () => {
    const out = planImport({ rows }, targetTable(), REFERENCE, {
      mode: "merge",
      mapping: { Notes: -1 },
    });
    expect(out.unmapped).toEqual(["Remarks"]);
    expect(out.extraColumns).toEqual([]);
    expect(out.result.headers).toEqual([...MEASURES_HEADERS, "Budget"]);
    expect(value(out.result, "2", "Notes")).toBeNull();

    // A column that matches no header, by its header text or the name it would be kept under.
    const source: Cell[][] = [
      ["No.", "Measure", "Ministry comment"],
      ["1", "x", "c", "stray"],
    ];
    const leaveOuts: Array<Record<string, number>> = [
      { "ministry comment": -1, "Column D (source)": -1 },
      { "Ministry comment (column C)": -1, "column d (SOURCE)": -1 },
    ];
    for (const mapping of leaveOuts) {
      const r = planImport({ rows: source }, targetTable(), REFERENCE, { mode: "merge", mapping });
      expect(r.unmapped).toEqual(["Ministry comment", "(no header, column D)"]);
      expect(r.extraColumns).toEqual([]);
      expect(r.result.headers).toEqual([...MEASURES_HEADERS, "Budget"]);
    }
    expect(() =>
      planImport({ rows: source }, targetTable(), REFERENCE, {
        mode: "merge",
        mapping: { Colour: -1 },
      })
    ).toThrow(
      /leaves out “Colour”, which is neither a column of the Measures table nor a source column without one/
    );
  });

  it("skips fully blank rows silently and adds the contract columns a bare target lacks", () => {
    const r = planImport(
      { rows: [["No.", "Measure", "Committee"], [], [null, "  ", null], ["1", "x", "DGC; DSC"]] },
      { name: "Measures", headers: ["No.", "Measure"], rows: [] },
      REFERENCE,
      { mode: "merge" }
    );
    expect(r.rejected).toEqual([]);
    expect(r.result.headers).toEqual(["No.", "Measure", "Lead committee", "Other committees"]);
    expect(r.result.rows).toEqual([["1", "x", "DGC", "DSC"]]);
  });
});

describe("planImport: sources it cannot use", () => {
  it("says clearly when there is no header row", () => {
    const e = (() => {
      try {
        planImport(
          {
            rows: [
              ["Budget", "Phone"],
              ["1", "2"],
            ],
          },
          targetTable(),
          REFERENCE,
          { mode: "merge" }
        );
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(ImportSourceError);
    expect((e as Error).message).toMatch(/^No header row found/);
    expect((e as Error).message).toContain("“Budget”, “Phone”");
  });

  it("needs both a No. and a Measure column", () => {
    expect(() =>
      planImport(
        {
          rows: [
            ["Measure", "Status"],
            ["x", "done"],
          ],
        },
        targetTable(),
        REFERENCE,
        { mode: "merge" }
      )
    ).toThrow(/no column for the measure's number \(No\.\)/);
  });
});

const arbCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.string({ maxLength: 10 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "1",
      "2",
      " 1 ",
      "A",
      "a",
      "DGC; DSC",
      "40%",
      "Short-trm",
      "No.",
      "Measure",
      "ល.រ"
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: -3, max: 3000 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 1, arbitrary: fc.boolean() }
);

describe("planImport (property)", () => {
  it("never throws on any rows under a header, and keeps every row that has a No. and measure text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(arbCell, { maxLength: 8 }), { maxLength: 30 }),
        fc.constantFrom<"merge" | "replace">("merge", "replace"),
        (data, mode) => {
          const rows: Cell[][] = [
            ["No.", "Measure", "Committee", "Progress", "Start", "Status"],
            ...data,
          ];
          const target = targetTable();
          const report = planImport({ rows }, target, REFERENCE, { mode });
          const resultNos = new Set(report.result.rows.map((r) => measureNoKey(r[0])));
          const rejected = new Map(report.rejected.map((r) => [r.sourceRow, r.reason]));
          const seen = new Set<string>();
          data.forEach((row, i) => {
            const sourceRow = i + 2;
            if (sourceRow < report.firstDataRow) return; // taken as a second header row
            if (row.every((c) => cellText(c) === "")) {
              expect(rejected.has(sourceRow)).toBe(false); // blank rows: skipped silently
              return;
            }
            const no = cellText(row[0]);
            const measure = cellText(row[1]);
            const key = measureNoKey(no);
            if (!no) {
              expect(rejected.get(sourceRow)).toMatch(/no No\./);
              return;
            }
            if (rejected.has(sourceRow)) {
              // Only a header printed again, or a row without measure text naming no measure of the target.
              if (measure) expect(rejected.get(sourceRow)).toMatch(/repeats the header/);
              else expect(rejected.get(sourceRow)).toMatch(/no measure text|cannot add/);
              return;
            }
            expect(resultNos.has(key)).toBe(true); // never lost, repeated Nos included
            if (seen.has(key))
              expect(report.duplicates.some((d) => d.sourceRows.includes(sourceRow))).toBe(true);
            seen.add(key);
          });
          // Every kept source row is a row of the result: repeats are kept, not dropped.
          const kept = data.filter(
            (row, i) =>
              i + 2 >= report.firstDataRow &&
              !report.rejected.some((r) => r.sourceRow === i + 2) &&
              row.some((c) => cellText(c) !== "")
          );
          if (mode === "replace") expect(report.result.rows).toHaveLength(kept.length);
          if (mode === "merge")
            expect(report.result.rows.length).toBeGreaterThanOrEqual(target.rows.length);
          for (const r of report.result.rows) expect(r).toHaveLength(report.result.headers.length);
          // Every source column with a header or data is mapped or kept, under a header of its own.
          const strays = new Set(
            rows
              .slice(report.firstDataRow - 1)
              .flatMap((r) => r.flatMap((c, i) => (i >= 6 && cellText(c) !== "" ? [i] : [])))
          );
          expect(report.mapped.length + report.extraColumns.length).toBe(6 + strays.size);
          const keys = report.result.headers.map((h) => h.toLowerCase().replace(/\s+/g, ""));
          expect(new Set(keys).size).toBe(keys.length);
          for (const h of report.extraColumns) expect(report.result.headers).toContain(h);
        }
      ),
      { numRuns: 300 }
    );
  });
});
