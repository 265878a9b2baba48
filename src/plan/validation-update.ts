/**
 * Updating the Validation sheet in place instead of rebuilding it: the rows that differ
 * between the sheet as it is and as it should be, and a digest of its content that the
 * sheet carries (DIGEST_CELL), so a host can tell whether the sheet is still the one it
 * believes it is (no co-author or other copy of the add-in rewrote it) before patching it.
 * Pure.
 */
import type { PlanCell, PlanSheet } from "./types";

/** K1: right of the printed columns (A–I). Holds "v1-" and eight hex digits. */
export const DIGEST_CELL = { row: 0, col: 10 } as const;

function isDigestCell(c: Pick<PlanCell, "row" | "col">): boolean {
  return c.row === DIGEST_CELL.row && c.col === DIGEST_CELL.col;
}

function cellText(c: PlanCell): string {
  return JSON.stringify([
    c.col,
    c.value instanceof Date ? c.value.getTime() : c.value,
    c.formula ?? null,
    c.style ?? null,
    c.link ?? null,
    c.numberFormat ?? null,
  ]);
}

/** FNV-1a (32 bits) over the cells' text, row by row: what the sheet shows, not how it was made. */
export function cellsDigest(cells: readonly PlanCell[]): string {
  const sorted = cells
    .filter((c) => !isDigestCell(c))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  let h = 0x811c9dc5;
  for (const c of sorted) {
    const s = `${c.row}|${cellText(c)}\n`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return `v1-${h.toString(16).padStart(8, "0")}`;
}

/** The sheet's digest cell, to add to its cells. */
export function digestCell(cells: readonly PlanCell[]): PlanCell {
  return { row: DIGEST_CELL.row, col: DIGEST_CELL.col, value: cellsDigest(cells) };
}

/** The digest a plan sheet carries (null when it has none). */
export function sheetDigest(sheet: PlanSheet): string | null {
  const c = sheet.cells.find(isDigestCell);
  return typeof c?.value === "string" ? c.value : null;
}

export interface SheetPatch {
  /** Rows at or above the header row that differ: their cells, whole rows. */
  head: PlanCell[];
  /** Rows of the head that change (each rewritten whole). */
  headRows: number[];
  /** The first body row (0-based sheet row) that differs; rows from here are replaced. */
  row: number;
  /** Rows of the sheet as it is, from `row`, that go. */
  removed: number;
  /** Rows of the new sheet, from `row`, that come. */
  added: number;
  /** The new rows' cells (sheet rows row … row + added - 1). */
  cells: PlanCell[];
}

function rowsOf(sheet: PlanSheet): Map<number, PlanCell[]> {
  const byRow = new Map<number, PlanCell[]>();
  for (const c of sheet.cells) {
    if (isDigestCell(c)) continue;
    const list = byRow.get(c.row);
    if (list) list.push(c);
    else byRow.set(c.row, [c]);
  }
  return byRow;
}

function rowKey(cells: PlanCell[] | undefined): string {
  return cells ? cells.map(cellText).sort().join("") : "";
}

/**
 * The smallest change that turns sheet `old` into `next`: the head rows (at or above
 * `headerRow`) that differ, and one run of body rows (below it) — the common rows at the top
 * and at the bottom of the body are kept, whatever moved between them. Null when equal.
 */
export function sheetPatch(old: PlanSheet, next: PlanSheet, headerRow: number): SheetPatch | null {
  const a = rowsOf(old);
  const b = rowsOf(next);
  const head: PlanCell[] = [];
  const headRows: number[] = [];
  for (let r = 0; r <= headerRow; r++) {
    if (rowKey(a.get(r)) === rowKey(b.get(r))) continue;
    headRows.push(r);
    head.push(...(b.get(r) ?? []));
  }
  const length = (m: Map<number, PlanCell[]>) => Math.max(headerRow, ...m.keys()) - headerRow;
  const oldKeys = Array.from({ length: length(a) }, (_, i) => rowKey(a.get(headerRow + 1 + i)));
  const newKeys = Array.from({ length: length(b) }, (_, i) => rowKey(b.get(headerRow + 1 + i)));
  let p = 0;
  while (p < oldKeys.length && p < newKeys.length && oldKeys[p] === newKeys[p]) p++;
  let s = 0;
  while (
    s < oldKeys.length - p &&
    s < newKeys.length - p &&
    oldKeys[oldKeys.length - 1 - s] === newKeys[newKeys.length - 1 - s]
  )
    s++;
  const removed = oldKeys.length - p - s;
  const added = newKeys.length - p - s;
  if (headRows.length === 0 && removed === 0 && added === 0) return null;
  const row = headerRow + 1 + p;
  const cells: PlanCell[] = [];
  for (let r = row; r < row + added; r++) cells.push(...(b.get(r) ?? []));
  return { head, headRows, row, removed, added, cells };
}
