/**
 * One truth for the As of year: an explicit choice (the CLI's --as-of) first, then the
 * workbook's Framework "As of year", then the current year. Every front end resolves it here.
 */
import { cellText, readYear } from "./cells";
import { columnIndex, findTable, type PlannerTables, type TableData } from "./schema";
import type { Cell } from "./types";

export const AS_OF_SETTING = "As of year";
export const MIN_AS_OF = 1900;
export const MAX_AS_OF = 2200;

export function isAsOfYear(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= MIN_AS_OF && n <= MAX_AS_OF;
}

const settingKey = (v: unknown) => cellText(v).toLowerCase().replace(/\s+/g, "");

/** The Framework table's row index (0-based) holding "As of year", or -1. */
function asOfRow(table: TableData): number {
  const si = columnIndex(table, "Setting");
  if (si < 0) return -1;
  const key = settingKey(AS_OF_SETTING);
  return table.rows.findIndex((r) => settingKey(r[si]) === key);
}

/** The workbook's Framework "As of year", or null when the table, the row or a readable year is missing. */
export function workbookAsOfYear(tables: PlannerTables | null | undefined): number | null {
  const table = tables ? findTable(tables, "Framework") : undefined;
  if (!table) return null;
  const vi = columnIndex(table, "Value");
  const ri = asOfRow(table);
  if (vi < 0 || ri < 0) return null;
  const y = readYear(table.rows[ri][vi]);
  return y.kind === "year" && isAsOfYear(y.year) ? y.year : null;
}

/** Explicit year first, then the workbook's, then the current year. */
export function resolveAsOfYear(
  tables: PlannerTables | null | undefined,
  explicit?: number | null,
  now: Date = new Date()
): number {
  if (isAsOfYear(explicit)) return explicit;
  return workbookAsOfYear(tables) ?? now.getFullYear();
}

/**
 * The Framework table with its "As of year" set to `year` (the row added when missing); every
 * other row and column as it was. Null when the table lacks a Setting or Value column.
 */
export function frameworkWithAsOfYear(table: TableData, year: number): TableData | null {
  const si = columnIndex(table, "Setting");
  const vi = columnIndex(table, "Value");
  if (si < 0 || vi < 0) return null;
  const rows = table.rows.map((r) => [...r]);
  const ri = asOfRow(table);
  if (ri >= 0) rows[ri][vi] = year;
  else {
    const row: Cell[] = table.headers.map(() => null);
    row[si] = AS_OF_SETTING;
    row[vi] = year;
    rows.push(row);
  }
  return { ...table, rows };
}
