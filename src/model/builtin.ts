import committeesData from "./data/committees.json";
import despfData from "./data/despf.json";
import dgpData from "./data/dgp.json";
import type {
  Committee,
  Framework,
  FrameworkId,
  Goal,
  Measure,
  Responsibility,
  Strategy,
  Timeframe,
} from "./types";

/** The shape of src/model/data/<framework>.json: the policy text transcribed as data. */
interface FrameworkData {
  settings: { name: string; periodStart: number; periodEnd: number; expectedMeasures: number };
  goals: Goal[];
  strategies: Strategy[];
  timeframes: Timeframe[];
  responsibilities: Array<{ goal: string; committee: string; role: string }>;
  measures: Array<{
    no: string;
    strategy: string;
    measure: string;
    committees: string[];
    institutions: string[];
    timeframe: string;
    note?: string;
  }>;
}

export const COMMITTEES: readonly Committee[] = committeesData.committees;

export const FRAMEWORK_IDS: readonly FrameworkId[] = ["despf", "dgp", "blank"];

/**
 * The timeframe names of every built-in framework (DESPF's words, DGP's phases and year
 * ranges), each once: what a workbook without a Timeframes table is checked against.
 */
export const BUILTIN_TIMEFRAMES: readonly Timeframe[] = [
  ...(despfData as FrameworkData).timeframes,
  ...(dgpData as FrameworkData).timeframes,
].filter((t, i, all) => all.findIndex((u) => u.name === t.name) === i);

function expand(data: FrameworkData, asOfYear: number): Framework {
  const goalOf = new Map(data.strategies.map((s) => [s.code, s.goal]));
  const windowOf = new Map(data.timeframes.map((t) => [t.name, t]));
  const measures: Measure[] = data.measures.map((m) => {
    const window = windowOf.get(m.timeframe);
    return {
      no: m.no,
      goal: goalOf.get(m.strategy) ?? "",
      strategy: m.strategy,
      measure: m.measure,
      leadCommittee: m.committees[0] ?? "",
      otherCommittees: m.committees.slice(1),
      institutions: m.institutions,
      timeframe: m.timeframe,
      startYear: window?.from ?? null,
      endYear: window?.to ?? null,
      status: "Not started",
      progress: null,
      indicator: "",
      target: "",
      notes: m.note ?? "",
    };
  });
  return {
    settings: { ...data.settings, asOfYear },
    goals: data.goals.map((g) => ({ ...g })),
    strategies: data.strategies.map((s) => ({ ...s })),
    committees: COMMITTEES.map((c) => ({ ...c, aliases: [...c.aliases] })),
    timeframes: data.timeframes.map((t) => ({ ...t })),
    responsibilities: data.responsibilities.map(
      (r) => ({ ...r, role: r.role === "Support" ? "Support" : "Lead" }) as Responsibility
    ),
    measures,
  };
}

/** A built-in framework with its measures, Not started, years from phase or timeframe. */
export function builtinFramework(id: FrameworkId, asOfYear: number): Framework {
  if (id === "despf") return expand(despfData as FrameworkData, asOfYear);
  if (id === "dgp") {
    const f = expand(dgpData as FrameworkData, asOfYear);
    // DGP Appendix 1 is wholly under DGC: only DGC is expected to carry all 83 actions.
    f.committees = f.committees.map((c) => ({
      ...c,
      expectedMeasures: c.code === "DGC" ? f.measures.length : null,
    }));
    return f;
  }
  return {
    settings: {
      name: "New framework",
      periodStart: 2021,
      periodEnd: 2035,
      asOfYear,
      expectedMeasures: null,
    },
    goals: [],
    strategies: [],
    committees: COMMITTEES.map((c) => ({ ...c, aliases: [...c.aliases], expectedMeasures: null })),
    timeframes: (despfData as FrameworkData).timeframes.map((t) => ({ ...t })),
    responsibilities: [],
    measures: [],
  };
}
