/** A workbook with one planted defect per row (and tricky but valid rows): the exact findings. */
import type { Cell } from "../../src/model/types";
import { RULE_IDS } from "../../src/rules/finding";
import { validate } from "../../src/rules/validate";
import {
  brief,
  DEBC_KM,
  DSC_KM,
  measure,
  referenceTables,
  table,
  type MeasureFields,
} from "./helpers";

function plantedWorkbook() {
  const ref = referenceTables();
  ref.Framework.rows[4][1] = 139; // Expected measures
  ref.Committees.rows[0][4] = 60; // DGC expected (DGP §7), DEBC expected 3 (met)
  ref.Committees.rows[1][4] = "3";
  ref.Strategies.rows.push(["S3", "G7", "Orphan strategy"]);
  ref.Timeframes.rows.push(["Odd-term", 2030, 2026]);
  ref.Responsibilities.rows.push(["G5", "DGC", "Lead"], ["G2", "Ministry X", "Support"]);

  const m = (no: string, f: MeasureFields = {}): Cell[] => measure({ "No.": no, ...f });
  const rows: Cell[][] = [
    /* 1 */ m("1"),
    /* 2 */ m("2", {
      "Lead committee": "Committee on Digital Government",
      "Other committees": DSC_KM,
      "Start year": " 2026 ",
      "End year": new Date(Date.UTC(2030, 5, 1)),
      Status: "on track",
      "Progress %": "40%",
    }),
    /* 3 */ [null, "", "  "],
    /* 4 */ m(""),
    /* 5 */ m("2 "),
    /* 6 */ m("6", { Measure: " ", Timeframe: null }),
    /* 7 */ m("7", { Goal: "G9" }),
    /* 8 */ m("8", { Strategy: "S9" }),
    /* 9 */ m("9", {
      Goal: "G2",
      Strategy: "S1",
      "Lead committee": "DEBC",
      "Other committees": "",
    }),
    /* 10 */ m("10", { "Lead committee": "Ministry of Planning", "Other committees": "DSC; Foo" }),
    /* 11 */ m("11", { "Other committees": "DSC; digital government committee" }),
    /* 12 */ m("12", { "Lead committee": "DEBC" }),
    /* 13 */ m("13", { "Other committees": "" }),
    /* 14 */ m("14", { Timeframe: "Mid-term" }),
    /* 15 */ m("15", { "Start year": "20x6" }),
    /* 16 */ m("16", { "Start year": 2029, "End year": 2027 }),
    /* 17 */ m("17", { Timeframe: "Long-term", "Start year": 2031, "End year": 2040 }),
    /* 18 */ m("18", { Timeframe: "Short-term", "Start year": 2024, "End year": 2027 }),
    /* 19 */ m("19", { Status: "Done" }),
    /* 20 */ m("20", { "Progress %": "lots" }),
    /* 21 */ m("21", { Status: "Completed", "Progress %": 80 }),
    /* 22 */ m("22", {
      Timeframe: "Short-term",
      "Start year": 2021,
      "End year": 2025,
      Status: "Delayed",
      "Progress %": 60,
    }),
    /* 23 */ m("23", {
      Timeframe: "Short-term",
      "Start year": 45658,
      "End year": 2025,
      Status: "Not started",
      "Progress %": null,
    }),
    /* 24 */ m("24", {
      Goal: "G2",
      Strategy: "S2",
      "Lead committee": DEBC_KM,
      "Other committees": "",
      Timeframe: "short-term",
      "Start year": 2021,
      "End year": 2025,
      Status: "COMPLETED",
      "Progress %": 100,
    }),
  ];
  const progress: Cell[][] = [
    /* 1 */ ["2026-Q1", "1", "On track", 50, "", "a.xlsx", "2026-03-31 10:00 UTC"],
    /* 2 */ ["2026-Q2", "1", "On track", 40, "", "a.xlsx", "2026-06-30 10:00 UTC"],
    /* 3 */ ["2026-Q5", "1", "On track", 60, "", "a.xlsx", "2026-06-30 10:00 UTC"],
    /* 4 */ ["2026-Q2", "999", "On track", 10, "", "a.xlsx", "2026-06-30 10:00 UTC"],
    /* 5 */ ["2026-h1", "2", "On track", 30, "", "b.xlsx", "2026-06-30 10:00 UTC"],
    /* 6 */ [
      " 2026 - Q3 ",
      "2",
      "At risk",
      20,
      "Budget moved to 2027",
      "b.xlsx",
      "2026-09-30 10:00 UTC",
    ],
  ];
  return { ...ref, Measures: table("Measures", rows), Progress: table("Progress", progress) };
}

const EXPECTED = [
  ["measure-count", "Framework", 5, "Value"],
  ["reference-invalid", "Strategies", 3, "Goal"],
  ["committee-count", "Committees", 1, "Expected measures"],
  ["reference-invalid", "Timeframes", 4, "From year"],
  ["reference-invalid", "Responsibilities", 4, "Goal"],
  ["reference-invalid", "Responsibilities", 5, "Committee"],
  ["key-missing", "Measures", 4, "No."],
  ["key-duplicate", "Measures", 5, "No."],
  ["required-missing", "Measures", 6, "Measure"],
  ["required-missing", "Measures", 6, "Timeframe"],
  ["goal-unknown", "Measures", 7, "Goal"],
  ["strategy-unknown", "Measures", 8, "Strategy"],
  ["strategy-goal-mismatch", "Measures", 9, "Strategy"],
  ["committee-unknown", "Measures", 10, "Lead committee"],
  ["committee-unknown", "Measures", 10, "Other committees"],
  ["committee-lead-repeated", "Measures", 11, "Other committees"],
  ["committee-not-responsible", "Measures", 12, "Lead committee"],
  ["committee-support-missing", "Measures", 13, "Other committees"],
  ["timeframe-unknown", "Measures", 14, "Timeframe"],
  ["year-invalid", "Measures", 15, "Start year"],
  ["year-order", "Measures", 16, "Start year"],
  ["year-out-of-period", "Measures", 17, "End year"],
  ["timeframe-mismatch", "Measures", 17, "End year"],
  ["timeframe-mismatch", "Measures", 18, "End year"],
  ["status-unknown", "Measures", 19, "Status"],
  ["progress-invalid", "Measures", 20, "Progress %"],
  ["progress-status-mismatch", "Measures", 21, "Progress %"],
  ["overdue", "Measures", 22, "End year"],
  ["overdue", "Measures", 23, "End year"],
  ["not-started-late", "Measures", 23, "Start year"],
  ["progress-decrease", "Progress", 2, "Progress %"],
  ["period-invalid", "Progress", 3, "Period"],
  ["progress-key-unknown", "Progress", 4, "No."],
];

describe("planted-defects workbook", () => {
  const findings = validate(plantedWorkbook());

  it("gives exactly the planted findings, in order: no rule missing, no false alarm", () => {
    expect(brief(findings)).toEqual(EXPECTED);
  });

  it("plants every rule of the contract", () => {
    // column-missing needs a Measures table without its columns, reference-missing a workbook
    // without its reference tables: rules.test.ts plants both.
    expect(new Set(EXPECTED.map((e) => e[0]))).toEqual(
      new Set(RULE_IDS.filter((r) => r !== "column-missing" && r !== "reference-missing"))
    );
  });

  it("says both numbers of the counts and keys each measure finding by its No.", () => {
    const count = findings.find((f) => f.rule === "committee-count");
    expect(count?.message).toBe(
      "Digital Government Committee leads or co-leads 19 measures; the framework expects 60."
    );
    expect(findings.find((f) => f.rule === "measure-count")?.params).toEqual({
      count: 23,
      expected: 139,
    });
    for (const f of findings.filter((x) => x.table === "Measures")) {
      expect(f.key).toBe(f.row === 4 ? null : f.row === 5 ? "2" : String(f.row));
    }
    expect(
      findings
        .filter((x) => x.table !== "Measures" && x.table !== "Progress")
        .every((f) => f.key === null)
    ).toBe(true);
    expect(findings.filter((x) => x.table === "Progress").map((f) => f.key)).toEqual([
      "1",
      "1",
      "999",
    ]);
  });

  it("tells every finding in Khmer on request, with the same rules and params", () => {
    const km = validate(plantedWorkbook(), { language: "km" });
    expect(brief(km)).toEqual(EXPECTED);
    for (const f of km) expect(f.message).toMatch(/[\u1780-\u17FF]/);
    expect(km.map((f) => f.params)).toEqual(findings.map((f) => f.params));
    expect(km.find((f) => f.rule === "committee-count")?.message).toBe(
      "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល ដឹកនាំ ឬសហដឹកនាំវិធានការចំនួន 19 ខណៈដែលក្របខណ្ឌរំពឹងទុកចំនួន 60។"
    );
  });
});
