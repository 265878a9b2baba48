/**
 * The reporting round at scale: returns merged in one run, as `planner import SRC... --into
 * FILE -o OUT` does it in process (open the planner, read every return, merge, validate the
 * would-be result, append Progress, save).
 */
import { performance } from "node:perf_hooks";
import { importRun } from "../src/host/returns";
import { setupWorkbook } from "../src/host/operations";
import { planReturns } from "../src/import/returns";
import { FileHost } from "../src/io/file-host";
import { returnWorkbookBytes } from "../src/io/return-workbook";
import { readRunSource } from "../src/io/return-source";
import { tablesToFramework } from "../src/model/convert";
import { columnIndex, type PlannerTables } from "../src/model/schema";
import { setupPlan } from "../src/plan/setup";
import { median } from "./core-bench";
import { AS_OF_YEAR, generateTables } from "./generate";

export interface ReturnsFigures {
  /** 25 returns of the DESPF merged into its planner in one run (median ms). */
  returns_ms: number;
  /** 100 institutions' returns merged into a planner of 1 000 measures in one run (median ms). */
  returns_large_ms: number;
}

/** Each institution's return, every measure given a status, a progress and a note. */
async function filledReturns(
  tables: PlannerTables,
  count: number
): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const plan = planReturns(tables, {
    period: "2026-Q2",
    language: "en",
    created: "bench",
    asOfYear: AS_OF_YEAR,
  });
  const out: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const [i, r] of plan.returns.slice(0, count).entries()) {
    const table = r.plan.sheets.find((s) => s.name === "Measures")!.tables[0];
    const at = (h: string) => columnIndex({ headers: table.headers }, h);
    for (const row of table.rows) {
      row[at("Status")] = i % 3 === 0 ? "At risk" : "On track";
      row[at("Progress %")] = 10 + (i % 9) * 10;
      row[at("Notes")] = `Reported by ${r.institution}`;
    }
    out.push({ name: r.fileName, bytes: await returnWorkbookBytes(r.plan) });
  }
  return out;
}

async function runMs(
  planner: Uint8Array,
  returns: Array<{ name: string; bytes: Uint8Array }>,
  runs: number
): Promise<number> {
  const once = async () => {
    const t0 = performance.now();
    const host = await FileHost.open(planner);
    const sources = [];
    for (const r of returns) sources.push(await readRunSource(r.name, r.bytes));
    const report = await importRun(host, {
      sources,
      dryRun: false,
      mode: "merge",
      asOfYear: AS_OF_YEAR,
      recorded: "bench",
    });
    if (!report.progress) throw new Error("bench: the returns recorded no period");
    await host.exportXlsx();
    return performance.now() - t0;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  return median(times);
}

/** A planner of n measures spread over `institutions` institutions (each measure names two). */
async function largePlanner(
  n: number,
  institutions: number
): Promise<{ bytes: Uint8Array; tables: PlannerTables }> {
  const tables = generateTables(n);
  const m = tables.Measures!;
  const col = columnIndex(m, "Institutions");
  m.rows.forEach((row, i) => {
    if (row.every((c) => c === null || c === "")) return;
    row[col] =
      `Institution ${(i % institutions) + 1}; Institution ${((i * 7 + 3) % institutions) + 1}`;
  });
  const host = FileHost.blank();
  await host.applyPlan(setupPlan(tablesToFramework(tables, AS_OF_YEAR)));
  await host.writeTable(m);
  return { bytes: await host.exportXlsx(), tables: await host.readTables() };
}

export async function returnsBench(): Promise<ReturnsFigures> {
  const despf = FileHost.blank();
  await setupWorkbook(despf, "despf", AS_OF_YEAR);
  const despfBytes = await despf.exportXlsx();
  const returns_ms = await runMs(despfBytes, await filledReturns(await despf.readTables(), 25), 3);

  const large = await largePlanner(1_000, 100);
  const returns_large_ms = await runMs(large.bytes, await filledReturns(large.tables, 100), 2);
  return { returns_ms: Math.round(returns_ms), returns_large_ms: Math.round(returns_large_ms) };
}
