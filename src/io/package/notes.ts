/**
 * Hyperlinks and notes (comments) move with their cells when a table grows, as Excel moves
 * them: a hyperlink's `ref` in the worksheet; a note's `ref` in the comments part (and in the
 * threaded comments part, Excel 365's), and its legacy VML shape, which Excel finds by the
 * shape's `<x:Row>`/`<x:Column>` and draws at its `<x:Anchor>`.
 */
import { startTags } from "../read/xml";
import { boxA1, inside, intersects, sqrefBoxes, type Box } from "./references";
import { children, replaceChild } from "./sheet-tail";
import type { BookState } from "./state";
import type { SheetEntry } from "./workbook-index";

const THREADED = "threadedComment";

/** A VML shape's cell (1-based) and whether it is a note (else a form control or other shape). */
interface VmlShape {
  row: number;
  col: number;
  note: boolean;
}

const CLIENT_DATA = /<((?:[\w.-]+:)?)ClientData\b([^>]*)>([\s\S]*?)<\/\1ClientData>/g;

function vmlShapes(vml: string): VmlShape[] {
  const out: VmlShape[] = [];
  for (const m of vml.matchAll(CLIENT_DATA)) {
    const note = /\bObjectType\s*=\s*["']Note["']/.test(m[2]);
    const row = /<(?:[\w.-]+:)?Row>\s*(\d+)\s*</.exec(m[3]);
    const col = /<(?:[\w.-]+:)?Column>\s*(\d+)\s*</.exec(m[3]);
    const anchor = /<(?:[\w.-]+:)?Anchor>([^<]*)</.exec(m[3])?.[1].split(",").map(Number);
    if (row && col) out.push({ row: Number(row[1]) + 1, col: Number(col[1]) + 1, note });
    else if (anchor && anchor.length === 8 && anchor.every(Number.isFinite))
      out.push({ row: anchor[2] + 1, col: anchor[0] + 1, note });
  }
  return out;
}

async function sheetParts(state: BookState, sheet: SheetEntry, type: string): Promise<string[]> {
  return (await state.parts.relationships(sheet.path))
    .filter((r) => !r.external && r.type === type)
    .map((r) => r.target);
}

const inRegion = (row: number, col: number, region: Box) =>
  row >= region.top && row <= region.bottom && col >= region.left && col <= region.right;

/** Whether a hyperlink, a note or a legacy shape sits in the region (so it must move). */
export async function linksOrNotesIn(
  state: BookState,
  sheet: SheetEntry,
  tail: string,
  region: Box
): Promise<boolean> {
  for (const h of hyperlinkRefs(tail)) if (h.some((b) => intersects(b, region))) return true;
  for (const part of await sheetParts(state, sheet, "comments"))
    for (const c of startTags((await state.parts.text(part)) ?? "", "comment"))
      if (c.ref && sqrefBoxes(c.ref).some((b) => intersects(b, region))) return true;
  for (const part of await sheetParts(state, sheet, "vmlDrawing"))
    if (vmlShapes((await state.parts.text(part)) ?? "").some((s) => inRegion(s.row, s.col, region)))
      return true;
  return false;
}

function hyperlinkRefs(tail: string): Box[][] {
  const block = children(tail).find((c) => c.local === "hyperlinks");
  return block ? startTags(block.xml, "hyperlink").map((h) => sqrefBoxes(h.ref ?? "")) : [];
}

/**
 * Why the hyperlinks, notes and legacy shapes in the region cannot move with it, or null:
 * a hyperlink or note over cells the region only partly holds; a note whose VML shape is
 * missing or is not UTF-8; a legacy form control (it is not moved).
 */
export async function linksAndNotesBlock(
  state: BookState,
  sheet: SheetEntry,
  tail: string,
  region: Box
): Promise<string | null> {
  const partly = (b: Box) => intersects(b, region) && !inside(b, region);
  for (const boxes of hyperlinkRefs(tail))
    if (boxes.some(partly)) return `a hyperlink over ${boxes.map(boxA1).join(" ")} reaches into it`;
  const shapes: VmlShape[] = [];
  for (const part of await sheetParts(state, sheet, "vmlDrawing")) {
    const vml = (await state.parts.text(part)) ?? "";
    const here = vmlShapes(vml).filter((s) => inRegion(s.row, s.col, region));
    if (here.length && vml.includes("\uFFFD"))
      return `the drawing of its notes (${part}) is not in UTF-8, which the planner cannot edit safely`;
    const control = here.find((s) => !s.note);
    if (control) return `a form control or legacy shape is anchored in it`;
    shapes.push(...here);
  }
  for (const part of await sheetParts(state, sheet, "comments")) {
    for (const c of startTags((await state.parts.text(part)) ?? "", "comment")) {
      const b = sqrefBoxes(c.ref ?? "")[0];
      if (!b || !intersects(b, region)) continue;
      if (!shapes.some((s) => s.row === b.top && s.col === b.left))
        return `the note in ${c.ref} has no drawing the planner can move with it`;
    }
  }
  return null;
}

function shiftRef(ref: string, region: Box, dRow: number, dCol: number): string {
  const boxes = sqrefBoxes(ref);
  if (boxes.length === 0 || !boxes.every((b) => inside(b, region))) return ref;
  return boxes
    .map((b) =>
      boxA1({
        top: b.top + dRow,
        bottom: b.bottom + dRow,
        left: b.left + dCol,
        right: b.right + dCol,
      })
    )
    .join(" ");
}

/** `ref="…"` attributes of the elements named `local` moved when they lie in the region. */
function shiftRefAttributes(
  xml: string,
  local: string,
  region: Box,
  dRow: number,
  dCol: number
): string {
  return xml.replace(
    new RegExp(`(<(?:[\\w.-]+:)?${local}\\b[^>]*?\\sref\\s*=\\s*")([^"]*)(")`, "g"),
    (_m, a: string, ref: string, z: string) => `${a}${shiftRef(ref, region, dRow, dCol)}${z}`
  );
}

/** Moves the hyperlinks, notes and their VML shapes in the region; returns the sheet's new tail. */
export async function moveLinksAndNotes(
  state: BookState,
  sheet: SheetEntry,
  tail: string,
  region: Box,
  dRow: number,
  dCol: number
): Promise<string> {
  let out = tail;
  const block = children(out).find((c) => c.local === "hyperlinks");
  if (block)
    out = replaceChild(out, block, shiftRefAttributes(block.xml, "hyperlink", region, dRow, dCol));
  const edit = async (part: string, change: (xml: string) => string) => {
    const xml = await state.parts.text(part);
    if (xml === null) return;
    const next = change(xml);
    if (next !== xml) state.parts.set(part, next);
  };
  for (const part of await sheetParts(state, sheet, "comments"))
    await edit(part, (xml) => shiftRefAttributes(xml, "comment", region, dRow, dCol));
  for (const part of await sheetParts(state, sheet, THREADED))
    await edit(part, (xml) => shiftRefAttributes(xml, THREADED, region, dRow, dCol));
  for (const part of await sheetParts(state, sheet, "vmlDrawing"))
    await edit(part, (xml) => moveVmlShapes(xml, region, dRow, dCol));
  return out;
}

/** The notes' VML shapes in the region: their Row, Column and Anchor moved. */
export function moveVmlShapes(vml: string, region: Box, dRow: number, dCol: number): string {
  return vml.replace(CLIENT_DATA, (whole, p: string, attrs: string, body: string) => {
    const [shape] = vmlShapes(whole);
    if (!shape || !inRegion(shape.row, shape.col, region)) return whole;
    const moved = body
      .replace(
        /(<(?:[\w.-]+:)?Row>\s*)(\d+)/,
        (_m, a: string, n: string) => `${a}${Number(n) + dRow}`
      )
      .replace(
        /(<(?:[\w.-]+:)?Column>\s*)(\d+)/,
        (_m, a: string, n: string) => `${a}${Number(n) + dCol}`
      )
      .replace(/(<(?:[\w.-]+:)?Anchor>)([^<]*)/, (_m, a: string, list: string) => {
        const v = list.split(",").map((x) => Number(x.trim()));
        if (v.length !== 8 || !v.every(Number.isFinite)) return `${a}${list}`;
        // LeftColumn, LeftOffset, TopRow, TopOffset, RightColumn, RightOffset, BottomRow, BottomOffset
        const shifted = v.map((n, i) => (i % 4 === 0 ? n + dCol : i % 4 === 2 ? n + dRow : n));
        return `${a}${shifted.join(", ")}`;
      });
    return `<${p}ClientData${attrs}>${moved}</${p}ClientData>`;
  });
}
