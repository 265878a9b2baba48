/**
 * The rows and columns of the summary (committees, goals, timeframes) and the criteria that
 * select a committee's or a goal's measures.
 *
 * Committees are matched by CODE in the formulas: a measure is the committee's when its Lead
 * committee equals the code (ignoring case), or its Other committees cell contains the code
 * (COUNTIFS "*DGC*", ignoring case). A measure naming a committee by its name or an alias is
 * not counted by the formulas; `CommitteeCount.resolvedTotal` counts it, and the Summary says
 * when the two differ. (Counting names too would need an OR of substrings, which COUNTIFS
 * cannot say without inclusion–exclusion.)
 */
import { cellText } from "../model/cells";
import { CommitteeIndex } from "../model/committees";
import type { Committee, Framework } from "../model/types";
import { excludesBlank, type Criteria, type Criterion } from "./criteria";

export interface CommitteeDim {
  code: string;
  name: string;
  nameKm: string;
}

export interface GoalDim {
  code: string;
  name: string;
  nameKm: string;
}

/**
 * CommitteeIndex.resolve, remembering each text's answer: a workbook names its committees in
 * a handful of ways over thousands of rows, and resolving one (committeeKey) is string work.
 */
export function committeeResolver(
  committees: readonly Committee[]
): (text: string) => string | null {
  const index = new CommitteeIndex(committees);
  const seen = new Map<string, string | null>();
  return (text) => {
    let code = seen.get(text);
    if (code === undefined) {
      code = index.resolve(text);
      seen.set(text, code);
    }
    return code;
  };
}

/** The lower-cased code of the committee a text names (committeeResolver), remembered per text. */
export function committeeKeyResolver(
  committees: readonly Committee[]
): (text: string) => string | null {
  const resolve = committeeResolver(committees);
  const seen = new Map<string, string | null>();
  return (text) => {
    let key = seen.get(text);
    if (key === undefined) {
      key = resolve(text)?.toLowerCase() ?? null;
      seen.set(text, key);
    }
    return key;
  };
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const it of items) {
    const k = key(it).toLowerCase();
    if (k === "" || seen.has(k)) continue;
    seen.add(k);
    out.push(it);
  }
  return out;
}

export function committeeDims(f: Framework): CommitteeDim[] {
  return uniqueBy(
    f.committees.map((c) => ({ code: cellText(c.code), name: c.name, nameKm: c.nameKm })),
    (c) => c.code
  );
}

export function goalDims(f: Framework): GoalDim[] {
  return uniqueBy(
    f.goals.map((g) => ({ code: cellText(g.code), name: g.name, nameKm: g.nameKm })),
    (g) => g.code
  );
}

export function timeframeNames(f: Framework): string[] {
  return uniqueBy(
    f.timeframes.map((t) => cellText(t.name)),
    (t) => t
  );
}

/** A term that could count blank rows of the table gets "No. is not blank". */
export function guarded(criteria: Criteria): Criteria {
  return criteria.some(excludesBlank) ? criteria : [{ column: "No.", op: "nonblank" }, ...criteria];
}

export const eq = (column: string, text: string): Criterion => ({ column, op: "=", text });
export const ne = (column: string, text: string): Criterion => ({ column, op: "<>", text });

/** The committee's measures as COUNTIFS terms: [lead, co-lead], each with `extra` criteria. */
export function committeeTerms(
  code: string,
  extra: Criteria = []
): { lead: Criteria; coLead: Criteria } {
  return {
    lead: [eq("Lead committee", code), ...extra],
    coLead: [
      ne("Lead committee", code),
      { column: "Other committees", op: "contains", text: code },
      ...extra,
    ],
  };
}

/** Criteria for a goal row: the goal's code, or — the Other row — none of the codes. */
export function goalCriteria(goal: GoalDim | null, all: GoalDim[]): Criteria {
  return goal ? [eq("Goal", goal.code)] : all.map((g) => ne("Goal", g.code));
}

/** Criteria for a timeframe column: the name, or — Other — none of the names. */
export function timeframeCriteria(name: string | null, all: string[]): Criteria {
  return name !== null ? [eq("Timeframe", name)] : all.map((t) => ne("Timeframe", t));
}
