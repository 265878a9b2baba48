/**
 * The dashboard's status view: how many measures are Completed, On track, At risk, Delayed or
 * Not started, overall, per goal and per committee, optionally for one institution (what a
 * line ministry's planner needs). Pure, over the framework as the tables hold it.
 */
import { CommitteeIndex, measureCommitteeCodes } from "../model/committees";
import { tablesToFramework } from "../model/convert";
import type { PlannerTables } from "../model/schema";
import { STATUSES, type Framework, type Measure, type Status } from "../model/types";

export type StatusKey = Status | "Other";
export const STATUS_KEYS: readonly StatusKey[] = [...STATUSES, "Other"];

export interface StatusTally {
  total: number;
  byStatus: Record<StatusKey, number>;
}

export interface StatusRow {
  code: string;
  name: string;
  nameKm: string;
  tally: StatusTally;
}

export interface StatusBoard {
  /** What the framework calls its items: DGP's "priority actions", else "measures". */
  wording: "measures" | "priorityActions";
  /** Institutions named by any measure, as first written, sorted. */
  institutions: string[];
  /** The institution the board is filtered to, or null for all. */
  institution: string | null;
  all: StatusTally;
  goals: StatusRow[];
  /** Committees that lead or co-lead a measure or are expected to (DGP: DGC only). */
  committees: StatusRow[];
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
const STATUS_BY_KEY = new Map<string, Status>(STATUSES.map((s) => [norm(s), s]));

export function statusKey(status: string): StatusKey {
  return STATUS_BY_KEY.get(norm(status)) ?? "Other";
}

function emptyTally(): StatusTally {
  return {
    total: 0,
    byStatus: Object.fromEntries(STATUS_KEYS.map((k) => [k, 0])) as Record<StatusKey, number>,
  };
}

function add(t: StatusTally, key: StatusKey): void {
  t.total += 1;
  t.byStatus[key] += 1;
}

/** DGP names its items "priority actions" (Appendix 1). */
export function itemWording(framework: Pick<Framework, "settings">): StatusBoard["wording"] {
  return /digital government policy|\bDGP\b/i.test(framework.settings.name)
    ? "priorityActions"
    : "measures";
}

export function statusBoard(
  framework: Framework,
  options: { institution?: string | null } = {}
): StatusBoard {
  const seen = new Map<string, string>();
  for (const m of framework.measures)
    for (const i of m.institutions) if (i.trim() && !seen.has(norm(i))) seen.set(norm(i), i.trim());
  const institutions = [...seen.values()].sort((a, b) => a.localeCompare(b));
  const wanted = options.institution ? norm(options.institution) : null;
  const counted: Measure[] = framework.measures.filter(
    (m) => m.no.trim() !== "" && (wanted === null || m.institutions.some((i) => norm(i) === wanted))
  );

  const all = emptyTally();
  const goals = framework.goals
    .filter((g) => g.code !== "")
    .map((g) => ({ code: g.code, name: g.name, nameKm: g.nameKm, tally: emptyTally() }));
  const goalByKey = new Map(goals.map((g) => [norm(g.code), g]));
  const committees = framework.committees
    .filter((c) => c.code !== "")
    .map((c) => ({
      code: c.code,
      name: c.name,
      nameKm: c.nameKm,
      tally: emptyTally(),
      expected: c.expectedMeasures,
    }));
  const committeeByCode = new Map(committees.map((c) => [c.code, c]));
  const index = new CommitteeIndex(framework.committees);

  for (const m of counted) {
    const key = statusKey(m.status);
    add(all, key);
    const g = goalByKey.get(norm(m.goal));
    if (g) add(g.tally, key);
    const codes = measureCommitteeCodes(m.leadCommittee, m.otherCommittees, (c) =>
      index.resolve(c)
    );
    for (const code of codes) {
      const c = committeeByCode.get(code);
      if (c) add(c.tally, key);
    }
  }
  // Committees the framework gives no measure and no expectation (DGP's DEBC and DSC) are left out.
  // With an institution chosen, only the committees that share its measures remain.
  const shown = committees.filter(
    (c) => c.tally.total > 0 || (wanted === null && (c.expected ?? 0) > 0)
  );
  return {
    wording: itemWording(framework),
    institutions,
    institution: wanted === null ? null : (seen.get(wanted) ?? options.institution ?? null),
    all,
    goals: wanted === null ? goals : goals.filter((g) => g.tally.total > 0),
    committees: shown.map(({ expected: _e, ...c }) => c),
  };
}

/** The board over the tables as read (the As of year does not change statuses). */
export function statusBoardOfTables(
  tables: PlannerTables,
  options: { institution?: string | null } = {}
): StatusBoard {
  return statusBoard(tablesToFramework(tables, new Date().getFullYear()), options);
}
