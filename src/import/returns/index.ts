/** The reporting round, pure: returns out (planReturns), returns in (planRun), the Progress history. */
export { planReturns, type ReturnFile, type ReturnsPlan, type ReturnsOptions } from "./returns-out";
export {
  planRun,
  type Conflict,
  type RunOptions,
  type RunReport,
  type RunSource,
  type SourceReport,
} from "./merge-run";
export {
  institutionsOf,
  isGenericInstitution,
  safeFileName,
  type GenericEntry,
  type Institution,
} from "./institutions";
export { progressAfter, type ProgressEntry } from "./progress-rows";
