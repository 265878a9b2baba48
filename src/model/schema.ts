import type { Cell } from "./types";
import { isBlankRow } from "./cells";

export const TABLE_NAMES = [
  "Framework",
  "Goals",
  "Strategies",
  "Committees",
  "Timeframes",
  "Responsibilities",
  "Measures",
] as const;
/** The tables setup creates. */
export type SetupTableName = (typeof TABLE_NAMES)[number];

/**
 * The history of returns: one row per measure a merged return reported, per period. Created by
 * the first import that records a period, never by setup; Measures keeps the latest values.
 */
export const PROGRESS_TABLE = "Progress";
export type TableName = SetupTableName | typeof PROGRESS_TABLE;

/** Every planner table a host reads: the set-up tables, then Progress. */
export const ALL_TABLE_NAMES: readonly TableName[] = [...TABLE_NAMES, PROGRESS_TABLE];

/** The workbook contract of DESIGN.md: every planner table and its headers, in order. */
export const TABLE_HEADERS: Record<TableName, readonly string[]> = {
  Framework: ["Setting", "Value"],
  Goals: ["Code", "Goal", "Goal (Khmer)"],
  Strategies: ["Code", "Goal", "Strategy"],
  Committees: ["Code", "Committee", "Committee (Khmer)", "Aliases", "Expected measures"],
  Timeframes: ["Timeframe", "From year", "To year"],
  Responsibilities: ["Goal", "Committee", "Role"],
  Measures: [
    "No.",
    "Goal",
    "Strategy",
    "Measure",
    "Lead committee",
    "Other committees",
    "Institutions",
    "Timeframe",
    "Start year",
    "End year",
    "Status",
    "Progress %",
    "Indicator",
    "Target",
    "Notes",
  ],
  Progress: ["Period", "No.", "Status", "Progress %", "Notes", "Source", "Recorded"],
};

/** Sheets the add-in owns and rebuilds whole. */
export const OWNED_SHEETS = ["Summary", "Briefing", "Validation"] as const;

/** A table as a host reads it: the header row as written, then the data rows. */
export interface TableData {
  name: string;
  headers: string[];
  rows: Cell[][];
  /** Where the header row's first cell is (0-based), when read from a workbook. */
  location?: { sheet: string; row: number; col: number };
}

export type PlannerTables = Partial<Record<TableName, TableData>>;

/** Header matching of DESIGN.md: case- and space-insensitive. */
export function headerKey(header: unknown): string {
  return String(header ?? "")
    .toLowerCase()
    .replace(/\s+/g, "");
}

/** Column index of a contract header in a table as read, or -1. */
export function columnIndex(table: Pick<TableData, "headers">, header: string): number {
  const key = headerKey(header);
  return table.headers.findIndex((h) => headerKey(h) === key);
}

/** Data rows that are not wholly blank (0 for no table). */
export function countDataRows(table: TableData | undefined): number {
  if (!table) return 0;
  let n = 0;
  for (const row of table.rows) if (!isBlankRow(row)) n++;
  return n;
}

/** Finds a planner table by name, ignoring case (Excel table names are case-insensitive). */
export function findTable(
  tables: Record<string, TableData | undefined>,
  name: TableName
): TableData | undefined {
  const direct = tables[name];
  if (direct) return direct;
  const key = name.toLowerCase();
  for (const [k, v] of Object.entries(tables)) if (k.toLowerCase() === key && v) return v;
  return undefined;
}
