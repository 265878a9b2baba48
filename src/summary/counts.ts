/** Counts: per committee, goal × committee, goal × timeframe, status, key figures. */
import { STATUSES, type Framework } from "../model/types";
import type { CountQuery, Criteria, LookupQuery, Metric, Query, QueryEvaluator } from "./criteria";
import {
  committeeKeyResolver,
  committeeTerms,
  eq,
  goalCriteria,
  guarded,
  ne,
  timeframeCriteria,
  type CommitteeDim,
  type GoalDim,
} from "./dimensions";
import type { CommitteeCount, GoalRow, KeyFigures, StatusCount } from "./types";
import { measureCommitteeCodes } from "../model/committees";

export const count = (terms: Criteria[]): CountQuery => ({
  kind: "count",
  table: "Measures",
  terms: terms.map(guarded),
});

/** Measures of the committee (lead or co-lead), with extra criteria. */
export function committeeCount(code: string, extra: Criteria = []): CountQuery {
  const t = committeeTerms(code, extra);
  return count([t.lead, t.coLead]);
}

export function expectedLookup(code: string): LookupQuery {
  return {
    kind: "lookup",
    table: "Committees",
    column: "Expected measures",
    criteria: [eq("Code", code)],
  };
}

/** Measures that name the committee by code, name or alias (CommitteeIndex), lead or other. */
function resolvedTotals(f: Framework): Map<string, number> {
  const keyOf = committeeKeyResolver(f.committees);
  const out = new Map<string, number>();
  for (const m of f.measures) {
    for (const c of measureCommitteeCodes(m.leadCommittee, m.otherCommittees, keyOf))
      out.set(c, (out.get(c) ?? 0) + 1);
  }
  return out;
}

export function committeeCounts(
  f: Framework,
  committees: CommitteeDim[],
  ev: QueryEvaluator
): CommitteeCount[] {
  const resolved = resolvedTotals(f);
  return committees.map((c) => {
    const t = committeeTerms(c.code);
    const total = committeeCount(c.code);
    const expected = expectedLookup(c.code);
    return {
      ...c,
      lead: ev.metric(count([t.lead])),
      coLead: ev.metric(count([t.coLead])),
      total: ev.metric(total),
      expected: ev.metric(expected),
      difference: ev.metric({ kind: "difference", left: total, right: expected }),
      resolvedTotal: resolved.get(c.code.toLowerCase()) ?? 0,
    };
  });
}

export function goalRows(
  goals: GoalDim[],
  timeframes: string[],
  committees: CommitteeDim[],
  ev: QueryEvaluator
): GoalRow[] {
  const rows: Array<GoalDim | null> = [...goals, null];
  return rows.map((g) => {
    const gc = goalCriteria(g, goals);
    return {
      code: g?.code ?? "",
      name: g?.name ?? "",
      nameKm: g?.nameKm ?? "",
      other: g === null,
      total: ev.metric(count([gc])),
      byTimeframe: timeframes.map((t) =>
        ev.metric(count([[...gc, ...timeframeCriteria(t, timeframes)]]))
      ),
      otherTimeframe: ev.metric(count([[...gc, ...timeframeCriteria(null, timeframes)]])),
      byCommittee: committees.map((c) => ev.metric(committeeCount(c.code, gc))),
    };
  });
}

export function statusCounts(ev: QueryEvaluator): StatusCount[] {
  const known: StatusCount[] = STATUSES.map((s) => ({
    status: s,
    count: ev.metric(count([[eq("Status", s)]])),
  }));
  return [
    ...known,
    { status: "Other", count: ev.metric(count([STATUSES.map((s) => ne("Status", s))])) },
  ];
}

export function keyFigures(
  asOfYear: number,
  committees: CommitteeDim[],
  ev: QueryEvaluator
): KeyFigures {
  const measures = count([[{ column: "No.", op: "nonblank" }]]);
  const completed = count([[eq("Status", "Completed")]]);
  const m = (q: Query): Metric => ev.metric(q);
  return {
    measures: m(measures),
    completed: m(completed),
    shareCompleted: m({ kind: "ratio", numerator: completed, denominator: measures }),
    meanProgress: m({ kind: "mean", table: "Measures", column: "Progress %", terms: [reported()] }),
    overdue: m(overdue(asOfYear)),
    atRiskOrDelayed: m(count([[eq("Status", "At risk")], [eq("Status", "Delayed")]])),
    leadNotACode: m(count([committees.map((c) => ne("Lead committee", c.code))])),
  };
}

/**
 * The `overdue` rule's measures: End year (as the rules read it) before the As of year, and a
 * known Status other than Completed (a blank or unknown Status is reported otherwise).
 */
export function overdue(asOfYear: number): CountQuery {
  return count(
    STATUSES.filter((s) => s !== "Completed").map((s) => [
      { column: "End year", op: "<", number: asOfYear },
      eq("Status", s),
    ])
  );
}

/** A reported Progress %: a number from 0 to 100 (other values are progress-invalid findings). */
export function reported(): Criteria {
  return [
    { column: "Progress %", op: ">=", number: 0 },
    { column: "Progress %", op: "<=", number: 100 },
  ];
}
