/**
 * summarise(): the Summary's numbers for a framework, each with the formula it stands for.
 * Pure data: no I/O. See criteria.ts for how the numbers mirror the formulas.
 */
import type { Framework } from "../model/types";
import { attention, DEFAULT_ATTENTION_LIMIT } from "./attention";
import { shapes, sourcesFromFramework, type SourceCells } from "./source-cells";
import { committeeCounts, goalRows, keyFigures, statusCounts } from "./counts";
import { QueryEvaluator } from "./criteria";
import { committeeDims, goalDims, timeframeNames } from "./dimensions";
import { committeeProgress, goalProgress } from "./progress";
import { timeline } from "./timeline";
import type { SummaryData } from "./types";

export interface SummariseOptions {
  /** How many measures needing attention to list (default 10). */
  attentionLimit?: number;
  /**
   * The cells the formulas will read, raw (sourcesFromTables(tables)) when the summary goes
   * into a workbook; default: the framework's measures and committees as written by
   * frameworkToTables.
   */
  sources?: SourceCells;
}

export function summarise(framework: Framework, options: SummariseOptions = {}): SummaryData {
  const src = options.sources ?? sourcesFromFramework(framework);
  const s = framework.settings;
  const committees = committeeDims(framework);
  const goals = goalDims(framework);
  const timeframes = timeframeNames(framework);
  const ev = new QueryEvaluator(src);
  return {
    name: s.name,
    asOfYear: s.asOfYear,
    period: { start: s.periodStart, end: s.periodEnd },
    sources: shapes(src),
    keyFigures: keyFigures(s.asOfYear, committees, ev),
    committees: committeeCounts(framework, committees, ev),
    timeframes,
    goals: goalRows(goals, timeframes, committees, ev),
    statuses: statusCounts(ev),
    progress: { goals: goalProgress(goals, ev), committees: committeeProgress(committees, ev) },
    timeline: timeline(s.periodStart, s.periodEnd, committees, ev),
    attention: attention(framework, options.attentionLimit ?? DEFAULT_ATTENTION_LIMIT),
  };
}

export {
  sourcesFromFramework,
  sourcesFromTables,
  type SourceCells,
  type SourceShape,
  type SourceTableName,
} from "./source-cells";
export {
  evaluate,
  evaluateDirect,
  matches,
  QueryEvaluator,
  type Criterion,
  type Metric,
  type Query,
  type QueryValue,
} from "./criteria";
export {
  FormulaWriter,
  criterionText,
  escapeStructuredColumn,
  escapeWildcards,
  type ReferenceStyle,
} from "./formula";
export { attentionItems, isAtRisk, isOverdue } from "./attention";
export { periodYears } from "./timeline";
export type * from "./types";
