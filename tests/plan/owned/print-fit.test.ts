/**
 * The pages a planner hands a minister, as planned: the Summary cover holds its ten measures
 * needing attention in English and Khmer within the printable A4 page, and no header word of the
 * Summary, the Briefing sheets or the deck's tables is wider than its column (so none is broken in
 * two). tests/print renders the same plans through LibreOffice and reads the pages back.
 */
import { frameworkToTables } from "../../../src/model/convert";
import { builtinFramework } from "../../../src/model/builtin";
import type { FrameworkId, Language } from "../../../src/model/types";
import { BRIEFING_HEADER_ROW, briefingSheets } from "../../../src/plan/briefing-sheet";
import { briefingDeck } from "../../../src/plan/deck";
import { label } from "../../../src/plan/labels";
import { frameworkForSheets, workbookSummary } from "../../../src/plan/owned-sheets";
import { fitScale, printable, rowsHeight } from "../../../src/plan/page";
import { summarySheet } from "../../../src/plan/summary-sheet";
import {
  hasKhmer,
  KHMER_RUN_MAX,
  rowHeight,
  textWidth,
  wrapWords,
} from "../../../src/plan/text-fit";
import type { PlanSheet } from "../../../src/plan/types";

const CASES: Array<[FrameworkId, Language]> = [
  ["despf", "en"],
  ["despf", "km"],
  ["dgp", "en"],
  ["dgp", "km"],
];

/** The built-in framework with every fifth measure in each status, as a planner's would be. */
function planned(id: FrameworkId) {
  const f = builtinFramework(id, 2026);
  const cycle = ["Not started", "On track", "At risk", "Delayed", "Completed"];
  f.measures = f.measures.map((m, i) => ({ ...m, status: cycle[i % 5] }));
  const tables = frameworkToTables(f);
  const framework = frameworkForSheets(tables, 2026);
  return { framework, data: workbookSummary(tables, framework) };
}

/** Words of a header that would not fit its column (a Khmer run: up to KHMER_RUN_MAX). */
function brokenWords(text: string, width: number): string[] {
  return wrapWords(text)
    .map((w) => w.trim())
    .filter((w) => {
      const need = textWidth(w, 1, true);
      return (hasKhmer(w) ? Math.min(need, KHMER_RUN_MAX) : need) + 0.4 > width;
    });
}

/** Every header cell's words against its column (or its merged columns). */
function headerWordsCut(sheet: PlanSheet): Array<{ row: number; col: number; words: string[] }> {
  const widths = sheet.columnWidths ?? [];
  const out = [];
  for (const c of sheet.cells) {
    if (c.style !== "header" || typeof c.value !== "string" || c.value === "") continue;
    const merge = sheet.merges?.find((m) => m.from.row === c.row && m.from.col === c.col);
    let width = 0;
    for (let col = c.col; col <= (merge?.to.col ?? c.col); col++) width += widths[col] ?? 0;
    const words = brokenWords(c.value, width);
    if (words.length > 0) out.push({ row: c.row, col: c.col, words });
  }
  return out;
}

describe("the Summary cover on one A4 page", () => {
  test.each(CASES)("%s in %s: ten measures needing attention, all within the page", (id, lang) => {
    const { framework, data } = planned(id);
    const sheet = summarySheet(framework, data, lang);
    const head = sheet.cells.find((c) => c.style === "header" && c.value === label(lang, "no"));
    expect(head).toBeDefined();
    const rows: number[] = [];
    for (let r = head!.row + 1; ; r++) {
      const committee = sheet.cells.find((c) => c.row === r && c.col === 5);
      if (!committee) break;
      rows.push(r);
    }
    expect(data.attention.total).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBe(10);
    // The cover (up to the first page break) within the printable height at the scale "one page
    // wide" gives. Excel's column unit (Calibri) is the narrower: its scale is the larger, its page
    // the shorter, so a cover that fits Excel fits LibreOffice.
    const widths = sheet.columnWidths ?? [];
    const cover = sheet.print?.rowBreaks?.[0] ?? 0;
    const heights = sheet.rowHeights ?? {};
    expect(rowsHeight(heights, 0, cover - 1)).toBeLessThanOrEqual(
      printable(true).height / fitScale(widths, true)
    );
    // Every attention row is as tall as its text needs (Khmer status words: a taller line).
    for (const r of rows) {
      const status = sheet.cells.find((c) => c.row === r && c.col === 7);
      const need = rowHeight([{ text: String(status?.value ?? ""), width: 2 * widths[7] }]);
      expect(heights[r] ?? 15).toBeGreaterThanOrEqual(need);
    }
  });

  test("the cover chart sits beside the key numbers and committees, not over the attention list", () => {
    const { framework, data } = planned("despf");
    for (const lang of ["en", "km"] as const) {
      const sheet = summarySheet(framework, data, lang);
      const chart = sheet.charts.find((c) => c.name === "SummaryStatusByCommittee");
      const head = sheet.cells.find((c) => c.style === "header" && c.value === label(lang, "no"));
      expect(chart!.anchor.to.row).toBeLessThan(head!.row - 1);
      // The key numbers' notes end before the chart's first column.
      const widths = sheet.columnWidths ?? [];
      for (const note of sheet.cells.filter((c) => c.row >= 4 && c.row <= 6 && c.col === 3)) {
        let room = 0;
        for (let col = 3; col < chart!.anchor.from.col; col++) room += widths[col];
        expect(textWidth(String(note.value))).toBeLessThan(room);
      }
    }
  });
});

describe("no header word broken in two", () => {
  test.each(CASES)("%s in %s: Summary and Briefing sheets", (id, lang) => {
    const { framework, data } = planned(id);
    expect(headerWordsCut(summarySheet(framework, data, lang))).toEqual([]);
    for (const sheet of briefingSheets(framework, lang)) {
      expect(headerWordsCut(sheet)).toEqual([]);
      // The header row is as tall as its wrapped words need.
      const widths = sheet.columnWidths ?? [];
      const need = rowHeight(
        sheet.cells
          .filter((c) => c.row === BRIEFING_HEADER_ROW)
          .map((c) => ({ text: String(c.value ?? ""), width: widths[c.col], bold: true }))
      );
      expect(sheet.rowHeights?.[BRIEFING_HEADER_ROW] ?? 15).toBeGreaterThanOrEqual(need);
    }
  });

  test("the old 9-unit columns broke 'Difference', 'Completed' and 'Progress'; they are wider now", () => {
    expect(brokenWords("Difference", 9)).toEqual(["Difference"]);
    const { framework, data } = planned("despf");
    const sheet = summarySheet(framework, data, "en");
    const difference = sheet.cells.find((c) => c.style === "header" && c.value === "Difference");
    expect(sheet.columnWidths?.[difference!.col]).toBeGreaterThan(9);
  });

  test.each(CASES)("%s in %s: the deck's tables, at 12 pt bold in their inches", (id, lang) => {
    const { framework, data } = planned(id);
    const deck = briefingDeck(framework, data, { language: lang });
    let tables = 0;
    for (const s of deck.slides) {
      const t = s.kind === "committee" || s.kind === "table" ? s.table : null;
      if (!t) continue;
      tables += 1;
      t.headers.forEach((h, i) => {
        // Inches to column units at 12 pt: 7 pt a unit at 11 pt, less the cell margins.
        const units = ((t.widths[i] - 0.1) * 72) / 7 / (12 / 11);
        expect({ h, cut: brokenWords(h, units) }).toEqual({ h, cut: [] });
      });
    }
    expect(tables).toBeGreaterThan(0);
  });
});

describe("Khmer text measured as LibreOffice draws it", () => {
  test("a subscript consonant (after the coeng) takes no width; vowels above and below none", () => {
    expect(textWidth("ក្ក")).toBeCloseTo(textWidth("ក"));
    expect(textWidth("កិ")).toBeCloseTo(textWidth("ក"));
    expect(textWidth("កា")).toBeGreaterThan(textWidth("ក"));
  });

  test("a committee name within 5% of its width in LibreOffice's PDF (163.4 pt at 5.5 pt a unit)", () => {
    const measured = 163.4 / 5.5;
    const estimate = textWidth("គណៈកម្មាធិការសេដ្ឋកិច្ច និងធុរកិច្ចឌីជីថល");
    expect(Math.abs(estimate - measured) / measured).toBeLessThan(0.05);
  });
});
