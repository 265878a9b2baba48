import type { Catalogue } from "../i18n";

export type ErrorKind =
  | "fileRead"
  | "noMeasures"
  | "noWorkbook"
  | "accessDenied"
  | "editMode"
  | "tooLarge"
  | "merged"
  | "notFound"
  | "office"
  | "load"
  | "mapping"
  | "importNoHeader"
  | "unknown";

/** An error the pane raises itself, already classified. */
export class PaneError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message?: string
  ) {
    super(message ?? kind);
    this.name = "PaneError";
  }
}

export interface ExplainedError {
  kind: ErrorKind;
  /** The original message, shown under "Details" (not translated: it is for support). */
  detail: string;
}

/** Office.js error codes (OfficeExtension.Error.code) and what they mean for the planner. */
const OFFICE_CODES: Readonly<Record<string, ErrorKind>> = {
  AccessDenied: "accessDenied",
  InvalidOperationInCellEditMode: "editMode",
  RequestPayloadSizeLimitExceeded: "tooLarge",
  ResponsePayloadSizeLimitExceeded: "tooLarge",
  RangeExceedsLimit: "tooLarge",
  OperationCellsExceedLimit: "tooLarge",
  FormulaLengthExceedsLimit: "tooLarge",
  MergedRangeConflict: "merged",
  ItemNotFound: "notFound",
  InvalidArgument: "office",
  GeneralException: "office",
};

function errorCode(e: unknown): string | null {
  if (e && typeof e === "object" && "code" in e) {
    const code = (e as { code: unknown }).code;
    return typeof code === "string" ? code : null;
  }
  return null;
}

/**
 * What went wrong, for the MessageBar. `context` says what the pane was doing: an error while
 * reading a file the planner picked is a file problem whatever its message says.
 */
export function explainError(e: unknown, context: "file" | "work" = "work"): ExplainedError {
  const detail = e instanceof Error ? e.message : String(e);
  if (e instanceof PaneError)
    return { kind: e.kind, detail: e.message === e.kind ? "" : e.message };
  // An operation refused before writing anything: the pane says it in its own words.
  if (e instanceof Error && e.name === "NoMeasuresTableError")
    return { kind: "noMeasures", detail: "" };
  const name = e instanceof Error ? e.name : "";
  if (name === "ChunkLoadError" || /Loading chunk .* failed/i.test(detail))
    return { kind: "load", detail };
  // The Office host rethrows Excel's errors as planner sentences, keeping Excel's error as cause.
  const cause =
    e && typeof e === "object" && "cause" in e ? (e as { cause: unknown }).cause : undefined;
  const code = errorCode(e) ?? errorCode(cause);
  if (code) {
    const kind = OFFICE_CODES[code] ?? (/Payload|Limit/i.test(code) ? "tooLarge" : "office");
    return { kind, detail: `${code}: ${detail}` };
  }
  if (
    context === "file" ||
    /^(FileReadError|WorkbookReadError|CsvReadError|ImportSourceError)$/.test(name)
  )
    return { kind: "fileRead", detail };
  return { kind: "unknown", detail };
}

/** Title and next step of each kind, from the catalogue. */
export function errorText(kind: ErrorKind, t: Catalogue): { title: string; next: string } {
  switch (kind) {
    case "fileRead":
      return { title: t.errorFileRead, next: t.errorFileReadNext };
    case "noMeasures":
      return { title: t.errorNoMeasures, next: t.errorNoMeasuresNext };
    case "noWorkbook":
      return { title: t.errorNoWorkbook, next: t.errorNoWorkbookNext };
    case "accessDenied":
      return { title: t.errorAccessDenied, next: t.errorAccessDeniedNext };
    case "editMode":
      return { title: t.errorEditMode, next: t.errorEditModeNext };
    case "tooLarge":
      return { title: t.errorTooLarge, next: t.errorTooLargeNext };
    case "merged":
      return { title: t.errorMergedCells, next: t.errorMergedCellsNext };
    case "notFound":
      return { title: t.errorNotFound, next: t.errorNotFoundNext };
    case "office":
      return { title: t.errorOffice, next: t.errorOfficeNext };
    case "load":
      return { title: t.errorLoad, next: t.errorLoadNext };
    case "mapping":
      return { title: t.errorMapping, next: t.errorMappingNext };
    case "importNoHeader":
      return { title: t.errorImportNoHeader, next: t.errorImportNoHeaderNext };
    default:
      return { title: t.errorTitle, next: t.errorUnknownNext };
  }
}
