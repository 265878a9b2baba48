import { TABLE_NAMES, findTable, type PlannerTables, type TableData, type TableName } from "../../model/schema";

function blank(c: unknown): boolean {
  return c === null || c === undefined || (typeof c === "string" && c.trim() === "");
}

/** Data rows that are not wholly blank. */
export function countRows(table: TableData | undefined): number {
  return table ? table.rows.filter((r) => !r.every(blank)).length : 0;
}

export interface TableStatus {
  name: TableName;
  present: boolean;
  rows: number;
}

/** Which of the seven planner tables the workbook has, with their row counts. */
export function tableStatuses(tables: PlannerTables | null): TableStatus[] {
  return TABLE_NAMES.map((name) => {
    const t = tables ? findTable(tables, name) : undefined;
    return { name, present: !!t, rows: countRows(t) };
  });
}

export function measureCount(tables: PlannerTables | null): number {
  return tables ? countRows(findTable(tables, "Measures")) : 0;
}
