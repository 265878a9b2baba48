/**
 * Lazily loaded chunk "importer": the reader that turns an import source's bytes into rows
 * (ExcelJS for workbooks, the CSV reader). Loaded only when the planner picks a file to import;
 * the import itself is the engine's previewImport / applyImport.
 */
export { readImportSource } from "../../io/import-source";
export type { ImportReport, ImportSourceRows } from "../../import";
