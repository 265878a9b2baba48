/** One firing and one non-firing case per rule, on minimal hand-made tables. */
import type { Cell } from "../../src/model/types";
import type { Finding, RuleId } from "../../src/rules/finding";
import {
  brief,
  measure,
  ofRule,
  referenceTables,
  run,
  table,
  tables,
  type MeasureFields,
} from "./helpers";
import { validate } from "../../src/rules/validate";

/** Findings of one rule for measures with the given fields (others clean). */
function fire(rule: RuleId, rows: MeasureFields[], patch = {}): Finding[] {
  return ofRule(
    run(
      tables(
        rows.map((f, i) => measure({ "No.": String(i + 1), ...f })),
        patch
      )
    ),
    rule
  );
}

describe("a clean workbook", () => {
  it("has no findings", () => {
    expect(
      run(
        tables([
          measure(),
          measure({
            "No.": "2",
            Goal: "G2",
            Strategy: "S2",
            "Lead committee": "DEBC",
            "Other committees": "",
          }),
        ])
      )
    ).toEqual([]);
  });
  it("has no findings without a Measures row", () => {
    expect(run(tables([]))).toEqual([]);
  });
});

describe("key-missing", () => {
  it("fires on a blank No.", () => {
    const f = fire("key-missing", [{ "No.": "  " }]);
    expect(brief(f)).toEqual([["key-missing", "Measures", 1, "No."]]);
    expect(f[0].key).toBeNull();
    expect(f[0].severity).toBe("error");
  });
  it("does not fire on a number No.", () => {
    expect(fire("key-missing", [{ "No.": 7 }])).toEqual([]);
  });
});

describe("key-duplicate", () => {
  it("fires once per repeated row after the first, trimmed and case-insensitive", () => {
    const f = fire("key-duplicate", [{ "No.": "12a" }, { "No.": " 12A " }, { "No.": "12a" }]);
    expect(brief(f)).toEqual([
      ["key-duplicate", "Measures", 2, "No."],
      ["key-duplicate", "Measures", 3, "No."],
    ]);
    expect(f[0].params).toEqual({ no: "12A", firstRow: 1 });
    expect(f[0].key).toBe("12A");
  });
  it("treats the number 12 and the text '12' as the same key", () => {
    expect(fire("key-duplicate", [{ "No.": 12 }, { "No.": "12" }])).toHaveLength(1);
  });
  it("does not fire on distinct keys", () => {
    expect(fire("key-duplicate", [{ "No.": "1" }, { "No.": "2" }, { "No.": "1.1" }])).toEqual([]);
  });
});

describe("required-missing", () => {
  it("fires once per blank required column, in column order", () => {
    const f = fire("required-missing", [
      {
        Goal: null,
        Strategy: "",
        Measure: " ",
        "Lead committee": null,
        Timeframe: null,
        "Start year": null,
        "End year": "",
        Status: null,
      },
    ]);
    expect(f.map((x) => x.column)).toEqual([
      "Goal",
      "Strategy",
      "Measure",
      "Lead committee",
      "Timeframe",
      "Start year",
      "End year",
      "Status",
    ]);
  });
  it("treats a missing column as blank", () => {
    const t = tables([]);
    const headers = [
      "No.",
      "Goal",
      "Strategy",
      "Measure",
      "Lead committee",
      "Other committees",
      "Timeframe",
      "Start year",
      "End year",
      "Progress %",
    ];
    t.Measures = table(
      "Measures",
      [["1", "G1", "S1", "M", "DGC", "DSC", "Medium-term", 2026, 2030, 5]],
      headers
    );
    const f = run(t);
    expect(brief(f)).toEqual([["column-missing", "Measures", null, null]]);
    expect(f[0].params).toEqual({ columns: "Status", count: 1 });
  });
  it("reports renamed headers once, naming every absent column, instead of once per row", () => {
    const t = tables([]);
    const headers = [
      "Item",
      "Goal code",
      "Strategy",
      "Measure",
      "Lead",
      "Other committees",
      "Timeframe",
      "Start year",
      "End",
      "Status",
      "Progress %",
    ];
    const rows = Array.from({ length: 40 }, (_, i) => [
      String(i + 1),
      "G1",
      "S1",
      "M",
      "DGC",
      "DSC",
      "Medium-term",
      2026,
      2030,
      "On track",
      5,
    ]);
    t.Measures = table("Measures", rows, headers);
    const f = run(t);
    expect(brief(f)).toEqual([["column-missing", "Measures", null, null]]);
    expect(f[0].message).toBe(
      "The Measures table has no No., Goal, Lead committee, End year columns (renamed or deleted?); give the headers back their names, or import the sheet to map them."
    );
    expect(validate(t, { language: "km" })[0].message).toContain("គោលដៅ (Goal)");
  });
  it("does not fire on optional blanks (Other committees, Institutions, Progress %, Notes)", () => {
    expect(
      fire("required-missing", [
        { Institutions: null, "Progress %": null, Notes: null, Indicator: null, Target: null },
      ])
    ).toEqual([]);
  });
});

describe("goal-unknown", () => {
  it("fires on a code not in Goals", () => {
    const f = fire("goal-unknown", [{ Goal: "G9" }]);
    expect(brief(f)).toEqual([["goal-unknown", "Measures", 1, "Goal"]]);
    expect(f[0].params).toEqual({ goal: "G9" });
  });
  it("does not fire on a known code written in another case or with spaces", () => {
    expect(fire("goal-unknown", [{ Goal: " g1 " }])).toEqual([]);
  });
  it("fires on a goal name: the column holds codes", () => {
    expect(fire("goal-unknown", [{ Goal: "Goal one" }])).toHaveLength(1);
  });
});

describe("strategy-unknown", () => {
  it("fires on a code not in Strategies", () => {
    expect(brief(fire("strategy-unknown", [{ Strategy: "S9" }]))).toEqual([
      ["strategy-unknown", "Measures", 1, "Strategy"],
    ]);
  });
  it("does not fire on a known code", () => {
    expect(fire("strategy-unknown", [{ Strategy: "s1" }])).toEqual([]);
  });
});

describe("strategy-goal-mismatch", () => {
  it("fires when the strategy belongs to another goal", () => {
    const f = fire("strategy-goal-mismatch", [
      { Goal: "G2", Strategy: "S1", "Lead committee": "DEBC", "Other committees": "" },
    ]);
    expect(brief(f)).toEqual([["strategy-goal-mismatch", "Measures", 1, "Strategy"]]);
    expect(f[0].params).toEqual({ strategy: "S1", goal: "G2", strategyGoal: "G1" });
  });
  it("does not fire when they agree, nor when the goal is unknown (goal-unknown says it)", () => {
    expect(
      fire("strategy-goal-mismatch", [
        { Goal: "G1", Strategy: "S1" },
        { Goal: "G7", Strategy: "S1" },
      ])
    ).toEqual([]);
  });
});

describe("committee-unknown", () => {
  it("fires on an unknown lead and on each unknown other committee", () => {
    const f = fire("committee-unknown", [
      { "Lead committee": "Ministry of Planning", "Other committees": "DSC; Foo Committee; Bar" },
    ]);
    expect(brief(f)).toEqual([
      ["committee-unknown", "Measures", 1, "Lead committee"],
      ["committee-unknown", "Measures", 1, "Other committees"],
      ["committee-unknown", "Measures", 1, "Other committees"],
    ]);
    expect(f.map((x) => x.params.committee)).toEqual([
      "Ministry of Planning",
      "Foo Committee",
      "Bar",
    ]);
  });
  it("does not fire on codes, names, Khmer names or aliases", () => {
    expect(
      fire("committee-unknown", [
        {
          "Lead committee": "Committee on Digital Government",
          "Other committees": "Digital Security Committee; dsc",
        },
      ])
    ).toEqual([]);
  });
});

describe("committee-lead-repeated", () => {
  it("fires when the lead is also among the others, however written", () => {
    const f = fire("committee-lead-repeated", [
      { "Lead committee": "DGC", "Other committees": "DSC; Digital Government Committee" },
    ]);
    expect(brief(f)).toEqual([["committee-lead-repeated", "Measures", 1, "Other committees"]]);
    expect(f[0].severity).toBe("warning");
    expect(f[0].params.committee).toBe("DGC");
  });
  it("does not fire when the others are other committees", () => {
    expect(
      fire("committee-lead-repeated", [
        { "Lead committee": "DGC", "Other committees": "DSC; DEBC" },
      ])
    ).toEqual([]);
  });
});

describe("committee-not-responsible", () => {
  it("fires when Responsibilities has no Lead row for the goal and lead", () => {
    const f = fire("committee-not-responsible", [
      { "Lead committee": "DEBC", "Other committees": "DSC" },
    ]);
    expect(brief(f)).toEqual([["committee-not-responsible", "Measures", 1, "Lead committee"]]);
    expect(f[0].params).toMatchObject({ committee: "DEBC", goal: "G1" });
  });
  it("fires for a Support-only committee leading", () => {
    expect(
      fire("committee-not-responsible", [{ "Lead committee": "DSC", "Other committees": "" }])
    ).toHaveLength(1);
  });
  it("does not fire for a Lead committee of the goal", () => {
    expect(
      fire("committee-not-responsible", [{ "Lead committee": "Digital Government Committee" }])
    ).toEqual([]);
  });
  it("is skipped when Responsibilities is missing", () => {
    expect(
      fire("committee-not-responsible", [{ "Lead committee": "DEBC" }], {
        Responsibilities: undefined,
      })
    ).toEqual([]);
  });
});

describe("committee-support-missing", () => {
  it("fires when the goal's Support committee is not listed", () => {
    const f = fire("committee-support-missing", [{ "Other committees": "DEBC" }]);
    expect(brief(f)).toEqual([["committee-support-missing", "Measures", 1, "Other committees"]]);
    expect(f[0].params).toMatchObject({ committee: "DSC", goal: "G1" });
    expect(f[0].severity).toBe("warning");
  });
  it("does not fire when it is listed (by Khmer name) or is the lead", () => {
    expect(
      fire("committee-support-missing", [
        { "Other committees": "គណៈកម្មាធិការសន្តិសុខឌីជីថល" },
        { "Lead committee": "DSC", "Other committees": "" },
      ])
    ).toEqual([]);
  });
});

describe("committee-count", () => {
  const withExpected = (expected: Cell) => {
    const ref = referenceTables();
    ref.Committees.rows[0][4] = expected;
    return ref;
  };
  it("fires once on the committee's row with both numbers", () => {
    const rows = [
      measure({ "No.": "1" }),
      measure({ "No.": "2", "Lead committee": "DEBC", "Other committees": "DGC; DSC" }),
      measure({
        "No.": "3",
        Goal: "G2",
        Strategy: "S2",
        "Lead committee": "DEBC",
        "Other committees": "",
      }),
    ];
    const f = ofRule(
      run({ ...withExpected(60), Measures: table("Measures", rows) }),
      "committee-count"
    );
    expect(brief(f)).toEqual([["committee-count", "Committees", 1, "Expected measures"]]);
    expect(f[0].params).toMatchObject({ committee: "DGC", count: 2, expected: 60 });
    expect(f[0].message).toBe(
      "Digital Government Committee leads or co-leads 2 measures; the framework expects 60."
    );
  });
  it("counts a committee once per measure even when listed twice", () => {
    const rows = [measure({ "Other committees": "DGC; DSC; Digital Government Committee" })];
    const f = ofRule(
      run({ ...withExpected(2), Measures: table("Measures", rows) }),
      "committee-count"
    );
    expect(f[0].params).toMatchObject({ count: 1, expected: 2 });
  });
  it("does not fire when the count matches, nor when Expected measures is blank", () => {
    expect(
      ofRule(
        run({ ...withExpected(1), Measures: table("Measures", [measure()]) }),
        "committee-count"
      )
    ).toEqual([]);
    expect(
      ofRule(
        run({ ...withExpected(null), Measures: table("Measures", [measure()]) }),
        "committee-count"
      )
    ).toEqual([]);
  });
});

describe("measure-count", () => {
  const withExpected = (expected: Cell) => {
    const ref = referenceTables();
    ref.Framework.rows[4][1] = expected;
    return ref;
  };
  it("fires (info) on the Framework's Expected measures row when the count differs", () => {
    const f = ofRule(
      run({ ...withExpected(139), Measures: table("Measures", [measure(), [null, null]]) }),
      "measure-count"
    );
    expect(brief(f)).toEqual([["measure-count", "Framework", 5, "Value"]]);
    expect(f[0]).toMatchObject({ severity: "info", params: { count: 1, expected: 139 } });
  });
  it("does not fire when equal (blank rows not counted) or when blank", () => {
    expect(
      ofRule(
        run({ ...withExpected("1"), Measures: table("Measures", [measure(), [null]]) }),
        "measure-count"
      )
    ).toEqual([]);
    expect(
      ofRule(
        run({ ...withExpected(null), Measures: table("Measures", [measure()]) }),
        "measure-count"
      )
    ).toEqual([]);
  });
});

describe("timeframe-unknown", () => {
  it("fires on a timeframe not in Timeframes", () => {
    expect(brief(fire("timeframe-unknown", [{ Timeframe: "Mid-term" }]))).toEqual([
      ["timeframe-unknown", "Measures", 1, "Timeframe"],
    ]);
  });
  it("does not fire on case/space variants", () => {
    expect(
      fire("timeframe-unknown", [
        { Timeframe: " medium-TERM" },
        { "No.": "2", Timeframe: "Medium -term" },
      ])
    ).toEqual([]);
  });
});

describe("year-invalid", () => {
  it("fires on a present year that is no whole year", () => {
    const f = fire("year-invalid", [{ "Start year": "20x6", "End year": 2030.5 }]);
    expect(brief(f)).toEqual([
      ["year-invalid", "Measures", 1, "Start year"],
      ["year-invalid", "Measures", 1, "End year"],
    ]);
    expect(f[0].params).toEqual({ column: "Start year", value: "20x6" });
  });
  it("does not fire on blank (required-missing says it) or readable years", () => {
    expect(fire("year-invalid", [{ "Start year": null, "End year": "2030" }])).toEqual([]);
  });
});

describe("year-order", () => {
  it("fires when Start year is after End year", () => {
    const f = fire("year-order", [{ "Start year": 2029, "End year": 2027 }]);
    expect(brief(f)).toEqual([["year-order", "Measures", 1, "Start year"]]);
    expect(f[0].params).toEqual({ start: 2029, end: 2027 });
  });
  it("does not fire on equal years", () => {
    expect(fire("year-order", [{ "Start year": 2027, "End year": 2027 }])).toEqual([]);
  });
});

describe("year-out-of-period", () => {
  it("fires per year outside the framework period", () => {
    const f = fire("year-out-of-period", [
      { Timeframe: "Long-term", "Start year": 2019, "End year": 2040 },
    ]);
    expect(brief(f)).toEqual([
      ["year-out-of-period", "Measures", 1, "Start year"],
      ["year-out-of-period", "Measures", 1, "End year"],
    ]);
    expect(f[1].params).toEqual({
      column: "End year",
      year: 2040,
      periodStart: 2021,
      periodEnd: 2035,
    });
  });
  it("does not fire on the period's bounds, nor inside the assumed 2000–2100 without a Framework table", () => {
    expect(
      fire("year-out-of-period", [
        { Timeframe: "Short-term", "Start year": 2021, "End year": 2025 },
      ])
    ).toEqual([]);
    expect(fire("year-out-of-period", [{ "End year": 2040 }], { Framework: undefined })).toEqual(
      []
    );
  });
});

describe("timeframe-mismatch", () => {
  it("fires per year outside the timeframe's window", () => {
    const f = fire("timeframe-mismatch", [
      { Timeframe: "Short-term", "Start year": 2024, "End year": 2027 },
    ]);
    expect(brief(f)).toEqual([["timeframe-mismatch", "Measures", 1, "End year"]]);
    expect(f[0].params).toEqual({
      column: "End year",
      year: 2027,
      timeframe: "Short-term",
      windowStart: 2021,
      windowEnd: 2025,
    });
    expect(f[0].severity).toBe("warning");
  });
  it("does not fire inside the window", () => {
    expect(
      fire("timeframe-mismatch", [
        { Timeframe: "Medium-term", "Start year": 2026, "End year": 2030 },
      ])
    ).toEqual([]);
  });
});

describe("status-unknown", () => {
  it("fires on a status not among the five", () => {
    const f = fire("status-unknown", [{ Status: "Done" }]);
    expect(brief(f)).toEqual([["status-unknown", "Measures", 1, "Status"]]);
    expect(f[0].params).toEqual({ status: "Done" });
  });
  it("does not fire on the five, case- and space-insensitively", () => {
    expect(
      fire("status-unknown", [
        { Status: "not started" },
        { Status: "ON TRACK" },
        { Status: "At  risk" },
        { Status: "delayed" },
        { Status: "Completed", "Progress %": 100 },
      ])
    ).toEqual([]);
  });
});

describe("progress-invalid", () => {
  it("fires on text, negatives and over 100", () => {
    const f = fire("progress-invalid", [
      { "Progress %": "about half" },
      { "Progress %": -5 },
      { "Progress %": 120 },
      { "Progress %": "101%" },
    ]);
    expect(f.map((x) => x.row)).toEqual([1, 2, 3, 4]);
    expect(f[0].params).toEqual({ value: "about half" });
  });
  it("does not fire on blank, 0, 100, '40%' or a fraction", () => {
    expect(
      fire("progress-invalid", [
        { "Progress %": null },
        { "Progress %": 0 },
        { "Progress %": "40%" },
        { "Progress %": 0.4 },
        { "Progress %": " 55 % " },
      ])
    ).toEqual([]);
  });
});

describe("progress-status-mismatch", () => {
  it("fires on Completed below 100 and on 100 not Completed", () => {
    const f = fire("progress-status-mismatch", [
      { Status: "Completed", "Progress %": 80 },
      { Status: "On track", "Progress %": "100%" },
    ]);
    expect(brief(f)).toEqual([
      ["progress-status-mismatch", "Measures", 1, "Progress %"],
      ["progress-status-mismatch", "Measures", 2, "Progress %"],
    ]);
    expect(f[0].params).toMatchObject({ case: "completed-below-100", progress: 80 });
    expect(f[1].params).toMatchObject({
      case: "full-not-completed",
      progress: 100,
      status: "On track",
    });
  });
  it("does not fire on Completed without progress, Completed at 100, or partial progress", () => {
    expect(
      fire("progress-status-mismatch", [
        { Status: "Completed", "Progress %": null },
        { Status: "completed", "Progress %": 100 },
        { Status: "At risk", "Progress %": 99 },
      ])
    ).toEqual([]);
  });
  it("leaves an unknown status to status-unknown", () => {
    expect(fire("progress-status-mismatch", [{ Status: "Done", "Progress %": 100 }])).toEqual([]);
  });
});

describe("overdue", () => {
  it("fires when End year is before the as-of year and not Completed", () => {
    const f = fire("overdue", [
      { Timeframe: "Short-term", "Start year": 2021, "End year": 2025, Status: "Delayed" },
    ]);
    expect(brief(f)).toEqual([["overdue", "Measures", 1, "End year"]]);
    expect(f[0].params).toEqual({ endYear: 2025, asOfYear: 2026, status: "Delayed" });
  });
  it("does not fire when Completed, when End year is the as-of year, or for a blank status", () => {
    expect(
      fire("overdue", [
        {
          Timeframe: "Short-term",
          "Start year": 2021,
          "End year": 2025,
          Status: "Completed",
          "Progress %": 100,
        },
        { "End year": 2026, Status: "Delayed" },
        { Timeframe: "Short-term", "Start year": 2021, "End year": 2025, Status: null },
      ])
    ).toEqual([]);
  });
  it("counts from options.asOfYear over the Framework's As of year", () => {
    expect(fire("overdue", [{ "End year": 2030 }])).toEqual([]);
    const rows = [measure({ "End year": 2030 })];
    expect(ofRule(run(tables(rows), { asOfYear: 2031 }), "overdue")).toHaveLength(1);
  });
});

describe("not-started-late", () => {
  it("fires when Start year is before the as-of year and still Not started", () => {
    const f = fire("not-started-late", [
      {
        Timeframe: "Short-term",
        "Start year": 2022,
        "End year": 2025,
        Status: "Not started",
        "Progress %": null,
      },
    ]);
    expect(brief(f.filter((x) => x.rule === "not-started-late"))).toEqual([
      ["not-started-late", "Measures", 1, "Start year"],
    ]);
    expect(f[0].params).toEqual({ startYear: 2022, asOfYear: 2026 });
  });
  it("does not fire when it starts this year or has started", () => {
    expect(
      fire("not-started-late", [
        { "Start year": 2026, Status: "Not started" },
        { Timeframe: "Short-term", "Start year": 2022, "End year": 2025, Status: "Delayed" },
      ])
    ).toEqual([]);
  });
});

describe("reference-invalid", () => {
  it("fires on a strategy whose goal is unknown, a Timeframes row with From after To, and Responsibilities rows naming an unknown goal or committee", () => {
    const ref = referenceTables();
    ref.Strategies.rows.push(["S3", "G9", "Orphan"]);
    ref.Timeframes.rows.push(["Odd-term", 2030, 2026]);
    ref.Responsibilities.rows.push(
      ["G8", "DGC", "Lead"],
      ["G2", "Ministry of Planning", "Support"]
    );
    const f = ofRule(
      run({ ...ref, Measures: table("Measures", [measure()]) }),
      "reference-invalid"
    );
    expect(brief(f)).toEqual([
      ["reference-invalid", "Strategies", 3, "Goal"],
      ["reference-invalid", "Timeframes", 4, "From year"],
      ["reference-invalid", "Responsibilities", 4, "Goal"],
      ["reference-invalid", "Responsibilities", 5, "Committee"],
    ]);
    expect(f.map((x) => x.params.problem)).toEqual([
      "strategy-goal-unknown",
      "timeframe-order",
      "responsibility-goal-unknown",
      "responsibility-committee-unknown",
    ]);
  });
  it("fires on unreadable reference values instead of throwing or ignoring them", () => {
    const ref = referenceTables();
    ref.Framework.rows[3][1] = "next year";
    ref.Committees.rows[1][4] = "many";
    ref.Responsibilities.rows[0][2] = "Owner";
    ref.Goals.rows.push(["g1", "Goal one again", ""]);
    const f = ofRule(
      run({ ...ref, Measures: table("Measures", [measure()]) }),
      "reference-invalid"
    );
    expect(f.map((x) => [x.table, x.row, x.column, x.params.problem])).toEqual([
      ["Framework", 4, "Value", "year-unreadable"],
      ["Goals", 3, "Code", "value-duplicate"],
      ["Committees", 2, "Expected measures", "number-unreadable"],
      ["Responsibilities", 1, "Role", "role-invalid"],
    ]);
  });
  it("does not fire on clean reference tables", () => {
    expect(ofRule(run(tables([measure()])), "reference-invalid")).toEqual([]);
  });
  it("a Timeframe with From after To is not also a timeframe-mismatch on its measures", () => {
    const ref = referenceTables();
    ref.Timeframes.rows[1] = ["Medium-term", 2030, 2026];
    expect(brief(run({ ...ref, Measures: table("Measures", [measure()]) }))).toEqual([
      ["reference-invalid", "Timeframes", 2, "From year"],
    ]);
  });
});

describe("missing reference tables", () => {
  const nonsense = () => [
    measure({
      Goal: "X",
      Strategy: "Y",
      "Lead committee": "ZZ",
      "Other committees": "Ministry of Nothing; DSC",
      Timeframe: "whenever",
      "Start year": 1900,
      "End year": 2999,
    }),
    measure({
      "No.": "2",
      Goal: "X",
      Strategy: "Y",
      "Lead committee": "Committee on Digital Government",
      "Other committees": "",
      Timeframe: "Medium- to Long-term",
      "Start year": 2026,
      "End year": 2050,
    }),
  ];

  it("says once per table the measures point into that it is missing, and still checks committees, timeframes and years", () => {
    const f = run({ Measures: table("Measures", nonsense()) }, { asOfYear: 2026 });
    expect(brief(f)).toEqual([
      ["reference-missing", "Measures", null, "Goal"],
      ["reference-missing", "Measures", null, "Strategy"],
      ["reference-missing", "Measures", null, "Lead committee"],
      ["reference-missing", "Measures", null, "Timeframe"],
      ["committee-unknown", "Measures", 1, "Lead committee"],
      ["committee-unknown", "Measures", 1, "Other committees"],
      ["timeframe-unknown", "Measures", 1, "Timeframe"],
      ["year-out-of-period", "Measures", 1, "Start year"],
      ["year-out-of-period", "Measures", 1, "End year"],
    ]);
    expect(f.slice(0, 4).map((x) => x.params)).toEqual([
      { table: "Goals", state: "absent" },
      { table: "Strategies", state: "absent" },
      { table: "Committees", state: "absent", against: "built-in" },
      { table: "Timeframes", state: "absent", against: "built-in" },
    ]);
    expect(f.every((x) => x.severity === "error")).toBe(true);
    expect(f[2].message).toMatch(/no Committees table.*built-in DGC, DEBC, DSC/);
    expect(f[4].message).toBe(
      '"ZZ" is not the code, name or alias of a built-in committee (DGC, DEBC, DSC), and there is no Committees table (or it is empty) to name others.'
    );
    expect(f[7].params).toEqual({
      column: "Start year",
      year: 1900,
      periodStart: 2000,
      periodEnd: 2100,
      periodAssumed: "both",
    });
    expect(f[7].message).toMatch(
      /^Start year 1900 is outside the framework period \(2000–2100\); no Framework table/
    );
  });

  it("tells the Khmer message of each missing table", () => {
    const f = run({ Measures: table("Measures", nonsense()) }, { language: "km" });
    const missing = ofRule(f, "reference-missing").map((x) => x.message);
    expect(missing).toHaveLength(4);
    expect(missing[0]).toMatch(/^សៀវភៅបញ្ជីនេះគ្មានតារាង Goals ទេ/);
    expect(missing[2]).toContain("DGC, DEBC, DSC");
  });

  it("says nothing of a table no measure points into (a new blank workbook, or blank columns)", () => {
    expect(run({ Measures: table("Measures", []) })).toEqual([]);
    const f = run(
      tables([measure({ Goal: "", Strategy: "" })], {
        Goals: table("Goals", []),
        Strategies: undefined,
      })
    );
    expect(ofRule(f, "reference-missing")).toEqual([]);
    expect(ofRule(f, "required-missing").map((x) => x.column)).toEqual(["Goal", "Strategy"]);
  });

  it("treats an empty reference table like a missing one, and says it is empty", () => {
    const empty = {
      Goals: table("Goals", []),
      Committees: table("Committees", [[null, " "]]),
      Responsibilities: table("Responsibilities", []),
    };
    const f = run(tables([measure({ Goal: "X", Strategy: "S9" })], empty));
    expect(f.map((x) => x.rule)).toEqual([
      "reference-missing",
      "reference-missing",
      "strategy-unknown",
    ]);
    expect(f[0].params).toEqual({ table: "Goals", state: "empty" });
    expect(f[0].message).toMatch(/^The Goals table is empty: /);
    expect(f[1].params).toEqual({ table: "Committees", state: "empty", against: "built-in" });
  });

  it("accepts the built-in committees and timeframes by code, name or alias, without judging windows", () => {
    const rows = [
      measure({ "Lead committee": "debc", "Other committees": "Committee on Digital Security" }),
      measure({ "No.": "2", Timeframe: "Foundation", "Start year": 2021, "End year": 2035 }),
    ];
    const f = run(tables(rows, { Committees: undefined, Timeframes: undefined }));
    expect(f.map((x) => [x.rule, x.params.table ?? x.row])).toEqual([
      ["reference-missing", "Committees"],
      ["reference-missing", "Timeframes"],
      ["committee-not-responsible", 1],
    ]);
  });

  it("checks years against an assumed bound where the Framework gives only one", () => {
    const ref = referenceTables();
    ref.Framework.rows[2] = ["Period end", null];
    const f = fire("year-out-of-period", [{ "End year": 2999 }, { "End year": 2040 }], {
      Framework: ref.Framework,
    });
    expect(f.map((x) => [x.row, x.params.periodAssumed])).toEqual([[1, "end"]]);
    expect(f[0].message).toBe(
      "End year 2999 is outside the framework period (2021–2100); the Framework table gives no Period end, so 2100 is assumed."
    );
  });

  it("returns [] without a Measures table", () => {
    expect(run(referenceTables())).toEqual([]);
  });
});

describe("ordering", () => {
  it("sorts by table, row, then rule order", () => {
    const ref = referenceTables();
    ref.Timeframes.rows.push(["Odd", 2030, 2026]);
    const rows = [
      measure({ "No.": "1", Status: "Done", Goal: "G9" }),
      measure({ "No.": "", "Start year": 2032, "End year": 2031, Timeframe: "Long-term" }),
    ];
    expect(brief(run({ ...ref, Measures: table("Measures", rows) }))).toEqual([
      ["reference-invalid", "Timeframes", 4, "From year"],
      ["goal-unknown", "Measures", 1, "Goal"],
      ["status-unknown", "Measures", 1, "Status"],
      ["key-missing", "Measures", 2, "No."],
      ["year-order", "Measures", 2, "Start year"],
    ]);
  });
});
