/** The import core: pure (no files, no Office). Bytes become rows in src/io (import-source.ts). */
export {
  planImport,
  type ImportOptions,
  type ImportReport,
  type ImportSource,
  type SheetChoice,
} from "./merge";
export { type ImportReference } from "./normalise";
export { findHeaderRow, type HeaderFinding } from "./header-finder";
export { ImportSourceError } from "./errors";

import type { ImportSource } from "./merge";

/** Rows read from a source file: what the import core takes. */
export interface ImportSourceRows extends ImportSource {
  sheetName: string;
}
export { planImportInto, type ImportChoice } from "./plan-into";
