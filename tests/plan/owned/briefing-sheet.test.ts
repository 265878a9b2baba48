import { briefingBlocks, briefingSheet } from "../../../src/plan/briefing-sheet";
import type { PlanCell, PlanSheet } from "../../../src/plan/types";
import { smallFramework } from "../../summary/fixtures";

const at = (s: PlanSheet, row: number, col: number): PlanCell | undefined => s.cells.find((c) => c.row === row && c.col === col);
const rowValues = (s: PlanSheet, row: number, cols = 8) => Array.from({ length: cols }, (_, col) => at(s, row, col)?.value ?? null);

describe("Briefing sheet", () => {
  const f = smallFramework();
  const sheet = briefingSheet(f, "en");

  test("one block per committee (lead or co-lead, names resolved), then measures naming none", () => {
    expect(briefingBlocks(f).map((b) => [b.code, b.measures.map((m) => m.no)])).toEqual([
      ["DGC", ["1", "2", "3", "4", "6"]], // m2 names "Committee on Digital Government"
      ["DEBC", ["1", "3", "4", "5"]],
      ["DSC", ["4"]],
      [null, ["7"]],
    ]);
  });

  test("title row with the As of year, header row, measure rows, a blank row between blocks", () => {
    expect(at(sheet, 0, 0)).toMatchObject({ value: "Digital Government Committee — measures", style: "title" });
    expect(at(sheet, 0, 7)?.value).toBe("As of 2025");
    expect(rowValues(sheet, 1)).toEqual(["No.", "Measure", "Timeframe", "Start", "End", "Status", "Progress %", "Lead institution"]);
    expect(rowValues(sheet, 2)).toEqual(["1", "Measure 1", "Short-term", 2021, 2025, "Completed", 100, "Ministry of Posts and Telecommunications"]);
    expect(rowValues(sheet, 3)).toEqual(["2", "Measure 2", "Medium-term", 2026, 2030, "Not started", null, ""]);
    expect(rowValues(sheet, 7)).toEqual([null, null, null, null, null, null, null, null]); // after DGC's 5 rows
    expect(at(sheet, 8, 0)?.value).toBe("Digital Economy and Business Committee — measures");
    const titles = sheet.cells.filter((c) => c.style === "title").map((c) => c.value);
    expect(titles).toEqual([
      "Digital Government Committee — measures",
      "Digital Economy and Business Committee — measures",
      "Digital Security Committee — measures",
      "No committee — measures",
    ]);
  });

  test("print-ready: area over all blocks, landscape, one page wide, title and header repeated", () => {
    const maxRow = Math.max(...sheet.cells.map((c) => c.row));
    expect(sheet.print).toEqual({
      area: { from: { row: 0, col: 0 }, to: { row: maxRow, col: 7 } },
      landscape: true,
      fitToWidth: true,
      repeatRows: { from: 0, to: 1 },
    });
    expect(sheet.owned).toBe(true);
    expect(sheet.columnWidths?.[1]).toBeGreaterThanOrEqual(60); // the measure column is wide
  });

  test("in Khmer", () => {
    const km = briefingSheet(f, "km");
    expect(at(km, 0, 0)?.value).toBe("គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល — វិធានការ");
    expect(at(km, 0, 7)?.value).toBe("គិតត្រឹមឆ្នាំ 2025");
    expect(at(km, 1, 0)?.value).toBe("ល.រ");
    expect(at(km, 2, 5)?.value).toBe("បានបញ្ចប់");
  });

  test("a committee without measures says so", () => {
    const g = smallFramework();
    g.measures = g.measures.filter((m) => m.no === "1");
    const s = briefingSheet(g, "en");
    expect(s.cells.some((c) => c.value === "No measures." && c.style === "note")).toBe(true);
  });
});
