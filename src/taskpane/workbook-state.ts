/**
 * What the pane knows about the workbook, as a reducer over the operations' results: a view
 * reports what an operation returned, and this decides what stays true (no view resets state by
 * hand). Pure.
 */
import type { Host } from "../host/host";
import type { CheckedWorkbook, SummarisedWorkbook } from "../host/operations";
import type { PlannerTables } from "../model/schema";
import type { Dashboard } from "../plan/dashboard";

export type Mode = "connecting" | "excel" | "file";

/** The findings as the Check view shows them (the operation's result without its tables). */
export type CheckResult = Omit<CheckedWorkbook, "tables">;

export interface WorkbookState {
  mode: Mode;
  host: Host | null;
  fileName: string | null;
  tables: PlannerTables | null;
  check: CheckResult | null;
  dashboard: Dashboard | null;
  /** File mode: the workbook in memory differs from the file the planner has. */
  changed: boolean;
  /** The last confirmed import can be undone (host.restoreTable). */
  undoImport: boolean;
}

export type WorkbookEvent =
  /** Where the pane runs is known (no workbook yet outside Excel). */
  | { type: "mode"; mode: Mode }
  /** Another workbook: Excel's, or a file opened or created (`changed`: not saved as a file yet). */
  | {
      type: "workbook";
      host: Host;
      mode: Mode;
      fileName: string | null;
      tables?: PlannerTables;
      changed?: boolean;
    }
  /** The tables were read; nothing was written. */
  | { type: "read"; tables: PlannerTables }
  /** checkWorkbook: Validation rebuilt, cells marked. */
  | { type: "checked"; result: CheckedWorkbook }
  /** summariseWorkbook: the key numbers; nothing was written. */
  | { type: "summarised"; result: SummarisedWorkbook }
  /** buildSummary: the owned sheets rebuilt. */
  | { type: "built"; result: CheckedWorkbook & SummarisedWorkbook }
  /** A table write is about to start (setup, import, undo): the import's backup stops fitting. */
  | { type: "writing" }
  /** Tables were written (setup, import, undo): findings and numbers from the old tables are dropped. */
  | { type: "written"; tables: PlannerTables; undoImport: boolean }
  /** The workbook was saved as a file. */
  | { type: "saved" };

export function initialWorkbookState(
  mode: Mode,
  host: Host | null,
  fileName: string | null
): WorkbookState {
  return {
    mode,
    host,
    fileName,
    tables: null,
    check: null,
    dashboard: null,
    changed: false,
    undoImport: false,
  };
}

function findingsOf(result: CheckedWorkbook): CheckResult {
  const { tables: _tables, ...rest } = result;
  return rest;
}

export function workbookReducer(state: WorkbookState, event: WorkbookEvent): WorkbookState {
  const wrote = state.mode === "file";
  switch (event.type) {
    case "mode":
      return { ...state, mode: event.mode };
    case "workbook":
      return {
        ...initialWorkbookState(event.mode, event.host, event.fileName),
        tables: event.tables ?? null,
        changed: event.changed ?? false,
      };
    case "read":
      return { ...state, tables: event.tables };
    case "checked":
      return {
        ...state,
        tables: event.result.tables,
        check: findingsOf(event.result),
        changed: state.changed || wrote,
      };
    case "summarised":
      return { ...state, tables: event.result.tables, dashboard: event.result.dashboard };
    case "built":
      return {
        ...state,
        tables: event.result.tables,
        check: findingsOf(event.result),
        dashboard: event.result.dashboard,
        changed: state.changed || wrote,
      };
    case "writing":
      return { ...state, undoImport: false };
    case "written":
      return {
        ...state,
        tables: event.tables,
        check: null,
        dashboard: null,
        undoImport: event.undoImport,
        changed: state.changed || wrote,
      };
    case "saved":
      return { ...state, changed: false };
  }
}
