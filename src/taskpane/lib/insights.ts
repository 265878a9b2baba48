/**
 * Numbers the pane shows next to the sheets: the dashboard and which committees a finding
 * concerns. Pure, over the tables as read; loaded with the engine chunk, not at start.
 */
import { cellText, readList } from "../../model/cells";
import { CommitteeIndex } from "../../model/committees";
import { tablesToFramework } from "../../model/convert";
import { columnIndex, findTable, type PlannerTables, type TableData } from "../../model/schema";
import type { Committee } from "../../model/types";
import type { Finding } from "../../rules/finding";

export interface CommitteeCount {
  code: string;
  name: string;
  nameKm: string;
  expected: number | null;
  actual: number;
}

export interface Dashboard {
  asOfYear: number;
  measures: number;
  expectedMeasures: number | null;
  completed: number;
  /** Whole percent of measures Completed; 0 when there are none. */
  completedShare: number;
  overdue: number;
  committees: CommitteeCount[];
}

function isBlankRow(row: readonly unknown[]): boolean {
  return row.every((c) => cellText(c) === "");
}

function committeesOf(tables: PlannerTables): Committee[] {
  return tablesToFramework(tables, new Date().getFullYear()).committees.filter((c) => c.code !== "");
}

/** The key numbers: measures, completed share, overdue, and per committee expected vs actual. */
export function computeDashboard(tables: PlannerTables, asOfYear: number): Dashboard {
  const framework = tablesToFramework(tables, asOfYear);
  const committees = framework.committees.filter((c) => c.code !== "");
  const index = new CommitteeIndex(committees);
  const counts = new Map<string, number>();
  let completed = 0;
  let overdue = 0;
  for (const m of framework.measures) {
    const codes = new Set<string>();
    for (const name of [m.leadCommittee, ...m.otherCommittees]) {
      const code = index.resolve(name);
      if (code) codes.add(code);
    }
    for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
    const done = m.status.trim().toLowerCase() === "completed";
    if (done) completed++;
    else if (m.endYear !== null && m.endYear < asOfYear) overdue++;
  }
  const measures = framework.measures.length;
  return {
    asOfYear,
    measures,
    expectedMeasures: framework.settings.expectedMeasures,
    completed,
    completedShare: measures === 0 ? 0 : Math.round((completed / measures) * 100),
    overdue,
    committees: committees.map((c) => ({
      code: c.code,
      name: c.name,
      nameKm: c.nameKm,
      expected: c.expectedMeasures,
      actual: counts.get(c.code) ?? 0,
    })),
  };
}

function cellOf(table: TableData, row: number | null, header: string): unknown {
  if (row === null) return null;
  const ci = columnIndex(table, header);
  return ci < 0 ? null : (table.rows[row - 1]?.[ci] ?? null);
}

/**
 * For each finding, the committee codes it concerns: a measure's lead and other committees,
 * a Committees or Responsibilities row's committee. Parallel to `findings`.
 */
export function findingCommittees(findings: readonly Finding[], tables: PlannerTables): string[][] {
  const committees = committeesOf(tables);
  const index = new CommitteeIndex(committees);
  const measures = findTable(tables, "Measures");
  const committeeTable = findTable(tables, "Committees");
  const resp = findTable(tables, "Responsibilities");
  const resolveAll = (names: string[]) => [...new Set(names.map((n) => index.resolve(n)).filter((c): c is string => c !== null))];
  return findings.map((f) => {
    const param = typeof f.params?.committee === "string" ? index.resolve(f.params.committee) : null;
    if (f.table === "Measures" && measures && f.row !== null) {
      const row = measures.rows[f.row - 1];
      if (!row || isBlankRow(row)) return param ? [param] : [];
      const names = [cellText(cellOf(measures, f.row, "Lead committee")), ...readList(cellOf(measures, f.row, "Other committees"))];
      const codes = resolveAll(names);
      if (param && !codes.includes(param)) codes.push(param);
      return codes;
    }
    if (f.table === "Committees" && committeeTable && f.row !== null) {
      const code = index.resolve(cellText(cellOf(committeeTable, f.row, "Code")));
      return code ? [code] : param ? [param] : [];
    }
    if (f.table === "Responsibilities" && resp && f.row !== null) {
      const code = index.resolve(cellText(cellOf(resp, f.row, "Committee")));
      return code ? [code] : [];
    }
    return param ? [param] : [];
  });
}

/** Committee codes and names for the filter, from the Committees table. */
export function committeeChoices(tables: PlannerTables): Array<{ code: string; name: string; nameKm: string }> {
  return committeesOf(tables).map((c) => ({ code: c.code, name: c.name, nameKm: c.nameKm }));
}
