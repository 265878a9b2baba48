/**
 * `planner build` on a large generated workbook, run as its own process by files-bench.ts
 * (PLANNER_BENCH_150K=1): `gen` writes the file; otherwise it builds it and prints
 * {"ms", "maxRssMb"} — wall time of open + build + save, and the process's peak memory.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { buildSummary } from "../src/host/operations";
import { FileHost } from "../src/io/file-host";
import { tablesToFramework } from "../src/model/convert";
import { setupPlan } from "../src/plan/setup";
import { AS_OF_YEAR, generateTables } from "./generate";

async function main(): Promise<void> {
  const [n, file, mode] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
  if (mode === "gen") {
    const host = FileHost.blank();
    await host.applyPlan(setupPlan(tablesToFramework(generateTables(n), AS_OF_YEAR)));
    writeFileSync(file, await host.exportXlsx());
    return;
  }
  const t0 = performance.now();
  const host = await FileHost.open(new Uint8Array(readFileSync(file)));
  await buildSummary(host, { asOfYear: AS_OF_YEAR });
  await host.exportXlsx();
  process.stdout.write(
    JSON.stringify({
      ms: Math.round(performance.now() - t0),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }) + "\n"
  );
}

void main();
