/**
 * Property, Office host on the recording fake: on generated workbooks with content around and
 * between the tables — cells below and beside the Measures table, a second planner table
 * (Goals) below it with cells between, a user's own table, merged cells, formulas on the sheet
 * and on another sheet referring into the area that moves — import and build never change a
 * cell outside what they own. A cell outside the Measures table is either where it was, or —
 * when the table grew past it — moved down (or right) by exactly what the table grew, as
 * Excel's own growth moves it, formulas still pointing at the same cells; or the operation is
 * refused with a message naming the reason and nothing outside the planner's own sheets changed.
 */
import fc from "fast-check";
import { OfficeHost } from "../../src/excel/office-host";
import { importMeasures } from "../../src/host/import";
import { buildSummary } from "../../src/host/operations";
import { TABLE_HEADERS } from "../../src/model/schema";
import { RecordingExcel, SheetModel, colToLetters, seedTable, type V } from "./recording-context";

const HEADERS = [...TABLE_HEADERS.Measures];
const W = HEADERS.length;

interface Spot {
  row: number;
  col: number;
}
interface Layout {
  top: number;
  left: number;
  rows: number;
  stray: Array<Spot & { text: string }>;
  goals: (Spot & { between: string }) | null;
  mine: Spot | null;
  merge: (Spot & { rows: number; cols: number }) | null;
  formulas: Array<{ at: Spot; to: Spot; notes: boolean }>;
  added: number;
  extraColumn: boolean;
}

const spot = (rows: number, cols: number) =>
  fc.record({ row: fc.integer({ min: 0, max: rows }), col: fc.integer({ min: 0, max: cols }) });

const layout: fc.Arbitrary<Layout> = fc.record({
  top: fc.integer({ min: 0, max: 3 }),
  left: fc.integer({ min: 0, max: 2 }),
  rows: fc.integer({ min: 1, max: 4 }),
  stray: fc.array(
    fc.record({
      row: fc.integer({ min: 0, max: 16 }),
      col: fc.integer({ min: 0, max: W + 6 }),
      text: fc.string({ minLength: 1, maxLength: 5 }).filter((s) => /^[A-Za-z ]+$/.test(s)),
    }),
    { maxLength: 10 }
  ),
  goals: fc.option(
    fc.record({
      row: fc.integer({ min: 1, max: 4 }),
      col: fc.integer({ min: -1, max: 3 }),
      between: fc.constantFrom("Sign-off", "Reviewed by DGC"),
    }),
    { nil: null }
  ),
  mine: fc.option(spot(14, W + 4), { nil: null }),
  merge: fc.option(
    fc.record({
      row: fc.integer({ min: 0, max: 14 }),
      col: fc.integer({ min: 0, max: W + 4 }),
      rows: fc.integer({ min: 1, max: 2 }),
      cols: fc.integer({ min: 2, max: 3 }),
    }),
    { nil: null }
  ),
  formulas: fc.array(fc.record({ at: spot(16, W + 6), to: spot(16, W + 6), notes: fc.boolean() }), {
    maxLength: 4,
  }),
  added: fc.integer({ min: 0, max: 3 }),
  extraColumn: fc.boolean(),
});

interface Box {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}
const inBox = (r: number, c: number, b: Box) => r >= b.r0 && r <= b.r1 && c >= b.c0 && c <= b.c1;
const overlaps = (a: Box, b: Box) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

const measureRow = (no: string): V[] => [
  no,
  "I",
  "I.A",
  `Measure ${no}`,
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
];

const a1 = (s: Spot) => `${colToLetters(s.col)}${s.row + 1}`;

/** The workbook in the fake, or null when the layout is not one anyone could make (tables overlapping). */
function seed(fake: RecordingExcel, l: Layout): boolean {
  const m = fake.model;
  m.sheets = [new SheetModel("Measures"), new SheetModel("Notes")];
  m.tables = [];
  const table: Box = { r0: l.top, c0: l.left, r1: l.top + l.rows, c1: l.left + W - 1 };
  const boxes: Box[] = [table];
  const place = (b: Box) => {
    if (boxes.some((x) => overlaps(x, b))) return false;
    boxes.push(b);
    return true;
  };
  const rows = Array.from({ length: l.rows }, (_, i) => measureRow(String(i + 1)));
  seedTable(m, "Measures", "Measures", HEADERS, rows, l.top, l.left);
  if (l.goals) {
    // A planner table below the Measures table, the planner's sign-off line between them.
    const top = table.r1 + 1 + l.goals.row;
    const left = l.left + l.goals.col;
    const g: Box = { r0: top, c0: left, r1: top + 1, c1: left + TABLE_HEADERS.Goals.length - 1 };
    if (left < 0 || !place(g)) return false;
    seedTable(m, "Measures", "Goals", [...TABLE_HEADERS.Goals], [["I", "Goal one"]], top, left);
    m.sheet("Measures").set(top - 1, left, l.goals.between);
    boxes.push({ r0: top - 1, c0: left, r1: top - 1, c1: left });
  }
  if (l.mine) {
    const b: Box = { r0: l.mine.row, c0: l.mine.col, r1: l.mine.row + 2, c1: l.mine.col + 1 };
    if (!place(b)) return false;
    seedTable(
      m,
      "Measures",
      "Mine",
      ["Item", "Amount"],
      [
        ["a", 1],
        ["b", 2],
      ],
      b.r0,
      b.c0
    );
  }
  const ws = m.sheet("Measures");
  if (l.merge) {
    const b: Box = {
      r0: l.merge.row,
      c0: l.merge.col,
      r1: l.merge.row + l.merge.rows - 1,
      c1: l.merge.col + l.merge.cols - 1,
    };
    if (place(b)) {
      ws.set(b.r0, b.c0, "Merged note");
      ws.merges.push(`${a1({ row: b.r0, col: b.c0 })}:${a1({ row: b.r1, col: b.c1 })}`);
    }
  }
  for (const s of l.stray)
    if (place({ r0: s.row, c0: s.col, r1: s.row, c1: s.col })) ws.set(s.row, s.col, s.text);
  for (const f of l.formulas) {
    const sheet = f.notes ? m.sheet("Notes") : ws;
    const at = { r0: f.at.row, c0: f.at.col, r1: f.at.row, c1: f.at.col };
    if (!f.notes && !place(at)) continue;
    if (f.notes && sheet.formulas.has(`${f.at.row},${f.at.col}`)) continue;
    sheet.formulas.set(`${f.at.row},${f.at.col}`, `=${f.notes ? "Measures!" : ""}${a1(f.to)}*2`);
  }
  m.sheet("Notes").set(20, 1, "kept");
  return true;
}

/** Every cell outside `skip` on the sheet: value or formula text, by "row,col". */
function cells(sheet: SheetModel, skip: Box | null): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [r, row] of sheet.rows)
    row.forEach((v, c) => {
      if (v !== "" && !(skip && inBox(r, c, skip))) out[`${r},${c}`] = v;
    });
  for (const [k, f] of sheet.formulas) {
    const [r, c] = k.split(",").map(Number);
    if (!(skip && inBox(r, c, skip))) out[k] = f;
  }
  return out;
}

test("import and build never change a cell outside what they own (Office host)", async () => {
  let written = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(layout, async (l) => {
      const fake = new RecordingExcel();
      const uninstall = fake.install();
      try {
        if (!seed(fake, l)) return;
        const old: Box = { r0: l.top, c0: l.left, r1: l.top + l.rows, c1: l.left + W - 1 };
        const dCol = l.extraColumn ? 1 : 0;
        const dRow = l.added;
        const grown: Box = { ...old, r1: old.r1 + dRow, c1: old.c1 + dCol };
        // Where a cell of the Measures sheet outside the table goes when the table grows.
        const moved = (r: number, c: number): [number, number] => {
          if (dCol && r >= old.r0 && r <= old.r1 && c > old.c1) c += dCol;
          if (dRow && r > old.r1 && c >= grown.c0 && c <= grown.c1) r += dRow;
          return [r, c];
        };
        const shiftFormula = (f: string, onMeasures: boolean) =>
          f.replace(
            /^=(Measures!)?([A-Z]+)(\d+)\*2$/,
            (all, sheet: string | undefined, col: string, row: string) => {
              if (!sheet && !onMeasures) return all;
              const c0 = col.split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
              const [r, c] = moved(Number(row) - 1, c0);
              return `=${sheet ?? ""}${colToLetters(c)}${r + 1}*2`;
            }
          );
        const measures = fake.model.sheet("Measures");
        const notes = fake.model.sheet("Notes");
        const before = { measures: cells(measures, old), notes: cells(notes, null) };
        const merges = [...measures.merges];
        const host = new OfficeHost();
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
          refused++;
          // Refused: the reason named, nothing outside the planner's own sheets changed.
          expect((e as Error).message).toMatch(/table|merged|cells/i);
          expect(cells(measures, old)).toEqual(before.measures);
          expect(cells(notes, null)).toEqual(before.notes);
          expect(measures.merges).toEqual(merges);
          return;
        }
        written++;
        const expected: Record<string, V> = {};
        for (const [k, v] of Object.entries(before.measures)) {
          const [r, c] = k.split(",").map(Number);
          const [r2, c2] = moved(r, c);
          expected[`${r2},${c2}`] = typeof v === "string" ? shiftFormula(v, true) : v;
        }
        expect(cells(measures, grown)).toEqual(expected);
        const notesExpected: Record<string, V> = {};
        for (const [k, v] of Object.entries(before.notes))
          notesExpected[k] = typeof v === "string" ? shiftFormula(v, false) : v;
        expect(cells(notes, null)).toEqual(notesExpected);
        expect(fake.model.table("Measures").box).toEqual(grown);
        // Merged areas move with their cells.
        expect(measures.merges).toEqual(
          merges.map((a) => {
            const [p, q] = a.split(":");
            const at = (x: string) => {
              const m = /^([A-Z]+)(\d+)$/.exec(x)!;
              const c = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
              const [r2, c2] = moved(Number(m[2]) - 1, c);
              return `${colToLetters(c2)}${r2 + 1}`;
            };
            return `${at(p)}:${at(q)}`;
          })
        );
      } finally {
        uninstall();
      }
    }),
    { numRuns: 40, seed: 12 }
  );
  // The property held on writes that really happened, and on refusals.
  expect(written).toBeGreaterThan(10);
  expect(refused).toBeGreaterThan(0);
}, 300_000);
