import { cellText, readList, readNumber, readYear, readsAsEmpty } from "./cells";
import {
  columnIndex,
  findTable,
  TABLE_HEADERS,
  type PlannerTables,
  type SetupTableName,
  type TableData,
  type TableName,
} from "./schema";
import type {
  Cell,
  Committee,
  Framework,
  FrameworkSettings,
  Goal,
  Measure,
  Responsibility,
  Role,
  Strategy,
  Timeframe,
} from "./types";

const LIST_SEPARATOR = "; ";
const ROLES: readonly Role[] = ["Lead", "Support"];

export function measureToRow(m: Measure): Cell[] {
  return [
    m.no,
    m.goal,
    m.strategy,
    m.measure,
    m.leadCommittee,
    m.otherCommittees.join(LIST_SEPARATOR),
    m.institutions.join(LIST_SEPARATOR),
    m.timeframe,
    m.startYear,
    m.endYear,
    m.status,
    m.progress,
    m.indicator,
    m.target,
    m.notes,
  ];
}

/** The seven planner tables of a framework, headers as the contract names them. */
export function frameworkToTables(f: Framework): Record<SetupTableName, TableData> {
  const s = f.settings;
  const table = (name: SetupTableName, rows: Cell[][]): TableData => ({
    name,
    headers: [...TABLE_HEADERS[name]],
    rows,
  });
  return {
    Framework: table("Framework", [
      ["Name", s.name],
      ["Period start", s.periodStart],
      ["Period end", s.periodEnd],
      ["As of year", s.asOfYear],
      ["Expected measures", s.expectedMeasures],
    ]),
    Goals: table(
      "Goals",
      f.goals.map((g) => [g.code, g.name, g.nameKm])
    ),
    Strategies: table(
      "Strategies",
      f.strategies.map((x) => [x.code, x.goal, x.name])
    ),
    Committees: table(
      "Committees",
      f.committees.map((c) => [
        c.code,
        c.name,
        c.nameKm,
        c.aliases.join(LIST_SEPARATOR),
        c.expectedMeasures,
      ])
    ),
    Timeframes: table(
      "Timeframes",
      f.timeframes.map((t) => [t.name, t.from, t.to])
    ),
    Responsibilities: table(
      "Responsibilities",
      f.responsibilities.map((r) => [r.goal, r.committee, r.role])
    ),
    Measures: table("Measures", f.measures.map(measureToRow)),
  };
}

/** Reads one table's rows as records keyed by contract header; missing columns read as null. */
export function tableRecords(
  table: TableData | undefined,
  name: TableName
): Array<Record<string, Cell>> {
  if (!table) return [];
  const headers = TABLE_HEADERS[name];
  const idx = headers.map((h) => columnIndex(table, h));
  const out: Array<Record<string, Cell>> = [];
  for (const row of table.rows) {
    if (row.every(readsAsEmpty)) continue;
    const rec: Record<string, Cell> = {};
    for (let i = 0; i < headers.length; i++)
      rec[headers[i]] = idx[i] >= 0 ? (row[idx[i]] ?? null) : null;
    out.push(rec);
  }
  return out;
}

function yearOrNull(c: Cell): number | null {
  const y = readYear(c);
  return y.kind === "year" ? y.year : null;
}

function numberOrNull(c: Cell): number | null {
  const n = readNumber(c);
  return n.kind === "number" ? n.value : null;
}

export function readSettings(tables: PlannerTables, fallbackAsOf: number): FrameworkSettings {
  const values = new Map<string, Cell>();
  for (const r of tableRecords(findTable(tables, "Framework"), "Framework")) {
    values.set(cellText(r["Setting"]).toLowerCase().replace(/\s+/g, ""), r["Value"]);
  }
  const get = (k: string) => values.get(k.toLowerCase().replace(/\s+/g, "")) ?? null;
  const start = yearOrNull(get("Period start"));
  const end = yearOrNull(get("Period end"));
  return {
    name: cellText(get("Name")),
    periodStart: start ?? 2021,
    periodEnd: end ?? 2035,
    asOfYear: yearOrNull(get("As of year")) ?? fallbackAsOf,
    expectedMeasures: numberOrNull(get("Expected measures")),
  };
}

/** The Committees table's rows as committees (forgiving, like tablesToFramework). */
export function readCommittees(tables: PlannerTables): Committee[] {
  return tableRecords(findTable(tables, "Committees"), "Committees").map((r) => ({
    code: cellText(r["Code"]),
    name: cellText(r["Committee"]),
    nameKm: cellText(r["Committee (Khmer)"]),
    aliases: readList(r["Aliases"]),
    expectedMeasures: numberOrNull(r["Expected measures"]),
  }));
}

/** Forgiving read of all planner tables into a framework; rules report what this glosses over. */
export function tablesToFramework(tables: PlannerTables, fallbackAsOf: number): Framework {
  const rec = (name: TableName) => tableRecords(findTable(tables, name), name);
  const goals: Goal[] = rec("Goals").map((r) => ({
    code: cellText(r["Code"]),
    name: cellText(r["Goal"]),
    nameKm: cellText(r["Goal (Khmer)"]),
  }));
  const strategies: Strategy[] = rec("Strategies").map((r) => ({
    code: cellText(r["Code"]),
    goal: cellText(r["Goal"]),
    name: cellText(r["Strategy"]),
  }));
  const committees = readCommittees(tables);
  const timeframes: Timeframe[] = rec("Timeframes").map((r) => ({
    name: cellText(r["Timeframe"]),
    from: yearOrNull(r["From year"]),
    to: yearOrNull(r["To year"]),
  }));
  // A row whose Role is neither Lead nor Support is left out here; the rules report it.
  const responsibilities: Responsibility[] = rec("Responsibilities").flatMap((r) => {
    const role = ROLES.find((x) => x.toLowerCase() === cellText(r["Role"]).toLowerCase());
    return role ? [{ goal: cellText(r["Goal"]), committee: cellText(r["Committee"]), role }] : [];
  });
  const measures: Measure[] = rec("Measures").map((r) => ({
    no: cellText(r["No."]),
    goal: cellText(r["Goal"]),
    strategy: cellText(r["Strategy"]),
    measure: cellText(r["Measure"]),
    leadCommittee: cellText(r["Lead committee"]),
    otherCommittees: readList(r["Other committees"]),
    institutions: readList(r["Institutions"]),
    timeframe: cellText(r["Timeframe"]),
    startYear: yearOrNull(r["Start year"]),
    endYear: yearOrNull(r["End year"]),
    status: cellText(r["Status"]),
    progress: numberOrNull(r["Progress %"]),
    indicator: cellText(r["Indicator"]),
    target: cellText(r["Target"]),
    notes: cellText(r["Notes"]),
  }));
  return {
    settings: readSettings(tables, fallbackAsOf),
    goals,
    strategies,
    committees,
    timeframes,
    responsibilities,
    measures,
  };
}
