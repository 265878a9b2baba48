import { cellText } from "../model/cells";
import type { Cell } from "../model/types";
import { parseCsv } from "./csv";
import { ImportSourceError, WorkbookReadError } from "./read/errors";
import {
  parseRef,
  readWorkbook,
  type ReadSheet,
  type ReadTable,
  type ReadWorkbookOptions,
} from "./read/workbook";
import { notZipMessage, OLE_MAGIC, startsWith, ZIP_MAGIC } from "./read/zip";
import {
  findHeaderRow,
  type HeaderFinding,
  type ImportSourceRows,
  type SheetChoice,
} from "../import";
import { columnLetter } from "../model/columns";
import { headerKey } from "../model/schema";

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
 * workbook, the table named Measures if there is one (header row first), else every sheet with
 * a measures header row (one sheet per committee is common), gathered into one set of rows
 * under one header; `sheets` says which sheets were used and why the others were skipped.
 * Merged cells below the header are filled down (a Goal merged over its measures). Throws a
 * FileReadError subclass with a planner-readable message.
 */
export async function readImportSource(
  name: string,
  bytes: Uint8Array,
  options?: ReadWorkbookOptions
): Promise<ImportSourceRows> {
  if (bytes.length === 0) throw new ImportSourceError(`The file “${name}” is empty (0 bytes).`);
  const zip = startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
  if (!zip && (looksBinary(bytes) || isSpreadsheetName(name)))
    throw new WorkbookReadError(notZipMessage(bytes));
  if (!zip) {
    const rows = parseCsv(bytes);
    if (rows.length === 0) throw new ImportSourceError(`The file “${name}” has no rows.`);
    return { rows, sheetName: baseName(name) };
  }

  const book = await readWorkbook(bytes, options);
  const measures = Object.values(book.tables).find((t) => t.name.toLowerCase() === "measures");
  if (measures)
    return measuresTable(
      measures,
      book.sheets.find((s) => s.name === measures.sheet)
    );

  const choices: SheetChoice[] = [];
  const used: Array<{ sheet: ReadSheet; finding: HeaderFinding }> = [];
  for (const sheet of book.sheets) {
    const finding = sheet.rows.length ? findHeaderRow(sheet.rows) : null;
    const dataRows = finding
      ? sheet.rows.slice(finding.dataStart).filter((r) => r.some((c) => cellText(c) !== "")).length
      : 0;
    if (!finding) {
      const reason =
        sheet.rows.length === 0
          ? "it is empty"
          : "no header row naming the measure's number (No.) or the measure, with another Measures column, in its first 30 rows";
      choices.push({ name: sheet.name, used: false, reason });
    } else if (dataRows === 0) {
      choices.push({
        name: sheet.name,
        used: false,
        reason: `a header on row ${finding.index + 1} but no rows under it`,
      });
    } else {
      choices.push({
        name: sheet.name,
        used: true,
        headerRow: finding.index + 1,
        firstDataRow: finding.dataStart + 1,
        rows: dataRows,
      });
      used.push({ sheet, finding });
    }
  }
  if (used.length === 0) throw noSheetError(book.sheets);
  const filled = used.map(({ sheet, finding }) => ({
    sheet,
    finding,
    rows: fillMergedDown(sheet.rows, sheet.merges, finding.dataStart),
  }));
  const notes = book.sheets.length > 1 ? sheetNotes(choices) : [];
  if (filled.length === 1) {
    const [{ sheet, rows }] = filled;
    return {
      rows,
      sheetName: sheet.name,
      uncached: sheet.uncached,
      notes,
      ...(book.sheets.length > 1 ? { sheets: choices } : {}),
    };
  }
  return {
    ...gatherSheets(filled),
    sheetName: filled.map((f) => f.sheet.name).join(", "),
    notes,
    sheets: choices,
  };
}

function measuresTable(table: ReadTable, sheet: ReadSheet | undefined): ImportSourceRows {
  const box = parseRef(table.ref);
  const uncached =
    box && sheet
      ? sheet.uncached.filter(
          (u) =>
            u.row + 1 >= box.top &&
            u.row + 1 <= box.bottom &&
            u.col + 1 >= box.left &&
            u.col + 1 <= box.right
        )
      : [];
  return {
    rows: [table.headers, ...table.rows],
    sheetName: table.sheet,
    uncached: box
      ? uncached.map((u) => ({
          row: u.row + 1 - box.top,
          col: u.col + 1 - box.left,
          formula: u.formula,
        }))
      : [],
  };
}

function sheetNotes(choices: readonly SheetChoice[]): string[] {
  const used = choices.filter((c) => c.used);
  const notes = [
    `Imported ${used.length === 1 ? "sheet" : "sheets"} ${used.map((c) => `“${c.name}” (header on row ${c.headerRow}, ${c.rows} rows)`).join(", ")}.`,
  ];
  for (const c of choices) if (!c.used) notes.push(`Skipped sheet “${c.name}”: ${c.reason}.`);
  return notes;
}

/**
 * Several sheets as one set of rows: one header row naming every column any sheet has (the
 * Measures header each column maps to, else its own header text), then each sheet's data rows
 * with their cells moved under it; `origins` says which sheet and row each came from.
 */
function gatherSheets(
  sheets: ReadonlyArray<{ sheet: ReadSheet; finding: HeaderFinding; rows: Cell[][] }>
): Pick<ImportSourceRows, "rows" | "origins" | "uncached"> {
  const header: string[] = [];
  const columnOf = new Map<string, number>();
  const place = (name: string): number => {
    const key = headerKey(name);
    let at = columnOf.get(key);
    if (at === undefined) {
      at = header.length;
      header.push(name);
      columnOf.set(key, at);
    }
    return at;
  };
  const rows: Cell[][] = [header];
  const origins: Array<{ sheet: string; row: number } | undefined> = [undefined];
  const uncached: Array<{ row: number; col: number; formula: string }> = [];
  for (const { sheet, finding, rows: sheetRows } of sheets) {
    const uncachedAt = new Map<number, Array<{ col: number; formula: string }>>();
    for (const u of sheet.uncached) uncachedAt.set(u.row, [...(uncachedAt.get(u.row) ?? []), u]);
    const target = new Map<number, number>();
    for (const c of finding.columns) target.set(c.sourceColumn, place(c.header));
    for (const u of finding.unmapped) target.set(u.sourceColumn, place(u.sourceHeader));
    for (let r = finding.dataStart; r < sheetRows.length; r++) {
      const row = sheetRows[r] ?? [];
      if (row.every((c) => cellText(c) === "")) continue;
      const out: Cell[] = [];
      row.forEach((cell, c) => {
        if (cell === null || cell === undefined) return;
        let at = target.get(c);
        if (at === undefined) {
          at = place(`Column ${columnLetter(c)} (${sheet.name})`);
          target.set(c, at);
        }
        out[at] = cell;
      });
      for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
      for (const u of uncachedAt.get(r) ?? []) {
        const at = target.get(u.col);
        if (at !== undefined) uncached.push({ row: rows.length, col: at, formula: u.formula });
      }
      origins.push({ sheet: sheet.name, row: r + 1 });
      rows.push(out);
    }
  }
  return { rows, origins, uncached };
}

/**
 * Merged cells at or below the first data row, filled down: a Goal, Strategy or Lead merged
 * over the rows of its measures gives each row its value. Only down the merge's first column
 * (a section title merged across a row stays one cell, so it is no measure).
 */
export function fillMergedDown(
  rows: Cell[][],
  merges: readonly string[],
  dataStart: number
): Cell[][] {
  let out: Cell[][] | null = null;
  for (const ref of merges) {
    const box = parseRef(ref);
    if (!box || box.bottom === box.top || box.top - 1 < dataStart) continue;
    const value = rows[box.top - 1]?.[box.left - 1] ?? null;
    if (value === null) continue;
    out ??= rows.map((r) => r.slice());
    for (let r = box.top; r < box.bottom; r++) {
      const row = out[r] ?? (out[r] = []);
      while (row.length < box.left - 1) row.push(null);
      if (row[box.left - 1] === null || row[box.left - 1] === undefined) row[box.left - 1] = value;
    }
  }
  return out ?? rows;
}

function noSheetError(sheets: readonly ReadSheet[]): ImportSourceError {
  const names = sheets.map((s) => `“${s.name}”`).join(", ");
  const firstCells = sheets
    .flatMap((s) =>
      s.rows
        .slice(0, 10)
        .flatMap((r) => r.map((c) => cellText(c)).filter((t) => t && t.length <= 40))
    )
    .slice(0, 10);
  return new ImportSourceError(
    `No sheet of this workbook (${names}) has a header row naming the measure's number (No.) or the measure, with at least one other Measures column.` +
      (firstCells.length
        ? ` The first cells read: ${firstCells.map((t) => `“${t}”`).join(", ")}.`
        : " The sheets are empty.") +
      " Rename the header cells (for example “No.”, “Measure”, “Lead committee”) and import again."
  );
}
