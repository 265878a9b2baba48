/** Progress roll-up per goal and per committee: mean Progress % over reported values, share Completed. */
import type { CountQuery, Criteria, QueryEvaluator } from "./criteria";
import { committeeCount, count, reported } from "./counts";
import { committeeTerms, eq, goalCriteria, type CommitteeDim, type GoalDim } from "./dimensions";
import type { ProgressRow } from "./types";

function row(
  dim: { code: string; name: string; nameKm: string },
  other: boolean,
  measures: CountQuery,
  completed: CountQuery,
  meanTerms: Criteria[],
  ev: QueryEvaluator
): ProgressRow {
  return {
    ...dim,
    other,
    measures: ev.metric(measures),
    meanProgress: ev.metric({
      kind: "mean",
      table: "Measures",
      column: "Progress %",
      terms: meanTerms,
    }),
    completed: ev.metric(completed),
    shareCompleted: ev.metric({ kind: "ratio", numerator: completed, denominator: measures }),
  };
}

/** One row per goal, then the "Other" goal row. */
export function goalProgress(goals: GoalDim[], ev: QueryEvaluator): ProgressRow[] {
  return [...goals, null].map((g) => {
    const gc = goalCriteria(g, goals);
    return row(
      { code: g?.code ?? "", name: g?.name ?? "", nameKm: g?.nameKm ?? "" },
      g === null,
      count([gc]),
      count([[...gc, eq("Status", "Completed")]]),
      [[...gc, ...reported()]],
      ev
    );
  });
}

/** One row per committee (lead or co-lead). */
export function committeeProgress(committees: CommitteeDim[], ev: QueryEvaluator): ProgressRow[] {
  return committees.map((c) => {
    const t = committeeTerms(c.code, reported());
    return row(
      c,
      false,
      committeeCount(c.code),
      committeeCount(c.code, [eq("Status", "Completed")]),
      [t.lead, t.coLead],
      ev
    );
  });
}
