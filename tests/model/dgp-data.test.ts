import data from "../../src/model/data/dgp.json";

/*
 * Checks src/model/data/dgp.json against numbers tallied BY HAND from the source PDF
 * /work/shared/sources/dgp-2022-2035-en.pdf (Cambodia Digital Government Policy 2022–2035,
 * Ministry of Post and Telecommunications, January 2022). The expected values below are
 * literals read off the PDF; they are not computed from the JSON.
 *
 * - Goals and strategies: §6 "Strategic Goals and Strategies" (printed p. 14, PDF p. 26),
 *   confirmed by the §7.1–7.4 headings (printed pp. 16–25) and Figure 4.
 * - Actions: Appendix 1 "Priority Actions List of the Strategic Framework under the Digital
 *   Government Committee" (printed pp. 36–49, PDF pp. 48–61). The strategy label is printed
 *   only on the first row of each strategy: S1 row 1, S2 row 7, S3 row 8, S4 row 11,
 *   S5 row 12, S6 row 36, S7 row 64, S8 row 76, S9 row 79, S10 row 82.
 * - Year ranges: the "Phase" column of Appendix 1 (rows 1–20 print "2022 - 2035" with spaces,
 *   rows 21–83 "2022-2035"; both are stored as "YYYY-YYYY").
 */

type MeasureRow = (typeof data.measures)[number];

const byNo = (no: string): MeasureRow => {
  const m = data.measures.find((x) => x.no === no);
  if (!m) throw new Error(`no action ${no}`);
  return m;
};

const tally = (keys: string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
};

const goalOfStrategy = (code: string): string => {
  const s = data.strategies.find((x) => x.code === code);
  if (!s) throw new Error(`no strategy ${code}`);
  return s.goal;
};

const MPTC = "Ministry of Post and Telecommunications";
const MEF = "Ministry of Economy and Finance";
const RMI = "Relevant Ministries and Institutions";
const RM = "Relevant Ministries";

describe("DGP 2022–2035 data (dgp.json)", () => {
  test("settings", () => {
    expect(data.settings).toEqual({
      name: "Digital Government Policy 2022–2035",
      periodStart: 2022,
      periodEnd: 2035,
      expectedMeasures: 83,
    });
  });

  test("4 strategic goals (§6, printed p. 14)", () => {
    expect(data.goals.map((g) => g.code)).toEqual(["G1", "G2", "G3", "G4"]);
    expect(data.goals.map((g) => g.name)).toEqual([
      "Promote the development of digital government infrastructure",
      "Build digital governance and create digital public services",
      "Digital capacity building and innovation",
      "Promote cooperation and partnerships between public and private sectors",
    ]);
    for (const g of data.goals) expect(g.nameKm).toBe("");
  });

  test("10 strategies and their goals (§6: goal 1 has strategies 1–4, goal 2 has 5–6, goal 3 has 7–8, goal 4 has 9–10)", () => {
    expect(data.strategies.map((s) => [s.code, s.goal])).toEqual([
      ["S1", "G1"],
      ["S2", "G1"],
      ["S3", "G1"],
      ["S4", "G1"],
      ["S5", "G2"],
      ["S6", "G2"],
      ["S7", "G3"],
      ["S8", "G3"],
      ["S9", "G4"],
      ["S10", "G4"],
    ]);
    expect(data.strategies[0].name).toBe(
      "Building and improving digital connectivity infrastructure"
    );
    expect(data.strategies[9].name).toBe("Promoting digital startups");
  });

  test("83 actions numbered 1..83 in order, all under DGC", () => {
    expect(data.measures).toHaveLength(83);
    data.measures.forEach((m, i) => {
      expect(m.no).toBe(String(i + 1));
      expect(m.committees).toEqual(["DGC"]);
      expect(m.measure).toBe(m.measure.trim());
      expect(m.measure).not.toMatch(/\s{2,}|\n/);
      expect(m.institutions.length).toBeGreaterThan(0);
      expect(new Set(m.institutions).size).toBe(m.institutions.length);
    });
  });

  test("actions per strategy (hand count of Appendix 1)", () => {
    expect(tally(data.measures.map((m) => m.strategy))).toEqual({
      S1: 6, // rows 1–6
      S2: 1, // row 7
      S3: 3, // rows 8–10
      S4: 1, // row 11
      S5: 24, // rows 12–35
      S6: 28, // rows 36–63
      S7: 12, // rows 64–75
      S8: 3, // rows 76–78
      S9: 3, // rows 79–81
      S10: 2, // rows 82–83
    });
  });

  test("actions per goal (hand count)", () => {
    expect(tally(data.measures.map((m) => goalOfStrategy(m.strategy)))).toEqual({
      G1: 11, // S1–S4: rows 1–11
      G2: 52, // S5–S6: rows 12–63
      G3: 15, // S7–S8: rows 64–78
      G4: 5, // S9–S10: rows 79–83
    });
  });

  test("actions per year range (hand count of the Phase column)", () => {
    expect(tally(data.measures.map((m) => m.timeframe))).toEqual({
      "2022-2035": 21,
      "2022-2030": 27,
      "2022-2025": 26,
      "2026-2030": 9,
    });
    const rowsWith = (tf: string) =>
      data.measures.filter((m) => m.timeframe === tf).map((m) => Number(m.no));
    expect(rowsWith("2026-2030")).toEqual([14, 15, 17, 30, 32, 34, 52, 56, 57]);
    expect(rowsWith("2022-2035")).toEqual([
      1, 2, 4, 6, 8, 9, 65, 66, 69, 70, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,
    ]);
  });

  test("timeframes: §8.1 phases and the Appendix 1 year ranges", () => {
    expect(data.timeframes).toEqual([
      { name: "Foundation", from: 2022, to: 2025 },
      { name: "Adoption", from: 2026, to: 2030 },
      { name: "Transformation", from: 2031, to: 2035 },
      { name: "2022-2025", from: 2022, to: 2025 },
      { name: "2026-2030", from: 2026, to: 2030 },
      { name: "2022-2030", from: 2022, to: 2030 },
      { name: "2022-2035", from: 2022, to: 2035 },
    ]);
  });

  test("every action's strategy exists and its timeframe is listed", () => {
    const strategies = new Set(data.strategies.map((s) => s.code));
    const timeframes = new Set(data.timeframes.map((t) => t.name));
    for (const m of data.measures) {
      expect(strategies.has(m.strategy)).toBe(true);
      expect(timeframes.has(m.timeframe)).toBe(true);
      expect(m.timeframe).toMatch(/^\d{4}-\d{4}$/);
    }
  });

  test("responsibilities: DGC leads every goal", () => {
    expect(data.responsibilities).toEqual([
      { goal: "G1", committee: "DGC", role: "Lead" },
      { goal: "G2", committee: "DGC", role: "Lead" },
      { goal: "G3", committee: "DGC", role: "Lead" },
      { goal: "G4", committee: "DGC", role: "Lead" },
    ]);
  });

  test("no raw variant spelling is left in the institutions", () => {
    const all = new Set(data.measures.flatMap((m) => m.institutions));
    for (const variant of [
      "Ministry of Posts and Telecommunications",
      "Ministry of Industry Science Technology and Innovation",
      "Ministry of Industry, Science, Technology, and Innovation",
      "Ministry of Land Management, Urban Planning, and Construction",
      "Ministry of Public Work and Transport",
      "Ministry of Education, Youth and, Sport",
      "Ministry of Education, Youth, and Sport",
      "Ministry of Labor and Vocational",
      "Relevant Ministries/Institutions",
      "Relevant Ministries/ Institutions",
      "Relevant Ministries and institutions",
    ]) {
      expect(all.has(variant)).toBe(false);
    }
  });

  describe("hand spot-checks of Appendix 1 rows", () => {
    test("row 1 (S1, printed p. 36)", () => {
      expect(byNo("1")).toEqual({
        no: "1",
        strategy: "S1",
        measure:
          "Strengthen and expand mobile and high-speed internet infrastructure through (1) strengthening and expanding coverage of 4G mobile service, (2) building telecommunication infrastructure for 5th generation mobile service (5G) and latest mobile telecommunication technology, (3) building submarine fiber optic network and high-speed internet infrastructure construction, and (4) organizing joint telecommunications infrastructure.",
        committees: ["DGC"],
        institutions: [MPTC, MEF, RMI],
        timeframe: "2022-2035",
        note: "Source prints 'Ministry of Posts and Telecommunications'; the ministry's official name is used.",
      });
    });

    test("row 6 (S1, p. 37)", () => {
      const m = byNo("6");
      expect(m.measure).toBe(
        "Promote digital infrastructure connectivity at the sub-national level from the provincial level to the commune level"
      );
      expect(m.institutions).toEqual([
        MPTC,
        MEF,
        "Ministry of Interior",
        RMI,
        "Sub-National Administration",
      ]);
      expect(m.timeframe).toBe("2022-2035");
    });

    test("row 7 (S2, p. 37)", () => {
      const m = byNo("7");
      expect(m.strategy).toBe("S2");
      expect(m.measure).toBe(
        "Build and strengthen national payment gateway infrastructure for public services"
      );
      expect(m.institutions).toEqual([
        MEF,
        "National Bank of Cambodia",
        "Non-Banking Financial Services Authority",
        MPTC,
        RMI,
      ]);
      expect(m.timeframe).toBe("2022-2030");
    });

    test("row 10 (S3, p. 37–38: last institution printed on the next page)", () => {
      const m = byNo("10");
      expect(m.strategy).toBe("S3");
      expect(m.measure).toBe("Build and strengthen digital identity infrastructure");
      expect(m.institutions).toEqual([MPTC, "Ministry of Interior", MEF, RMI]);
      expect(m.timeframe).toBe("2022-2030");
    });

    test("row 11 (S4, p. 38)", () => {
      const m = byNo("11");
      expect(m.strategy).toBe("S4");
      expect(m.measure).toBe(
        "Improving information infrastructure, supporting infrastructure for postal network, and national digital postal platform"
      );
      expect(m.institutions).toEqual([MPTC, "Ministry of Public Works and Transport", MEF]);
      expect(m.timeframe).toBe("2022-2030");
    });

    test("row 15 (S5, p. 38: wrapped ministry name rejoined)", () => {
      const m = byNo("15");
      expect(m.strategy).toBe("S5");
      expect(m.measure).toBe("Formulate digital policy for smart cities");
      expect(m.institutions).toEqual([
        MPTC,
        "Ministry of Interior",
        "Ministry of Land Management, Urban Planning and Construction",
        "Ministry of Public Works and Transport",
        MEF,
        RMI,
      ]);
      expect(m.timeframe).toBe("2026-2030");
      expect(m.note).toMatch(
        /^(Source prints 'Ministry of Posts and Telecommunications'; the ministry's official name is used\.)?$/
      );
    });

    test("row 20 (S5, p. 39: eight institutions)", () => {
      const m = byNo("20");
      expect(m.measure).toBe("Formulate a law on the protection of personal data");
      expect(m.institutions).toEqual([
        MPTC,
        MEF,
        "Ministry of Interior",
        "Ministry of Commerce",
        "National Bank of Cambodia",
        "Ministry of Justice",
        "Ministry of Health",
        RMI,
      ]);
      expect(m.timeframe).toBe("2022-2025");
    });

    test("row 24 (S5, p. 40: not led by MPTC)", () => {
      const m = byNo("24");
      expect(m.measure).toBe("Formulate law on access to information");
      expect(m.institutions).toEqual(["Ministry of Information", RM]);
      expect(m.timeframe).toBe("2022-2025");
      expect(m.note).toMatch(
        /^(Source prints 'Ministry of Posts and Telecommunications'; the ministry's official name is used\.)?$/
      );
    });

    test("row 41 (S6, p. 43)", () => {
      const m = byNo("41");
      expect(m.strategy).toBe("S6");
      expect(m.measure).toBe("Develop and improve the National Geographic Information System");
      expect(m.institutions).toEqual([
        "Ministry of Land Management, Urban Planning and Construction",
        "Ministry of Environment",
        "Ministry of Agriculture, Forestry, and Fisheries",
        "Ministry of Interior",
        MPTC,
        RM,
      ]);
      expect(m.timeframe).toBe("2022-2030");
      expect(m.note).toContain("Ministry of Land Management, Urban Planning, and Construction");
    });

    test("row 50 (S6, p. 44: 'Public Work' typo fixed and noted)", () => {
      const m = byNo("50");
      expect(m.measure).toBe("Improve the Vehicle Information Check");
      expect(m.institutions).toEqual(["Ministry of Public Works and Transport", MPTC]);
      expect(m.timeframe).toBe("2022-2025");
      expect(m.note).toContain("Ministry of Public Work and Transport");
    });

    test("row 57 (S6, p. 45)", () => {
      const m = byNo("57");
      expect(m.measure).toBe(
        "Develop and improve a disaster information management system and an early warning system"
      );
      expect(m.institutions).toEqual(["National Committee on Disaster Management", MPTC, RM]);
      expect(m.timeframe).toBe("2026-2030");
    });

    test("row 64 (S7, p. 46)", () => {
      const m = byNo("64");
      expect(m.strategy).toBe("S7");
      expect(m.measure).toBe(
        "Formulate competency assessment and technical skill recognition framework and digital human capital management, mobilization, and incentivization policies"
      );
      expect(m.institutions).toEqual([MPTC, "Ministry of Civil Service", RM]);
      expect(m.timeframe).toBe("2022-2025");
    });

    test("row 75 (S7, p. 48: truncated ministry name completed and noted)", () => {
      const m = byNo("75");
      expect(m.strategy).toBe("S7");
      expect(m.measure).toBe("Promote the training of important digital professionals");
      expect(m.institutions).toEqual([
        MPTC,
        "Ministry of Education, Youth and Sport",
        "Ministry of Labor and Vocational Training",
      ]);
      expect(m.timeframe).toBe("2022-2035");
      expect(m.note).toContain("Ministry of Labor and Vocational");
    });

    test("row 77 (S8, p. 48)", () => {
      const m = byNo("77");
      expect(m.strategy).toBe("S8");
      expect(m.measure).toBe(
        "Promote the transfer of digital technology resulting from research to the public and private sectors"
      );
      expect(m.institutions).toEqual([
        MPTC,
        "Ministry of Industry, Science, Technology and Innovation",
        RMI,
      ]);
      expect(m.timeframe).toBe("2022-2035");
    });

    test("row 79 (S9, p. 49)", () => {
      const m = byNo("79");
      expect(m.strategy).toBe("S9");
      expect(m.measure).toBe(
        "Organize a forum between the Digital Government Committee and digital technology companies"
      );
      expect(m.institutions).toEqual([MPTC, RMI]);
      expect(m.timeframe).toBe("2022-2035");
      expect(m.note).toContain("Relevant Ministries/ Institutions");
    });

    test("row 83 (S10, p. 49: last row)", () => {
      const m = byNo("83");
      expect(m.strategy).toBe("S10");
      expect(m.measure).toBe("Expand market opportunities for digital startups");
      expect(m.committees).toEqual(["DGC"]);
      expect(m.institutions).toEqual([MPTC, MEF, RMI]);
      expect(m.timeframe).toBe("2022-2035");
      expect(m.note).toContain("Relevant Ministries/Institutions");
    });
  });
});
