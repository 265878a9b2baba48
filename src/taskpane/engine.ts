/**
 * The pure engine the pane needs, as one lazily loaded chunk: the built-in frameworks, the
 * rules, the plans. Loaded on first use (or when the browser is idle after the first render),
 * never before the pane shows.
 */
export { setupWorkbook, checkWorkbook, buildSummary } from "../host/operations";
export { formatFinding } from "../rules/messages";
export { tablesToJson, tableToCsv } from "../io/export";
export { computeDashboard, findingCommittees, committeeChoices } from "./lib/insights";
