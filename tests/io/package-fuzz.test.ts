/**
 * Property: on generated workbooks with content around and between the tables (cells above,
 * below, beside, notes and hyperlinks, a user's table beside or below, another sheet), import
 * and build never change a cell (or move a note or hyperlink) the planner does not own. A cell outside the Measures table is either where it was, or
 * — when the table grew over it — moved down (or right) by exactly what the table grew, as
 * Excel's table growth moves it; or the write is refused and nothing is saved.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { importMeasures } from "../../src/host/import";
import { buildSummary } from "../../src/host/operations";
import { FileHost } from "../../src/io/file-host";
import { WriteRefused } from "../../src/io/package/growth";
import { readWorkbook } from "../../src/io/read/workbook";
import { TABLE_HEADERS } from "../../src/model/schema";
import type { Cell } from "../../src/model/types";

const HEADERS = [...TABLE_HEADERS.Measures];

interface Layout {
  top: number;
  left: number;
  rows: number;
  stray: Array<{ row: number; col: number; text: string }>;
  /** Notes and hyperlinks on cells around the tables (a note may sit on an empty cell). */
  marks: Array<{ row: number; col: number; link: boolean }>;
  userTable: { row: number; col: number } | null;
  added: number;
  extraColumn: boolean;
}

const layout = fc.record({
  top: fc.integer({ min: 1, max: 4 }),
  left: fc.integer({ min: 1, max: 3 }),
  rows: fc.integer({ min: 1, max: 5 }),
  stray: fc.array(
    fc.record({
      row: fc.integer({ min: 1, max: 20 }),
      col: fc.integer({ min: 1, max: 24 }),
      text: fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== ""),
    }),
    { maxLength: 12 }
  ),
  marks: fc.array(
    fc.record({
      row: fc.integer({ min: 1, max: 20 }),
      col: fc.integer({ min: 1, max: 24 }),
      link: fc.boolean(),
    }),
    { maxLength: 4 }
  ),
  userTable: fc.option(
    fc.record({ row: fc.integer({ min: 1, max: 16 }), col: fc.integer({ min: 1, max: 24 }) }),
    { nil: null }
  ),
  added: fc.integer({ min: 0, max: 3 }),
  extraColumn: fc.boolean(),
});

const inBox = (
  r: number,
  c: number,
  b: { top: number; left: number; bottom: number; right: number }
) => r >= b.top && r <= b.bottom && c >= b.left && c <= b.right;

async function workbook(l: Layout): Promise<Uint8Array | null> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Measures");
  const table = {
    top: l.top,
    left: l.left,
    bottom: l.top + l.rows,
    right: l.left + HEADERS.length - 1,
  };
  const rows = Array.from({ length: l.rows }, (_, i) => [
    String(i + 1),
    "I",
    "I.A",
    `Measure ${i + 1}`,
    "DGC",
    "",
    "",
    "Short-term",
    2021,
    2025,
    "Not started",
    0,
    "",
    "",
    "",
  ]);
  ws.addTable({
    name: "Measures",
    ref: ws.getCell(l.top, l.left).address,
    headerRow: true,
    style: { theme: "TableStyleMedium2" },
    columns: HEADERS.map((name) => ({ name })),
    rows,
  });
  const taken = (r: number, c: number) =>
    inBox(r, c, table) ||
    (l.userTable !== null &&
      inBox(r, c, {
        top: l.userTable.row,
        left: l.userTable.col,
        bottom: l.userTable.row + 2,
        right: l.userTable.col + 1,
      }));
  if (l.userTable) {
    const u = {
      top: l.userTable.row,
      left: l.userTable.col,
      bottom: l.userTable.row + 2,
      right: l.userTable.col + 1,
    };
    // Tables may not overlap: such a layout is not a workbook anyone could make.
    if (
      u.top <= table.bottom &&
      table.top <= u.bottom &&
      u.left <= table.right &&
      table.left <= u.right
    )
      return null;
    ws.addTable({
      name: "Mine",
      ref: ws.getCell(u.top, u.left).address,
      headerRow: true,
      columns: [{ name: "Item" }, { name: "Amount" }],
      rows: [
        ["a", 1],
        ["b", 2],
      ],
    });
  }
  for (const s of l.stray) if (!taken(s.row, s.col)) ws.getCell(s.row, s.col).value = s.text;
  for (const m of l.marks) {
    if (taken(m.row, m.col)) continue;
    const address = `${String.fromCharCode(64 + m.col)}${m.row}`;
    if (m.link)
      ws.getCell(m.row, m.col).value = {
        text: `link ${address}`,
        hyperlink: `https://example.org/${address}`,
      };
    else ws.getCell(m.row, m.col).note = `note ${address}`;
  }
  wb.addWorksheet("Notes").getCell("B2").value = "kept";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The Measures sheet's notes and hyperlinks, "row,col,note" → its text (or "row,col,link" → target), by ExcelJS. */
async function notesAndLinks(bytes: Uint8Array): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  const out = new Map<string, string>();
  wb.getWorksheet("Measures")!.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (cell.note) out.set(`${r},${c},note`, JSON.stringify(cell.note));
      if (cell.hyperlink) out.set(`${r},${c},link`, `${cell.text} ${cell.hyperlink}`);
    })
  );
  return out;
}

function cells(grid: Cell[][]): Map<string, Cell> {
  const out = new Map<string, Cell>();
  grid.forEach((row, r) =>
    row?.forEach((v, c) => v !== null && v !== "" && out.set(`${r + 1},${c + 1}`, v))
  );
  return out;
}

test("import and build never change a cell outside what they own (file host)", async () => {
  let written = 0;
  let refused = 0;
  let marksMoved = 0;
  await fc.assert(
    fc.asyncProperty(layout, async (l) => {
      const bytes = await workbook(l);
      if (!bytes) return;
      const host = await FileHost.open(bytes);
      const headers = [
        "No.",
        "Goal",
        "Strategy",
        "Measure",
        "Lead committee",
        "Timeframe",
        "Start year",
        "End year",
        "Status",
        ...(l.extraColumn ? ["Budget line"] : []),
      ];
      const added = Array.from({ length: l.added }, (_, i) => [
        `N${i + 1}`,
        "I",
        "I.A",
        `New ${i + 1}`,
        "DGC",
        "Short-term",
        2021,
        2025,
        "On track",
        ...(l.extraColumn ? ["BL"] : []),
      ]);
      try {
        await importMeasures(host, {
          source: { rows: [headers, ...added], sheetName: "" },
          dryRun: false,
          mode: "merge",
          asOfYear: 2026,
        });
        await buildSummary(host, { asOfYear: 2026 });
      } catch (e) {
        if (e instanceof WriteRefused) {
          refused++;
          return; // refused: nothing is saved
        }
        throw e;
      }
      written++;
      const out = await host.exportXlsx();
      const after = await readWorkbook(out);
      const before = await readWorkbook(bytes);
      const dCol = l.extraColumn ? 1 : 0;
      const dRow = l.added;
      const old = {
        top: l.top,
        left: l.left,
        bottom: l.top + l.rows,
        right: l.left + HEADERS.length - 1,
      };
      const grown = { ...old, bottom: old.bottom + dRow, right: old.right + dCol };
      /** Where a Measures-sheet cell outside the table is after growth (as Excel moves it). */
      const moved = (r: number, c: number): [number, number] => {
        if (dCol && r >= old.top && r <= old.bottom && c > old.right) c += dCol;
        if (dRow && r > old.bottom && c >= grown.left && c <= grown.right) r += dRow;
        return [r, c];
      };
      // Notes and hyperlinks move with their cells.
      const marksExpected = new Map<string, string>();
      for (const [key, v] of await notesAndLinks(bytes)) {
        const [r, c, kind] = key.split(",");
        const to = moved(Number(r), Number(c)).join(",");
        if (to !== `${r},${c}`) marksMoved++;
        marksExpected.set(`${to},${kind}`, v);
      }
      expect(Object.fromEntries(await notesAndLinks(out))).toEqual(
        Object.fromEntries(marksExpected)
      );
      for (const sheet of before.sheets) {
        const now = cells(after.sheets.find((s) => s.name === sheet.name)!.rows);
        const expected = new Map<string, Cell>();
        for (const [key, v] of cells(sheet.rows)) {
          let [r, c] = key.split(",").map(Number);
          if (sheet.name === "Measures" && inBox(r, c, old)) continue;
          if (sheet.name === "Measures" && dCol && r >= old.top && r <= old.bottom && c > old.right)
            c += dCol;
          if (
            sheet.name === "Measures" &&
            dRow &&
            r > old.bottom &&
            c >= grown.left &&
            c <= grown.right
          )
            r += dRow;
          expected.set(`${r},${c}`, v);
        }
        for (const key of [...now.keys()]) {
          const [r, c] = key.split(",").map(Number);
          if (sheet.name === "Measures" && inBox(r, c, grown)) now.delete(key);
        }
        expect({ sheet: sheet.name, cells: Object.fromEntries(now) }).toEqual({
          sheet: sheet.name,
          cells: Object.fromEntries(expected),
        });
      }
    }),
    { numRuns: 25, seed: 12 }
  );
  // The property held on writes that really happened, not only on refusals.
  expect(written).toBeGreaterThan(10);
  expect(written + refused).toBeGreaterThan(15);
  expect(marksMoved).toBeGreaterThan(2);
});
