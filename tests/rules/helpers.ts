/** Minimal hand-made planner tables for rule tests. */
import {
  TABLE_HEADERS,
  type PlannerTables,
  type TableData,
  type TableName,
} from "../../src/model/schema";
import type { Cell } from "../../src/model/types";
import type { Finding, RuleId } from "../../src/rules/finding";
import { validate, type ValidateOptions } from "../../src/rules/validate";

export const DGC_KM = "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល";
export const DEBC_KM = "គណៈកម្មាធិការសេដ្ឋកិច្ច និងធុរកិច្ចឌីជីថល";
export const DSC_KM = "គណៈកម្មាធិការសន្តិសុខឌីជីថល";

type MeasureHeader = (typeof TABLE_HEADERS)["Measures"][number];
export type MeasureFields = Partial<Record<MeasureHeader, Cell>>;

export function table(
  name: TableName,
  rows: Cell[][],
  headers: readonly string[] = TABLE_HEADERS[name]
): TableData {
  return { name, headers: [...headers], rows };
}

/** A clean measure: goal G1, strategy S1, led by DGC with DSC (G1's support), Medium-term 2026–2030, On track. */
export function measure(fields: MeasureFields = {}): Cell[] {
  const base: Record<MeasureHeader, Cell> = {
    "No.": "1",
    Goal: "G1",
    Strategy: "S1",
    Measure: "Build the national data exchange",
    "Lead committee": "DGC",
    "Other committees": "DSC",
    Institutions: "MPTC; MEF",
    Timeframe: "Medium-term",
    "Start year": 2026,
    "End year": 2030,
    Status: "On track",
    "Progress %": 10,
    Indicator: "",
    Target: "",
    Notes: "",
  };
  const merged = { ...base, ...fields };
  return TABLE_HEADERS.Measures.map((h) => merged[h as MeasureHeader] ?? null);
}

export function referenceTables(): Required<Omit<PlannerTables, "Measures" | "Progress">> {
  return {
    Framework: table("Framework", [
      ["Name", "Test framework"],
      ["Period start", 2021],
      ["Period end", 2035],
      ["As of year", 2026],
      ["Expected measures", null],
    ]),
    Goals: table("Goals", [
      ["G1", "Goal one", "គោលដៅទី១"],
      ["G2", "Goal two", "គោលដៅទី២"],
    ]),
    Strategies: table("Strategies", [
      ["S1", "G1", "Strategy one"],
      ["S2", "G2", "Strategy two"],
    ]),
    Committees: table("Committees", [
      ["DGC", "Digital Government Committee", DGC_KM, "Committee on Digital Government; GDC", null],
      [
        "DEBC",
        "Digital Economy and Business Committee",
        DEBC_KM,
        "Committee on Digital Economy and Business",
        null,
      ],
      ["DSC", "Digital Security Committee", DSC_KM, "Committee on Digital Security", null],
    ]),
    Timeframes: table("Timeframes", [
      ["Short-term", 2021, 2025],
      ["Medium-term", 2026, 2030],
      ["Long-term", 2031, 2035],
    ]),
    Responsibilities: table("Responsibilities", [
      ["G1", "DGC", "Lead"],
      ["G1", "DSC", "Support"],
      ["G2", "DEBC", "Lead"],
    ]),
  };
}

/** Reference tables plus a Measures table of the given rows. */
export function tables(rows: Cell[][], patch: PlannerTables = {}): PlannerTables {
  return { ...referenceTables(), Measures: table("Measures", rows), ...patch };
}

export function run(t: PlannerTables, options: ValidateOptions = {}): Finding[] {
  return validate(t, options);
}

/** Findings as compact [rule, table, row, column] tuples. */
export function brief(findings: Finding[]): Array<[RuleId, string, number | null, string | null]> {
  return findings.map((f) => [f.rule, f.table, f.row, f.column]);
}

export function ofRule(findings: Finding[], rule: RuleId): Finding[] {
  return findings.filter((f) => f.rule === rule);
}
