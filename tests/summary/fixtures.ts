/**
 * A small hand-made framework whose summary numbers are counted by hand in the tests.
 * Committees are written as codes, in lower case, by name, blank and repeated; years and
 * statuses are blank or odd on purpose.
 */
import { frameworkToTables } from "../../src/model/convert";
import type { PlannerTables, TableData } from "../../src/model/schema";
import type { Committee, Framework, Measure } from "../../src/model/types";

export const COMMITTEES: Committee[] = [
  {
    code: "DGC",
    name: "Digital Government Committee",
    nameKm: "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល",
    aliases: ["Committee on Digital Government"],
    expectedMeasures: 3,
  },
  {
    code: "DEBC",
    name: "Digital Economy and Business Committee",
    nameKm: "គណៈកម្មាធិការសេដ្ឋកិច្ច និងធុរកិច្ចឌីជីថល",
    aliases: [],
    expectedMeasures: null,
  },
  {
    code: "DSC",
    name: "Digital Security Committee",
    nameKm: "គណៈកម្មាធិការសន្តិសុខឌីជីថល",
    aliases: [],
    expectedMeasures: 1,
  },
];

export function measure(no: string, fields: Partial<Measure>): Measure {
  return {
    no,
    goal: "",
    strategy: "",
    measure: `Measure ${no}`,
    leadCommittee: "",
    otherCommittees: [],
    institutions: [],
    timeframe: "",
    startYear: null,
    endYear: null,
    status: "",
    progress: null,
    indicator: "",
    target: "",
    notes: "",
    ...fields,
  };
}

/**
 * m1 I   DGC  +DEBC       Short   2021–2025 Completed  100
 * m2 I   "Committee on Digital Government" (a name)  Medium 2026–2030 Not started  –
 * m3 II  DEBC +dgc        Short   2022–2024 Delayed    40
 * m4 II  dsc  +DGC;DEBC   Medium  2024–2026 At risk    20
 * m5 III DEBC             Short-trm  ––2023 On track   –
 * m6 i   DGC  +DGC        Short   2021–2023 Done       50
 * m7 –   –                –         –   –    –          –
 */
export function smallFramework(): Framework {
  return {
    settings: {
      name: "Test framework",
      periodStart: 2021,
      periodEnd: 2026,
      asOfYear: 2025,
      expectedMeasures: 7,
    },
    goals: [
      { code: "I", name: "Infrastructure", nameKm: "ហេដ្ឋារចនាសម្ព័ន្ធ" },
      { code: "II", name: "Trust", nameKm: "" },
    ],
    strategies: [],
    committees: COMMITTEES.map((c) => ({ ...c, aliases: [...c.aliases] })),
    timeframes: [
      { name: "Short-term", from: 2021, to: 2025 },
      { name: "Medium-term", from: 2026, to: 2030 },
    ],
    responsibilities: [],
    measures: [
      measure("1", {
        goal: "I",
        leadCommittee: "DGC",
        otherCommittees: ["DEBC"],
        timeframe: "Short-term",
        startYear: 2021,
        endYear: 2025,
        status: "Completed",
        progress: 100,
        institutions: ["Ministry of Posts and Telecommunications", "MEF"],
      }),
      measure("2", {
        goal: "I",
        leadCommittee: "Committee on Digital Government",
        timeframe: "Medium-term",
        startYear: 2026,
        endYear: 2030,
        status: "Not started",
      }),
      measure("3", {
        goal: "II",
        leadCommittee: "DEBC",
        otherCommittees: ["dgc"],
        timeframe: "Short-term",
        startYear: 2022,
        endYear: 2024,
        status: "Delayed",
        progress: 40,
      }),
      measure("4", {
        goal: "II",
        leadCommittee: "dsc",
        otherCommittees: ["DGC", "DEBC"],
        timeframe: "Medium-term",
        startYear: 2024,
        endYear: 2026,
        status: "At risk",
        progress: 20,
      }),
      measure("5", {
        goal: "III",
        leadCommittee: "DEBC",
        timeframe: "Short-trm",
        endYear: 2023,
        status: "On track",
      }),
      measure("6", {
        goal: "i",
        leadCommittee: "DGC",
        otherCommittees: ["DGC"],
        timeframe: "Short-term",
        startYear: 2021,
        endYear: 2023,
        status: "Done",
        progress: 50,
      }),
      measure("7", {}),
    ],
  };
}

/** The framework's tables, with locations as a workbook would give them (Measures at B3). */
export function smallTables(): PlannerTables {
  const t = frameworkToTables(smallFramework());
  const measures: TableData = { ...t.Measures, location: { sheet: "Measures", row: 2, col: 1 } };
  const committees: TableData = {
    ...t.Committees,
    location: { sheet: "Committees", row: 0, col: 0 },
  };
  return {
    ...t,
    Measures: measures,
    Committees: committees,
    Framework: { ...t.Framework, location: { sheet: "Framework", row: 0, col: 0 } },
  };
}

/**
 * Raw cells the framework reading would clean up: a year typed as text, a date in End year,
 * a trailing space in a code, a lower-case status, Progress % as text, a blank row.
 */
export function oddTables(): PlannerTables {
  const t = frameworkToTables(smallFramework());
  const row = (o: Record<string, string | number | Date | null>) =>
    t.Measures.headers.map((h) => o[h] ?? null);
  const measures: TableData = {
    name: "Measures",
    headers: t.Measures.headers,
    rows: [
      row({
        "No.": "1",
        Goal: "I",
        Measure: "a",
        "Lead committee": "DGC",
        Timeframe: "Short-term",
        "Start year": "2022",
        "End year": 2024,
        Status: "On track",
        "Progress %": "40",
      }),
      row({
        "No.": "2",
        Goal: "I",
        Measure: "b",
        "Lead committee": "DGC ",
        Timeframe: "Short-term",
        "Start year": 2021,
        "End year": new Date(Date.UTC(2023, 5, 30)),
        Status: "completed",
        "Progress %": 60,
      }),
      row({}),
      row({
        "No.": "4",
        Goal: "II",
        Measure: "c",
        "Lead committee": "DEBC",
        "Other committees": "DSC; dgc",
        Timeframe: "Medium-term",
        "Start year": 2026,
        "End year": 2026,
        Status: "On track",
        "Progress %": 0,
      }),
    ],
    location: { sheet: "Measures", row: 0, col: 0 },
  };
  return { ...t, Measures: measures };
}
