import { cellText } from "../model/cells";
import type { Cell } from "../model/types";
import { parseCsv } from "./csv";
import { ImportSourceError, WorkbookReadError } from "./read/errors";
import { readWorkbook, type ReadWorkbookOptions } from "./read/workbook";
import { notZipMessage, OLE_MAGIC, startsWith, ZIP_MAGIC } from "./read/zip";
import { findHeaderRow, type ImportSourceRows } from "../import";

export type { ImportSourceRows };

function baseName(name: string): string {
  const file = name.split(/[\\/]/).pop() ?? name;
  return file.replace(/\.[^.]*$/, "") || file;
}

function isSpreadsheetName(name: string): boolean {
  return /\.(xlsx|xlsm|xltx|xltm|xls|xlsb)$/i.test(name);
}

/** Magic bytes of files that are certainly no CSV. */
function looksBinary(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, OLE_MAGIC) ||
    startsWith(bytes, [0x25, 0x50, 0x44, 0x46]) ||
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38])
  );
}

/**
 * The rows to import from an .xlsx or .csv file (chosen by its bytes, then its name): from a
 * workbook, the table named Measures if there is one (header row first), else the sheet whose
 * header row scores best. Throws a FileReadError subclass with a planner-readable message.
 */
export async function readImportSource(name: string, bytes: Uint8Array, options?: ReadWorkbookOptions): Promise<ImportSourceRows> {
  if (bytes.length === 0) throw new ImportSourceError(`The file “${name}” is empty (0 bytes).`);
  const zip = startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
  if (!zip && (looksBinary(bytes) || isSpreadsheetName(name))) throw new WorkbookReadError(notZipMessage(bytes));
  if (!zip) {
    const rows = parseCsv(bytes);
    if (rows.length === 0) throw new ImportSourceError(`The file “${name}” has no rows.`);
    return { rows, sheetName: baseName(name) };
  }

  const book = await readWorkbook(bytes, options);
  const measures = Object.values(book.tables).find((t) => t.name.toLowerCase() === "measures");
  if (measures) return { rows: [measures.headers, ...measures.rows], sheetName: measures.sheet };

  let best: { rows: Cell[][]; sheetName: string; score: number } | null = null;
  for (const sheet of book.sheets) {
    const f = findHeaderRow(sheet.rows);
    if (f && (!best || f.score > best.score)) best = { rows: sheet.rows, sheetName: sheet.name, score: f.score };
  }
  if (best) return { rows: best.rows, sheetName: best.sheetName };

  const names = book.sheets.map((s) => `“${s.name}”`).join(", ");
  const firstCells = book.sheets
    .flatMap((s) => s.rows.slice(0, 10).flatMap((r) => r.map((c) => cellText(c)).filter((t) => t && t.length <= 40)))
    .slice(0, 10);
  throw new ImportSourceError(
    `No sheet of this workbook (${names}) has a header row naming the measure's number (No.) or the measure, with at least one other Measures column.` +
      (firstCells.length ? ` The first cells read: ${firstCells.map((t) => `“${t}”`).join(", ")}.` : " The sheets are empty.") +
      " Rename the header cells (for example “No.”, “Measure”, “Lead committee”) and import again.",
  );
}
