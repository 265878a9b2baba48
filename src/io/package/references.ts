import { columnNumber } from "./sheet-xml";

/** 1-based, inclusive; whole columns or rows reach to the sheet's end. */
export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

export function intersects(a: Box, b: Box): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function inside(inner: Box, outer: Box): boolean {
  return (
    inner.top >= outer.top &&
    inner.bottom <= outer.bottom &&
    inner.left >= outer.left &&
    inner.right <= outer.right
  );
}

export function boxA1(b: Box): string {
  const col = (n: number) => {
    let s = "";
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
      s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
    return s;
  };
  const a = `${col(b.left)}${b.top}`;
  const z = `${col(b.right)}${b.bottom}`;
  return a === z ? a : `${a}:${z}`;
}

/** "A1", "B2:C9", "A:C", "3:7" (dollars allowed) as a box; null when it is none of those. */
export function parseArea(text: string): Box | null {
  const t = text.replace(/\$/g, "").trim();
  let m = /^([A-Za-z]{1,3})(\d+)(?::([A-Za-z]{1,3})(\d+))?$/.exec(t);
  if (m) {
    const [c1, r1] = [columnNumber(m[1]), Number(m[2])];
    const [c2, r2] = m[3] ? [columnNumber(m[3]), Number(m[4])] : [c1, r1];
    return {
      top: Math.min(r1, r2),
      bottom: Math.max(r1, r2),
      left: Math.min(c1, c2),
      right: Math.max(c1, c2),
    };
  }
  m = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(t);
  if (m)
    return {
      top: 1,
      bottom: MAX_ROW,
      left: Math.min(columnNumber(m[1]), columnNumber(m[2])),
      right: Math.max(columnNumber(m[1]), columnNumber(m[2])),
    };
  m = /^(\d+):(\d+)$/.exec(t);
  if (m)
    return {
      top: Math.min(Number(m[1]), Number(m[2])),
      bottom: Math.max(Number(m[1]), Number(m[2])),
      left: 1,
      right: MAX_COL,
    };
  return null;
}

/** The boxes of a space-separated sqref ("A1:A9 C3"). */
export function sqrefBoxes(sqref: string): Box[] {
  return sqref
    .split(/\s+/)
    .filter(Boolean)
    .map(parseArea)
    .filter((b): b is Box => b !== null);
}

export interface FormulaRef {
  /** Sheet the reference points at (the formula's own sheet when it names none). */
  sheet: string;
  box: Box;
}

const SHEET = `(?:'((?:[^']|'')+)'|([A-Za-z_\\u00A0-\\uFFFF][\\w.\\u00A0-\\uFFFF]*))!`;
const AREA = `(\\$?[A-Za-z]{1,3}\\$?\\d+(?::\\$?[A-Za-z]{1,3}\\$?\\d+)?|\\$?[A-Za-z]{1,3}:\\$?[A-Za-z]{1,3}|\\$?\\d+:\\$?\\d+)`;
const REF_RE = new RegExp(
  `(?<![\\w.\\u00A0-\\uFFFF])(?:${SHEET})?${AREA}(?![\\w(!\\u00A0-\\uFFFF])`,
  "g"
);

/**
 * The cell areas a formula refers to, read conservatively: string literals and structured
 * references ([...]) are skipped; anything that reads as an A1 area counts.
 */
export function formulaRefs(formula: string, ownSheet: string): FormulaRef[] {
  let text = formula.replace(/"(?:[^"]|"")*"/g, '""');
  for (let i = 0; i < 3; i++) text = text.replace(/\[[^[\]]*\]/g, "");
  const out: FormulaRef[] = [];
  let m: RegExpExecArray | null;
  REF_RE.lastIndex = 0;
  while ((m = REF_RE.exec(text)) !== null) {
    const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? ownSheet);
    const box = parseArea(m[3]);
    if (box) out.push({ sheet, box });
  }
  return out;
}

/** A shared formula's references, grown over the range it is shared across. */
export function sharedRefs(
  formula: string,
  ownSheet: string,
  master: Box,
  range: Box
): FormulaRef[] {
  const dr = range.bottom - master.top;
  const dc = range.right - master.left;
  return formulaRefs(formula, ownSheet).map((r) => ({
    sheet: r.sheet,
    box: {
      top: r.box.top,
      left: r.box.left,
      bottom: Math.min(MAX_ROW, r.box.bottom + dr),
      right: Math.min(MAX_COL, r.box.right + dc),
    },
  }));
}
