/** The import core: pure (no files, no Office). Bytes become rows in src/io (import-source.ts). */
export { planImport, type ImportOptions, type ImportReport, type ImportSource } from "./merge";
export { type ImportReference } from "./normalise";
export { findHeaderRow, type HeaderFinding } from "./header-finder";
export { ImportSourceError } from "./errors";

/** Rows read from a source file: what the import core takes. */
export interface ImportSourceRows {
  rows: import("../model/types").Cell[][];
  sheetName: string;
}
export { planImportInto, type ImportChoice } from "./plan-into";
