import { cellText } from "../model/cells";
import type { Cell } from "../model/types";
import type { RunSource } from "../import/returns";
import { readImportSource } from "./import-source";
import { readWorkbook } from "./read/workbook";
import { startsWith, ZIP_MAGIC } from "./read/zip";

const RETURN_TABLE = "return";

/**
 * One source of an import run, from its bytes: a return (a workbook with a `Return` table
 * and a `Measures` table: both read in one pass) or any other measures sheet (as import reads
 * it). Throws a FileReadError subclass with a planner-readable message.
 */
export async function readRunSource(name: string, bytes: Uint8Array): Promise<RunSource> {
  if (startsWith(bytes, ZIP_MAGIC)) {
    const book = await readWorkbook(bytes);
    const tables = Object.values(book.tables);
    const ret = tables.find((t) => t.name.toLowerCase() === RETURN_TABLE);
    const measures = tables.find((t) => t.name.toLowerCase() === "measures");
    if (ret && measures) {
      const recorded: Record<string, Cell> = {};
      const setting = ret.headers.findIndex((h) => cellText(h).toLowerCase() === "setting");
      const value = ret.headers.findIndex((h) => cellText(h).toLowerCase() === "value");
      for (const row of ret.rows) {
        const key = cellText(row[setting < 0 ? 0 : setting]).toLowerCase();
        if (key) recorded[key] = row[value < 0 ? 1 : value] ?? null;
      }
      return {
        name,
        rows: [measures.headers, ...measures.rows],
        sheetName: measures.sheet,
        recorded,
      };
    }
  }
  const rows = await readImportSource(name, bytes);
  return { name, rows: rows.rows, sheetName: rows.sheetName, recorded: null, read: rows };
}
