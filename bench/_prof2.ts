import { performance } from "node:perf_hooks";
import { readContext, readMeasures, Sink } from "../src/rules/context";
import { integrityChecker } from "../src/rules/integrity";
import { committeeChecker } from "../src/rules/committees";
import { timelineChecker } from "../src/rules/timelines";
import { progressChecker } from "../src/rules/progress";
import { generateTables } from "./generate";
const t = generateTables(10000);
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  const ctx = readContext(t, { asOfYear: 2026 });
  const t1 = performance.now();
  const ms = readMeasures(t.Measures, ctx);
  const t2 = performance.now();
  const out: string[] = [];
  for (const mk of [() => integrityChecker(ctx, new Sink()), () => committeeChecker(ctx, new Sink()), () => timelineChecker(ctx, new Sink()), () => progressChecker(new Sink())]) {
    const c = mk(); const a = performance.now(); for (const m of ms) c.measure(m); c.finish(ms.length); out.push((performance.now() - a).toFixed(1));
  }
  if (i > 190) console.log("ctx", (t1 - t0).toFixed(2), "read", (t2 - t1).toFixed(1), "checks", out.join(" "));
}
