import type { Cell } from "../../model/types";
import { decodeOoxmlEscapes, unescapeXml } from "../read/xml";

/**
 * A worksheet part cut where the planner writes: the cells (`sheetData`) and what comes
 * before and after them, which is kept as text and edited element by element.
 */
export interface SheetParts {
  /** Namespace prefix of SpreadsheetML elements ("" or "x:"). */
  prefix: string;
  /** Up to and including `<sheetData>`. */
  head: string;
  body: string;
  /** From `</sheetData>` on. */
  tail: string;
}

export function splitSheet(xml: string): SheetParts {
  const open = /<((?:[\w.-]+:)?)sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open) throw new Error("worksheet without sheetData");
  const prefix = open[1];
  const afterOpen = open.index + open[0].length;
  if (open[2] === "/") {
    return {
      prefix,
      head: xml.slice(0, open.index) + `<${prefix}sheetData>`,
      body: "",
      tail: `</${prefix}sheetData>` + xml.slice(afterOpen),
    };
  }
  const close = xml.indexOf(`</${prefix}sheetData>`, afterOpen);
  if (close < 0) throw new Error("worksheet sheetData not closed");
  return {
    prefix,
    head: xml.slice(0, afterOpen),
    body: xml.slice(afterOpen, close),
    tail: xml.slice(close),
  };
}

export function joinSheet(p: SheetParts): string {
  return p.head + p.body + p.tail;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetters(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** "B7" for 1-based row 7, column 2. */
export function ref1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export interface ValueContext {
  shared: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

const ROW_RE = (p: string) => new RegExp(`<${p}row\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}row>)`, "g");
const CELL_RE = (p: string) => new RegExp(`<${p}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}c>)`, "g");
const R_ATTR = /\sr\s*=\s*"([^"]*)"/;
const T_ATTR = /\st\s*=\s*"([^"]*)"/;
const S_ATTR = /\ss\s*=\s*"(\d+)"/;

/** Text of a rich-text body (`<si>` or `<is>`): its runs, without phonetic guides. */
export function richText(inner: string): string {
  const body = inner.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "");
  let out = "";
  const re = /<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body)) !== null) out += m[1] ?? "";
  return decodeOoxmlEscapes(unescapeXml(out));
}

export function parseSharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  const re = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) out.push(richText(m[1] ?? ""));
  return out;
}

function serialToDate(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + 1462 : serial;
  return new Date(Math.round((days - 25569) * 86400000));
}

export function dateToSerial(d: Date, date1904: boolean): number {
  const serial = d.getTime() / 86400000 + 25569;
  return date1904 ? serial - 1462 : serial;
}

/** The value a cell element shows: formulas give their cached result; errors and no result read as blank. */
export function cellValue(attrs: string, inner: string, ctx: ValueContext): Cell {
  const t = T_ATTR.exec(attrs)?.[1] ?? "n";
  if (t === "inlineStr") {
    const is = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner);
    return is ? richText(is[1]) : null;
  }
  const v = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner);
  if (!v) return null;
  const text = unescapeXml(v[1]);
  switch (t) {
    case "s":
      return ctx.shared[Number(text)] ?? null;
    case "str":
      return decodeOoxmlEscapes(text);
    case "b":
      return text.trim() === "1" || text.trim().toLowerCase() === "true";
    case "e":
      return null;
    case "d": {
      const d = new Date(text);
      return isNaN(d.getTime()) ? text : d;
    }
    default: {
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n)) return null;
      const s = Number(S_ATTR.exec(attrs)?.[1] ?? 0);
      return ctx.dateStyles.has(s) ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/** True when a cell holds something: a value or a formula (a styled blank is nothing). */
export function cellHasContent(xml: string): boolean {
  return /<(?:\w+:)?(?:v|f|is)\b/.test(xml);
}

export function cellStyle(xml: string): number | null {
  const attrs = /^<[^>]*>/.exec(xml)?.[0] ?? "";
  const s = S_ATTR.exec(attrs);
  return s ? Number(s[1]) : null;
}

export function hasFormula(xml: string): boolean {
  return /<(?:\w+:)?f\b/.test(xml);
}

/** Characters XML 1.0 cannot hold, and text that looks like an OOXML escape, as `_xHHHH_`. */
function ooxmlText(text: string): string {
  return text.replace(/_x([0-9a-fA-F]{4})_/g, "_x005F_x$1_").replace(
    // eslint-disable-next-line no-control-regex -- matching the control characters is the point
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
  );
}

/** Any character xmlText changes ("_" may start an escape-like run). */
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
const NEEDS_ESCAPE = /[&<>_\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function xmlText(text: string): string {
  // Most text has nothing to escape: a Briefing of 150 000 measures writes millions of cells.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return ooxmlText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A cell element for a value; strings inline, so that sharedStrings.xml is never touched. */
export function cellXml(
  p: string,
  ref: string,
  value: Cell,
  style: number | null,
  date1904: boolean
): string {
  const s = style !== null && style > 0 ? ` s="${style}"` : "";
  if (value === null || (typeof value === "number" && !Number.isFinite(value)))
    return `<${p}c r="${ref}"${s}/>`;
  if (typeof value === "number") return `<${p}c r="${ref}"${s}><${p}v>${value}</${p}v></${p}c>`;
  if (typeof value === "boolean")
    return `<${p}c r="${ref}"${s} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  if (value instanceof Date)
    return `<${p}c r="${ref}"${s}><${p}v>${dateToSerial(value, date1904)}</${p}v></${p}c>`;
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${xmlText(value)}</${p}t></${p}is></${p}c>`;
}

/** A cell's element with a new reference. */
export function withRef(xml: string, ref: string): string {
  return xml.replace(
    /^(<[\w.:-]*c\b[^>]*?)\sr\s*=\s*"[^"]*"/,
    (_m, head: string) => `${head} r="${ref}"`
  );
}

export interface GridRow {
  /** Attributes other than r and spans (height, style, hidden…). */
  attrs: string;
  cells: Map<number, string>;
}

/**
 * The cells of a sheet by row and column, each kept as its element's text: what the planner
 * does not change goes back as it was read.
 */
export class SheetGrid {
  readonly rows = new Map<number, GridRow>();

  constructor(readonly prefix: string) {}

  static parse(body: string, prefix: string): SheetGrid {
    const grid = new SheetGrid(prefix);
    const rowRe = ROW_RE(prefix);
    const cellRe = CELL_RE(prefix);
    let m: RegExpExecArray | null;
    let lastRow = 0;
    while ((m = rowRe.exec(body)) !== null) {
      const rAttr = R_ATTR.exec(m[1]);
      const r = rAttr ? Number(rAttr[1]) : lastRow + 1;
      lastRow = r;
      const row: GridRow = {
        attrs: m[1].replace(R_ATTR, "").replace(/\sspans\s*=\s*"[^"]*"/, ""),
        cells: new Map(),
      };
      let col = 0;
      let c: RegExpExecArray | null;
      cellRe.lastIndex = 0;
      const inner = m[2] ?? "";
      while ((c = cellRe.exec(inner)) !== null) {
        const ref = R_ATTR.exec(c[1]);
        const letters = ref ? /^\$?([A-Za-z]+)/.exec(ref[1]) : null;
        col = letters ? columnNumber(letters[1]) : col + 1;
        row.cells.set(
          col,
          ref
            ? c[0]
            : c[0].replace(new RegExp(`^<${prefix}c\\b`), `<${prefix}c r="${ref1(r, col)}"`)
        );
      }
      grid.rows.set(r, row);
    }
    return grid;
  }

  get(row: number, col: number): string | undefined {
    return this.rows.get(row)?.cells.get(col);
  }

  set(row: number, col: number, xml: string | null): void {
    let r = this.rows.get(row);
    if (!r) {
      if (xml === null) return;
      r = { attrs: "", cells: new Map() };
      this.rows.set(row, r);
    }
    if (xml === null) r.cells.delete(col);
    else r.cells.set(col, xml);
  }

  /** Cells inside the box (1-based, inclusive), as [row, col, xml]. */
  cellsIn(
    top: number,
    left: number,
    bottom: number,
    right: number
  ): Array<[number, number, string]> {
    const out: Array<[number, number, string]> = [];
    for (const [r, row] of this.rows) {
      if (r < top || r > bottom) continue;
      for (const [c, xml] of row.cells) if (c >= left && c <= right) out.push([r, c, xml]);
    }
    return out;
  }

  /** Moves every cell in the box by (dRow, dCol); the cells it lands on must be free or moving too. */
  move(top: number, left: number, bottom: number, right: number, dRow: number, dCol: number): void {
    const moving = this.cellsIn(top, left, bottom, right);
    for (const [r, c] of moving) this.set(r, c, null);
    for (const [r, c, xml] of moving)
      this.set(r + dRow, c + dCol, withRef(xml, ref1(r + dRow, c + dCol)));
  }

  toXml(): string {
    const p = this.prefix;
    const out: string[] = [];
    for (const r of [...this.rows.keys()].sort((a, b) => a - b)) {
      const row = this.rows.get(r)!;
      if (row.cells.size === 0 && row.attrs.trim() === "") continue;
      const cells = [...row.cells.keys()].sort((a, b) => a - b).map((c) => row.cells.get(c)!);
      out.push(
        cells.length
          ? `<${p}row r="${r}"${row.attrs}>${cells.join("")}</${p}row>`
          : `<${p}row r="${r}"${row.attrs}/>`
      );
    }
    return out.join("");
  }
}

/**
 * Values of the cells inside boxes, read straight from `sheetData` without building the sheet:
 * rows outside every box are skipped unparsed. `out[i][r][c]` is box i's row r, column c.
 */
export function readBoxes(
  body: string,
  prefix: string,
  boxes: Array<{ top: number; left: number; bottom: number; right: number }>,
  ctx: ValueContext
): Cell[][][] {
  const out = boxes.map((b) =>
    Array.from({ length: b.bottom - b.top + 1 }, () =>
      new Array<Cell>(b.right - b.left + 1).fill(null)
    )
  );
  if (boxes.length === 0) return out;
  const minRow = Math.min(...boxes.map((b) => b.top));
  const maxRow = Math.max(...boxes.map((b) => b.bottom));
  const rowRe = ROW_RE(prefix);
  const cellRe = CELL_RE(prefix);
  let m: RegExpExecArray | null;
  let lastRow = 0;
  while ((m = rowRe.exec(body)) !== null) {
    const rAttr = R_ATTR.exec(m[1]);
    const r = rAttr ? Number(rAttr[1]) : lastRow + 1;
    lastRow = r;
    if (r < minRow) continue;
    if (r > maxRow) break;
    const hits = boxes.map((b, i) => (r >= b.top && r <= b.bottom ? i : -1)).filter((i) => i >= 0);
    if (hits.length === 0 || !m[2]) continue;
    let col = 0;
    let c: RegExpExecArray | null;
    cellRe.lastIndex = 0;
    while ((c = cellRe.exec(m[2])) !== null) {
      const ref = R_ATTR.exec(c[1]);
      const letters = ref ? /^\$?([A-Za-z]+)/.exec(ref[1]) : null;
      col = letters ? columnNumber(letters[1]) : col + 1;
      for (const i of hits) {
        const b = boxes[i];
        if (col >= b.left && col <= b.right)
          out[i][r - b.top][col - b.left] = cellValue(c[1], c[2] ?? "", ctx);
      }
    }
  }
  return out;
}

/** The last row (1-based) holding content in columns left..right, or 0. */
export function lastContentRow(body: string, prefix: string, left: number, right: number): number {
  const rowRe = ROW_RE(prefix);
  const cellRe = CELL_RE(prefix);
  let last = 0;
  let lastRow = 0;
  let m: RegExpExecArray | null;
  while ((m = rowRe.exec(body)) !== null) {
    const rAttr = R_ATTR.exec(m[1]);
    const r = rAttr ? Number(rAttr[1]) : lastRow + 1;
    lastRow = r;
    if (!m[2]) continue;
    let col = 0;
    let c: RegExpExecArray | null;
    cellRe.lastIndex = 0;
    while ((c = cellRe.exec(m[2])) !== null) {
      const ref = R_ATTR.exec(c[1]);
      const letters = ref ? /^\$?([A-Za-z]+)/.exec(ref[1]) : null;
      col = letters ? columnNumber(letters[1]) : col + 1;
      if (col >= left && col <= right && cellHasContent(c[0])) {
        last = Math.max(last, r);
        break;
      }
    }
  }
  return last;
}
