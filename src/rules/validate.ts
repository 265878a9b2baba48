/**
 * validate(): every rule of DESIGN.md "Findings (validation)" over the raw planner tables.
 * Pure: no Office, DOM or file access. The rules are listed once, in src/rules/README.md.
 */
import { cellAddressOf, sheetRowOf } from "../model/address";
import {
  ALL_TABLE_NAMES,
  findTable,
  TABLE_HEADERS,
  type PlannerTables,
  type TableData,
  type TableName,
} from "../model/schema";
import { committeeChecker } from "./committees";
import { readContext, readMeasures, Sink, type Draft, type MeasureChecker } from "./read-tables";
import { RULE_IDS, RULE_SEVERITY, type Finding, type Language, type RuleId } from "./finding";
import {
  absentColumns,
  checkReferences,
  columnMissingFinding,
  integrityChecker,
} from "./integrity";
import { checkHistory } from "./history";
import { formatFinding } from "./messages";
import { progressChecker } from "./progress";
import { timelineChecker } from "./timelines";

export interface ValidateOptions {
  /** The year "overdue" and "not started late" count from; else the Framework's As of year, else this year. */
  asOfYear?: number;
  /** The language of each finding's `message` (default English); `params` allow re-telling it. */
  language?: Language;
}

const TABLE_ORDER = new Map<string, number>(ALL_TABLE_NAMES.map((t, i) => [t, i]));
const RULE_ORDER = new Map<RuleId, number>(RULE_IDS.map((r, i) => [r, i]));

function columnOrder(table: TableName, column: string | null): number {
  return column === null ? -1 : TABLE_HEADERS[table].indexOf(column);
}

/** Table (contract order), then row (table-wide findings first), then rule order, then column. */
export function compareFindings(
  a: Pick<Finding, "table" | "row" | "rule" | "column">,
  b: Pick<Finding, "table" | "row" | "rule" | "column">
): number {
  return (
    (TABLE_ORDER.get(a.table) ?? 99) - (TABLE_ORDER.get(b.table) ?? 99) ||
    (a.row ?? 0) - (b.row ?? 0) ||
    (RULE_ORDER.get(a.rule) ?? 99) - (RULE_ORDER.get(b.rule) ?? 99) ||
    columnOrder(a.table, a.column) - columnOrder(b.table, b.column)
  );
}

/**
 * All findings for the workbook's tables, sorted by table, row, then rule order.
 * Returns [] when there is no Measures table (the caller says so itself). Never throws.
 */
export function validate(tables: PlannerTables, options: ValidateOptions = {}): Finding[] {
  const safeTables: PlannerTables = tables && typeof tables === "object" ? tables : {};
  const measuresTable = findTable(safeTables as Record<string, TableData | undefined>, "Measures");
  if (!measuresTable) return [];
  const language: Language = options?.language === "km" ? "km" : "en";

  const ctx = readContext(safeTables, { asOfYear: options?.asOfYear });
  const sink = new Sink();
  checkReferences(ctx, sink);
  const absent = absentColumns(Array.isArray(measuresTable.headers) ? measuresTable.headers : []);
  columnMissingFinding(absent, sink);

  const measures = readMeasures(measuresTable, ctx);
  const checkers: MeasureChecker[] = [
    integrityChecker(ctx, sink, absent),
    committeeChecker(ctx, sink),
    timelineChecker(ctx, sink),
    progressChecker(sink),
  ];
  for (const m of measures) for (const c of checkers) c.measure(m);
  for (const c of checkers) c.finish(measures.length);
  checkHistory(
    findTable(safeTables as Record<string, TableData | undefined>, "Progress"),
    measures,
    sink
  );

  const drafts: Draft[] = sink.drafts;
  drafts.sort(compareFindings);
  return drafts.map((d) =>
    toFinding(d, language, findTable(safeTables as Record<string, TableData | undefined>, d.table))
  );
}

/** A draft told as a finding: its severity, its message in the language, and where it sits when the table's location is known. */
export function toFinding(d: Draft, language: Language, table: TableData | undefined): Finding {
  // "already used on row N": the row as the sheet numbers it, like the finding's own cell.
  const firstRow =
    typeof d.params.firstRow === "number" ? sheetRowOf(table, d.params.firstRow) : null;
  if (firstRow !== null) d = { ...d, params: { ...d.params, firstRow } };
  const f: Finding = {
    rule: d.rule,
    severity: RULE_SEVERITY[d.rule],
    table: d.table,
    row: d.row,
    column: d.column,
    key: d.key,
    message: formatFinding(d, language),
    params: d.params,
  };
  return placed(f, table);
}

/** The finding with its sheetRow and cell for its row in the table (none without a location). */
export function placed(f: Finding, table: TableData | undefined): Finding {
  const sheetRow = sheetRowOf(table, f.row);
  const cell = cellAddressOf(table, f.row, f.column);
  if (sheetRow !== null) f.sheetRow = sheetRow;
  else delete f.sheetRow;
  if (cell !== null) f.cell = cell;
  else delete f.cell;
  return f;
}
