/**
 * The owned "Validation" sheet: the counts of errors, warnings and info, then one row per
 * finding (Severity, Rule, Table, Row, Column, No., Message), each linked to its cell.
 */
import { columnIndex, findTable, type PlannerTables, type TableData } from "../model/schema";
import type { Finding } from "../rules/finding";
import { severityCounts } from "../rules/finding-groups";
import { cellA1 } from "./a1";
import { cellKey } from "./marks";
import { label, severityLabel, type Language } from "./labels";
import type { PlanCell, PlanSheet } from "./types";
import { digestCell } from "./validation-update";

export const VALIDATION_SHEET = "Validation";

/** Row of the column headers (0-based); findings follow. */
export const VALIDATION_HEADER_ROW = 3;

function sheetRef(sheet: string, row: number, col: number): string {
  return `'${sheet.replace(/'/g, "''")}'!${cellA1({ row, col })}`;
}

/**
 * The tables' lookups the findings need (findTable, columnIndex), remembered: a sheet of
 * thousands of findings points into a handful of tables and columns.
 */
class FindingCells {
  private readonly tables = new Map<string, TableData | undefined>();
  private readonly columns = new Map<TableData, Map<string, number>>();

  constructor(private readonly all: PlannerTables) {}

  table(name: Finding["table"]): TableData | undefined {
    if (this.tables.has(name)) return this.tables.get(name);
    const t = findTable(this.all as Record<string, TableData | undefined>, name);
    this.tables.set(name, t);
    return t;
  }

  column(table: TableData, header: string): number {
    let byHeader = this.columns.get(table);
    if (!byHeader) {
      byHeader = new Map();
      this.columns.set(table, byHeader);
    }
    let i = byHeader.get(header);
    if (i === undefined) {
      i = columnIndex(table, header);
      byHeader.set(header, i);
    }
    return i;
  }
}

function linkOf(
  finding: Pick<Finding, "table" | "row" | "column">,
  cells: FindingCells
): string | null {
  const table = cells.table(finding.table);
  const loc = table?.location;
  if (!table || !loc) return null;
  const col = finding.column ? cells.column(table, finding.column) : -1;
  const row =
    finding.row !== null && Number.isInteger(finding.row) && finding.row >= 1
      ? loc.row + finding.row
      : loc.row;
  return sheetRef(loc.sheet, row, loc.col + Math.max(0, col));
}

function keyOf(
  finding: Pick<Finding, "table" | "row" | "column">,
  cells: FindingCells
): string | null {
  const table = cells.table(finding.table);
  const loc = table?.location;
  if (!table || !loc || finding.row === null || !finding.column) return null;
  const col = cells.column(table, finding.column);
  if (col < 0) return null;
  return cellKey(loc.sheet, cellA1({ row: loc.row + finding.row, col: loc.col + col }, true));
}

/**
 * Where a finding points: "'Measures'!E7". The table's header is at location.row, so data row
 * n (1-based) is at location.row + n; the column is the finding's column among the headers
 * as read. Without a column: the row's first cell; without a row: the column's header cell
 * (or the table's first header cell). Null when the table's location is unknown.
 */
export function findingLink(
  finding: Pick<Finding, "table" | "row" | "column">,
  tables: PlannerTables
): string | null {
  return linkOf(finding, new FindingCells(tables));
}

/** The finding's cell key as the conditional-format marks look it up: "Measures!$E$7". */
export function findingKey(
  finding: Pick<Finding, "table" | "row" | "column">,
  tables: PlannerTables
): string | null {
  return keyOf(finding, new FindingCells(tables));
}

export function validationSheet(
  findings: readonly Finding[],
  tables: PlannerTables,
  language: Language
): PlanSheet {
  const L = (k: Parameters<typeof label>[1]) => label(language, k);
  const cells: PlanCell[] = [];
  const put = (
    row: number,
    col: number,
    value: PlanCell["value"],
    style?: PlanCell["style"],
    link?: string | null
  ) => {
    // One literal per shape (the same keys, in the same order, as adding them one by one).
    cells.push(
      style
        ? link
          ? { row, col, value, style, link }
          : { row, col, value, style }
        : link
          ? { row, col, value, link }
          : { row, col, value }
    );
  };

  put(0, 0, L("validationTitle"), "title");
  const counts = severityCounts(findings);
  put(1, 0, L("errors"), "error");
  put(1, 1, counts.error, "error");
  put(1, 2, L("warnings"), "warning");
  put(1, 3, counts.warning, "warning");
  put(1, 4, L("infos"), "info");
  put(1, 5, counts.info, "info");

  const headers = [
    L("severity"),
    L("rule"),
    L("table"),
    L("row"),
    L("column"),
    L("no"),
    L("message"),
    L("cell"),
    L("severityId"),
  ];
  headers.forEach((h, i) => put(VALIDATION_HEADER_ROW, i, h, "header"));
  if (findings.length === 0) put(VALIDATION_HEADER_ROW + 1, 0, L("noFindings"), "note");
  const lookups = new FindingCells(tables);
  findings.forEach((f, i) => {
    const row = VALIDATION_HEADER_ROW + 1 + i;
    const link = linkOf(f, lookups);
    put(row, 0, severityLabel(language, f.severity), f.severity);
    put(row, 1, f.rule);
    put(row, 2, f.table);
    // The row as Excel numbers it on the sheet (the link beside it goes there); the table index where no place is known.
    put(row, 3, f.sheetRow ?? f.row);
    put(row, 4, f.column);
    put(row, 5, f.key);
    put(row, 6, f.message, link ? "link" : undefined, link);
    // Read by the conditional formats that highlight the finding's cell (plan/marks.ts).
    put(row, 7, keyOf(f, lookups));
    put(row, 8, f.severity);
  });

  // What the sheet holds, for a host that patches it in place (validation-update.ts).
  cells.push(digestCell(cells));
  const last = VALIDATION_HEADER_ROW + Math.max(1, findings.length);
  return {
    name: VALIDATION_SHEET,
    owned: true,
    cells,
    tables: [],
    charts: [],
    columnWidths: [12, 28, 16, 8, 20, 10, 100, 18, 10],
    freeze: { rows: VALIDATION_HEADER_ROW + 1, cols: 0 },
    print: {
      area: { from: { row: 0, col: 0 }, to: { row: last, col: headers.length - 1 } },
      landscape: true,
      fitToWidth: true,
      repeatRows: { from: VALIDATION_HEADER_ROW, to: VALIDATION_HEADER_ROW },
    },
  };
}
