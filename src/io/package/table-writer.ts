/**
 * Writing a planner table's rows into the package: cells whose value does not change keep
 * their element as it was (formulas, styles and all); changed cells are written as values with
 * the style they had (or the row above's); strings inline. A table that grows makes room as
 * Excel does (growth.ts); one that shrinks clears the cells it leaves and keeps its totals row.
 */
import type { Cell } from "../../model/types";
import { escapeXml } from "../read/xml";
import {
  applyMove,
  checkMove,
  growPrintArea,
  regionOccupied,
  WriteRefused,
  type Move,
} from "./growth";
import { MAX_COL, MAX_ROW, type Box } from "./references";
import { cellStyle, cellValue, cellXml, lastContentRow, ref1, SheetGrid } from "./sheet-xml";
import type { BookState } from "./state";
import type { TableEntry } from "./workbook-index";

/** The rows a table really spans: a table drawn over whole columns ends at its last used row. */
export function usedBottom(t: TableEntry, body: string, prefix: string): number {
  if (t.totalsRows > 0 || t.bottom - t.top < 10_000) return t.bottom;
  const last = lastContentRow(body, prefix, t.left, t.right);
  return Math.min(t.bottom, Math.max(t.top + t.headerRows, last));
}

function sameValue(a: Cell, b: Cell): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if ((a === null || a === "") && (b === null || b === "")) return true;
  return a === b;
}

/** OOXML's escape for a table column name's line breaks. */
function columnName(header: string): string {
  return escapeXml(header.replace(/\r?\n/g, "_x000a_"));
}

export async function writeTable(
  state: BookState,
  t: TableEntry,
  headers: string[],
  rows: Cell[][]
): Promise<void> {
  if (t.headerRows !== 1)
    throw new WriteRefused(
      `the ${t.name} table has no header row; turn its header row on in Excel, then try again.`
    );
  const sheet = await state.sheet(t.sheet.path);
  const p = sheet.prefix;
  const grid = SheetGrid.parse(sheet.body, p);
  let tail = sheet.tail;
  const ctx = state.values;
  const date1904 = ctx.date1904;

  const bottom = usedBottom(t, sheet.body, p);
  const bodyTop = t.top + 1;
  const bodyEnd = bottom - t.totalsRows;
  const oldHeight = Math.max(1, bodyEnd - bodyTop + 1);
  const oldWidth = t.right - t.left + 1;
  const width = Math.max(1, headers.length);
  const height = Math.max(1, rows.length);
  const newRight = t.left + width - 1;
  let wbXml: string | null = null;

  const makeRoom = async (move: Move, edge: { row?: number; col?: number }) => {
    if (!(await regionOccupied(state, grid, move, tail))) return;
    await checkMove(state, grid, move, tail);
    tail = await applyMove(state, grid, move, tail);
    wbXml = growPrintArea(
      wbXml ?? (await state.parts.requireText(state.index.workbookPath)),
      t.sheet,
      edge,
      move.dRow,
      move.dCol
    );
  };

  // Sideways first, over the table's rows as they are; then down, over its new columns.
  if (width > oldWidth) {
    if (newRight > MAX_COL)
      throw new WriteRefused(`the ${t.name} table would be wider than a sheet allows.`);
    await makeRoom(
      {
        sheet: t.sheet,
        table: t,
        region: { top: t.top, bottom, left: t.right + 1, right: MAX_COL },
        dRow: 0,
        dCol: width - oldWidth,
      },
      { col: t.right }
    );
  } else if (width < oldWidth) {
    for (let r = t.top; r <= bottom; r++)
      for (let c = newRight + 1; c <= t.right; c++) grid.set(r, c, null);
  }
  if (height > oldHeight) {
    if (bodyTop + height + t.totalsRows - 1 > MAX_ROW)
      throw new WriteRefused(`the ${t.name} table would be longer than a sheet allows.`);
    await makeRoom(
      {
        sheet: t.sheet,
        table: t,
        region: { top: bodyEnd + 1, bottom: MAX_ROW, left: t.left, right: newRight },
        dRow: height - oldHeight,
        dCol: 0,
      },
      { row: bodyEnd }
    );
  } else if (height < oldHeight) {
    for (let r = bodyTop + height; r <= bodyEnd; r++)
      for (let c = t.left; c <= Math.max(newRight, t.right); c++) grid.set(r, c, null);
    if (t.totalsRows > 0)
      grid.move(bodyEnd + 1, t.left, bottom, newRight, bodyTop + height - 1 - bodyEnd, 0);
  }

  // Header cells (a new column takes the style of the header to its left).
  for (let c = 0; c < width; c++) {
    const col = t.left + c;
    const old = grid.get(t.top, col);
    const text = headers[c] ?? `Column${c + 1}`;
    const attrs = old ? (/^<[^>]*>/.exec(old)?.[0] ?? "") : "";
    if (old && sameValue(cellValue(attrs, old, ctx), text)) continue;
    const style = old ? cellStyle(old) : cellStyle(grid.get(t.top, col - 1) ?? "");
    grid.set(t.top, col, cellXml(p, ref1(t.top, col), text, style, date1904));
  }

  // Body cells.
  const dateStyle = new Map<number, number>();
  for (let r = 0; r < height; r++) {
    const row = bodyTop + r;
    const values = rows[r] ?? [];
    for (let c = 0; c < width; c++) {
      const col = t.left + c;
      const value = values[c] ?? null;
      const old = grid.get(row, col);
      if (old !== undefined) {
        const attrs = /^<[^>]*>/.exec(old)?.[0] ?? "";
        if (sameValue(cellValue(attrs, old, ctx), value)) continue;
      } else if (value === null) continue;
      let style =
        old !== undefined ? cellStyle(old) : r > 0 ? cellStyle(grid.get(row - 1, col) ?? "") : null;
      if (value instanceof Date && !ctx.dateStyles.has(style ?? 0)) {
        const base = style ?? 0;
        if (!dateStyle.has(base)) dateStyle.set(base, state.styles.withNumFmt(base, 14));
        style = dateStyle.get(base)!;
        ctx.dateStyles.add(style);
      }
      grid.set(row, col, cellXml(p, ref1(row, col), value, style, date1904));
    }
  }

  const newBottom = bodyTop + height - 1 + t.totalsRows;
  await updateTablePart(state, t, headers.slice(0, width), {
    top: t.top,
    left: t.left,
    bottom: newBottom,
    right: newRight,
  });
  state.saveSheet(t.sheet.path, { ...sheet, body: grid.toXml(), tail });
  if (wbXml !== null) state.parts.set(state.index.workbookPath, wbXml);
}

/** The table part: its new ref and autoFilter, its columns named as the header cells are. */
async function updateTablePart(
  state: BookState,
  t: TableEntry,
  headers: string[],
  box: Box
): Promise<void> {
  let xml = await state.parts.requireText(t.path);
  const ref = `${ref1(box.top, box.left)}:${ref1(box.bottom, box.right)}`;
  const filterRef = `${ref1(box.top, box.left)}:${ref1(box.bottom - t.totalsRows, box.right)}`;
  xml = xml.replace(
    /(<(?:\w+:)?table\b[^>]*?\sref=")[^"]*(")/,
    (_m, a: string, z: string) => `${a}${ref}${z}`
  );
  xml = xml.replace(
    /(<(?:\w+:)?autoFilter\b[^>]*?\sref=")[^"]*(")/,
    (_m, a: string, z: string) => `${a}${filterRef}${z}`
  );
  xml = xml.replace(/<((?:\w+:)?)sortState\b[\s\S]*?(?:<\/\1sortState>|\/>)/, "");
  const cols = /<((?:\w+:)?)tableColumns\b[^>]*>([\s\S]*?)<\/\1tableColumns>/.exec(xml);
  if (cols) {
    const p = cols[1];
    const existing =
      cols[2].match(
        new RegExp(`<${p}tableColumn\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}tableColumn>)`, "g")
      ) ?? [];
    let nextId = Math.max(0, ...existing.map((c) => Number(/\sid="(\d+)"/.exec(c)?.[1] ?? 0))) + 1;
    const out = headers.map((h, i) => {
      const c = existing[i];
      if (!c) return `<${p}tableColumn id="${nextId++}" name="${columnName(h)}"/>`;
      return c.replace(
        /(\sname=")[^"]*(")/,
        (_m, a: string, z: string) => `${a}${columnName(h)}${z}`
      );
    });
    xml =
      xml.slice(0, cols.index) +
      `<${p}tableColumns count="${out.length}">${out.join("")}</${p}tableColumns>` +
      xml.slice(cols.index + cols[0].length);
  }
  state.parts.set(t.path, xml);
  Object.assign(t, box, { columns: [...headers] });
}
