import { frameworkToTables } from "../model/convert";
import {
  ALL_TABLE_NAMES,
  TABLE_HEADERS,
  type SetupTableName,
  type TableName,
} from "../model/schema";
import { STATUSES, type Cell, type Framework } from "../model/types";
import type { PlanSheet, PlanTable, PlanValidation, WorkbookPlan } from "./types";

/** Sheet of each planner table, in tab order. Placement is ours; the contract is the table. */
export const TABLE_SHEETS: Record<TableName, string> = {
  Measures: "Measures",
  Goals: "Goals",
  Strategies: "Strategies",
  Committees: "Committees",
  Timeframes: "Timeframes",
  Responsibilities: "Responsibilities",
  Framework: "Framework",
  Progress: "Progress",
};

const SHEET_ORDER: SetupTableName[] = [
  "Measures",
  "Goals",
  "Strategies",
  "Committees",
  "Timeframes",
  "Responsibilities",
  "Framework",
];

const list = (table: TableName, column: string) => ({
  sheet: TABLE_SHEETS[table],
  table,
  column,
});

/** Dropdowns: the workbook guards its own data even without the add-in. */
export const VALIDATIONS: Partial<Record<TableName, PlanValidation[]>> = {
  Measures: [
    { column: "Goal", kind: "list", source: list("Goals", "Code") },
    { column: "Strategy", kind: "list", source: list("Strategies", "Code") },
    { column: "Lead committee", kind: "list", source: list("Committees", "Code") },
    { column: "Timeframe", kind: "list", source: list("Timeframes", "Timeframe") },
    { column: "Start year", kind: "whole", min: 1900, max: 2200 },
    { column: "End year", kind: "whole", min: 1900, max: 2200 },
    { column: "Status", kind: "list", values: [...STATUSES] },
    { column: "Progress %", kind: "decimal", min: 0, max: 100 },
  ],
  Strategies: [{ column: "Goal", kind: "list", source: list("Goals", "Code") }],
  Responsibilities: [
    { column: "Goal", kind: "list", source: list("Goals", "Code") },
    { column: "Committee", kind: "list", source: list("Committees", "Code") },
    { column: "Role", kind: "list", values: ["Lead", "Support"] },
  ],
  Timeframes: [
    { column: "From year", kind: "whole", min: 1900, max: 2200 },
    { column: "To year", kind: "whole", min: 1900, max: 2200 },
  ],
  Committees: [{ column: "Expected measures", kind: "whole", min: 0, max: 100000 }],
};

export const NUMBER_FORMATS: Partial<Record<TableName, Record<string, string>>> = {
  Measures: { "Start year": "0", "End year": "0", "Progress %": "0" },
  Timeframes: { "From year": "0", "To year": "0" },
  Progress: { "Progress %": "0" },
};

/** Readable widths (characters) per contract column; others get 14. */
const WIDTHS: Record<string, number> = {
  Measure: 60,
  Goal: 10,
  Strategy: 12,
  Institutions: 40,
  "Other committees": 18,
  "Lead committee": 15,
  Timeframe: 26,
  Notes: 30,
  Indicator: 24,
  Target: 16,
  Committee: 40,
  "Committee (Khmer)": 36,
  Aliases: 40,
  "Goal (Khmer)": 40,
  Value: 50,
  "Policy direction": 60,
};

function widthsFor(table: TableName, headers: string[]): number[] {
  return headers.map((h) =>
    table === "Goals" && h === "Goal"
      ? 60
      : table === "Strategies" && h === "Strategy"
        ? 40
        : (WIDTHS[h] ?? 14)
  );
}

/**
 * The planner tables of a framework as a plan. Hosts create what is missing and add missing
 * columns; they write `rows` only into a table that has no data rows yet.
 */
/**
 * After a planner table's rows are replaced (import, undo, the As of year), the tables whose
 * number formats and dropdowns a host applies again: the table itself, then the tables whose
 * dropdowns list its values (their list now has other rows). Both hosts follow this list.
 */
export function tablesToReformat(written: TableName): TableName[] {
  const dependents = ALL_TABLE_NAMES.filter(
    (n) =>
      n !== written &&
      (VALIDATIONS[n] ?? []).some((v) => "source" in v && v.source.table === written)
  );
  return [written, ...dependents];
}

export function setupPlan(framework: Framework): WorkbookPlan {
  const tables = frameworkToTables(framework);
  const directions = framework.strategies.map((s) => s.direction ?? "");
  const hasDirections = directions.some((d) => d !== "");
  const sheets: PlanSheet[] = SHEET_ORDER.map((name) => {
    const data = tables[name];
    let headers = [...TABLE_HEADERS[name]];
    let rows: Cell[][] = data.rows;
    if (name === "Strategies" && hasDirections) {
      headers = [...headers, "Policy direction"];
      rows = rows.map((r, i) => [...r, directions[i]]);
    }
    const table: PlanTable = {
      name,
      topLeft: { row: 0, col: 0 },
      headers,
      rows,
      style: "TableStyleMedium2",
      numberFormats: NUMBER_FORMATS[name],
      validations: VALIDATIONS[name],
    };
    return {
      name: TABLE_SHEETS[name],
      owned: false,
      cells: [],
      tables: [table],
      charts: [],
      columnWidths: widthsFor(name, headers),
      freeze: { rows: 1, cols: name === "Measures" ? 1 : 0 },
    };
  });
  return { sheets };
}
