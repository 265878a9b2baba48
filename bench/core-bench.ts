/** Core timings: read tables → model, validate, summarise, build the plan. */
import { performance } from "node:perf_hooks";
import { tablesToFramework } from "../src/model/convert";
import { ownedSheetsPlan } from "../src/plan/owned-sheets";
import { setupPlan } from "../src/plan/setup";
import { summarise } from "../src/summary";
import { IncrementalValidator } from "../src/rules/incremental";
import { validate } from "../src/rules/validate";
import type { Cell } from "../src/model/types";
import { AS_OF_YEAR, generateTables } from "./generate";

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function timeMedian(runs: number, fn: () => unknown): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export interface CoreFigures {
  read_ms: Record<string, number>;
  validate_ms: Record<string, number>;
  summarise_ms: Record<string, number>;
  plan_ms: Record<string, number>;
  peak_rss_mb: Record<string, number>;
  /** One Measures row changed (its Status flipped), then every finding: IncrementalValidator.apply + findings(). */
  revalidate_ms: Record<string, number>;
}

export function coreBench(sizes: readonly number[]): CoreFigures {
  const out: CoreFigures = {
    read_ms: {},
    validate_ms: {},
    summarise_ms: {},
    plan_ms: {},
    peak_rss_mb: {},
    revalidate_ms: {},
  };
  for (const n of sizes) {
    const runs = n >= 100_000 ? 3 : 7;
    const tables = generateTables(n);
    let peak = process.memoryUsage().rss;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const framework = tablesToFramework(tables, AS_OF_YEAR);
    const findings = validate(tables, { asOfYear: AS_OF_YEAR });
    out.read_ms[n] = timeMedian(runs, () => (tablesToFramework(tables, AS_OF_YEAR), sample()));
    out.validate_ms[n] = timeMedian(
      runs,
      () => (validate(tables, { asOfYear: AS_OF_YEAR }), sample())
    );
    out.summarise_ms[n] = timeMedian(runs, () => (summarise(framework), sample()));
    out.plan_ms[n] = timeMedian(runs, () => {
      setupPlan(framework);
      ownedSheetsPlan(tables, findings, { asOfYear: AS_OF_YEAR, language: "en" });
      sample();
    });
    out.revalidate_ms[n] = revalidateMs(tables, 41);
    out.peak_rss_mb[n] = Math.round(peak / 1e6);
  }
  return out;
}

/** Median time to re-check after one cell of a middle row changes (the row's Status, back and forth). */
function revalidateMs(tables: ReturnType<typeof generateTables>, runs: number): number {
  const engine = new IncrementalValidator(tables, { asOfYear: AS_OF_YEAR });
  const measures = tables.Measures;
  if (!measures || measures.rows.length === 0) return 0;
  const at = Math.floor(measures.rows.length / 2);
  const status = measures.headers.indexOf("Status");
  let flip = false;
  return timeMedian(runs, () => {
    flip = !flip;
    const row: Cell[] = [...measures.rows[at]];
    row[status] = flip ? "Completed" : "Delayed";
    engine.apply({ kind: "edit", start: at, rows: [row] });
    return engine.findings();
  });
}
