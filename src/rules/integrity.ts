/** Integrity rules: keys, required cells, goal/strategy references, counts, reference tables. See README.md. */
import { measureNoKey, readNumber, readYear, type NumberRead, type YearRead } from "../model/cells";
import { columnIndex, type TableName } from "../model/schema";
import {
  against,
  codeKey,
  MEASURE_REFERENCE_TABLES,
  measureKey,
  settingKey,
  timeframeKey,
  type MeasureChecker,
  type MeasureReferenceTable,
  type MeasureRow,
  type RuleContext,
  type Sink,
} from "./read-tables";

/** The Measures columns that must not be blank (required-missing), in contract order. */
export const REQUIRED_COLUMNS = [
  "Goal",
  "Strategy",
  "Measure",
  "Lead committee",
  "Timeframe",
  "Start year",
  "End year",
  "Status",
] as const;

/** The Measures columns whose absence column-missing reports once: the key and the required ones. */
export const ESSENTIAL_COLUMNS = ["No.", ...REQUIRED_COLUMNS] as const;

/** The essential columns the Measures headers do not have (renamed or deleted), in contract order. */
export function absentColumns(headers: readonly unknown[]): string[] {
  const table = {
    headers: Array.isArray(headers)
      ? headers.map((h) => (typeof h === "string" ? h : String(h ?? "")))
      : [],
  };
  return ESSENTIAL_COLUMNS.filter((c) => columnIndex(table, c) < 0);
}

/** column-missing: one finding naming every absent essential column (its rows then skip key-missing/required-missing for them). */
export function columnMissingFinding(absent: readonly string[], sink: Sink): void {
  if (absent.length > 0)
    sink.add("column-missing", "Measures", null, null, null, {
      columns: absent.join(", "),
      count: absent.length,
    });
}

function wholeCount(n: NumberRead): number | null {
  return n.kind === "number" && Number.isInteger(n.value) && n.value >= 0 ? n.value : null;
}

function readableCount(n: NumberRead): boolean {
  return n.kind === "blank" || wholeCount(n) !== null;
}

function yearOrNull(y: YearRead): number | null {
  return y.kind === "year" ? y.year : null;
}

function countText(n: NumberRead): string {
  return n.kind === "invalid" ? n.text : n.kind === "number" ? String(n.value) : "";
}

/** reference-invalid over the reference tables (Framework, Goals, Strategies, Committees, Timeframes, Responsibilities). */
export function checkReferences(ctx: RuleContext, sink: Sink): void {
  const bad = (
    table: TableName,
    row: number,
    column: string,
    params: Record<string, string | number>
  ) => sink.add("reference-invalid", table, row, column, null, params);

  const uniqueCodes = <T extends { row: number }>(
    table: TableName,
    column: string,
    rows: T[] | null,
    text: (t: T) => string,
    key: (s: string) => string
  ) => {
    const first = new Map<string, number>();
    for (const r of rows ?? []) {
      const value = text(r);
      if (value === "") {
        bad(table, r.row, column, { problem: "value-missing", field: column });
        continue;
      }
      const k = key(value);
      const firstRow = first.get(k);
      if (firstRow === undefined) first.set(k, r.row);
      else
        bad(table, r.row, column, { problem: "value-duplicate", field: column, value, firstRow });
    }
  };

  uniqueCodes("Goals", "Code", ctx.goalRows, (g) => g.code, codeKey);

  uniqueCodes("Strategies", "Code", ctx.strategyRows, (s) => s.code, codeKey);
  for (const s of ctx.strategyRows ?? []) {
    if (s.goal === "")
      bad("Strategies", s.row, "Goal", { problem: "value-missing", field: "Goal" });
    else if (ctx.goals && !ctx.goals.has(s.goalKey))
      bad("Strategies", s.row, "Goal", {
        problem: "strategy-goal-unknown",
        strategy: s.code,
        goal: s.goal,
      });
  }

  uniqueCodes("Committees", "Code", ctx.committeeRows, (c) => c.code, codeKey);
  for (const c of ctx.committeeRows ?? []) {
    if (!readableCount(c.expected)) {
      bad("Committees", c.row, "Expected measures", {
        problem: "number-unreadable",
        field: "Expected measures",
        value: countText(c.expected),
      });
    }
  }

  uniqueCodes("Timeframes", "Timeframe", ctx.timeframeRows, (t) => t.name, timeframeKey);
  for (const t of ctx.timeframeRows ?? []) {
    if (t.from.kind === "invalid")
      bad("Timeframes", t.row, "From year", {
        problem: "year-unreadable",
        field: "From year",
        value: t.from.text,
      });
    if (t.to.kind === "invalid")
      bad("Timeframes", t.row, "To year", {
        problem: "year-unreadable",
        field: "To year",
        value: t.to.text,
      });
    const from = yearOrNull(t.from);
    const to = yearOrNull(t.to);
    if (from !== null && to !== null && from > to)
      bad("Timeframes", t.row, "From year", {
        problem: "timeframe-order",
        timeframe: t.name,
        from,
        to,
      });
  }

  for (const r of ctx.responsibilityRows ?? []) {
    if (r.goal === "")
      bad("Responsibilities", r.row, "Goal", { problem: "value-missing", field: "Goal" });
    else if (r.goalKnown === false)
      bad("Responsibilities", r.row, "Goal", {
        problem: "responsibility-goal-unknown",
        goal: r.goal,
      });
    if (r.committee === "")
      bad("Responsibilities", r.row, "Committee", { problem: "value-missing", field: "Committee" });
    else if (ctx.committeeIndex && r.committeeCode === null)
      bad("Responsibilities", r.row, "Committee", {
        problem: "responsibility-committee-unknown",
        committee: r.committee,
        ...against(ctx.committeeSource),
      });
    if (r.role === "")
      bad("Responsibilities", r.row, "Role", { problem: "value-missing", field: "Role" });
    else if (r.roleKind === null)
      bad("Responsibilities", r.row, "Role", { problem: "role-invalid", role: r.role });
  }

  // Framework settings: the ones the rules read must be readable.
  const yearSetting = (name: string): number | null => {
    const s = ctx.settings.get(settingKey(name));
    if (!s) return null;
    const y = readYear(s.value);
    if (y.kind === "invalid")
      bad("Framework", s.row, "Value", { problem: "year-unreadable", field: name, value: y.text });
    return yearOrNull(y);
  };
  const start = yearSetting("Period start");
  const end = yearSetting("Period end");
  yearSetting("As of year");
  if (start !== null && end !== null && start > end) {
    const s = ctx.settings.get(settingKey("Period start"));
    if (s) bad("Framework", s.row, "Value", { problem: "period-order", start, end });
  }
  const expected = ctx.settings.get(settingKey("Expected measures"));
  if (expected) {
    const n = readNumber(expected.value);
    if (!readableCount(n))
      bad("Framework", expected.row, "Value", {
        problem: "number-unreadable",
        field: "Expected measures",
        value: countText(n),
      });
  }
}

/** Per reference table, the number of measures whose cells point into it (a non-blank Goal, …). */
export type ReferringCounts = Record<MeasureReferenceTable, number>;

export function noReferringCounts(): ReferringCounts {
  return { Goals: 0, Strategies: 0, Committees: 0, Timeframes: 0 };
}

/** Adds `by` (1, or -1 to take a row back) for each reference table the measure points into. */
export function countReferring(m: MeasureRow, counts: ReferringCounts, by: 1 | -1): void {
  if (m.goal !== "") counts.Goals += by;
  if (m.strategy !== "") counts.Strategies += by;
  if (m.lead !== null || m.others.length > 0) counts.Committees += by;
  if (m.timeframe !== "") counts.Timeframes += by;
}

/** The Measures column whose codes a reference table holds: where reference-missing is placed. */
function referringColumn(table: MeasureReferenceTable, absent: readonly string[]): string {
  if (table === "Goals") return "Goal";
  if (table === "Strategies") return "Strategy";
  if (table === "Timeframes") return "Timeframe";
  return absent.includes("Lead committee") ? "Other committees" : "Lead committee";
}

/**
 * reference-missing: one finding per reference table that is absent or empty while some measure
 * points into it (its codes cannot be checked; committees and timeframes fall back to the
 * built-in ones). Placed on Measures, table-wide, in the column that points into the table.
 */
export function referenceMissingFindings(
  ctx: RuleContext,
  referring: ReferringCounts,
  absent: readonly string[],
  sink: Sink
): void {
  for (const table of MEASURE_REFERENCE_TABLES) {
    const state = ctx.referenceState[table];
    if (state === "rows" || referring[table] === 0) continue;
    sink.add("reference-missing", "Measures", null, referringColumn(table, absent), null, {
      table,
      state,
      ...(table === "Committees" || table === "Timeframes" ? { against: "built-in" } : {}),
    });
  }
}

/** key-missing, key-duplicate, required-missing, goal-unknown, strategy-unknown, strategy-goal-mismatch, measure-count. */
export function integrityChecker(
  ctx: RuleContext,
  sink: Sink,
  absent: readonly string[] = []
): MeasureChecker {
  const firstRowOf = new Map<string, number>();
  const referring = noReferringCounts();
  const absentSet = new Set(absent);
  const missing = (
    m: MeasureRow,
    key: string | null,
    column: (typeof REQUIRED_COLUMNS)[number]
  ) => {
    if (!absentSet.has(column))
      sink.add("required-missing", "Measures", m.row, column, key, { column });
  };
  return {
    measure(m) {
      const key = measureKey(m);
      countReferring(m, referring, 1);
      if (m.no === "") {
        if (!absentSet.has("No.")) sink.add("key-missing", "Measures", m.row, "No.", null, {});
      } else {
        const k = duplicateKey(m.no);
        const first = firstRowOf.get(k);
        if (first === undefined) firstRowOf.set(k, m.row);
        else
          sink.add("key-duplicate", "Measures", m.row, "No.", key, { no: m.no, firstRow: first });
      }

      if (m.goal === "") missing(m, key, "Goal");
      if (m.strategy === "") missing(m, key, "Strategy");
      if (m.measureBlank) missing(m, key, "Measure");
      if (m.lead === null) missing(m, key, "Lead committee");
      if (m.timeframe === "") missing(m, key, "Timeframe");
      if (m.start.kind === "blank") missing(m, key, "Start year");
      if (m.end.kind === "blank") missing(m, key, "End year");
      if (m.statusText === "") missing(m, key, "Status");

      if (m.goal !== "" && ctx.goals && !ctx.goals.has(m.goalKey))
        sink.add("goal-unknown", "Measures", m.row, "Goal", key, { goal: m.goal });
      if (m.strategy !== "" && ctx.strategies && !m.strategyRef)
        sink.add("strategy-unknown", "Measures", m.row, "Strategy", key, { strategy: m.strategy });
      const s = m.strategyRef;
      const goalReadable = m.goal !== "" && (ctx.goals === null || ctx.goals.has(m.goalKey));
      if (s && goalReadable && s.goalKey !== "" && s.goalKey !== m.goalKey) {
        sink.add("strategy-goal-mismatch", "Measures", m.row, "Strategy", key, {
          strategy: m.strategy,
          goal: m.goal,
          strategyGoal: s.goal,
        });
      }
    },
    finish(measureCount) {
      referenceMissingFindings(ctx, referring, absent, sink);
      measureCountFinding(ctx, measureCount, sink);
    },
  };
}

/** measure-count: the number of (non-blank) measures against the framework's Expected measures. */
export function measureCountFinding(ctx: RuleContext, measureCount: number, sink: Sink): void {
  const s = ctx.settings.get(settingKey("Expected measures"));
  if (!s) return;
  const expected = wholeCount(readNumber(s.value));
  if (expected !== null && expected !== measureCount) {
    sink.add("measure-count", "Framework", s.row, "Value", null, { count: measureCount, expected });
  }
}

/** The key the key-duplicate rule compares No. by: the canonical No. ("3", "3.0", "០៣" are one). */
export function duplicateKey(no: string): string {
  return measureNoKey(no);
}
