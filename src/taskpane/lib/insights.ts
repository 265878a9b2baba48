/**
 * Numbers the pane shows next to the sheets: the dashboard and which committees a finding
 * concerns. Pure, over the tables as read; loaded with the engine chunk, not at start.
 */
import { cellText, readList } from "../../model/cells";
import { CommitteeIndex } from "../../model/committees";
import { tablesToFramework } from "../../model/convert";
import { frameworkForSheets, workbookSummary } from "../../plan/owned-sheets";
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

/**
 * The key numbers, from the same summary the Summary sheet is built from (so the pane and the
 * sheet agree): measures, completed share, overdue, and per committee expected vs actual
 * (actual as the committee-count check counts it: by code, name or alias).
 */
export function computeDashboard(tables: PlannerTables, asOfYear: number): Dashboard {
  const framework = frameworkForSheets(tables, asOfYear);
  const data = workbookSummary(tables, framework);
  const k = data.keyFigures;
  const num = (v: number | ""): number => (v === "" ? 0 : v);
  const measures = num(k.measures.value);
  const share = k.shareCompleted.value;
  return {
    asOfYear,
    measures,
    expectedMeasures: framework.settings.expectedMeasures,
    completed: num(k.completed.value),
    completedShare: share === "" ? 0 : Math.round(share * 100),
    overdue: num(k.overdue.value),
    committees: data.committees.map((c) => ({
      code: c.code,
      name: c.name,
      nameKm: c.nameKm,
      expected: c.expected.value === "" ? null : c.expected.value,
      actual: c.resolvedTotal,
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
