/**
 * The cells the Summary formulas read, as the spreadsheet holds them.
 *
 * A Summary number is a formula over the Measures (and Committees) table with its value
 * cached. For the cache to equal what Excel or LibreOffice recalculates, our numbers are
 * computed from the same cells the formula sees, with the formula's own semantics
 * (src/summary/criteria.ts): untrimmed text, years and Progress % only where the cell holds a
 * number, and every data row of the table, blank rows included. A framework read through
 * tablesToFramework has cleaned values; `sourcesFromTables` keeps the raw ones.
 */
import { measureToRow } from "../model/convert";
import { columnIndex, findTable, TABLE_HEADERS, type PlannerTables, type TableData } from "../model/schema";
import type { Cell, Framework } from "../model/types";

export type SourceTableName = "Measures" | "Committees";

/** The Measures columns the Summary formulas read. */
export type MeasureColumn =
  | "No."
  | "Goal"
  | "Lead committee"
  | "Other committees"
  | "Timeframe"
  | "Start year"
  | "End year"
  | "Status"
  | "Progress %";

export type CommitteeColumn = "Code" | "Expected measures";

/** How a table is addressed in a formula: its name, its columns as read, where it is. */
export interface SourceShape {
  /** The table's name as the workbook spells it ("Measures"). */
  name: string;
  /** Contract header → the header as read and its 0-based index; absent when the column is missing. */
  columns: Partial<Record<string, { header: string; index: number }>>;
  /** Where the header row's first cell is (0-based), when read from a workbook. */
  location?: { sheet: string; row: number; col: number };
  /** Data rows in the table (blank rows included). */
  rowCount: number;
  /** False when the workbook has no such table: formulas over it cannot be written. */
  exists: boolean;
}

export interface SourceTable extends SourceShape {
  /** Every data row, keyed by contract header, as the cells hold it. */
  rows: Array<Record<string, Cell>>;
}

export type SourceCells = Record<SourceTableName, SourceTable>;

function shapeOf(name: SourceTableName, table: TableData | undefined): SourceTable {
  if (!table) return { name, columns: {}, rowCount: 0, exists: false, rows: [] };
  const columns: SourceShape["columns"] = {};
  for (const h of TABLE_HEADERS[name]) {
    const i = columnIndex(table, h);
    if (i >= 0) columns[h] = { header: table.headers[i], index: i };
  }
  const read: Array<[string, number]> = [];
  for (const [h, c] of Object.entries(columns)) if (c) read.push([h, c.index]);
  const rows = table.rows.map((row) => {
    const rec: Record<string, Cell> = {};
    for (const [h, i] of read) rec[h] = row[i] ?? null;
    return rec;
  });
  return { name: table.name || name, columns, location: table.location, rowCount: rows.length, exists: true, rows };
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
  const measures: TableData = { name: "Measures", headers: [...TABLE_HEADERS.Measures], rows: f.measures.map(measureToRow) };
  const committees: TableData = {
    name: "Committees",
    headers: [...TABLE_HEADERS.Committees],
    rows: f.committees.map((c) => [c.code, c.name, c.nameKm, c.aliases.join("; "), c.expectedMeasures]),
  };
  return { Measures: shapeOf("Measures", measures), Committees: shapeOf("Committees", committees) };
}

/** The addressing part of the sources (no rows), for rendering formulas. */
export function shapes(sources: SourceCells): Record<SourceTableName, SourceShape> {
  const strip = ({ rows: _rows, ...shape }: SourceTable): SourceShape => shape;
  return { Measures: strip(sources.Measures), Committees: strip(sources.Committees) };
}
