/**
 * What every front end shows of a list of findings besides their rule groups (rollup.ts):
 * which committees each concerns (for the committee filter) and the counts. Pure.
 */
import { cellText, isBlankRow, readList } from "../model/cells";
import { CommitteeIndex, measureCommitteeCodes } from "../model/committees";
import { readCommittees } from "../model/convert";
import { columnIndex, findTable, type PlannerTables, type TableData } from "../model/schema";
import type { Committee } from "../model/types";
import type { Finding, Severity } from "./finding";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

export interface CommitteeChoice {
  code: string;
  name: string;
  nameKm: string;
}

/** The committees of the Committees table that have a code (names, aliases and all). */
export function workbookCommittees(tables: PlannerTables): Committee[] {
  return readCommittees(tables).filter((c) => c.code !== "");
}

/** Code and names of each committee, for the filter. */
export function committeeChoices(committees: readonly Committee[]): CommitteeChoice[] {
  return committees.map((c) => ({ code: c.code, name: c.name, nameKm: c.nameKm }));
}

function cellOf(table: TableData, row: number, header: string): unknown {
  const ci = columnIndex(table, header);
  return ci < 0 ? null : (table.rows[row - 1]?.[ci] ?? null);
}

/**
 * For each finding, the committee codes it concerns: a measure's committees (lead and others),
 * a Committees or Responsibilities row's committee, else the committee the finding names.
 * Parallel to `findings`.
 */
export function findingCommittees(
  findings: readonly Finding[],
  tables: PlannerTables,
  committees: readonly Committee[]
): string[][] {
  const index = new CommitteeIndex(committees);
  const resolve = (text: string) => index.resolve(text);
  const measures = findTable(tables, "Measures");
  const committeeTable = findTable(tables, "Committees");
  const resp = findTable(tables, "Responsibilities");
  return findings.map((f) => {
    const param =
      typeof f.params?.committee === "string" ? index.resolve(f.params.committee) : null;
    if (f.table === "Measures" && measures && f.row !== null) {
      const row = measures.rows[f.row - 1];
      if (!row || isBlankRow(row)) return param ? [param] : [];
      const codes = measureCommitteeCodes(
        cellText(cellOf(measures, f.row, "Lead committee")),
        readList(cellOf(measures, f.row, "Other committees")),
        resolve
      );
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

/** How many findings of each severity. */
export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
