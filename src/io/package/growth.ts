/**
 * Making room for a table that grows, as Excel's table growth does: the cells below it (or
 * beside it) move down (or right) by what the table needs — but only when nothing refers to
 * the cells that move. Otherwise the write is refused with the reason, before anything changes.
 */
import { startTags } from "../read/xml";
import { OWNED_MARKER } from "../../plan/owned-sheets";
import { MARK_TAG } from "./marks";
import {
  boxA1,
  formulaRefs,
  inside,
  intersects,
  parseArea,
  sharedRefs,
  sqrefBoxes,
  type Box,
  type FormulaRef,
} from "./references";
import { linksAndNotesBlock, linksOrNotesIn, moveLinksAndNotes } from "./notes";
import { cellHasContent, ref1, SheetGrid } from "./sheet-xml";
import { children, replaceChild } from "./sheet-tail";
import type { BookState } from "./state";
import type { SheetEntry, TableEntry } from "./workbook-index";

import { WriteRefused } from "./refused";

export { WriteRefused };

export interface Move {
  sheet: SheetEntry;
  /** The table that grows (it does not move). */
  table: TableEntry;
  region: Box;
  dRow: number;
  dCol: number;
}

interface Anchor {
  part: string;
  from: { row: number; col: number };
}

const sameSheet = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether anything at all sits in the region: then it must move (or the write is refused). */
export async function regionOccupied(
  state: BookState,
  grid: SheetGrid,
  move: Move,
  tail: string
): Promise<boolean> {
  if (
    grid
      .cellsIn(move.region.top, move.region.left, move.region.bottom, move.region.right)
      .some(([, , xml]) => cellHasContent(xml))
  )
    return true;
  if (mergeBoxes(tail).some((b) => intersects(b, move.region))) return true;
  if (await linksOrNotesIn(state, move.sheet, tail, move.region)) return true;
  if (
    state.index.tables.some(
      (t) => t !== move.table && t.sheet === move.sheet && intersects(t, move.region)
    )
  )
    return true;
  return (await anchors(state, move.sheet)).some(
    (a) =>
      a.from.row >= move.region.top &&
      a.from.row <= move.region.bottom &&
      a.from.col >= move.region.left &&
      a.from.col <= move.region.right
  );
}

function mergeBoxes(tail: string): Box[] {
  return startTags(tail, "mergeCell").flatMap((m) => (m.ref ? sqrefBoxes(m.ref) : []));
}

/** Throws WriteRefused naming the first thing that refers to a cell in the region. */
export async function checkMove(
  state: BookState,
  grid: SheetGrid,
  move: Move,
  tail: string
): Promise<void> {
  const { region, sheet } = move;
  const where = `${quote(sheet.name)}!${boxA1({ ...region, bottom: Math.min(region.bottom, lastRow(grid, region)), right: Math.min(region.right, lastCol(grid, region)) })}`;
  const refuse = (what: string) => {
    const dir =
      move.dRow > 0
        ? `${move.dRow} more row${move.dRow > 1 ? "s" : ""}`
        : `${move.dCol} more column${move.dCol > 1 ? "s" : ""}`;
    const side = move.dRow > 0 ? "below" : "beside";
    throw new WriteRefused(
      `the ${move.table.name} table needs ${dir}, but what lies ${side} it (${where}) cannot be moved out of the way: ${what}. Move that content further away from the table (or make room yourself), then try again.`
    );
  };
  const hits = (refs: FormulaRef[]) =>
    refs.some((r) => sameSheet(r.sheet, sheet.name) && intersects(r.box, region));

  for (const b of mergeBoxes(tail))
    if (intersects(b, region) && !inside(b, region))
      refuse(`merged cells ${boxA1(b)} reach into it`);
  for (const t of state.index.tables) {
    if (t === move.table || t.sheet !== sheet) continue;
    if (intersects(t, region) && !inside(t, region)) refuse(`the table ${t.name} reaches into it`);
  }
  // A format or validation that starts in the table is the table's own, stretched down its column.
  const foreign = (b: Box) => intersects(b, region) && !startsInTable(b, move.table);
  for (const c of children(tail)) {
    if (c.local === "conditionalFormatting" && !c.xml.includes(MARK_TAG)) {
      const sq = /sqref="([^"]*)"/.exec(c.xml)?.[1] ?? "";
      if (sqrefBoxes(sq).some(foreign)) refuse(`a conditional format (${sq}) covers it`);
    }
    if (c.local === "dataValidations") {
      for (const dv of startTags(c.xml, "dataValidation")) {
        if (sqrefBoxes(dv.sqref ?? "").some(foreign))
          refuse(`a data validation (${dv.sqref}) covers it`);
      }
    }
    if (c.local === "extLst" && /<(?:\w+:)?sqref>/.test(c.xml)) {
      for (const m of c.xml.matchAll(/<(?:\w+:)?sqref>([^<]*)</g))
        if (sqrefBoxes(m[1]).some(foreign))
          refuse(`a conditional format or validation (${m[1]}) covers it`);
    }
  }
  // Hyperlinks and notes move with their cells (notes.ts), unless they reach out of what moves.
  const blocked = await linksAndNotesBlock(state, sheet, tail, region);
  if (blocked) refuse(blocked);
  // Formulas in every sheet, data validations' and conditional formats' formulas among them.
  const owned = new Set(
    state.index.names.filter((n) => n.name === OWNED_MARKER).map((n) => n.localSheetId)
  );
  for (const s of state.index.sheets) {
    // Sheets the add-in owns are rebuilt from the tables, wherever they end up.
    if (!s.path || owned.has(s.index)) continue;
    const xml = s === sheet ? null : await state.parts.text(s.path);
    const text = xml ?? (await sheetText(state, s.path));
    const found = formulaHit(text, s.name, region, sheet.name);
    if (found) refuse(`the formula in ${quote(s.name)}!${found} refers to it`);
    for (const m of text.matchAll(/<(?:\w+:)?(?:formula1?|formula2|f)\b[^>]*>([^<]*)</g)) {
      if (hits(formulaRefs(unescape(m[1]), s.name)))
        refuse(`a rule or validation on sheet ${quote(s.name)} refers to it`);
    }
  }
  for (const n of state.index.names) {
    if (/^_xlnm\.(Print_Area|Print_Titles|_FilterDatabase)$/i.test(n.name)) continue;
    const own =
      n.localSheetId === null
        ? ""
        : (state.index.sheets.find((s) => s.index === n.localSheetId)?.name ?? "");
    if (hits(formulaRefs(n.formula, own))) refuse(`the name ${n.name} refers to it`);
  }
  for (const part of state.parts.names()) {
    if (/^\/?xl\/charts\/chart[^/]*\.xml$/i.test(part)) {
      const xml = (await state.parts.text(part)) ?? "";
      for (const m of xml.matchAll(/<(?:\w+:)?f>([^<]*)</g))
        if (hits(formulaRefs(unescape(m[1]), ""))) refuse(`a chart's data refers to it`);
    }
    if (/^\/?xl\/pivotCache\/pivotCacheDefinition[^/]*\.xml$/i.test(part)) {
      const xml = (await state.parts.text(part)) ?? "";
      for (const src of startTags(xml, "worksheetSource")) {
        const box = src.ref ? parseArea(src.ref) : null;
        if (box && sameSheet(src.sheet ?? "", sheet.name) && intersects(box, region))
          refuse(`a pivot table's source data is in it`);
      }
    }
  }
}

/** Starts inside the table's columns, between its header and its last row. */
export function startsInTable(b: Box, t: TableEntry): boolean {
  return b.left >= t.left && b.right <= t.right && b.top > t.top && b.top <= t.bottom;
}

async function sheetText(state: BookState, path: string): Promise<string> {
  const s = await state.sheet(path);
  return s.head + s.body + s.tail;
}

function unescape(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function quote(name: string): string {
  return /^[A-Za-z_][\w.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function lastRow(grid: SheetGrid, region: Box): number {
  let last = region.top;
  for (const [r, , xml] of grid.cellsIn(region.top, region.left, region.bottom, region.right))
    if (cellHasContent(xml)) last = Math.max(last, r);
  return last;
}

function lastCol(grid: SheetGrid, region: Box): number {
  let last = region.left;
  for (const [, c, xml] of grid.cellsIn(region.top, region.left, region.bottom, region.right))
    if (cellHasContent(xml)) last = Math.max(last, c);
  return last;
}

/** The first cell of sheet `own` whose formula refers to the region of sheet `target`. */
function formulaHit(sheetXml: string, own: string, region: Box, target: string): string | null {
  const shared = new Map<string, { text: string; master: Box; range: Box }>();
  const re =
    /<(?:\w+:)?c\b([^>]*?)>(?:(?!<\/(?:\w+:)?c>)[\s\S])*?<(?:\w+:)?f\b([^>]*?)(?:\/>|>([^<]*)<\/(?:\w+:)?f>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sheetXml)) !== null) {
    const cellRef = /\sr="([^"]*)"/.exec(m[1])?.[1] ?? "";
    const fAttrs = m[2];
    const text = unescape(m[3] ?? "");
    const master = parseArea(cellRef);
    const si = /\ssi="(\d+)"/.exec(fAttrs)?.[1];
    const range = /\sref="([^"]*)"/.exec(fAttrs)?.[1];
    let refs: FormulaRef[];
    if (/\st="shared"/.test(fAttrs) && si !== undefined) {
      if (text && master && range && parseArea(range))
        shared.set(si, { text, master, range: parseArea(range)! });
      const group = shared.get(si);
      refs = group ? sharedRefs(group.text, own, group.master, group.range) : [];
    } else {
      refs = formulaRefs(text, own);
    }
    if (refs.some((r) => sameSheet(r.sheet, target) && intersects(r.box, region))) return cellRef;
  }
  return null;
}

/** Drawing anchors of a sheet (pictures, shapes, charts), by their top-left cell (1-based). */
async function anchors(state: BookState, sheet: SheetEntry): Promise<Anchor[]> {
  const out: Anchor[] = [];
  for (const rel of await state.parts.relationships(sheet.path)) {
    if (rel.type !== "drawing" || rel.external) continue;
    const xml = (await state.parts.text(rel.target)) ?? "";
    for (const a of xml.matchAll(/<(?:\w+:)?from>([\s\S]*?)<\/(?:\w+:)?from>/g)) {
      const col = Number(/<(?:\w+:)?col>(\d+)</.exec(a[1])?.[1] ?? -1);
      const row = Number(/<(?:\w+:)?row>(\d+)</.exec(a[1])?.[1] ?? -1);
      if (col >= 0 && row >= 0)
        out.push({ part: rel.target, from: { row: row + 1, col: col + 1 } });
    }
  }
  return out;
}

/**
 * Moves the region: its cells, merged ranges and tables wholly inside it, drawings anchored in it
 * (unless anchored absolutely), hyperlinks and notes in it, and the sheet's print area when it
 * spans the table's edge.
 */
export async function applyMove(
  state: BookState,
  grid: SheetGrid,
  move: Move,
  tail: string
): Promise<string> {
  const { region, dRow, dCol, sheet } = move;
  grid.move(region.top, region.left, region.bottom, region.right, dRow, dCol);
  const shift = (b: Box): Box => ({
    top: b.top + dRow,
    bottom: b.bottom + dRow,
    left: b.left + dCol,
    right: b.right + dCol,
  });
  let out = tail;
  const merges = children(out).find((c) => c.local === "mergeCells");
  if (merges) {
    const moved = merges.xml.replace(
      /(<(?:\w+:)?mergeCell\b[^>]*\sref=")([^"]*)(")/g,
      (whole, a: string, ref: string, z: string) => {
        const b = sqrefBoxes(ref)[0];
        return b && inside(b, region) ? `${a}${boxA1(shift(b))}${z}` : whole;
      }
    );
    out = replaceChild(out, merges, moved);
  }
  out = await moveLinksAndNotes(state, sheet, out, region, dRow, dCol);
  for (const t of state.index.tables) {
    if (t === move.table || t.sheet !== sheet || !inside(t, region)) continue;
    const xml = await state.parts.requireText(t.path);
    const next = xml.replace(/(\sref=")([^"]*)(")/g, (whole, a: string, ref: string, z: string) => {
      const b = parseArea(ref);
      return b && inside(b, region) ? `${a}${boxA1(shift(b))}${z}` : whole;
    });
    state.parts.set(t.path, next);
    Object.assign(t, shift(t));
  }
  for (const rel of await state.parts.relationships(sheet.path)) {
    if (rel.type !== "drawing" || rel.external) continue;
    const xml = await state.parts.requireText(rel.target);
    const next = xml.replace(
      /<((?:\w+:)?)(twoCellAnchor|oneCellAnchor)\b([^>]*)>([\s\S]*?)<\/\1\2>/g,
      (whole, p: string, kind: string, attrs: string, body: string) => {
        if (/editAs="absolute"/.test(attrs)) return whole;
        const from = /<(?:\w+:)?from>([\s\S]*?)<\/(?:\w+:)?from>/.exec(body);
        const col = Number(/<(?:\w+:)?col>(\d+)</.exec(from?.[1] ?? "")?.[1] ?? -1) + 1;
        const row = Number(/<(?:\w+:)?row>(\d+)</.exec(from?.[1] ?? "")?.[1] ?? -1) + 1;
        if (!(
          row >= region.top &&
          row <= region.bottom &&
          col >= region.left &&
          col <= region.right
        ))
          return whole;
        const moved = body.replace(
          /(<(?:\w+:)?(?:from|to)>)([\s\S]*?)(<\/(?:\w+:)?(?:from|to)>)/g,
          (_w, a: string, inner: string, z: string) => {
            const shifted = inner
              .replace(
                /(<(?:\w+:)?row>)(\d+)(<)/,
                (_x, o: string, n: string, c: string) => `${o}${Number(n) + dRow}${c}`
              )
              .replace(
                /(<(?:\w+:)?col>)(\d+)(<)/,
                (_x, o: string, n: string, c: string) => `${o}${Number(n) + dCol}${c}`
              );
            return a + shifted + z;
          }
        );
        return `<${p}${kind}${attrs}>${moved}</${p}${kind}>`;
      }
    );
    if (next !== xml) state.parts.set(rel.target, next);
  }
  return out;
}

/** The workbook's print area of a sheet grown over the rows or columns that were inserted. */
export function growPrintArea(
  wbXml: string,
  sheet: SheetEntry,
  edge: { row?: number; col?: number },
  dRow: number,
  dCol: number
): string {
  return wbXml.replace(
    /(<(?:\w+:)?definedName\b[^>]*name="_xlnm\.Print_Area"[^>]*localSheetId="(\d+)"[^>]*>)([^<]*)(<)/g,
    (whole, open: string, id: string, formula: string, close: string) => {
      if (Number(id) !== sheet.index) return whole;
      const next = formula.replace(
        /(\$?)([A-Z]{1,3})(\$?)(\d+):(\$?)([A-Z]{1,3})(\$?)(\d+)/g,
        (
          w,
          d1: string,
          c1: string,
          d2: string,
          r1: string,
          d3: string,
          c2: string,
          d4: string,
          r2: string
        ) => {
          let bottom = Number(r2);
          let right = c2;
          if (edge.row !== undefined && dRow > 0 && bottom >= edge.row && Number(r1) <= edge.row)
            bottom += dRow;
          if (edge.col !== undefined && dCol > 0) {
            const n = colNum(c2);
            if (n >= edge.col && colNum(c1) <= edge.col)
              right = ref1(1, n + dCol).replace(/\d+$/, "");
          }
          return `${d1}${c1}${d2}${r1}:${d3}${right}${d4}${bottom}`;
        }
      );
      return open + next + close;
    }
  );
}

function colNum(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
