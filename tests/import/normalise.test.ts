import fc from "fast-check";
import {
  CommitteeResolver,
  MeasureNormaliser,
  matchStatus,
  normaliseList,
  normaliseNo,
  normaliseProgress,
  normaliseYear,
  progressIsFraction,
  splitCommittees,
  TimeframeMatcher,
  type MeasureValues,
} from "../../src/import/normalise";
import { CommitteeIndex } from "../../src/model/committees";
import type { Cell } from "../../src/model/types";
import { COMMITTEES, REFERENCE } from "./reference";

const resolver = new CommitteeResolver(new CommitteeIndex(COMMITTEES));
const timeframes = new TimeframeMatcher(REFERENCE.timeframes.map((t) => t.name));

describe("committees", () => {
  it("resolves names, Khmer names, aliases and codes, and a typo", () => {
    expect(splitCommittees("Committee on Digital Government", resolver)).toEqual(["DGC"]);
    expect(splitCommittees("digital economy and business committee", resolver)).toEqual(["DEBC"]);
    expect(splitCommittees("គណៈកម្មាធិការសន្តិសុខឌីជីថល", resolver)).toEqual(["DSC"]);
    expect(splitCommittees("dgc", resolver)).toEqual(["DGC"]);
    expect(splitCommittees("Committee on Digital Securty", resolver)).toEqual(["DSC"]);
  });

  it("splits several names in one cell, not inside a name that has 'and' in it", () => {
    expect(
      splitCommittees("Committee on Digital Government; Committee on Digital Security", resolver)
    ).toEqual(["DGC", "DSC"]);
    expect(splitCommittees("DGC\nDEBC, DSC", resolver)).toEqual(["DGC", "DEBC", "DSC"]);
    expect(splitCommittees("DGC and DSC", resolver)).toEqual(["DGC", "DSC"]);
    expect(splitCommittees("Digital Economy and Business Committee & DSC", resolver)).toEqual([
      "DEBC",
      "DSC",
    ]);
    expect(splitCommittees("DGC / DGC", resolver)).toEqual(["DGC"]);
  });

  it("keeps unknown names as they are", () => {
    expect(splitCommittees("Council for Rice", resolver)).toEqual(["Council for Rice"]);
    expect(splitCommittees("DGC; Ministry of Magic", resolver)).toEqual([
      "DGC",
      "Ministry of Magic",
    ]);
    expect(splitCommittees(null, resolver)).toEqual([]);
  });
});

describe("timeframes", () => {
  it.each([
    ["Short-trm", "Short-term"],
    ["short term", "Short-term"],
    ["SHORT-TERM", "Short-term"],
    ["Medium term", "Medium-term"],
    ["short to medium term", "Short- to Medium-term"],
    ["Short-to-Medium-term", "Short- to Medium-term"],
    ["Medium- to Long-term", "Medium- to Long-term"],
    ["Short- to Long-term", "Short- to Long-term"],
    ["short to long term (regularly implemented)", "Short- to Long-term (Regularly implemented)"],
    ["Long-tern", "Long-term"],
  ])("%s → %s", (text, name) => {
    expect(timeframes.match(text)).toBe(name);
  });

  it("leaves what is no timeframe", () => {
    expect(timeframes.match("Someday")).toBeNull();
    expect(timeframes.match("")).toBeNull();
  });

  it("matches year ranges across dash styles but never one digit off", () => {
    const dgp = new TimeframeMatcher(["2022-2025", "2026-2030", "2022-2030"]);
    expect(dgp.match("2022–2025")).toBe("2022-2025");
    expect(dgp.match("2022 - 2030")).toBe("2022-2030");
    expect(dgp.match("2022-2026")).toBeNull();
  });

  it("names the only 'Regularly implemented' variant from its short form", () => {
    const only = new TimeframeMatcher([
      "Short-term",
      "Medium- to Long-term (Regularly implemented)",
    ]);
    expect(only.match("Medium to long term")).toBe("Medium- to Long-term (Regularly implemented)");
  });
});

describe("statuses", () => {
  it.each([
    ["completed", "Completed"],
    ["done", "Completed"],
    ["Complete", "Completed"],
    ["ongoing", "On track"],
    ["in progress", "On track"],
    ["On-going", "On track"],
    ["not yet started", "Not started"],
    ["NOT STARTED", "Not started"],
    ["at risk", "At risk"],
    ["behind schedule", "Delayed"],
    ["delayed", "Delayed"],
    ["Compleeted", "Completed"],
    ["បានបញ្ចប់", "Completed"],
    ["កំពុងអនុវត្ត", "On track"],
  ])("%s → %s", (text, status) => {
    expect(matchStatus(text)).toBe(status);
  });

  it("leaves what is no status", () => {
    expect(matchStatus("Awaiting budget")).toBeNull();
  });
});

describe("numbers, years, lists", () => {
  it("reads progress: percent text, numbers, fractions when the column is fractions", () => {
    expect(normaliseProgress("40%", false)).toBe(40);
    expect(normaliseProgress(" 40 % ", false)).toBe(40);
    expect(normaliseProgress("40,5", false)).toBe(40.5);
    expect(normaliseProgress(0.4, true)).toBe(40);
    expect(normaliseProgress("0.333333", true)).toBe(33.33);
    expect(normaliseProgress("40%", true)).toBe(40);
    expect(normaliseProgress(0.4, false)).toBe(0.4);
    expect(normaliseProgress("about half", false)).toBe("about half");
    expect(normaliseProgress(null, false)).toBeNull();
  });

  it("decides fractions from the whole column", () => {
    expect(progressIsFraction([0.4, 0, 1, null, ""])).toBe(true);
    expect(progressIsFraction(["0.25", "0.5"])).toBe(true);
    expect(progressIsFraction([0.4, 40])).toBe(false);
    expect(progressIsFraction(["40%", "0.5"])).toBe(true); // "40%" says itself what it is
    expect(progressIsFraction([0, 0, null])).toBe(false);
    expect(progressIsFraction(["n/a"])).toBe(false);
  });

  it("reads years from numbers, text, dates and Excel serials; keeps odd ones", () => {
    expect(normaliseYear("2025")).toBe(2025);
    expect(normaliseYear(" 2025 ")).toBe(2025);
    expect(normaliseYear(new Date(Date.UTC(2026, 0, 1)))).toBe(2026);
    expect(normaliseYear(46023)).toBe(2026);
    expect(normaliseYear("2026-01-01")).toBe(2026);
    expect(normaliseYear("31/12/2030")).toBe(2030);
    expect(normaliseYear("next year")).toBe("next year");
    expect(normaliseYear(20.5)).toBe(20.5);
  });

  it("joins lists with '; '", () => {
    expect(normaliseList("MPTC\nMEF")).toBe("MPTC; MEF");
    expect(normaliseList("Ministry of Education, Youth and Sports")).toBe(
      "Ministry of Education, Youth and Sports"
    ); // names hold commas
    expect(normaliseList("MPTC;MEF\u000bMOI")).toBe("MPTC; MEF; MOI");
    expect(normaliseList("- MPTC\r\n• MEF;")).toBe("MPTC; MEF");
    expect(normaliseList("MPTC; MEF")).toBe("MPTC; MEF");
    expect(normaliseList(" ; ")).toBeNull();
    expect(normaliseList(5)).toBe(5);
  });

  it("writes the No. as text", () => {
    expect(normaliseNo(12)).toBe("12");
    expect(normaliseNo("12.")).toBe("12");
    expect(normaliseNo(" I.A.3 ")).toBe("I.A.3");
  });
});

describe("MeasureNormaliser.row", () => {
  const n = new MeasureNormaliser(REFERENCE);

  it("normalises a messy row and reports each visible change, in column order", () => {
    const { values, changes } = n.row({
      "No.": 3,
      Goal: "Goal I",
      Strategy: "i.a",
      Measure: "  Digital ID for all ",
      "Lead committee": "Committee on Digital Government; Committee on Digital Security",
      Institutions: "MOI\nMEF",
      Timeframe: "short to medium term",
      "Start year": "2022",
      "End year": new Date(Date.UTC(2030, 11, 31)),
      Status: "done",
      "Progress %": "100%",
    });
    expect(values).toEqual({
      "No.": "3",
      Goal: "I",
      Strategy: "I.A",
      Measure: "Digital ID for all",
      "Lead committee": "DGC",
      "Other committees": "DSC",
      Institutions: "MOI; MEF",
      Timeframe: "Short- to Medium-term",
      "Start year": 2022,
      "End year": 2030,
      Status: "Completed",
      "Progress %": 100,
    });
    expect(changes).toEqual([
      { column: "Goal", from: "Goal I", to: "I" },
      { column: "Strategy", from: "i.a", to: "I.A" },
      {
        column: "Lead committee",
        from: "Committee on Digital Government; Committee on Digital Security",
        to: "DGC",
      },
      { column: "Other committees", from: "", to: "DSC" },
      { column: "Institutions", from: "MOI\nMEF", to: "MOI; MEF" },
      { column: "Timeframe", from: "short to medium term", to: "Short- to Medium-term" },
      { column: "End year", from: "2030-12-31", to: "2030" },
      { column: "Status", from: "done", to: "Completed" },
      { column: "Progress %", from: "100%", to: "100" },
    ]);
  });

  it("merges a lead cell's extra committees into Other committees without repeating the lead", () => {
    const { values } = n.row({
      "Lead committee": "DGC, DEBC",
      "Other committees": "Committee on Digital Government; DSC",
    });
    expect(values["Lead committee"]).toBe("DGC");
    expect(values["Other committees"]).toBe("DEBC; DSC");
  });

  it("keeps unknown codes, odd years and strange statuses exactly as sent", () => {
    const row: MeasureValues = {
      "No.": "7",
      Goal: "IX",
      "Lead committee": "Rice Council",
      Timeframe: "Someday",
      "Start year": "soon",
      Status: "Awaiting",
      "Progress %": "n/a",
    };
    const { values, changes } = n.row(row);
    expect(values).toEqual({
      "No.": "7",
      Goal: "IX",
      "Lead committee": "Rice Council",
      Timeframe: "Someday",
      "Start year": "soon",
      Status: "Awaiting",
      "Progress %": "n/a",
    });
    expect(changes).toEqual([]);
  });

  it("only outputs the columns it was given", () => {
    expect(Object.keys(n.row({ "No.": "1", Measure: "x" }).values).sort()).toEqual([
      "Measure",
      "No.",
    ]);
  });

  it("scales a fraction column", () => {
    const f = new MeasureNormaliser(REFERENCE, { progressFraction: true });
    expect(f.row({ "Progress %": 0.4 })).toEqual({
      values: { "Progress %": 40 },
      changes: [{ column: "Progress %", from: "0.4", to: "40" }],
    });
  });
});

const arbCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    "DGC; DSC",
    "Committee on Digital Securty",
    "40%",
    "0.4",
    "Short-trm",
    "done",
    "2025",
    " ",
    "\n",
    "；",
    "2022–2025"
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.date({ noInvalidDate: false })
);

describe("MeasureNormaliser (property)", () => {
  const headers = [
    "No.",
    "Goal",
    "Strategy",
    "Measure",
    "Lead committee",
    "Other committees",
    "Institutions",
    "Timeframe",
    "Start year",
    "End year",
    "Status",
    "Progress %",
    "Indicator",
    "Target",
    "Notes",
  ] as const;

  it("never throws, keeps No. and measure text of any row that has them, and reports text only", () => {
    fc.assert(
      fc.property(
        fc.array(arbCell, { minLength: headers.length, maxLength: headers.length }),
        fc.boolean(),
        (cells, fraction) => {
          const input: MeasureValues = {};
          headers.forEach((h, i) => (input[h] = cells[i]));
          const { values, changes } = new MeasureNormaliser(REFERENCE, {
            progressFraction: fraction,
          }).row(input);
          const text = (c: Cell | undefined) =>
            c === null || c === undefined ? "" : String(c).trim();
          if (
            text(input["No."] instanceof Date ? "d" : (input["No."] as Cell)) !== "" &&
            typeof input["No."] === "string"
          ) {
            expect(text(values["No."])).not.toBe("");
          }
          if (typeof input.Measure === "string" && input.Measure.trim() !== "")
            expect(values.Measure).toBe(input.Measure.trim());
          for (const ch of changes) {
            expect(typeof ch.from).toBe("string");
            expect(typeof ch.to).toBe("string");
            expect(ch.from).not.toBe(ch.to);
          }
        }
      ),
      { numRuns: 500 }
    );
  });
});
