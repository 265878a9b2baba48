/** Forgiving reading: committee spellings, year forms, blank rows, extra and shuffled columns. */
import { TABLE_HEADERS, type PlannerTables } from "../../src/model/schema";
import type { Cell } from "../../src/model/types";
import { formatFinding } from "../../src/rules/messages";
import {
  brief,
  DEBC_KM,
  DGC_KM,
  measure,
  ofRule,
  referenceTables,
  run,
  table,
  tables,
} from "./helpers";

describe("committee names", () => {
  it.each([
    ["code", "DGC"],
    ["lower-case code", " dgc "],
    ["English name", "Digital Government Committee"],
    ["'Committee on X' order", "Committee on Digital Government"],
    ["lower case, 'X committee' order", "digital government committee"],
    ["Khmer name", DGC_KM],
    ["alias", "GDC"],
    ["extra spaces", "Digital   Government  Committee"],
  ])("resolves the lead committee written as %s", (_label, lead) => {
    expect(run(tables([measure({ "Lead committee": lead })]))).toEqual([]);
  });

  it("resolves other committees by Khmer name, counting each committee once", () => {
    const ref = referenceTables();
    ref.Committees.rows[1][4] = 1; // DEBC expects 1
    const rows = [
      measure({ "Other committees": `DSC; ${DEBC_KM}; Committee on Digital Economy and Business` }),
    ];
    expect(run({ ...ref, Measures: table("Measures", rows) })).toEqual([]);
  });

  it("keeps an unknown name as written in the finding", () => {
    const f = run(tables([measure({ "Other committees": "DSC;  Digital  Finance Committee " })]));
    expect(f.map((x) => [x.rule, x.params.committee])).toEqual([
      ["committee-unknown", "Digital Finance Committee"],
    ]);
  });
});

describe("years", () => {
  const y2025: Array<[string, Cell]> = [
    ["a number", 2025],
    ["2025.0", 2025.0],
    ["text with spaces", " 2025 "],
    ["text '2025.0'", "2025.0"],
    ["a Date", new Date(Date.UTC(2025, 5, 30))],
    ["an Excel serial", 45658],
    ["an ISO date text", "2025-01-01"],
  ];
  it.each(y2025)("reads %s as 2025", (_label, cell) => {
    const rows = [
      measure({
        Timeframe: "Short-term",
        "Start year": 2021,
        "End year": cell,
        Status: "Completed",
        "Progress %": 100,
      }),
    ];
    expect(run(tables(rows))).toEqual([]);
    const late = run(
      tables([
        measure({
          Timeframe: "Short-term",
          "Start year": 2021,
          "End year": cell,
          Status: "Delayed",
        }),
      ])
    );
    expect(late.map((x) => [x.rule, x.params.endYear])).toEqual([["overdue", 2025]]);
  });

  it.each([
    ["an invalid Date", new Date(NaN)],
    ["a boolean", true],
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["a fraction", 2025.5],
    ["a word", "soon"],
  ] as Array<[string, Cell]>)("reports %s as year-invalid", (_label, cell) => {
    expect(brief(run(tables([measure({ "Start year": cell })])))).toEqual([
      ["year-invalid", "Measures", 1, "Start year"],
    ]);
  });
});

describe("rows and headers", () => {
  it("skips blank rows but keeps their place in the numbering", () => {
    const rows: Cell[][] = [
      measure({ "No.": "1" }),
      [null, "  ", null],
      [],
      measure({ "No.": "4", Status: "Done" }),
    ];
    expect(brief(run(tables(rows)))).toEqual([["status-unknown", "Measures", 4, "Status"]]);
  });

  it("ignores extra columns wherever they are", () => {
    const headers = [
      "Owner",
      ...TABLE_HEADERS.Measures.slice(0, 5),
      "Budget (USD)",
      ...TABLE_HEADERS.Measures.slice(5),
      "Remarks",
    ];
    const row = measure({ Status: "Done" });
    const rows = [["Sokha", ...row.slice(0, 5), 12000, ...row.slice(5), "n/a"]];
    const t = tables([]);
    t.Measures = table("Measures", rows, headers);
    expect(brief(run(t))).toEqual([["status-unknown", "Measures", 1, "Status"]]);
  });

  it("matches shuffled, case-changed and re-spaced headers", () => {
    const order = [...TABLE_HEADERS.Measures.keys()].reverse();
    const headers = order.map((i) => TABLE_HEADERS.Measures[i].toUpperCase().replace(/ /g, "  "));
    const row = measure({ "End year": 2024, "Start year": 2027 });
    const t = tables([]);
    t.Measures = table("Measures", [order.map((i) => row[i])], headers);
    t.Timeframes = {
      name: "Timeframes",
      headers: ["to year", "TIMEFRAME", "From Year"],
      rows: [[2030, "Medium-term", 2026]],
    };
    expect(brief(run(t))).toEqual([
      ["year-order", "Measures", 1, "Start year"],
      ["timeframe-mismatch", "Measures", 1, "End year"],
      ["overdue", "Measures", 1, "End year"],
    ]);
  });

  it("finds tables whose names differ in case", () => {
    const ref = referenceTables();
    const t = {
      goals: ref.Goals,
      measures: table("Measures", [measure({ Goal: "G7" })]),
    } as unknown as PlannerTables;
    const f = run(t);
    expect(ofRule(f, "goal-unknown").map((x) => x.table)).toEqual(["Measures"]);
    // The lower-case "goals" table is found: only the tables really absent are missing.
    expect(ofRule(f, "reference-missing").map((x) => x.params.table)).toEqual([
      "Strategies",
      "Committees",
      "Timeframes",
    ]);
  });

  it("reads rows shorter than the headers as blank cells", () => {
    const t = tables([["1", "G1", "S1"]]);
    expect(ofRule(run(t), "required-missing").map((x) => x.column)).toEqual([
      "Measure",
      "Lead committee",
      "Timeframe",
      "Start year",
      "End year",
      "Status",
    ]);
  });
});

describe("as-of year", () => {
  const rows = [
    measure({
      Timeframe: "Short-term",
      "Start year": 2021,
      "End year": 2025,
      Status: "Not started",
      "Progress %": null,
    }),
  ];
  it("comes from options first", () => {
    expect(run(tables(rows), { asOfYear: 2021 })).toEqual([]);
  });
  it("then from the Framework's As of year (read forgivingly)", () => {
    const ref = referenceTables();
    ref.Framework.rows[3][1] = " 2022 ";
    expect(run({ ...ref, Measures: table("Measures", rows) }).map((x) => x.rule)).toEqual([
      "not-started-late",
    ]);
  });
  it("then from the current year", () => {
    const ref: PlannerTables = referenceTables();
    delete ref.Framework;
    const f = run({ ...ref, Measures: table("Measures", rows) });
    expect(f.map((x) => x.params.asOfYear)).toEqual([
      new Date().getFullYear(),
      new Date().getFullYear(),
    ]);
  });
  it("ignores an asOfYear option that is no whole year", () => {
    expect(run(tables(rows), { asOfYear: NaN }).map((x) => x.params.asOfYear)).toEqual([
      2026, 2026,
    ]);
  });
});

describe("language", () => {
  it("tells messages in Khmer on request, and formatFinding re-tells them", () => {
    const [en] = run(tables([measure({ Status: "Done" })]));
    const [km] = run(tables([measure({ Status: "Done" })]), { language: "km" });
    expect(en.message).toBe(
      'Status "Done" is not one of Not started, On track, At risk, Delayed, Completed.'
    );
    expect(km.message).toMatch(/[\u1780-\u17FF]/);
    expect(km.message).toContain("«Done»");
    expect(formatFinding(en, "km")).toBe(km.message);
    expect(formatFinding(km, "en")).toBe(en.message);
    expect(km.params).toEqual(en.params);
  });
});
