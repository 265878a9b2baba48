/**
 * A DESPF-like workbook of n measures as raw planner tables, for benchmarks and tests:
 * the DESPF goals (I–VI) and 16 clusters, the three council committees, the DESPF
 * timeframes, and measures with valid references written in the varied ways planners write
 * them (codes, names, "Committee on X", Khmer; years as numbers, text and Excel serials).
 * About 3 % of rows carry one planted defect each; a few rows are blank. Deterministic.
 */
import committeesData from "../src/model/data/committees.json";
import type { PlannerTables, TableData, TableName } from "../src/model/schema";
import { TABLE_HEADERS } from "../src/model/schema";
import type { Cell } from "../src/model/types";

const GOALS: Array<[string, string, string]> = [
  [
    "I",
    "Developing infrastructure in support of the digital transformation",
    "ការអភិវឌ្ឍហេដ្ឋារចនាសម្ព័ន្ធគាំទ្រការផ្លាស់ប្តូរឌីជីថល",
  ],
  [
    "II",
    "Building reliability and confidence in the digital system",
    "ការកសាងភាពជឿជាក់ និងទំនុកចិត្តលើប្រព័ន្ធឌីជីថល",
  ],
  ["III", "Building digital citizens", "ការកសាងពលរដ្ឋឌីជីថល"],
  ["IV", "Building the digital government", "ការកសាងរដ្ឋាភិបាលឌីជីថល"],
  ["V", "Enabling digital businesses", "ការជំរុញធុរកិច្ចឌីជីថល"],
  ["VI", "Mitigating the negative impacts", "ការកាត់បន្ថយផលប៉ះពាល់អវិជ្ជមាន"],
];

const STRATEGIES: Array<[string, string, string]> = [
  ["I.A", "I", "Digital connectivity"],
  ["I.B", "I", "Financial technology infrastructure and digital payment"],
  ["I.C", "I", "Logistics and last-mile delivery"],
  ["II.A", "II", "Legal framework"],
  ["II.B", "II", "Strengthening management of cybersecurity"],
  ["III.A", "III", "Digital leadership"],
  ["III.B", "III", "Digital talent pool"],
  ["III.C", "III", "Digital citizens"],
  ["IV.A", "IV", "Digital government and public service"],
  ["IV.B", "IV", "Keys to promote digital operations"],
  ["IV.C", "IV", "Data-driven governance"],
  ["V.A", "V", "Digital transformation among enterprises"],
  ["V.B", "V", "Ecosystem for entrepreneurship and startups"],
  ["V.C", "V", "Digital value chains"],
  ["VI.A", "VI", "Socio-economic aspects"],
  ["VI.B", "VI", "Fiscal system aspects"],
];

const TIMEFRAMES: Array<[string, number, number]> = [
  ["Short-term", 2021, 2025],
  ["Medium-term", 2026, 2030],
  ["Long-term", 2031, 2035],
  ["Short- to Medium-term", 2021, 2030],
  ["Medium- to Long-term", 2026, 2035],
  ["Short- to Long-term (Regularly implemented)", 2021, 2035],
];

/** Lead committees per goal (Responsibilities "Lead"), and one Support pairing. */
const LEADS: Record<string, string[]> = {
  I: ["DEBC", "DGC"],
  II: ["DSC", "DGC"],
  III: ["DGC", "DEBC"],
  IV: ["DGC"],
  V: ["DEBC"],
  VI: ["DEBC", "DGC"],
};
const SUPPORT: Record<string, string> = { II: "DEBC" };

export const AS_OF_YEAR = 2026;

function table(name: TableName, rows: Cell[][]): TableData {
  return { name, headers: [...TABLE_HEADERS[name]], rows };
}

/** mulberry32: a small deterministic generator. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEFECTS = [
  "key-missing",
  "key-duplicate",
  "goal-unknown",
  "strategy-unknown",
  "strategy-goal-mismatch",
  "committee-unknown",
  "committee-lead-repeated",
  "timeframe-unknown",
  "year-invalid",
  "year-order",
  "year-out-of-period",
  "status-unknown",
  "progress-invalid",
  "progress-status-mismatch",
  "required-missing",
] as const;

export function generateTables(n: number, seed = 20210501): PlannerTables {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const committees = committeesData.committees;
  const byCode = new Map(committees.map((c) => [c.code, c]));
  /** The ways a planner writes a committee. */
  const spell = (code: string): string => {
    const c = byCode.get(code);
    if (!c) return code;
    const r = random();
    if (r < 0.55) return c.code;
    if (r < 0.75) return c.name;
    if (r < 0.85) return c.aliases[0] ?? c.name;
    if (r < 0.95) return c.nameKm;
    return c.name.toLowerCase();
  };
  const year = (y: number): Cell => {
    const r = random();
    if (r < 0.9) return y;
    if (r < 0.97) return ` ${y} `;
    return Math.round((Date.UTC(y, 0, 1) - Date.UTC(1899, 11, 30)) / 86_400_000); // Excel serial
  };

  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    if (random() < 0.005) rows.push(new Array<Cell>(15).fill(null)); // a blank row, skipped
    const [strategy, goal] = pick(STRATEGIES);
    const leads = LEADS[goal];
    const lead = pick(leads);
    const others = committees.map((c) => c.code).filter((c) => c !== lead && random() < 0.25);
    const support = SUPPORT[goal];
    if (support && support !== lead && !others.includes(support)) others.push(support);
    const [timeframe, from, to] = pick(TIMEFRAMES);
    let status: string;
    let progress: Cell;
    if (to < AS_OF_YEAR) {
      status = "Completed";
      progress = 100;
    } else if (from < AS_OF_YEAR) {
      status = pick(["On track", "At risk", "Delayed"]);
      progress = Math.floor(random() * 100);
    } else {
      status = "Not started";
      progress = random() < 0.5 ? null : 0;
    }
    const row: Cell[] = [
      String(i + 1),
      goal,
      strategy,
      `Measure ${i + 1}: develop and implement the ${STRATEGIES.find((s) => s[0] === strategy)?.[2].toLowerCase()} programme`,
      spell(lead),
      others.map(spell).join("; "),
      "Ministry of Post and Telecommunications; Ministry of Economy and Finance",
      timeframe,
      year(from),
      year(to),
      status,
      progress,
      "Share of institutions reached",
      "100%",
      "",
    ];
    if (random() < 0.03) plant(row, pick(DEFECTS), i);
    rows.push(row);
  }

  return {
    Framework: table("Framework", [
      ["Name", "Digital Economy and Society Policy Framework 2021–2035 (generated)"],
      ["Period start", 2021],
      ["Period end", 2035],
      ["As of year", AS_OF_YEAR],
      ["Expected measures", n],
    ]),
    Goals: table(
      "Goals",
      GOALS.map((g) => [...g])
    ),
    Strategies: table(
      "Strategies",
      STRATEGIES.map((s) => [...s])
    ),
    Committees: table(
      "Committees",
      committees.map((c) => [c.code, c.name, c.nameKm, c.aliases.join("; "), c.expectedMeasures])
    ),
    Timeframes: table(
      "Timeframes",
      TIMEFRAMES.map((t) => [...t])
    ),
    Responsibilities: table("Responsibilities", [
      ...Object.entries(LEADS).flatMap(([goal, codes]) =>
        codes.map((c): Cell[] => [goal, c, "Lead"])
      ),
      ...Object.entries(SUPPORT).map(([goal, c]): Cell[] => [goal, c, "Support"]),
    ]),
    Measures: table("Measures", rows),
  };
}

function plant(row: Cell[], defect: (typeof DEFECTS)[number], i: number): void {
  switch (defect) {
    case "key-missing":
      row[0] = "";
      break;
    case "key-duplicate":
      row[0] = String(Math.max(1, i));
      break;
    case "goal-unknown":
      row[1] = "VII";
      break;
    case "strategy-unknown":
      row[2] = "IX.Z";
      break;
    case "strategy-goal-mismatch":
      row[1] = row[1] === "I" ? "II" : "I";
      break;
    case "committee-unknown":
      row[5] = "Ministry of Fun";
      break;
    case "committee-lead-repeated":
      row[5] = String(row[4]);
      break;
    case "timeframe-unknown":
      row[7] = "Mid-term";
      break;
    case "year-invalid":
      row[8] = "20x5";
      break;
    case "year-order":
      row[8] = 2034;
      row[9] = 2022;
      break;
    case "year-out-of-period":
      row[9] = 2040;
      break;
    case "status-unknown":
      row[10] = "Done";
      break;
    case "progress-invalid":
      row[11] = 150;
      break;
    case "progress-status-mismatch":
      row[10] = "Completed";
      row[11] = 40;
      break;
    case "required-missing":
      row[3] = "";
      break;
  }
}
