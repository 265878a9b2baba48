/**
 * Lazily loaded chunk "returns": the reporting round — returns out (a zip of protected return
 * workbooks) and returns in (many sources read, merged, checked). Loaded when the planner uses it.
 */
export {
  planWorkbookReturns,
  previewRun,
  applyRunAndRead,
  type RunPreview,
} from "../../host/returns";
export { readRunSource } from "../../io/return-source";
export { returnsZip } from "../../io/returns-zip";
export { quarterOf, parsePeriod } from "../../model/period";
