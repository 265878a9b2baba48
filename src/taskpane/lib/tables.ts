import {
  countDataRows,
  findTable,
  TABLE_NAMES,
  type PlannerTables,
  type TableName,
} from "../../model/schema";

export interface TableStatus {
  name: TableName;
  present: boolean;
  rows: number;
}

/** Which of the seven planner tables the workbook has, with their row counts. */
export function tableStatuses(tables: PlannerTables | null): TableStatus[] {
  return TABLE_NAMES.map((name) => {
    const t = tables ? findTable(tables, name) : undefined;
    return { name, present: !!t, rows: countDataRows(t) };
  });
}

/** Measures rows that are not wholly blank (0 before the tables are read). */
export function measureCount(tables: PlannerTables | null): number {
  return tables ? countDataRows(findTable(tables, "Measures")) : 0;
}
