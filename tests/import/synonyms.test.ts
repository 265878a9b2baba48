import {
  closest,
  editDistance,
  HEADER_SYNONYMS,
  matchHeader,
  MEASURES_HEADERS,
  synonymKey,
} from "../../src/import/synonyms";

describe("matchHeader", () => {
  it.each([
    ["No", "No."],
    ["No.", "No."],
    ["#", "No."],
    ["Measure No", "No."],
    ["Ref", "No."],
    ["លេខ", "No."],
    ["ល.រ", "No."],
    ["Policy measure", "Measure"],
    ["Key Policy Measures", "Measure"],
    ["Priority action", "Measure"],
    ["Priority Activity", "Measure"],
    ["វិធានការ", "Measure"],
    ["Responsible committee", "Lead committee"],
    ["Committee", "Lead committee"],
    ["គណៈកម្មាធិការ", "Lead committee"],
    ["Ministry-Institution", "Institutions"],
    ["Ministry/institution in charge", "Institutions"],
    ["Institutions", "Institutions"],
    ["ក្រសួង-ស្ថាប័ន", "Institutions"],
    ["Timeframe", "Timeframe"],
    ["Phase", "Timeframe"],
    ["Period", "Timeframe"],
    ["រយៈពេល", "Timeframe"],
    ["From", "Start year"],
    ["Start", "Start year"],
    ["ឆ្នាំចាប់ផ្តើម", "Start year"],
    ["ឆ្នាំចាប់ផ្ដើម", "Start year"],
    ["To", "End year"],
    ["End", "End year"],
    ["Deadline", "End year"],
    ["Current status", "Status"],
    ["Status", "Status"],
    ["ស្ថានភាព", "Status"],
    ["Progress", "Progress %"],
    ["% complete", "Progress %"],
    ["វឌ្ឍនភាព", "Progress %"],
    ["Goal", "Goal"],
    ["Pillar", "Goal"],
    ["Section", "Goal"],
    ["Strategy", "Strategy"],
    ["Cluster", "Strategy"],
    ["Policy direction", "Strategy"],
    ["Other committees", "Other committees"],
    ["Indicator", "Indicator"],
    ["Target", "Target"],
    ["Remarks", "Notes"],
  ])("%s → %s", (text, header) => {
    expect(matchHeader(text)?.header).toBe(header);
  });

  it("ignores case, spacing, punctuation and zero-width spaces", () => {
    expect(matchHeader("  LEAD   COMMITTEE: ")).toEqual({ header: "Lead committee", distance: 0 });
    expect(matchHeader("progress-%")).toEqual({ header: "Progress %", distance: 0 });
    expect(matchHeader("វិធាន\u200bការ")).toEqual({ header: "Measure", distance: 0 });
  });

  it("tolerates typos in longer headers", () => {
    expect(matchHeader("Timefrme")).toEqual({ header: "Timeframe", distance: 1 });
    expect(matchHeader("Comittee")).toEqual({ header: "Lead committee", distance: 1 });
    expect(matchHeader("Instituions")).toEqual({ header: "Institutions", distance: 1 });
    expect(matchHeader("Stauts")).toEqual({ header: "Status", distance: 1 }); // a swap
    expect(matchHeader("Key Polcy Mesures")?.header).toBe("Measure");
  });

  it("does not guess on short words or unrelated text", () => {
    expect(matchHeader("Tp")).toBeNull();
    expect(matchHeader("Fro")).toBeNull();
    expect(matchHeader("Budget")).toBeNull();
    expect(matchHeader("Ministry of Post and Telecommunications")).toBeNull();
    expect(matchHeader("")).toBeNull();
    expect(matchHeader("2025")).toBeNull();
  });

  it("reads through a parenthesised remark", () => {
    expect(matchHeader("Timeframe (years)")).toEqual({ header: "Timeframe", distance: 3 });
    expect(matchHeader("Lead committee(s)")?.header).toBe("Lead committee");
    expect(matchHeader("Progress (%)")?.header).toBe("Progress %");
  });

  it("maps every contract header to itself", () => {
    for (const h of MEASURES_HEADERS) expect(matchHeader(h)).toEqual({ header: h, distance: 0 });
  });

  it("has no synonym that two columns claim", () => {
    const owner = new Map<string, string>();
    for (const h of MEASURES_HEADERS) {
      for (const s of [h, ...HEADER_SYNONYMS[h]]) {
        const k = synonymKey(s);
        if (owner.has(k)) expect(`${s} (${owner.get(k)})`).toBe(`${s} (${h})`);
        owner.set(k, h);
      }
    }
  });
});

describe("editDistance and closest", () => {
  it("counts edits and adjacent swaps", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("status", "stauts")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3); // gave up early
  });

  it("refuses ties between different values", () => {
    const keys: Array<readonly [string, string]> = [
      ["abcdex", "one"],
      ["abcdey", "two"],
    ];
    expect(closest("abcdez", keys)).toBeNull();
    expect(closest("abcdex", keys)).toEqual({ value: "one", distance: 0 });
  });
});
