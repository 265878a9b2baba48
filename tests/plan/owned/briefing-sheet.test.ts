import { briefingBlocks, committeeBriefings, compareNo } from "../../../src/plan/briefing";
import {
  BRIEFING_HEADER_ROW,
  briefingSheetName,
  briefingSheets,
} from "../../../src/plan/briefing-sheet";
import type { PlanCell, PlanSheet } from "../../../src/plan/types";
import { builtinFramework } from "../../../src/model/builtin";
import { smallFramework } from "../../summary/fixtures";

const at = (s: PlanSheet, row: number, col: number): PlanCell | undefined =>
  s.cells.find((c) => c.row === row && c.col === col);
const rowValues = (s: PlanSheet, row: number, cols = 8) =>
  Array.from({ length: cols }, (_, col) => at(s, row, col)?.value ?? null);
const H = BRIEFING_HEADER_ROW;

describe("Briefing sheets", () => {
  const f = smallFramework();
  const sheets = briefingSheets(f, "en");

  test("one block per committee (lead or co-lead, names resolved), then measures naming none", () => {
    expect(briefingBlocks(f).map((b) => [b.code, b.measures.map((m) => m.no)])).toEqual([
      ["DGC", ["1", "2", "3", "4", "6"]], // m2 names "Committee on Digital Government"
      ["DEBC", ["1", "3", "4", "5"]],
      ["DSC", ["4"]],
      [null, ["7"]],
    ]);
  });

  test("one sheet per committee, named so a planner finds it", () => {
    expect(sheets.map((s) => s.name)).toEqual([
      "Briefing DGC",
      "Briefing DEBC",
      "Briefing DSC",
      "Briefing (no committee)",
    ]);
    expect(sheets.every((s) => s.owned)).toBe(true);
    expect(briefingSheetName("A/B:C*")).toBe("Briefing ABC");
    expect(briefingSheetName("X".repeat(40))).toHaveLength(31);
  });

  test("ordered by attention — Delayed, overdue, At risk, On track, Not started, Completed — then No.", () => {
    // As of 2025: m3 Delayed; m4 At risk; m2 Not started; m1 Completed; m6 "Done" is no Status:
    // Other, last (ended 2023, but an unknown Status is not overdue, as in the Summary's count).
    expect(committeeBriefings(f)[0].measures.map((m) => m.no)).toEqual(["3", "4", "2", "1", "6"]);
    const dgc = sheets[0];
    expect([1, 2, 3, 4, 5].map((i) => at(dgc, H + i, 0)?.value)).toEqual(["3", "4", "2", "1", "6"]);
    expect(compareNo("2", "10")).toBeLessThan(0);
  });

  test("title, counts by status at the top, the table's header row", () => {
    const dgc = sheets[0];
    expect(at(dgc, 0, 0)).toMatchObject({
      value: "Digital Government Committee — measures",
      style: "title",
    });
    expect(at(dgc, 0, 7)?.value).toBe("As of 2025");
    expect(at(dgc, 2, 0)?.value).toBe(
      "Delayed 1  ·  Overdue 0  ·  At risk 1  ·  On track 0  ·  Not started 1  ·  Completed 1  ·  Other 1  ·  Total 5"
    );
    expect(rowValues(dgc, H)).toEqual([
      "No.",
      "Measure",
      "Timeframe",
      "Start",
      "End",
      "Status",
      "Progress %",
      "Lead institution",
    ]);
    expect(rowValues(dgc, H + 4)).toEqual([
      "1",
      "Measure 1",
      "Short-term",
      2021,
      2025,
      "Completed",
      100,
      "Ministry of Posts and Telecommunications",
    ]);
    expect(at(dgc, H + 1, 4)?.style).toBe("warningCenter"); // m3's End year (2024): overdue
    expect(at(dgc, H + 4, 4)?.style).toBe("center"); // m1's: Completed
  });

  test("print-ready: A4 landscape, one page wide, only the table's header row repeated, the committee in the page header", () => {
    const dgc = sheets[0];
    const maxRow = Math.max(...dgc.cells.map((c) => c.row));
    expect(dgc.print).toMatchObject({
      area: { from: { row: 0, col: 0 }, to: { row: maxRow, col: 7 } },
      landscape: true,
      fitToWidth: true,
      paper: "A4",
      repeatRows: { from: H, to: H },
      header: { left: "Digital Government Committee", right: "As of 2025" },
      footer: { left: "Test framework", right: "Page &P of &N" },
    });
  });

  test("row heights from the text: a long measure gets more lines than a short one; no row below 15 pt", () => {
    const g = builtinFramework("despf", 2026);
    const dgc = briefingSheets(g, "en")[0];
    const heights = Object.entries(dgc.rowHeights ?? {})
      .filter(([r]) => Number(r) > H)
      .map(([, h]) => h);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(15);
    const rowOf = (no: string) =>
      dgc.cells.find((c) => c.col === 0 && c.value === no && c.row > H)?.row ?? -1;
    // m67 (380 characters) against m80 (two lines).
    expect(dgc.rowHeights?.[rowOf("67")]).toBeGreaterThan(
      (dgc.rowHeights?.[rowOf("80")] ?? 15) * 2
    );
  });

  test("in Khmer: headings, committee, status and timeframe words; Khmer rows taller", () => {
    const km = briefingSheets(f, "km")[0];
    expect(at(km, 0, 0)?.value).toBe("គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល — វិធានការ");
    expect(at(km, 0, 7)?.value).toBe("គិតត្រឹមឆ្នាំ 2025");
    expect(at(km, H, 0)?.value).toBe("ល.រ");
    expect(at(km, H + 4, 5)?.value).toBe("បានបញ្ចប់");
    expect(at(km, H + 4, 2)?.value).toBe("រយៈពេលខ្លី");
    expect(km.print?.header?.left).toBe("គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល");
    expect(km.rowHeights?.[H + 4]).toBeGreaterThanOrEqual(21);
  });

  test("a committee without measures says so", () => {
    const g = smallFramework();
    g.measures = g.measures.filter((m) => m.no === "1");
    const s = briefingSheets(g, "en");
    expect(
      s
        .find((x) => x.name === "Briefing DSC")
        ?.cells.some((c) => c.value === "No measures." && c.style === "note")
    ).toBe(true);
  });
});
