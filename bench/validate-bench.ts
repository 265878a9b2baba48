/** Median time of validate() over generated workbooks: `npx tsx bench/validate-bench.ts`. */
import { performance } from "node:perf_hooks";
import { validate } from "../src/rules/validate";
import { AS_OF_YEAR, generateTables } from "./generate";

const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function benchValidate(
  sizes: readonly number[] = [139, 10_000, 100_000]
): Array<{ measures: number; medianMs: number; findings: number }> {
  const results: Array<{ measures: number; medianMs: number; findings: number }> = [];
  for (const n of sizes) {
    const tables = generateTables(n);
    let findings = validate(tables, { asOfYear: AS_OF_YEAR }).length; // warm-up
    validate(tables, { asOfYear: AS_OF_YEAR });
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      findings = validate(tables, { asOfYear: AS_OF_YEAR }).length;
      times.push(performance.now() - t0);
    }
    results.push({ measures: n, medianMs: median(times), findings });
  }
  return results;
}

const isMain =
  typeof require !== "undefined"
    ? require.main === module
    : process.argv[1]?.includes("validate-bench");
if (isMain) {
  for (const r of benchValidate()) {
    console.log(
      `validate ${String(r.measures).padStart(7)} measures: median ${r.medianMs.toFixed(2)} ms of ${RUNS} runs (${r.findings} findings)`
    );
  }
}
