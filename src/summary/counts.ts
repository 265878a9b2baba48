/** Counts: per committee, goal × committee, goal × timeframe, status, key figures. */
import { CommitteeIndex } from "../model/committees";
import { STATUSES, type Framework } from "../model/types";
import type { SourceCells } from "./cells";
import { metric, type CountQuery, type Criteria, type LookupQuery, type Metric } from "./criteria";
import {
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

export const count = (terms: Criteria[]): CountQuery => ({ kind: "count", table: "Measures", terms: terms.map(guarded) });

/** Measures of the committee (lead or co-lead), with extra criteria. */
export function committeeCount(code: string, extra: Criteria = []): CountQuery {
  const t = committeeTerms(code, extra);
  return count([t.lead, t.coLead]);
}

export function expectedLookup(code: string): LookupQuery {
  return { kind: "lookup", table: "Committees", column: "Expected measures", criteria: [eq("Code", code)] };
}

/** Measures that name the committee by code, name or alias (CommitteeIndex), lead or other. */
function resolvedTotals(f: Framework): Map<string, number> {
  const index = new CommitteeIndex(f.committees);
  const out = new Map<string, number>();
  for (const m of f.measures) {
    const codes = new Set<string>();
    for (const name of [m.leadCommittee, ...m.otherCommittees]) {
      const code = index.resolve(name);
      if (code) codes.add(code.toLowerCase());
    }
    for (const c of codes) out.set(c, (out.get(c) ?? 0) + 1);
  }
  return out;
}

export function committeeCounts(f: Framework, committees: CommitteeDim[], src: SourceCells): CommitteeCount[] {
  const resolved = resolvedTotals(f);
  return committees.map((c) => {
    const t = committeeTerms(c.code);
    const total = committeeCount(c.code);
    const expected = expectedLookup(c.code);
    return {
      ...c,
      lead: metric(count([t.lead]), src),
      coLead: metric(count([t.coLead]), src),
      total: metric(total, src),
      expected: metric(expected, src),
      difference: metric({ kind: "difference", left: total, right: expected }, src),
      resolvedTotal: resolved.get(c.code.toLowerCase()) ?? 0,
    };
  });
}

export function goalRows(goals: GoalDim[], timeframes: string[], committees: CommitteeDim[], src: SourceCells): GoalRow[] {
  const rows: Array<GoalDim | null> = [...goals, null];
  return rows.map((g) => {
    const gc = goalCriteria(g, goals);
    return {
      code: g?.code ?? "",
      name: g?.name ?? "",
      nameKm: g?.nameKm ?? "",
      other: g === null,
      total: metric(count([gc]), src),
      byTimeframe: timeframes.map((t) => metric(count([[...gc, ...timeframeCriteria(t, timeframes)]]), src)),
      otherTimeframe: metric(count([[...gc, ...timeframeCriteria(null, timeframes)]]), src),
      byCommittee: committees.map((c) => metric(committeeCount(c.code, gc), src)),
    };
  });
}

export function statusCounts(src: SourceCells): StatusCount[] {
  const known: StatusCount[] = STATUSES.map((s) => ({ status: s, count: metric(count([[eq("Status", s)]]), src) }));
  return [...known, { status: "Other", count: metric(count([STATUSES.map((s) => ne("Status", s))]), src) }];
}

export function keyFigures(asOfYear: number, committees: CommitteeDim[], src: SourceCells): KeyFigures {
  const measures = count([[{ column: "No.", op: "nonblank" }]]);
  const completed = count([[eq("Status", "Completed")]]);
  const m = (q: Parameters<typeof metric>[0]): Metric => metric(q, src);
  return {
    measures: m(measures),
    completed: m(completed),
    shareCompleted: m({ kind: "ratio", numerator: completed, denominator: measures }),
    meanProgress: m({ kind: "mean", table: "Measures", column: "Progress %", terms: [reported()] }),
    overdue: m(count([[{ column: "End year", op: "<", number: asOfYear }, ne("Status", "Completed")]])),
    atRiskOrDelayed: m(count([[eq("Status", "At risk")], [eq("Status", "Delayed")]])),
    leadNotACode: m(count([committees.map((c) => ne("Lead committee", c.code))])),
  };
}

/** A reported Progress %: a number from 0 to 100 (other values are progress-invalid findings). */
export function reported(): Criteria {
  return [
    { column: "Progress %", op: ">=", number: 0 },
    { column: "Progress %", op: "<=", number: 100 },
  ];
}
