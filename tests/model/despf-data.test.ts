/**
 * Checks src/model/data/despf.json against the source document:
 * Cambodia Digital Economy and Society Policy Framework 2021–2035 (DESPF),
 * Annex 1 "Matrix of Policy Measures", printed pages 72–133 (PDF pages 87–148)
 * of shared/sources/despf-2021-2035-en.pdf.
 *
 * Every expected number below was tallied by hand, row by row, from the rendered
 * pages of that annex (not computed from the JSON). The per-goal totals are also
 * the ones the DESPF states itself in §6 "Conclusion" (printed pages 70–71:
 * 33, 11, 21, 35 and 26 measures, plus 13 impact-mitigation measures = 139),
 * and the per-cluster totals agree with the bullet lists of §3.4.1–3.4.6.
 */
import data from "../../src/model/data/despf.json";

interface M {
  no: string;
  strategy: string;
  measure: string;
  committees: string[];
  institutions: string[];
  timeframe: string;
  note: string;
}

const measures = data.measures as M[];

function tally(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

const byNo = (no: string): M => {
  const m = measures.find((x) => x.no === no);
  if (!m) throw new Error(`measure ${no} missing`);
  return m;
};

// Annex 1, column "Policy Directions": cluster A/B/C… boundaries, counted by hand.
// I.A 1–11, I.B 12–23, I.C 24–33 (pp. 72–83); II.A 34–37, II.B 38–44 (pp. 83–89);
// III.A 45–50, III.B 51–60, III.C 61–65 (pp. 89–101); IV.A 66–76, IV.B 77–90,
// IV.C 91–100 (pp. 101–114); V.A 101–109, V.B 110–118, V.C 119–126 (pp. 114–128);
// VI.A 127–136, VI.B 137–139 (pp. 128–133).
const EXPECTED_PER_CLUSTER: Record<string, number> = {
  "I.A": 11,
  "I.B": 12,
  "I.C": 10,
  "II.A": 4,
  "II.B": 7,
  "III.A": 6,
  "III.B": 10,
  "III.C": 5,
  "IV.A": 11,
  "IV.B": 14,
  "IV.C": 10,
  "V.A": 9,
  "V.B": 9,
  "V.C": 8,
  "VI.A": 10,
  "VI.B": 3,
};

// Section headings I–VI of Annex 1; totals as stated in DESPF §6 (pp. 70–71).
const EXPECTED_PER_GOAL: Record<string, number> = { I: 33, II: 11, III: 21, IV: 35, V: 26, VI: 13 };

// Annex 1, column "Responsible Agency: Committee", committees in printed order,
// tallied by hand. Multi-committee rows: 9 and 96 (DGC then DEBC); 77, 82, 83 and
// 136 (DEBC then DGC); 74 (DGC then DSC). Rows 45, 48, 53, 59, 61 and 62 print
// "Committee on Digital Economy and Business" twice: counted once, as DEBC.
const EXPECTED_PER_COMMITTEES: Record<string, number> = {
  DGC: 40,
  DEBC: 80,
  DSC: 12,
  "DGC+DEBC": 2,
  "DEBC+DGC": 4,
  "DGC+DSC": 1,
};

// Annex 1, column "Timeframe", tallied by hand after normalising three misprints:
// row 48 "Short- to medium-term", row 91 "Short-trm", row 98
// "Short- to Long-term Regularly implemented)". Rows 81 and 82 print
// "Short- to Long-term" without "(Regularly implemented)"; row 73 prints
// "Short- to Medium-term (Regularly implemented)"; row 93 prints
// "Medium- to Long-term (Regularly implemented)". No row prints plain "Long-term".
const EXPECTED_PER_TIMEFRAME: Record<string, number> = {
  "Short-term": 37,
  "Medium-term": 27,
  "Short- to Medium-term": 17,
  "Medium- to Long-term": 4,
  "Short- to Long-term (Regularly implemented)": 50,
  "Short- to Long-term": 2,
  "Short- to Medium-term (Regularly implemented)": 1,
  "Medium- to Long-term (Regularly implemented)": 1,
};

describe("DESPF data (Annex 1, Matrix of Policy Measures)", () => {
  test("139 measures numbered 1..139 in order", () => {
    expect(measures).toHaveLength(139);
    expect(measures.map((m) => m.no)).toEqual(Array.from({ length: 139 }, (_, i) => String(i + 1)));
    expect(data.settings.expectedMeasures).toBe(139);
    expect(data.settings.periodStart).toBe(2021);
    expect(data.settings.periodEnd).toBe(2035);
  });

  test("6 goals (I–VI) and 16 strategies (clusters)", () => {
    expect(data.goals.map((g) => g.code)).toEqual(["I", "II", "III", "IV", "V", "VI"]);
    expect(data.strategies.map((s) => s.code)).toEqual(Object.keys(EXPECTED_PER_CLUSTER));
    for (const s of data.strategies) {
      expect(s.code.startsWith(`${s.goal}.`)).toBe(true);
      expect(s.direction.length).toBeGreaterThan(20);
    }
    for (const g of data.goals) expect(g.nameKm).toBe("");
  });

  test("goal and cluster names as printed", () => {
    expect(data.goals[0].name).toBe(
      "Developing Infrastructure in support of the Digital Transformation: Digital Connectivity, FinTech Infrastructure and Digital Payment Systems, and Logistics and Last-mile Delivery"
    );
    expect(data.goals[5].name).toBe(
      "Mitigating the negative impacts: Avoid, Reduce and Address the Socio-Economic Impacts imposed by the New Turn of Digital Transformation."
    );
    expect(data.strategies.map((s) => s.name)).toEqual([
      "Digital Connectivity",
      "Financial Technology (Fintech) Infrastructure and Digital Payment Systems",
      "Logistics and Last-mile Delivery",
      "The Legal Framework",
      "Strengthening the management of digital security",
      "Digital Leaders",
      "Digital Talent Pool",
      "Digital Citizens",
      "Digital Government and Public Services",
      "Keys to promote digital operations",
      "Data-driven Governance",
      "Digital Enterprise Transformation",
      "Ecosystem for Entrepreneurship and Startups",
      "Digital Value Chains",
      "Socio-Economic Aspects",
      "Fiscal System Aspects of the Digital Economy and Society",
    ]);
    expect(data.strategies[0].direction).toBe(
      "the development of high-speed broadband network infrastructure, the development of data infrastructure capable to respond to technological development, and the development of hard and soft infrastructure to support the smart living of the citizens"
    );
    expect(data.strategies[15].direction).toBe("assessing the economic benefits and tax revenue.");
  });

  test("measures per cluster", () => {
    expect(tally(measures.map((m) => m.strategy))).toEqual(EXPECTED_PER_CLUSTER);
  });

  test("measures per goal", () => {
    const goalOf = new Map(data.strategies.map((s) => [s.code, s.goal]));
    expect(tally(measures.map((m) => goalOf.get(m.strategy) ?? "?"))).toEqual(EXPECTED_PER_GOAL);
  });

  test("measures per committee combination (printed order, lead first)", () => {
    expect(tally(measures.map((m) => m.committees.join("+")))).toEqual(EXPECTED_PER_COMMITTEES);
  });

  test("measures per timeframe", () => {
    expect(tally(measures.map((m) => m.timeframe))).toEqual(EXPECTED_PER_TIMEFRAME);
  });

  test("referential integrity", () => {
    const strategies = new Set(data.strategies.map((s) => s.code));
    const goals = new Set(data.goals.map((g) => g.code));
    const timeframes = data.timeframes.map((t) => t.name);
    expect(new Set(timeframes).size).toBe(timeframes.length);
    for (const s of data.strategies) expect(goals.has(s.goal)).toBe(true);
    for (const m of measures) {
      expect(strategies.has(m.strategy)).toBe(true);
      expect(timeframes).toContain(m.timeframe);
      expect(m.committees.length).toBeGreaterThan(0);
      expect(new Set(m.committees).size).toBe(m.committees.length);
      for (const c of m.committees) expect(["DGC", "DEBC", "DSC"]).toContain(c);
      expect(m.institutions.length).toBeGreaterThan(0);
      expect(m.measure).toBe(m.measure.trim());
      expect(m.measure).not.toMatch(/\s{2}|\n/);
    }
    for (const t of data.timeframes) {
      expect(t.from).toBeGreaterThanOrEqual(2021);
      expect(t.to).toBeLessThanOrEqual(2035);
      expect(t.from).toBeLessThanOrEqual(t.to);
    }
  });

  test("responsibilities: leads per goal, plus DGP §7 joint DGC/DEBC leads, no duplicates", () => {
    const rows = data.responsibilities.map((r) => `${r.goal}:${r.committee}:${r.role}`);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual(
      [
        "I:DGC:Lead",
        "I:DEBC:Lead",
        "II:DSC:Lead",
        "III:DEBC:Lead",
        "III:DGC:Lead", // DGP §7 (no DGC row in goal III of the matrix)
        "IV:DGC:Lead",
        "IV:DEBC:Lead",
        "IV:DSC:Lead",
        "V:DEBC:Lead",
        "V:DGC:Lead", // DGP §7 (no DGC row in goal V of the matrix)
        "VI:DGC:Lead",
        "VI:DEBC:Lead",
      ].sort()
    );
  });

  // Hand spot-checks: text read off the rendered annex pages.
  test("row 1 (I.A, p. 72)", () => {
    expect(byNo("1")).toEqual({
      no: "1",
      strategy: "I.A",
      measure:
        "Accelerate the development of high-speed broadband network and infrastructure that is affordable with high quality in response to the actual needs, by achieving 95% coverage of the total population in terms of internet backbone network, submarine cable network, and fixed and mobile broadband infrastructure",
      committees: ["DGC"],
      institutions: ["Ministry of Post and Telecommunications", "Ministry of Economy and Finance"],
      timeframe: "Short- to Long-term (Regularly implemented)",
      note: "",
    });
  });

  test("row 9 (I.A, p. 74): two committees", () => {
    const m = byNo("9");
    expect(m.measure).toBe(
      "Initiate the investment programs/projects on the digital infrastructure development"
    );
    expect(m.committees).toEqual(["DGC", "DEBC"]);
    expect(m.institutions).toEqual([
      "Ministry of Post and Telecommunications",
      "Ministry of Economy and Finance",
    ]);
    expect(m.timeframe).toBe("Short- to Long-term (Regularly implemented)");
  });

  test("row 12 (I.B, p. 75)", () => {
    const m = byNo("12");
    expect(m.strategy).toBe("I.B");
    expect(m.measure).toBe(
      "Formulate and implement the framework for the development of digital payment system with participation from relevant stakeholders"
    );
    expect(m.committees).toEqual(["DEBC"]);
    expect(m.institutions).toEqual([
      "Ministry of Economy and Finance",
      "National Bank of Cambodia",
      "Non-Banking Financial Services Authority",
      "Ministry of Post and Telecommunications",
    ]);
    expect(m.timeframe).toBe("Short-term");
  });

  test("row 28 (I.C, pp. 81–82)", () => {
    const m = byNo("28");
    expect(m.strategy).toBe("I.C");
    expect(m.measure).toBe(
      "Formulate the human resource development strategy in logistics sector to support the development of this sector for the next development phases"
    );
    expect(m.committees).toEqual(["DEBC"]);
    expect(m.institutions).toEqual([
      "Ministry of Public Works and Transport",
      "Ministry of Education, Youth and Sports",
      "Ministry of Labor and Vocational Training",
      "Ministry of Economy and Finance",
      "Ministry of Post and Telecommunications",
    ]);
    expect(m.timeframe).toBe("Short-term");
  });

  test("row 34 (II.A, p. 84)", () => {
    const m = byNo("34");
    expect(m.strategy).toBe("II.A");
    expect(m.measure).toBe(
      "Establish relevant laws and regulations, such as Data Protetion and Privacy Law, Public Information Law, Cybercrime Law, Trade Secrets and Non-disclosure Information Law, E-commerce User Ethics Law"
    );
    expect(m.committees).toEqual(["DSC"]);
    expect(m.institutions).toEqual([
      "Ministry of Interior",
      "Ministry of National Defense",
      "Ministry of Post and Telecommunications",
      "Ministry of Justice",
      "Ministry of Commerce",
      "Ministry of Information",
      "Relevant Ministries and Institutions",
    ]);
    expect(m.timeframe).toBe("Short- to Medium-term");
    expect(m.note).toContain("Protetion");
  });

  test("row 44 (II.B, p. 89)", () => {
    const m = byNo("44");
    expect(m.strategy).toBe("II.B");
    expect(m.measure).toBe(
      "Establish bilateral and multilateral cooperation frameworks and establish cooperations with international organizations or associations and the private sector related to cybersecurity to share information, experiences and best practices"
    );
    expect(m.committees).toEqual(["DSC"]);
    expect(m.institutions).toEqual([
      "Ministry of Post and Telecommunications",
      "Ministry of Interior",
      "Ministry of National Defense",
      "Ministry of Foreign Affairs and International Cooperation",
    ]);
    expect(m.timeframe).toBe("Medium-term");
  });

  test("row 48 (III.A, p. 91): committee printed twice, 'medium-term' lower-case", () => {
    const m = byNo("48");
    expect(m.strategy).toBe("III.A");
    expect(m.measure).toBe(
      "Develop short-term and medium-term plans for promoting the digital adoption and usage in management and administration, as well as encourage and promote digital skill trainings for leaders, officials in local communities and the public"
    );
    expect(m.committees).toEqual(["DEBC"]);
    expect(m.institutions).toEqual([
      "Ministry of Post and Telecommunications",
      "Ministry of Economy and Finance",
      "Ministry of Civil Service",
      "Ministry of Interior",
      "Relevant Ministries and Institutions",
    ]);
    expect(m.timeframe).toBe("Short- to Medium-term");
    expect(m.note).toContain("Short- to medium-term");
    expect(m.note).toContain("twice");
  });

  test("row 62 (III.C, p. 99)", () => {
    const m = byNo("62");
    expect(m.strategy).toBe("III.C");
    expect(m.measure).toBe(
      "Develop an investment plan for equipping digital technology equipment, building digital laboratories and providing electricity and internet access to public schools and technical and vocational training institutes to promote digital technology education and training"
    );
    expect(m.committees).toEqual(["DEBC"]);
    expect(m.institutions).toEqual([
      "Ministry of Education, Youth and Sports",
      "Ministry of Labor and Vocational Training",
      "Ministry of Industry, Science, Technology and Innovation",
      "Ministry of Post and Telecommunications",
      "Ministry of Economy and Finance",
      "Ministry of Mine and Energy",
      "Electricity Authority of Cambodia",
      "Electricite du Cambodge",
    ]);
    expect(m.timeframe).toBe("Medium- to Long-term");
  });

  test("row 74 (IV.A, p. 105)", () => {
    const m = byNo("74");
    expect(m.strategy).toBe("IV.A");
    expect(m.measure).toBe(
      "Promote the implementation of the measures on cybersecurity and data safety to strengthen cybersecurity and promote the trust of public service users"
    );
    expect(m.committees).toEqual(["DGC", "DSC"]);
    expect(m.institutions).toEqual([
      "Ministry of Post and Telecommunications",
      "Ministry of Interior",
      "Ministry of Economy and Finance",
      "Relevant Ministries and Institutions",
    ]);
    expect(m.timeframe).toBe("Short- to Long-term (Regularly implemented)");
  });

  test("row 83 (IV.B, pp. 108–109)", () => {
    const m = byNo("83");
    expect(m.strategy).toBe("IV.B");
    expect(m.measure).toBe(
      "Set up Root Certificate Authority and Certificate Authority for establishing digital identity, e-Know Your Clients (eKYC) and digital signature which can be widely used both in the public and private systems"
    );
    expect(m.committees).toEqual(["DEBC", "DGC"]);
    expect(m.institutions).toEqual([
      "Ministry of Post and Telecommunications",
      "Ministry of Economy and Finance",
      "Ministry of Interior",
      "National Bank of Cambodia",
    ]);
    expect(m.timeframe).toBe("Short- to Medium-term");
  });

  test("row 91 (IV.C, p. 111): 'Short-trm'", () => {
    const m = byNo("91");
    expect(m.strategy).toBe("IV.C");
    expect(m.measure).toBe(
      "Promote digitalization within public and private sectors to collect data at multiple levels and from multiple sources, including base data, transactional data, and stored data on blockchain infrastructures as the basis of analysis"
    );
    expect(m.committees).toEqual(["DGC"]);
    expect(m.institutions).toEqual([
      "Ministry of Post and Telecommunications",
      "Ministry of Economy and Finance",
    ]);
    expect(m.timeframe).toBe("Short-term");
    expect(m.note).toContain("Short-trm");
  });

  test("row 93 (IV.C, pp. 111–112)", () => {
    const m = byNo("93");
    expect(m.measure).toBe(
      "Support digital infrastructures for data collection and develop data-driven technologies to provide warning signals for unexpected events, including natural disasters, floods, deforestation, and migration"
    );
    expect(m.committees).toEqual(["DGC"]);
    expect(m.institutions).toEqual([
      "Ministry of Interior",
      "National Committee for Disaster Management",
      "Ministry of Post and Telecommunications",
      "Ministry of Agriculture, Forestry and Fisheries",
      "Ministry of Environment",
      "Ministry of Water Resources and Meteorology",
      "Relevant Ministries and Institutions",
    ]);
    expect(m.timeframe).toBe("Medium- to Long-term (Regularly implemented)");
  });

  test("row 98 (IV.C, p. 113): missing '('", () => {
    const m = byNo("98");
    expect(m.timeframe).toBe("Short- to Long-term (Regularly implemented)");
    expect(m.note).toContain("Short- to Long-term Regularly implemented)");
  });

  test("row 104 (V.A, p. 116)", () => {
    const m = byNo("104");
    expect(m.strategy).toBe("V.A");
    expect(m.measure).toBe(
      "Strengthen frameworks and/or continue to facilitate mechanisms for registration and licensing on digital platforms for enterprises and startups, coupled with tax- and non-tax incentive mechanisms, to fulfill their legal compliance and to access support programs and other important services from the government"
    );
    expect(m.committees).toEqual(["DEBC"]);
    expect(m.institutions).toEqual([
      "Ministry of Economy and Finance",
      "Ministry of Commerce",
      "Ministry of Post and Telecommunications",
      "Ministry of Industry, Science, Technology and Innovation",
      "Relevant Ministries and Institutions",
    ]);
    expect(m.timeframe).toBe("Short- to Long-term (Regularly implemented)");
  });

  test("row 113 (V.B, p. 120)", () => {
    const m = byNo("113");
    expect(m.strategy).toBe("V.B");
    expect(m.measure).toBe(
      "Promote the intellectual property registration and strengthen protection of intellectual property rights on invention and innovation by enterprises and startups"
    );
    expect(m.committees).toEqual(["DEBC"]);
    expect(m.institutions).toEqual([
      "Ministry of Commerce",
      "Ministry of Industry, Science, Technology and Innovation",
    ]);
    expect(m.timeframe).toBe("Short-term");
  });

  test("row 124 (V.C, pp. 126–127)", () => {
    const m = byNo("124");
    expect(m.strategy).toBe("V.C");
    expect(m.measure).toBe(
      "Establish digital platforms to manage the exchange of information on flows of goods, especially in free economic zones"
    );
    expect(m.committees).toEqual(["DEBC"]);
    expect(m.institutions).toEqual([
      "Ministry of Commerce",
      "Council for the Development of Cambodia",
      "Ministry of Economy and Finance",
      "Ministry of Post and Telecommunications",
    ]);
    expect(m.timeframe).toBe("Medium-term");
  });

  test("row 136 (VI.A, pp. 131–132)", () => {
    const m = byNo("136");
    expect(m.strategy).toBe("VI.A");
    expect(m.measure).toBe(
      "Develop and implement national extension program framework that promotes the development of digital knowledge and skills as well as provides the consultation on safe and secured use of digital technologies to children, adults, teachers, guardians, and the public"
    );
    expect(m.committees).toEqual(["DEBC", "DGC"]);
    expect(m.institutions).toEqual([
      "Ministry of Education, Youth and Sports",
      "Ministry of Labor and Vocational Training",
      "Ministry of Information",
      "Ministry of Post and Telecommunications",
      "Ministry of Economy and Finance",
    ]);
    expect(m.timeframe).toBe("Short- to Medium-term");
  });

  test("row 139 (VI.B, p. 133): last measure", () => {
    expect(byNo("139")).toEqual({
      no: "139",
      strategy: "VI.B",
      measure:
        "Implement the light touch approach to corporate income tax to strengthen the competitiveness of Cambodia's digital economy",
      committees: ["DEBC"],
      institutions: ["Ministry of Economy and Finance and Relevant General Departments"],
      timeframe: "Short- to Medium-term",
      note: "",
    });
  });
});
