import { quoteSheetName } from "../model/address";
import { columnLetter } from "../model/columns";
import type { CellRef, RangeRef } from "./types";

export { columnLetter };
/** One definition of sheet-name quoting, shared with the findings' cell addresses. */
export const quoteSheet = quoteSheetName;

export function cellA1(ref: CellRef, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetter(ref.col)}${d}${ref.row + 1}`;
}

/** "A1:C9" (or "A1" when one cell). */
export function rangeA1(from: CellRef, to: CellRef, absolute = false): string {
  const a = cellA1(from, absolute);
  const b = cellA1(to, absolute);
  return a === b ? a : `${a}:${b}`;
}

/** "'Summary'!$A$1:$A$9" */
export function refA1(r: RangeRef, absolute = true): string {
  return `${quoteSheet(r.sheet)}!${rangeA1(r.from, r.to, absolute)}`;
}

export function parseCellA1(a1: string): CellRef {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(a1.trim());
  if (!m) throw new Error(`Not a cell address: ${a1}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}
