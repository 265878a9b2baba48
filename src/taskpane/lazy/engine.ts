/**
 * Lazily loaded chunk "engine": the workbook operations and the pure core under them (the
 * built-in frameworks, the rules, the plans). Loaded on first use (or when the browser is idle
 * after the first render), never before the pane shows.
 */
export {
  setupAndRead,
  checkWorkbook,
  summariseWorkbook,
  buildSummary,
  checked as checkedWorkbook,
} from "../../host/operations";
export { previewImport, applyImport, undoImport } from "../../host/import";
export { formatFinding } from "../../rules/messages";
export { statusBoardOfTables } from "../../summary/status-board";
export { periodHistoryOfTables } from "../../summary/periods";
export { tablesToJson, tableToCsv } from "../../io/export";
