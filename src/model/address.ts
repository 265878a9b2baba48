/**
 * Where a table's cell sits on its sheet, as Excel shows it: sheet row numbers (1-based, the
 * header row included) and A1 addresses. Pure; the tables carry their location when a host
 * read them from a workbook.
 */
import { columnLetter } from "./columns";
import { columnIndex, type TableData } from "./schema";

/** "Measures", or "'My sheet'" where the name needs quotes in a formula. */
export function quoteSheetName(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** The sheet row (1-based, as Excel numbers it) of data row `row` (1-based); the header's row for null. Null without a location. */
export function sheetRowOf(
  table: Pick<TableData, "location"> | undefined,
  row: number | null
): number | null {
  const loc = table?.location;
  if (!loc) return null;
  const n = row !== null && Number.isInteger(row) && row >= 1 ? row : 0;
  return loc.row + n + 1;
}

/**
 * "Measures!I39": the cell of data row `row` (1-based) in `column`. Without a column, the row's
 * first cell; without a row, the header cell. Null without a location.
 */
export function cellAddressOf(
  table: TableData | undefined,
  row: number | null,
  column: string | null
): string | null {
  const loc = table?.location;
  const sheetRow = sheetRowOf(table, row);
  if (!table || !loc || sheetRow === null) return null;
  const ci = column ? columnIndex(table, column) : 0;
  return `${quoteSheetName(loc.sheet)}!${columnLetter(loc.col + Math.max(0, ci))}${sheetRow}`;
}
