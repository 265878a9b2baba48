import { tablesToFramework } from "../../../src/model/convert";
import { summarise, sourcesFromTables } from "../../../src/summary";
import { summarySheet } from "../../../src/plan/summary-sheet";
import type { PlanCell, PlanSheet, RangeRef } from "../../../src/plan/types";
import { smallFramework, smallTables } from "../../summary/fixtures";

function at(sheet: PlanSheet, row: number, col: number): PlanCell | undefined {
  return sheet.cells.find((c) => c.row === row && c.col === col);
}

function cellsOf(sheet: PlanSheet, r: RangeRef): Array<PlanCell | undefined> {
  const out: Array<PlanCell | undefined> = [];
  for (let row = r.from.row; row <= r.to.row; row++)
    for (let col = r.from.col; col <= r.to.col; col++) out.push(at(sheet, row, col));
  return out;
}

function find(sheet: PlanSheet, text: string): PlanCell {
  const c = sheet.cells.find((x) => x.value === text);
  if (!c) throw new Error(`no cell ${text}`);
  return c;
}

describe("Summary sheet", () => {
  const tables = smallTables();
  const framework = tablesToFramework(tables, 2025);
  const data = summarise(framework, { sources: sourcesFromTables(tables) });
  const sheet = summarySheet(framework, data, "en");

  test("owned, named Summary, title and As of year", () => {
    expect(sheet.name).toBe("Summary");
    expect(sheet.owned).toBe(true);
    expect(at(sheet, 0, 0)?.value).toBe("Briefing summary — Test framework");
    expect(at(sheet, 1, 0)?.value).toBe("As of year");
    expect(at(sheet, 1, 2)?.value).toBe(2025);
  });

  test("a cover page: three key numbers, counted and expected per committee, status by committee, the measures most needing attention", () => {
    expect([4, 5, 6].map((r) => [at(sheet, r, 0)?.value, at(sheet, r, 2)?.value])).toEqual([
      ["Measures", 7],
      ["Completed", 1],
      ["Needing attention", 3], // not m6: "Done" is no Status, so not overdue
    ]);
    expect(at(sheet, 4, 2)?.formula).toBe('COUNTIFS(Measures[No.],"<>")');
    const cover = sheet.charts.find((c) => c.name === "SummaryStatusByCommittee");
    expect(cover?.type).toBe("barStacked");
    expect(cover?.anchor.from.row).toBeLessThan(sheet.print?.rowBreaks?.[0] ?? 0);
    // Every status series in its palette colour, zero-only statuses left out.
    expect(cover?.series.map((x) => [x.name, x.color])).toEqual([
      ["Not started", "9E9E9E"],
      ["On track", "1565C0"],
      ["At risk", "F9A825"],
      ["Delayed", "C62828"],
      ["Completed", "2E7D32"],
      ["Other", "6D4C41"],
    ]);
    expect(cover?.categoryCache).toEqual(["DGC", "DEBC", "DSC", "No committee"]);
    expect(cover?.series[3].cache).toEqual([1, 1, 0, 0]); // Delayed: m3 (DEBC, co-led by DGC)
    const head = find(sheet, "Measures most needing attention (overdue, at risk or delayed)");
    const nos = [2, 3, 4].map((i) => at(sheet, head.row + i, 0)?.value);
    expect(nos).toEqual(["5", "3", "4"]);
    const breakAt = sheet.print?.rowBreaks?.[0] ?? 0;
    expect(head.row + 5).toBeLessThan(breakAt); // all on the cover
    expect(sheet.print).toMatchObject({ paper: "A4", landscape: true, fitToWidth: true });
    expect(sheet.print?.repeatRows).toBeUndefined();
  });

  test("every formula cell has its cached value, and no formula starts with =", () => {
    const formulas = sheet.cells.filter((c) => c.formula);
    // 7 key figures + 3 committees × 5 + 3 goal rows × (3 committees + 2 timeframes, Other, Total)
    // + 6 statuses + 2 progress blocks × 3 rows × 4 + (3 committees + All) × 6 years.
    // + the cover: 2 key numbers + 3 committees × 3.
    expect(formulas.length).toBe(7 + 15 + 9 + 12 + 6 + 24 + 24 + 11);
    for (const c of formulas) {
      expect(c.formula?.startsWith("=")).toBe(false);
      expect(typeof c.value === "number" || c.value === "").toBe(true);
    }
    const cells = new Set(sheet.cells.map((c) => `${c.row},${c.col}`));
    expect(cells.size).toBe(sheet.cells.length); // no cell written twice
  });

  test("the committee block: formulas with hand-counted values", () => {
    const dgc = sheet.cells.filter((c) => c.value === "DGC" && c.col === 0)[1];
    const row = [2, 3, 4, 5, 6].map((col) => at(sheet, dgc.row, col));
    expect(row.map((c) => c?.value)).toEqual([2, 2, 4, 3, 1]);
    expect(row[2]?.formula).toBe(
      'COUNTIFS(Measures[Lead committee],"DGC")+COUNTIFS(Measures[Lead committee],"<>DGC",Measures[Other committees],"*DGC*")'
    );
    expect(at(sheet, dgc.row, 1)?.value).toBe("Digital Government Committee");
    const debc = sheet.cells.filter((c) => c.value === "DEBC" && c.col === 0)[1];
    expect(at(sheet, debc.row, 5)?.value).toBe(""); // no expectation stated
    expect(at(sheet, debc.row, 5)?.formula).toContain("Committees[Expected measures]");
  });

  test("says when committees are written by name, which the formulas do not count", () => {
    const notes = sheet.cells.filter((c) => c.style === "note").map((c) => String(c.value));
    expect(notes).toContain(
      "DGC: the formulas count 4 measures by code; 5 measures name this committee by code, name or alias."
    );
  });

  test("charts over the Summary's own cells, caches equal to the cells' values, labels and axis titles", () => {
    expect(sheet.charts.map((c) => c.type)).toEqual([
      "barStacked",
      "column",
      "barStacked",
      "column",
      "line",
    ]);
    for (const chart of sheet.charts) {
      expect(chart.categories.sheet).toBe("Summary");
      expect(cellsOf(sheet, chart.categories).map((c) => String(c?.value))).toEqual(
        chart.categoryCache
      );
      expect(chart.series.length).toBeGreaterThan(0);
      for (const s of chart.series) {
        expect(s.values.sheet).toBe("Summary");
        const cells = cellsOf(sheet, s.values);
        expect(cells.map((c) => (c?.value === "" ? NaN : c?.value))).toEqual(s.cache);
        expect(cellsOf(sheet, s.nameRef)[0]?.value).toBe(s.name);
      }
      expect(chart.anchor.to.row).toBeGreaterThan(chart.anchor.from.row);
      expect(chart.axisTitles?.value).toBe("Measures");
    }
    const maxRow = Math.max(...sheet.cells.map((c) => c.row));
    for (const chart of sheet.charts.slice(1))
      expect(chart.anchor.from.row).toBeGreaterThan(maxRow); // below the blocks
    const line = sheet.charts[4];
    expect(line.categoryCache).toEqual(["2021", "2022", "2023", "2024", "2025", "2026"]);
    expect(line.series.map((s) => [s.name, s.cache])).toEqual([
      ["DGC", [2, 3, 3, 3, 2, 1]],
      ["DEBC", [1, 2, 2, 3, 2, 1]],
      ["DSC", [0, 0, 0, 1, 1, 1]],
    ]);
    // Status as columns (not a pie): each point in its status colour.
    const status = sheet.charts[3];
    expect(status.categoryCache).toEqual([
      "Not started",
      "On track",
      "At risk",
      "Delayed",
      "Completed",
      "Other",
    ]);
    expect(status.series[0].pointColors).toEqual([
      "9E9E9E",
      "1565C0",
      "F9A825",
      "C62828",
      "2E7D32",
      "6D4C41",
    ]);
    // Counted beside expected.
    const committees = sheet.charts[1];
    expect(committees.series.map((s) => [s.name, s.cache])).toEqual([
      ["Total", [4, 4, 1]],
      ["Expected", [3, NaN, 1]],
    ]);
    // Goals by their short names; the Other goal row and the Other timeframe: both hold measures here.
    expect(sheet.charts[2].categoryCache).toEqual([
      "I Infrastructure",
      "II Trust",
      "Other or blank goal",
    ]);
    expect(sheet.charts[2].series.map((s) => s.name)).toEqual([
      "Short-term",
      "Medium-term",
      "Other",
    ]);
  });

  test("the stacked chart leaves out an empty Other row and column", () => {
    const f = smallFramework();
    f.measures = f.measures.filter((m) => ["1", "2", "3", "4"].includes(m.no));
    const s = summarySheet(f, summarise(f), "en");
    const chart = s.charts.find((c) => c.name === "SummaryGoalTimeframe");
    expect(chart?.categoryCache).toEqual(["I Infrastructure", "II Trust"]);
    expect(chart?.series.map((x) => x.name)).toEqual(["Short-term", "Medium-term"]);
  });

  test("page breaks: the details start on a new page, and no block is split", () => {
    const breaks = sheet.print?.rowBreaks ?? [];
    expect(breaks.length).toBeGreaterThanOrEqual(1);
    const titles = new Set(
      sheet.cells.filter((c) => c.style === "subtitle" && c.col === 0).map((c) => c.row)
    );
    for (const b of breaks)
      expect(titles.has(b) || sheet.charts.some((c) => c.anchor.from.row === b + 1)).toBe(true);
  });

  test("a column missing from the workbook gives static values, never a broken formula", () => {
    const t = smallTables();
    const m = t.Measures;
    if (!m) throw new Error("no Measures");
    const drop = m.headers.indexOf("Progress %");
    const cut = {
      ...m,
      headers: m.headers.filter((_, i) => i !== drop),
      rows: m.rows.map((r) => r.filter((_, i) => i !== drop)),
    };
    const tables2 = { ...t, Measures: cut };
    const f = tablesToFramework(tables2, 2025);
    const s = summarySheet(f, summarise(f, { sources: sourcesFromTables(tables2) }), "en");
    expect(s.cells.some((c) => c.formula?.includes("Progress %"))).toBe(false);
    const mean = at(s, find(s, "Mean progress %").row, 2);
    expect(mean?.formula).toBeUndefined();
    expect(mean?.value).toBeNull();
    expect(s.cells.filter((c) => c.formula).length).toBe(108 - 7); // the 7 means are static
  });

  test("plain A1 references on request", () => {
    const s = summarySheet(framework, data, "en", { references: "a1" });
    const f = s.cells.filter((c) => c.formula).map((c) => c.formula ?? "");
    expect(f.some((x) => x.includes("["))).toBe(false);
    expect(f.some((x) => x.includes("'Measures'!$F$4:$F$10"))).toBe(true); // Lead committee, table at B3
  });

  test("in Khmer: headings and committee names", () => {
    const km = summarySheet(framework, data, "km");
    const text = km.cells.map((c) => String(c.value));
    expect(at(km, 0, 0)?.value).toBe("សេចក្តីសង្ខេបសម្រាប់ការបង្ហាញ — Test framework");
    expect(text).toContain("គណៈកម្មាធិការ");
    expect(text).toContain("គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល");
    expect(text).toContain("បានបញ្ចប់");
    expect(text).not.toContain("Committee");
    expect(text).toContain("I ហេដ្ឋារចនាសម្ព័ន្ធ"); // goal I's Khmer name
    expect(text).toContain("II Trust"); // no Khmer name: English
    expect(km.charts[3].categoryCache[0]).toBe("មិនទាន់ចាប់ផ្តើម");
    expect(km.charts[0].axisTitles).toEqual({ category: "គណៈកម្មាធិការ", value: "វិធានការ" });
    // The formulas are the same: criteria are data, not words of the sheet.
    expect(km.cells.filter((c) => c.formula).map((c) => c.formula)).toEqual(
      sheet.cells.filter((c) => c.formula).map((c) => c.formula)
    );
  });

  test("column widths cover every used column", () => {
    const maxCol = Math.max(...sheet.cells.map((c) => c.col));
    expect(sheet.columnWidths?.length).toBeGreaterThan(maxCol);
  });
});
