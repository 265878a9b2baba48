import ExcelJS from "exceljs";
import type { TableData } from "../../model/schema";
import type { Cell } from "../../model/types";
import { FileReadError, sizeText, WorkbookReadError } from "./errors";
import { excelJsPackage, excelJsSheetName, openPackage, type PackageTable } from "./package";
import { decodeOoxmlEscapes } from "./xml";
import { DAMAGED, DEFAULT_ZIP_LIMITS } from "./zip";

export { WorkbookReadError } from "./errors";

export interface ReadWorkbookOptions {
  /** Refuse files larger than this (default 50 MB). */
  maxBytes?: number;
  /** Refuse files whose parts would inflate to more than this (default 512 MB). */
  maxUncompressedBytes?: number;
  /** Refuse workbooks with more cells than this over all sheets (default 2 000 000: about 100 000 rows of 20 columns; reading takes about 0.8 GB of memory per million cells). */
  maxCells?: number;
}

/** An Excel table as read: headers and data rows as values, and where it sits. */
export interface ReadTable extends TableData {
  /** The sheet it is on. */
  sheet: string;
  /** Its range, as the file gives it ("A3:O140"), header and totals rows included. */
  ref: string;
}

export interface ReadSheet {
  name: string;
  /**
   * The sheet's values from A1: `rows[r][c]` is Excel row r+1, column c+1. Rows end at their
   * last non-blank cell (so lengths differ); missing cells read as null; a merged range's
   * value is in its first cell only.
   */
  rows: Cell[][];
  /** Merged ranges ("A3:A9"): the value sits in the first cell, the others read as null. */
  merges: string[];
  /** Formula cells the file holds without a saved value (read as null), 0-based. */
  uncached: Array<{ row: number; col: number; formula: string }>;
}

export interface ReadWorkbook {
  /** Every Excel table (ListObject) by its name. */
  tables: Record<string, ReadTable>;
  /** Every worksheet, in workbook order. */
  sheets: ReadSheet[];
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_CELLS = 2_000_000;

/**
 * Reads an .xlsx as values. The zip is checked from its directory before anything is inflated
 * (not a zip, truncated, too large, a zip bomb), parts are inflated with a cap, tables are read
 * from the package, and ExcelJS reads the cell values from a cleaned-up copy of the worksheets.
 * Every failure is a WorkbookReadError whose message a planner can act on.
 */
export async function readWorkbook(
  bytes: Uint8Array,
  options: ReadWorkbookOptions = {}
): Promise<ReadWorkbook> {
  try {
    return await readWorkbookUnguarded(bytes, options);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw new WorkbookReadError(DAMAGED, { cause: e });
  }
}

async function readWorkbookUnguarded(
  bytes: Uint8Array,
  options: ReadWorkbookOptions
): Promise<ReadWorkbook> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) {
    throw new WorkbookReadError(
      "The file is empty (0 bytes). Save the workbook again in Excel and choose the new file."
    );
  }
  if (bytes.length > maxBytes) {
    throw new WorkbookReadError(
      `The file is ${sizeText(bytes.length)}, more than the ${sizeText(maxBytes)} import accepts. Copy the measures into a new workbook (or save that sheet as CSV UTF-8) and import that.`
    );
  }
  const pkg = await openPackage(bytes, {
    ...DEFAULT_ZIP_LIMITS,
    maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_ZIP_LIMITS.maxUncompressedBytes,
    maxCells: options.maxCells ?? DEFAULT_MAX_CELLS,
  });
  const clean = await excelJsPackage(pkg);
  const book = new ExcelJS.Workbook();
  try {
    // ExcelJS hands these bytes to JSZip, which takes any Uint8Array; its typing asks for an
    // ArrayBuffer-like "Buffer" that a Uint8Array view is not declared to be.
    await book.xlsx.load(clean as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  } catch (e) {
    throw new WorkbookReadError(DAMAGED, { cause: e });
  }

  const sheets: ReadSheet[] = [];
  const tables: Record<string, ReadTable> = {};
  pkg.sheets.forEach((s, i) => {
    const ws = book.getWorksheet(excelJsSheetName(i));
    const uncached: ReadSheet["uncached"] = [];
    const grid = ws ? sheetValues(ws, uncached) : [];
    sheets.push({ name: s.name, rows: grid, merges: s.merges, uncached });
    for (const t of s.tables) {
      const table = tableValues(t, grid, s.name);
      if (table && !(table.name in tables)) tables[table.name] = table;
    }
  });
  return { tables, sheets };
}

function sheetValues(ws: ExcelJS.Worksheet, uncached: ReadSheet["uncached"]): Cell[][] {
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const v = cellValue(cell.value);
      const formula = v === null ? formulaWithoutResult(cell.value) : null;
      if (formula !== null) uncached.push({ row: rowNumber - 1, col: col - 1, formula });
      if (v === null) return;
      while (out.length < col - 1) out.push(null);
      out[col - 1] = v;
    });
    if (out.length === 0) return;
    while (rows.length < rowNumber - 1) rows.push([]);
    rows[rowNumber - 1] = out;
  });
  return rows;
}

/** ExcelJS's cell value as a plain value: formulas give their cached result, rich text and hyperlinks their text. */
export function cellValue(value: unknown, depth = 0): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return unescapeXstring(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return isNaN(value.getTime()) ? null : value;
  if (typeof value !== "object" || depth > 3) return null;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    return unescapeXstring(
      v.richText
        .map((run: unknown) =>
          run && typeof run === "object" ? String((run as { text?: unknown }).text ?? "") : ""
        )
        .join("")
    );
  }
  if ("formula" in v || "sharedFormula" in v) return cellValue(v.result, depth + 1);
  if (typeof v.error === "string") return v.error;
  if ("text" in v) return cellValue(v.text, depth + 1);
  return null;
}

/**
 * Cell text with OOXML's escapes decoded (ExcelJS leaves them): "_x000B_" is the vertical tab
 * a Word line break becomes in Excel.
 */
function unescapeXstring(text: string): string {
  return text.includes("_x") ? decodeOoxmlEscapes(text) : text;
}

/** The formula text of a formula cell that has no saved result, else null. */
function formulaWithoutResult(value: unknown): string | null {
  if (!value || typeof value !== "object") return null;
  const v = value as { formula?: unknown; sharedFormula?: unknown; result?: unknown };
  if (!("formula" in v || "sharedFormula" in v) || (v.result !== undefined && v.result !== null))
    return null;
  const f =
    typeof v.formula === "string"
      ? v.formula
      : typeof v.sharedFormula === "string"
        ? v.sharedFormula
        : "";
  return f;
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "A3:O140" (dollars allowed) as 1-based row and column bounds. */
export function parseRef(ref: string): Box | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim());
  if (!m) return null;
  const a = { col: columnNumber(m[1]), row: Number(m[2]) };
  const b = m[3] ? { col: columnNumber(m[3]), row: Number(m[4]) } : a;
  const box = {
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.col, b.col),
    right: Math.max(a.col, b.col),
  };
  return box.top >= 1 && box.left >= 1 && box.right <= 16384 && box.bottom <= 1_048_576
    ? box
    : null;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function tableValues(t: PackageTable, grid: Cell[][], sheet: string): ReadTable | null {
  const box = parseRef(t.ref);
  if (!box) return null;
  const width = box.right - box.left + 1;
  const at = (row: number, col: number): Cell => grid[row - 1]?.[col - 1] ?? null;
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    const cell = t.headerRowCount > 0 ? at(box.top, box.left + c) : null;
    const text =
      cell === null ? "" : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
    headers.push(text.trim() !== "" ? text : (t.columns[c] ?? `Column${c + 1}`));
  }
  const rows: Cell[][] = [];
  for (let r = box.top + t.headerRowCount; r <= box.bottom - t.totalsRowCount; r++) {
    const row: Cell[] = [];
    for (let c = 0; c < width; c++) row.push(at(r, box.left + c));
    rows.push(row);
  }
  return { name: t.name, headers, rows, sheet, ref: t.ref };
}
