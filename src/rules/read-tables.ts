/**
 * Forgiving reading of the raw planner tables for the rules: reference tables become
 * indexes (Maps), each Measures row becomes a MeasureRow, and nothing here throws or judges.
 * The rule families (integrity, committees, timelines, progress) judge; see README.md.
 */
import {
  cellText,
  isBlankRow,
  readsAsEmpty,
  readList,
  readNumber,
  readYear,
  type NumberRead,
  type YearRead,
} from "../model/cells";
import { BUILTIN_TIMEFRAMES, COMMITTEES } from "../model/builtin";
import { CommitteeIndex, committeeKey } from "../model/committees";
import {
  columnIndex,
  findTable,
  headerKey,
  TABLE_HEADERS,
  type PlannerTables,
  type TableData,
  type TableName,
} from "../model/schema";
import { STATUSES, type Cell, type Committee, type Status } from "../model/types";
import type { Finding, RuleId } from "./finding";

export type FindingParams = Record<string, string | number>;

/** A finding before its message is told: validate() adds severity and message at the end. */
export type Draft = Omit<Finding, "severity" | "message">;

/** Collects drafts; the only way rule modules report anything. */
export class Sink {
  readonly drafts: Draft[] = [];

  add(
    rule: RuleId,
    table: TableName,
    row: number | null,
    column: string | null,
    key: string | null,
    params: FindingParams
  ): void {
    this.drafts.push({ rule, table, row, column, key, params });
  }
}

/** A rule family over the Measures rows: called once per row, then once at the end. */
export interface MeasureChecker {
  measure(m: MeasureRow): void;
  finish(measureCount: number): void;
}

/** One data row of a table as read: its 1-based row number and cells by contract header. */
export interface RawRow {
  row: number;
  /** Cells in contract-header order (TABLE_HEADERS[name]); a missing column reads as null. */
  cells: Cell[];
}

/** Key for codes (goals, strategies, committees, measure No.): trimmed, case- and space-insensitive. */
export function codeKey(text: string): string {
  return headerKey(text);
}

/** Key for timeframe names: case, spacing and dash style ignored ("Short- to Medium-term"). */
export function timeframeKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\u200b\u00a0]+/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-");
}

const STATUS_BY_KEY: ReadonlyMap<string, Status> = new Map(STATUSES.map((s) => [headerKey(s), s]));

function cellAt(row: unknown, index: number): Cell {
  if (index < 0 || !Array.isArray(row)) return null;
  const v: unknown = row[index];
  if (v === undefined) return null;
  return v as Cell;
}

function rowIsBlank(row: unknown): boolean {
  return !Array.isArray(row) || isBlankRow(row);
}

/**
 * The non-blank rows of a table, each with its real 1-based row number, cells in contract
 * order. Blank rows (every cell blank) are skipped but still counted; extra columns ignored.
 */
export function readRows(table: TableData | undefined, name: TableName): RawRow[] {
  if (!table) return [];
  const rows: unknown = table.rows;
  if (!Array.isArray(rows)) return [];
  const headers = Array.isArray(table.headers) ? table : { ...table, headers: [] as string[] };
  const idx = TABLE_HEADERS[name].map((h) => columnIndex(headers, h));
  const out: RawRow[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    if (rowIsBlank(row)) continue;
    const cells: Cell[] = new Array<Cell>(idx.length);
    for (let c = 0; c < idx.length; c++) cells[c] = cellAt(row, idx[c]);
    out.push({ row: r + 1, cells });
  }
  return out;
}

function col(name: TableName, header: string): number {
  return TABLE_HEADERS[name].indexOf(header);
}

// ---------------------------------------------------------------------------------------
// Reference tables

export interface GoalRef {
  row: number;
  code: string;
}

export interface StrategyRef {
  row: number;
  code: string;
  goal: string;
  goalKey: string;
}

export interface CommitteeRef {
  row: number;
  code: string;
  name: string;
  nameKm: string;
  expected: NumberRead;
}

export interface TimeframeRef {
  row: number;
  name: string;
  from: YearRead;
  to: YearRead;
}

export interface ResponsibilityRef {
  row: number;
  goal: string;
  /** Known in Goals (true), unknown (false), or Goals not provided (null). */
  goalKnown: boolean | null;
  committee: string;
  /** The resolved committee code, or null. */
  committeeCode: string | null;
  role: string;
  roleKind: "Lead" | "Support" | null;
}

export interface SettingRef {
  row: number;
  name: string;
  value: Cell;
}

export interface GoalResponsibilities {
  leads: Set<string>;
  /** Support committee codes in table order, without repeats. */
  supports: string[];
}

/** The reference tables a Measures column points into: reference-missing speaks of these. */
export const MEASURE_REFERENCE_TABLES = [
  "Goals",
  "Strategies",
  "Committees",
  "Timeframes",
] as const;
export type MeasureReferenceTable = (typeof MEASURE_REFERENCE_TABLES)[number];

/** How a reference table was given: absent, present with no non-blank row, or with rows. */
export type ReferenceState = "absent" | "empty" | "rows";

/**
 * The years taken as the framework period when the Framework table gives no Period start or
 * Period end: wide enough for any plan, narrow enough that 1900 or 2999 is a typing slip.
 */
export const ASSUMED_PERIOD = { start: 2000, end: 2100 } as const;

/** The `against: "built-in"` param of a check made against built-in names (no table); none otherwise. */
export function against(source: "table" | "built-in"): Record<string, string> {
  return source === "built-in" ? { against: "built-in" } : {};
}

export interface RuleContext {
  asOfYear: number;
  /** Per reference table of Measures: absent, empty or with rows (reference-missing). */
  referenceState: Record<MeasureReferenceTable, ReferenceState>;
  /**
   * Where committee names and timeframe names are checked against: the workbook's table, or,
   * when that table is absent or empty, the built-in committees / timeframe names.
   */
  committeeSource: "table" | "built-in";
  timeframeSource: "table" | "built-in";
  /** Per reference table: its non-blank rows, or null when the table is absent or has none. */
  goalRows: GoalRef[] | null;
  strategyRows: StrategyRef[] | null;
  committeeRows: CommitteeRef[] | null;
  timeframeRows: TimeframeRef[] | null;
  responsibilityRows: ResponsibilityRef[] | null;
  settingRows: SettingRef[] | null;
  /** Indexes by key (first occurrence wins); null when the table is not provided. */
  goals: Map<string, GoalRef> | null;
  strategies: Map<string, StrategyRef> | null;
  committees: Map<string, CommitteeRef> | null;
  committeeIndex: CommitteeIndex | null;
  timeframes: Map<string, TimeframeRef> | null;
  /** By goal key; null when Responsibilities or Committees is not provided. */
  responsibilities: Map<string, GoalResponsibilities> | null;
  /** Framework settings by setting key (first occurrence wins); empty when no Framework table. */
  settings: Map<string, SettingRef>;
  /**
   * The framework period; a bound the Framework table does not give is ASSUMED_PERIOD's, and
   * `assumed` says which ("start", "end", "both"). null when Period start is after Period end
   * (reference-invalid says so once, rather than every year being out of period).
   */
  period: { start: number; end: number; assumed: "start" | "end" | "both" | null } | null;
  /** Memo of committee text → resolved code, so repeated names resolve once. */
  resolveCommittee(text: string): string | null;
  /** The committee's display names for messages (code when unknown). */
  committeeNames(code: string): { name: string; nameKm: string };
}

function nonEmpty<T>(rows: T[]): T[] | null {
  return rows.length > 0 ? rows : null;
}

function firstByKey<T>(rows: T[] | null, keyOf: (t: T) => string): Map<string, T> | null {
  if (!rows) return null;
  const m = new Map<string, T>();
  for (const r of rows) {
    const k = keyOf(r);
    if (k !== "" && !m.has(k)) m.set(k, r);
  }
  return m;
}

export function settingKey(text: string): string {
  return headerKey(text);
}

function readYearSetting(settings: Map<string, SettingRef>, name: string): number | null {
  const s = settings.get(settingKey(name));
  if (!s) return null;
  const y = readYear(s.value);
  return y.kind === "year" ? y.year : null;
}

function validAsOf(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= 1000 && value <= 9999
    ? value
    : null;
}

export interface ReadOptions {
  asOfYear?: number;
}

/** Reads every reference table into indexes. Never throws. */
export function readContext(tables: PlannerTables, options: ReadOptions = {}): RuleContext {
  const t = (name: TableName) => findTable(tables as Record<string, TableData | undefined>, name);

  const goalRows = nonEmpty(
    readRows(t("Goals"), "Goals").map((r) => ({
      row: r.row,
      code: cellText(r.cells[col("Goals", "Code")]),
    }))
  );
  const strategyRows = nonEmpty(
    readRows(t("Strategies"), "Strategies").map((r) => {
      const goal = cellText(r.cells[col("Strategies", "Goal")]);
      return {
        row: r.row,
        code: cellText(r.cells[col("Strategies", "Code")]),
        goal,
        goalKey: codeKey(goal),
      };
    })
  );
  const committeeRows = nonEmpty(
    readRows(t("Committees"), "Committees").map((r) => ({
      row: r.row,
      code: cellText(r.cells[col("Committees", "Code")]),
      name: cellText(r.cells[col("Committees", "Committee")]),
      nameKm: cellText(r.cells[col("Committees", "Committee (Khmer)")]),
      aliases: readList(r.cells[col("Committees", "Aliases")]),
      expected: readNumber(r.cells[col("Committees", "Expected measures")]),
    }))
  );
  const timeframeRows = nonEmpty(
    readRows(t("Timeframes"), "Timeframes").map((r) => ({
      row: r.row,
      name: cellText(r.cells[col("Timeframes", "Timeframe")]),
      from: readYear(r.cells[col("Timeframes", "From year")]),
      to: readYear(r.cells[col("Timeframes", "To year")]),
    }))
  );
  const settingRows = nonEmpty(
    readRows(t("Framework"), "Framework").map((r) => ({
      row: r.row,
      name: cellText(r.cells[col("Framework", "Setting")]),
      value: r.cells[col("Framework", "Value")],
    }))
  );

  const goals = firstByKey(goalRows, (g) => codeKey(g.code));
  const strategies = firstByKey(strategyRows, (s) => codeKey(s.code));
  const committees = firstByKey(committeeRows, (c) => codeKey(c.code));
  // No Timeframes table: names are still checked, against the built-in names; their windows are
  // the table's to give, so the built-in ones carry none (no timeframe-mismatch without a table).
  const timeframes =
    firstByKey(timeframeRows, (x) => timeframeKey(x.name)) ??
    firstByKey(
      BUILTIN_TIMEFRAMES.map((b): TimeframeRef => ({
        row: 0,
        name: b.name,
        from: { kind: "blank" },
        to: { kind: "blank" },
      })),
      (x) => timeframeKey(x.name)
    );

  let committeeIndex: CommitteeIndex | null = null;
  if (committeeRows) {
    const list: Committee[] = [];
    for (const c of committeeRows) {
      // Only the first row of each code: resolved codes are then canonical and unique.
      if (c.code === "" || committees?.get(codeKey(c.code)) !== c) continue;
      list.push({
        code: c.code,
        name: c.name,
        nameKm: c.nameKm,
        aliases: c.aliases,
        expectedMeasures: null,
      });
    }
    committeeIndex = new CommitteeIndex(list);
  } else {
    // No Committees table: names are still checked, against the built-in committees.
    committeeIndex = new CommitteeIndex(COMMITTEES);
  }
  const memo = new Map<string, string | null>();
  const resolveCommittee = (text: string): string | null => {
    if (!committeeIndex) return null;
    const hit = memo.get(text);
    if (hit !== undefined) return hit;
    const code = committeeIndex.resolve(text);
    memo.set(text, code);
    return code;
  };
  const committeeNames = (code: string): { name: string; nameKm: string } => {
    const c = committees
      ? committees.get(codeKey(code))
      : COMMITTEES.find((b) => codeKey(b.code) === codeKey(code));
    const name = c && c.name !== "" ? c.name : code;
    return { name, nameKm: c && c.nameKm !== "" ? c.nameKm : name };
  };

  const responsibilityRows = nonEmpty(
    readRows(t("Responsibilities"), "Responsibilities").map((r): ResponsibilityRef => {
      const goal = cellText(r.cells[col("Responsibilities", "Goal")]);
      const committee = cellText(r.cells[col("Responsibilities", "Committee")]);
      const role = cellText(r.cells[col("Responsibilities", "Role")]);
      const roleKey = role.toLowerCase();
      return {
        row: r.row,
        goal,
        goalKnown: goals ? goals.has(codeKey(goal)) : null,
        committee,
        committeeCode: committee === "" ? null : resolveCommittee(committee),
        role,
        roleKind: roleKey === "lead" ? "Lead" : roleKey === "support" ? "Support" : null,
      };
    })
  );
  let responsibilities: Map<string, GoalResponsibilities> | null = null;
  if (responsibilityRows && committeeIndex) {
    responsibilities = new Map();
    for (const r of responsibilityRows) {
      if (r.goal === "" || r.goalKnown === false || r.committeeCode === null || r.roleKind === null)
        continue;
      const gk = codeKey(r.goal);
      let entry = responsibilities.get(gk);
      if (!entry) {
        entry = { leads: new Set(), supports: [] };
        responsibilities.set(gk, entry);
      }
      if (r.roleKind === "Lead") entry.leads.add(r.committeeCode);
      else if (!entry.supports.includes(r.committeeCode)) entry.supports.push(r.committeeCode);
    }
  }

  const settings = new Map<string, SettingRef>();
  for (const s of settingRows ?? []) {
    const k = settingKey(s.name);
    if (k !== "" && !settings.has(k)) settings.set(k, s);
  }
  const periodStart = readYearSetting(settings, "Period start");
  const periodEnd = readYearSetting(settings, "Period end");
  const periodBroken = periodStart !== null && periodEnd !== null && periodStart > periodEnd;
  const period = periodBroken
    ? null
    : {
        start: periodStart ?? Math.min(ASSUMED_PERIOD.start, periodEnd ?? ASSUMED_PERIOD.start),
        end: periodEnd ?? Math.max(ASSUMED_PERIOD.end, periodStart ?? ASSUMED_PERIOD.end),
        assumed:
          periodStart === null && periodEnd === null
            ? ("both" as const)
            : periodStart === null
              ? ("start" as const)
              : periodEnd === null
                ? ("end" as const)
                : null,
      };

  const asOfYear =
    validAsOf(options.asOfYear) ??
    readYearSetting(settings, "As of year") ??
    new Date().getFullYear();

  const stateOf = (name: MeasureReferenceTable, rows: unknown[] | null): ReferenceState =>
    rows ? "rows" : t(name) ? "empty" : "absent";

  return {
    asOfYear,
    referenceState: {
      Goals: stateOf("Goals", goalRows),
      Strategies: stateOf("Strategies", strategyRows),
      Committees: stateOf("Committees", committeeRows),
      Timeframes: stateOf("Timeframes", timeframeRows),
    },
    committeeSource: committeeRows ? "table" : "built-in",
    timeframeSource: timeframeRows ? "table" : "built-in",
    goalRows,
    strategyRows,
    committeeRows,
    timeframeRows,
    responsibilityRows,
    settingRows,
    goals,
    strategies,
    committees,
    committeeIndex,
    timeframes,
    responsibilities,
    settings,
    period,
    resolveCommittee,
    committeeNames,
  };
}

// ---------------------------------------------------------------------------------------
// Measures

export interface CommitteeMention {
  text: string;
  /** Resolved code, or null (unknown, or Committees not provided). */
  code: string | null;
  /** committeeKey of the text, to compare unresolved mentions. */
  key: string;
}

export interface MeasureRow {
  row: number;
  /** The No. as text ("" when blank); `key` of findings is this or null. */
  no: string;
  goal: string;
  goalKey: string;
  strategy: string;
  strategyRef: StrategyRef | null;
  /** The Measure text is blank (its text is not otherwise needed). */
  measureBlank: boolean;
  lead: CommitteeMention | null;
  others: CommitteeMention[];
  timeframe: string;
  timeframeRef: TimeframeRef | null;
  start: YearRead;
  end: YearRead;
  statusText: string;
  status: Status | null;
  progress: NumberRead;
  progressText: string;
}

/** Trimmed, space-collapsed text, as cellText, with a fast path for strings that need no change. */
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;
function text(cell: Cell): string {
  if (typeof cell === "string") {
    const t = cell.trim();
    return NEEDS_COLLAPSE.test(t) ? cellText(t) : t;
  }
  return cellText(cell);
}

const textIsBlank = readsAsEmpty;

/** Memoises a reading by the raw string or number; other cell types are read each time. */
function memo<T>(read: (cell: Cell) => T): (cell: Cell) => T {
  const seen = new Map<string | number, T>();
  return (cell) => {
    if (typeof cell !== "string" && typeof cell !== "number") return read(cell);
    let v = seen.get(cell);
    if (v === undefined && !seen.has(cell)) {
      v = read(cell);
      seen.set(cell, v);
    }
    return v as T;
  };
}

const MEASURE_COLUMNS = [
  "No.",
  "Goal",
  "Strategy",
  "Measure",
  "Lead committee",
  "Other committees",
  "Timeframe",
  "Start year",
  "End year",
  "Status",
  "Progress %",
] as const;

/**
 * Reads the Measures rows, resolving references through the context's indexes. One pass;
 * readings of repeated values (goal, strategy, committees, timeframe, status) are memoised.
 */
export function readMeasures(table: TableData | undefined, ctx: RuleContext): MeasureRow[] {
  if (!table || !Array.isArray(table.rows)) return [];
  const read = measureReader(table, ctx);
  const rows: unknown[] = table.rows;
  const out: MeasureRow[] = [];
  for (let r = 0; r < rows.length; r++) {
    const m = read(rows[r], r + 1);
    if (m) out.push(m);
  }
  return out;
}

/**
 * A reader of single Measures rows under the table's headers: the row as a MeasureRow
 * numbered `row`, or null when every cell is blank. Its memos last as long as the reader
 * (the incremental engine keeps one per context).
 */
export function measureReader(
  table: Pick<TableData, "headers">,
  ctx: RuleContext
): (row: unknown, rowNumber: number) => MeasureRow | null {
  const headed: Pick<TableData, "headers"> = Array.isArray(table.headers) ? table : { headers: [] };
  const [
    iNo,
    iGoal,
    iStrategy,
    iMeasure,
    iLead,
    iOthers,
    iTimeframe,
    iStart,
    iEnd,
    iStatus,
    iProgress,
  ] = MEASURE_COLUMNS.map((h) => columnIndex(headed, h));

  const mention = memo((cell): CommitteeMention => {
    const t = text(cell);
    return { text: t, code: ctx.resolveCommittee(t), key: committeeKey(t) };
  });
  const readGoal = memo((cell) => {
    const t = text(cell);
    return { text: t, key: codeKey(t) };
  });
  const readStrategy = memo((cell) => {
    const t = text(cell);
    return {
      text: t,
      ref: t !== "" && ctx.strategies ? (ctx.strategies.get(codeKey(t)) ?? null) : null,
    };
  });
  const readLead = memo((cell) => (textIsBlank(cell) ? null : mention(text(cell))));
  const readOthers = memo((cell) => readList(cell).map((t) => mention(t)));
  const readTimeframe = memo((cell) => {
    const t = text(cell);
    return {
      text: t,
      ref: t !== "" && ctx.timeframes ? (ctx.timeframes.get(timeframeKey(t)) ?? null) : null,
    };
  });
  const readStatus = memo((cell) => {
    const t = text(cell);
    return { text: t, status: STATUS_BY_KEY.get(headerKey(t)) ?? null };
  });
  const readYearMemo = memo(readYear);
  const readProgress = memo((cell) => ({
    read: readNumber(cell),
    text: typeof cell === "number" ? String(cell) : text(cell),
  }));

  return (row, rowNumber) => {
    if (rowIsBlank(row)) return null;
    const goal = readGoal(cellAt(row, iGoal));
    const strategy = readStrategy(cellAt(row, iStrategy));
    const timeframe = readTimeframe(cellAt(row, iTimeframe));
    const status = readStatus(cellAt(row, iStatus));
    const progress = readProgress(cellAt(row, iProgress));
    return {
      row: rowNumber,
      no: text(cellAt(row, iNo)),
      goal: goal.text,
      goalKey: goal.key,
      strategy: strategy.text,
      strategyRef: strategy.ref,
      measureBlank: textIsBlank(cellAt(row, iMeasure)),
      lead: readLead(cellAt(row, iLead)),
      others: readOthers(cellAt(row, iOthers)),
      timeframe: timeframe.text,
      timeframeRef: timeframe.ref,
      start: readYearMemo(cellAt(row, iStart)),
      end: readYearMemo(cellAt(row, iEnd)),
      statusText: status.text,
      status: status.status,
      progress: progress.read,
      progressText: progress.text,
    };
  };
}

/** The finding key of a measure row. */
export function measureKey(m: MeasureRow): string | null {
  return m.no === "" ? null : m.no;
}
