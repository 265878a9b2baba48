import fc from "fast-check";
import { findHeaderRow, headerAt, mapHeaderRow } from "../../src/import/header-finder";
import type { Cell } from "../../src/model/types";

const headersOf = (f: ReturnType<typeof findHeaderRow>) =>
  Object.fromEntries((f?.columns ?? []).map((c) => [c.header, c.sourceColumn]));

describe("findHeaderRow", () => {
  it("finds the header below a title, a merged banner and a blank row", () => {
    const rows: Cell[][] = [
      ["Ministry of Post and Telecommunications"],
      ["Progress report 2025", null, null, null],
      [],
      ["No", "Key Policy Measures", "Comittee", "Timefrme", "Remarks from ministry", "Budget code"],
      [1, "Build", "DGC", "Short-term", "", "B-1"],
    ];
    const f = findHeaderRow(rows);
    expect(f).not.toBeNull();
    expect(f!.index).toBe(3);
    expect(f!.dataStart).toBe(4);
    expect(headersOf(f)).toEqual({ "No.": 0, Measure: 1, "Lead committee": 2, Timeframe: 3 });
    expect(f!.unmapped).toEqual([
      { sourceColumn: 4, sourceHeader: "Remarks from ministry" },
      { sourceColumn: 5, sourceHeader: "Budget code" },
    ]);
    expect(f!.columns.find((c) => c.header === "Timeframe")).toMatchObject({
      sourceHeader: "Timefrme",
      distance: 1,
    });
  });

  it("needs two headers, one of them No. or Measure", () => {
    expect(
      findHeaderRow([
        ["Status", "Timeframe", "Progress"],
        ["On track", "Short-term", "40%"],
      ])
    ).toBeNull();
    expect(findHeaderRow([["Measure"], ["Build"]])).toBeNull();
    expect(
      findHeaderRow([
        ["Measure", "Status"],
        ["Build", "Done"],
      ])?.index
    ).toBe(0);
    expect(findHeaderRow([])).toBeNull();
  });

  it("prefers the row with most headers, the earliest on a tie", () => {
    const rows: Cell[][] = [
      ["No.", "Measure"],
      ["No.", "Measure", "Status"],
      ["No.", "Measure", "Timeframe"],
    ];
    expect(findHeaderRow(rows)?.index).toBe(1);
  });

  it("only looks at the first 30 rows (or maxScan)", () => {
    const rows: Cell[][] = [...Array.from({ length: 30 }, () => ["title"]), ["No.", "Measure"]];
    expect(findHeaderRow(rows)).toBeNull();
    expect(findHeaderRow(rows, { maxScan: 31 })?.index).toBe(30);
  });

  it("takes a Khmer row under an English one as part of the header", () => {
    const rows: Cell[][] = [
      ["No.", "Measure", "Committee"],
      ["ល.រ", "វិធានការ", "គណៈកម្មាធិការ"],
      ["1", "Build", "DGC"],
    ];
    const f = findHeaderRow(rows)!;
    expect(f.index).toBe(0);
    expect(f.dataStart).toBe(2);
    expect(headersOf(f)).toEqual({ "No.": 0, Measure: 1, "Lead committee": 2 });
  });

  it("lets sub-headers under a merged group header win (Timeframe over From | To)", () => {
    const rows: Cell[][] = [
      ["No.", "Measure", "Timeframe", null, "Status"],
      [null, null, "From", "To", null],
      ["1", "Build", 2021, 2025, "On track"],
    ];
    const f = findHeaderRow(rows)!;
    expect(f.dataStart).toBe(2);
    expect(headersOf(f)).toEqual({
      "No.": 0,
      Measure: 1,
      "Start year": 2,
      "End year": 3,
      Status: 4,
    });
  });

  it("skips a row of column numbers under the header", () => {
    const rows: Cell[][] = [
      ["No.", "Measure", "Committee", "Status"],
      ["(1)", "(2)", "(3)", "(4)"],
      ["1", "Build", "DGC", "Done"],
    ];
    expect(findHeaderRow(rows)?.dataStart).toBe(2);
  });

  it("does not take a data row for a second header row", () => {
    const rows: Cell[][] = [
      ["No.", "Measure", "Status", "Progress"],
      ["1", "Measure", "Completed", "100%"], // cells that look like headers, but a No.
    ];
    expect(findHeaderRow(rows)?.dataStart).toBe(1);
  });

  it("matches the target's extra columns by name", () => {
    const f = findHeaderRow([["No.", "Measure", "budget "]], { extraHeaders: ["Budget"] });
    expect(headersOf(f)).toEqual({ "No.": 0, Measure: 1, Budget: 2 });
  });

  it("gives one column per header: exact beats a typo, left beats right", () => {
    const f = mapHeaderRow(["Comittee", "Committee", "No.", "Responsible committee"]);
    expect(f.columns.map((c) => [c.header, c.sourceColumn])).toEqual([
      ["Lead committee", 1],
      ["No.", 2],
    ]);
    expect(f.unmapped.map((u) => u.sourceColumn)).toEqual([0, 3]);
  });

  it("maps a row the planner picks", () => {
    const rows: Cell[][] = [["Report"], ["No.", "Status"], ["1", "Done"]];
    expect(headerAt(rows, 1)?.dataStart).toBe(2);
    expect(headerAt(rows, 7)).toBeNull();
  });
});

const arbCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "No.",
    "Measure",
    "Comittee",
    "Timefrme",
    "ល.រ",
    "វិធានការ",
    "From",
    "To",
    "(1)",
    "(2)",
    "1",
    "Status",
    "Done"
  ),
  fc.integer({ min: -5, max: 3000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.date({ noInvalidDate: false })
);

describe("findHeaderRow (property)", () => {
  it("never throws, and its answer always points inside the rows", () => {
    fc.assert(
      fc.property(fc.array(fc.array(arbCell, { maxLength: 8 }), { maxLength: 40 }), (rows) => {
        const f = findHeaderRow(rows);
        if (f === null) return;
        expect(f.index).toBeGreaterThanOrEqual(0);
        expect(f.index).toBeLessThan(rows.length);
        expect(f.dataStart).toBeGreaterThan(f.index);
        expect(f.dataStart).toBeLessThanOrEqual(rows.length);
        expect(new Set(f.columns.map((c) => c.header)).size).toBe(f.columns.length);
        expect(new Set(f.columns.map((c) => c.sourceColumn)).size).toBe(f.columns.length);
        expect(f.columns.some((c) => c.header === "No." || c.header === "Measure")).toBe(true);
      }),
      { numRuns: 500 }
    );
  });
});
