/**
 * The cells the Summary formulas read, as the spreadsheet holds them.
 *
 * A Summary number is a formula over the Measures (and Committees) table with its value
 * cached. For the cache to equal what Excel or LibreOffice recalculates, our numbers are
 * computed from the same cells the formula sees, with the formula's own semantics
 * (src/summary/criteria.ts): untrimmed text, years and Progress % read as the rules read them
 * (COLUMN_READINGS), and every data row of the table, blank rows included. A framework read through
 * tablesToFramework has cleaned values; `sourcesFromTables` keeps the raw ones (the tables'
 * rows themselves, not a copy).
 */
import { measureToRow } from "../model/convert";
import {
  columnIndex,
  findTable,
  TABLE_HEADERS,
  type PlannerTables,
  type TableData,
} from "../model/schema";
import type { Cell, Framework } from "../model/types";

export type SourceTableName = "Measures" | "Committees";

/**
 * How the rules read a column's numbers (model/cells.ts): "year" is readYear (a whole year, a
 * date serial, a date, text of either, Khmer digits), "number" is readNumber ("50", "50 %",
 * "40,5", "៥០"). Numeric criteria and sums over these columns take the value so read, so the
 * Summary counts what validate counts; other columns compare cells as COUNTIFS does.
 */
export type Reading = "year" | "number";

export const COLUMN_READINGS: Readonly<
  Record<SourceTableName, Readonly<Partial<Record<string, Reading>>>>
> = {
  Measures: { "Start year": "year", "End year": "year", "Progress %": "number" },
  Committees: {},
};

export function readingOf(table: SourceTableName, column: string): Reading | undefined {
  return COLUMN_READINGS[table][column];
}

/** How a table is addressed in a formula: its name, its columns as read, where it is. */
export interface SourceShape {
  /** The table's name as the workbook spells it ("Measures"). */
  name: string;
  /**
   * Contract header → the header as read and its 0-based index; absent when the column is
   * missing. `khmerDigits`: a column with a Reading holds text with Khmer digits, so its
   * formulas fold them (ten SUBSTITUTEs each, written only where needed).
   */
  columns: Partial<Record<string, { header: string; index: number; khmerDigits?: boolean }>>;
  /** Where the header row's first cell is (0-based), when read from a workbook. */
  location?: { sheet: string; row: number; col: number };
  /** Data rows in the table (blank rows included). */
  rowCount: number;
  /** False when the workbook has no such table: formulas over it cannot be written. */
  exists: boolean;
}

export interface SourceTable extends SourceShape {
  /**
   * Every data row as the table holds it (the table's own arrays, not copied): the cell of a
   * contract column is at `columns[header].index` (sourceCell).
   */
  rows: ReadonlyArray<ReadonlyArray<Cell | undefined>>;
}

/** The cell of a contract column in a row: undefined when the table has no such column. */
export function sourceCell(
  table: SourceShape,
  row: ReadonlyArray<Cell | undefined>,
  column: string
): Cell | undefined {
  const c = table.columns[column];
  return c ? row[c.index] : undefined;
}

export type SourceCells = Record<SourceTableName, SourceTable>;

const KHMER_DIGIT = /[\u17e0-\u17e9]/;

function holdsKhmerDigits(
  rows: ReadonlyArray<ReadonlyArray<Cell | undefined>>,
  i: number
): boolean {
  for (const row of rows) {
    const v = row[i];
    if (typeof v === "string" && KHMER_DIGIT.test(v)) return true;
  }
  return false;
}

function shapeOf(name: SourceTableName, table: TableData | undefined): SourceTable {
  if (!table) return { name, columns: {}, rowCount: 0, exists: false, rows: [] };
  const columns: SourceShape["columns"] = {};
  for (const h of TABLE_HEADERS[name]) {
    const i = columnIndex(table, h);
    if (i < 0) continue;
    columns[h] = { header: table.headers[i], index: i };
    if (readingOf(name, h) && holdsKhmerDigits(table.rows, i)) columns[h].khmerDigits = true;
  }
  return {
    name: table.name || name,
    columns,
    location: table.location,
    rowCount: table.rows.length,
    exists: true,
    rows: table.rows,
  };
}

/** The cells of a workbook's Measures and Committees tables, raw, every row. */
export function sourcesFromTables(tables: PlannerTables): SourceCells {
  const all = tables as Record<string, TableData | undefined>;
  return {
    Measures: shapeOf("Measures", findTable(all, "Measures")),
    Committees: shapeOf("Committees", findTable(all, "Committees")),
  };
}

/** The cells a framework would be written as (frameworkToTables' layout). */
export function sourcesFromFramework(f: Framework): SourceCells {
  const measures: TableData = {
    name: "Measures",
    headers: [...TABLE_HEADERS.Measures],
    rows: f.measures.map(measureToRow),
  };
  const committees: TableData = {
    name: "Committees",
    headers: [...TABLE_HEADERS.Committees],
    rows: f.committees.map((c) => [
      c.code,
      c.name,
      c.nameKm,
      c.aliases.join("; "),
      c.expectedMeasures,
    ]),
  };
  return { Measures: shapeOf("Measures", measures), Committees: shapeOf("Committees", committees) };
}

/** The addressing part of the sources (no rows), for rendering formulas. */
export function shapes(sources: SourceCells): Record<SourceTableName, SourceShape> {
  const strip = ({ rows: _rows, ...shape }: SourceTable): SourceShape => shape;
  return { Measures: strip(sources.Measures), Committees: strip(sources.Committees) };
}
