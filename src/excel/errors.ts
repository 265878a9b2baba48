/**
 * Office errors as sentences a planner can act on. Every OfficeHost method catches what
 * Excel throws and rethrows `new Error(explainOfficeError(e))`, so the task pane and the
 * ribbon commands never show a bare "GeneralException".
 */

/** The parts of an OfficeExtension.Error (RichApi) that we read; plain Errors have none of them. */
interface OfficeErrorLike {
  code?: unknown;
  message?: unknown;
  debugInfo?: { code?: unknown; message?: unknown; errorLocation?: unknown; statement?: unknown };
}

/** What the caller knows about where the failure happened, to name it in the message. */
export interface ErrorContext {
  /** The sheet being written, when one. */
  sheet?: string;
  /** What the planner asked for: "set up the workbook", "read the tables"… */
  action?: string;
}

/** Errors the add-in raises itself, already worded for the planner. */
export class PlannerError extends Error {
  override readonly name = "PlannerError";
}

export function officeErrorCode(e: unknown): string | null {
  if (typeof e !== "object" || e === null) return null;
  const err = e as OfficeErrorLike;
  if (typeof err.code === "string" && err.code !== "") return err.code;
  if (typeof err.debugInfo?.code === "string" && err.debugInfo.code !== "")
    return err.debugInfo.code;
  return null;
}

function where(e: unknown): string {
  if (typeof e !== "object" || e === null) return "";
  const loc = (e as OfficeErrorLike).debugInfo?.errorLocation;
  return typeof loc === "string" && loc !== "" ? ` (Excel reported it at ${loc})` : "";
}

function rawMessage(e: unknown): string {
  if (typeof e === "string") return e;
  if (typeof e === "object" && e !== null) {
    const m = (e as OfficeErrorLike).message;
    if (typeof m === "string" && m !== "") return m;
    const d = (e as OfficeErrorLike).debugInfo?.message;
    if (typeof d === "string" && d !== "") return d;
  }
  return String(e);
}

/** A planner-readable sentence, with what to do next, for any error an Office call throws. */
export function explainOfficeError(e: unknown, context: ErrorContext = {}): string {
  if (e instanceof PlannerError) return e.message;
  const code = officeErrorCode(e);
  const sheet = context.sheet ? ` ${context.sheet}` : "";
  const action = context.action ? `Could not ${context.action}: ` : "";
  switch (code) {
    case "AccessDenied":
      return `${action}a sheet is protected: unprotect${sheet || " the sheet"} (Review ▸ Unprotect Sheet) and try again. If the whole workbook is protected, use Review ▸ Protect Workbook to turn it off.`;
    case "InvalidOperationInCellEditMode":
      return `${action}Excel is busy editing a cell: press Enter or Esc to leave the cell you are typing in, then try again.`;
    case "ItemNotFound":
      return `${action}a sheet, table or column the planner needs is missing — it may have been renamed or deleted${where(e)}. Run "Set up workbook" to recreate the planner tables (your rows are kept), then try again.`;
    case "InvalidArgument":
      return `${action}Excel refused the change${where(e)}. A table or sheet probably changed while the planner was working, or a table would overlap another one: check the sheet, click Refresh and try again.`;
    case "MergedRangeConflict":
      return `${action}a table cannot be placed over merged cells: unmerge the cells next to the planner tables (Home ▸ Merge & Center ▸ Unmerge Cells) and try again.`;
    case "TableOverlap":
    case "PivotTableRangeConflict":
    case "FilteredRangeConflict":
    case "InsertDeleteConflict":
      return `${action}another table, PivotTable or filter is in the way of a planner table${where(e)}: move it away from the planner's sheets, then try again.`;
    case "ItemAlreadyExists":
      return `${action}a sheet or table with the planner's name already exists and could not be reused: rename it (for example add "old") and try again.`;
    case "RangeExceedsLimit":
    case "OperationCellsExceedLimit":
      return `${action}the change touches more cells than Excel allows in one step. Delete empty rows and columns below and to the right of the planner tables, or import fewer rows at a time, then try again.`;
    case "FormulaLengthExceedsLimit":
      return `${action}a formula is longer than Excel's limit of 8,192 characters: shorten the names in the reference tables (Goals, Strategies, Committees) and rebuild.`;
    case "RequestPayloadSizeLimitExceeded":
      return `${action}Excel on the web refused a request larger than 5 MB. Try again; if it happens again, import the measures in smaller files.`;
    case "ResponsePayloadSizeLimitExceeded":
      return `${action}Excel on the web refused to send back more than 5 MB at once. Remove unused columns from the Measures table, or open the workbook in Excel for the desktop, then try again.`;
    case "UnsupportedOperation":
    case "NotImplemented":
    case "ApiNotFound":
      return `${action}this version of Excel does not support a step the planner needs${where(e)}. Update Office, or use Excel for the desktop or Excel on the web.`;
    case "ActivityLimitReached":
    case "RequestAborted":
    case "ConnectionFailure":
      return `${action}Excel stopped the request (it was too long or the connection dropped). Save, wait a moment and try again.`;
    case "InvalidObjectPath":
    case "InvalidReference":
      return `${action}the sheet changed while the planner was working on it${where(e)}. Click Refresh and try again.`;
    case "Conflict":
      return `${action}someone else changed the workbook at the same time. Wait for their edit to finish and try again.`;
    case "GeneralException":
      return `${action}Excel reported an internal error${where(e)}. Save the workbook, close and reopen the planner pane, and try again.`;
    default: {
      const msg = rawMessage(e);
      return code ? `${action}Excel reported "${code}": ${msg}` : `${action}${msg}`;
    }
  }
}
