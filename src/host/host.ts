import type { PlannerTables, TableData } from "../model/schema";
import type { WorkbookPlan } from "../plan/types";

export interface CellTarget {
  table: string;
  /** 1-based data row; null for the header. */
  row: number | null;
  column: string | null;
}

export interface Progress {
  (done: number, total: number, label?: string): void;
}

/**
 * What the task pane, ribbon commands and CLI need from a workbook. Inside Excel it is the
 * Office host (src/excel); in a browser or in Node it is the file host (src/io).
 */
export interface Host {
  readonly kind: "excel" | "file";
  /** All planner tables, in one read. Tables that do not exist are absent. */
  readTables(): Promise<PlannerTables>;
  /** Create missing sheets/tables/columns, fill empty tables, rebuild owned sheets. */
  applyPlan(plan: WorkbookPlan, progress?: Progress): Promise<void>;
  /** Replace a planner table's data rows (the caller asked: import, repair). Extra columns are the caller's to keep. */
  writeTable(table: TableData, progress?: Progress): Promise<void>;
  /** Puts back the table the last writeTable replaced (Office.js changes cannot be undone with Ctrl+Z). Its name, or null when there is nothing to restore. */
  restoreTable?(): Promise<string | null>;
  /** Take the planner to a cell. */
  select(target: CellTarget): Promise<void>;
  /** The workbook as an .xlsx file. */
  exportXlsx(): Promise<Uint8Array>;
  /** Opens an .xlsx as a new workbook (Excel); where absent, the caller downloads it. */
  openCopy?(bytes: Uint8Array): Promise<void>;
}
