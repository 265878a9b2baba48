/**
 * `planner build` against a real peer on the same file in the same run: LibreOffice's
 * headless load-and-save (doing less work), and ExcelJS's bare load+save (our floor).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { importMeasures } from "../src/host/import";
import { buildSummary, setupWorkbook } from "../src/host/operations";
import { briefingDeckPlan } from "../src/host/deck";
import { writeDeck } from "../src/io/deck/write-deck";
import { FileHost } from "../src/io/file-host";
import { tablesToFramework } from "../src/model/convert";
import { setupPlan } from "../src/plan/setup";
import { median } from "./core-bench";
import { AS_OF_YEAR, generateTables } from "./generate";

async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function despfFile(dir: string): Promise<string> {
  const host = FileHost.blank();
  await setupWorkbook(host, "despf", AS_OF_YEAR);
  const file = join(dir, "despf.xlsx");
  writeFileSync(file, await host.exportXlsx());
  return file;
}

async function generatedFile(dir: string, n: number): Promise<string> {
  const host = FileHost.blank();
  await host.applyPlan(setupPlan(tablesToFramework(generateTables(n), AS_OF_YEAR)));
  const file = join(dir, `measures-${n}.xlsx`);
  writeFileSync(file, await host.exportXlsx());
  return file;
}

/** What `planner brief FILE -o OUT.pptx` does, in process: read, plan the deck, write it. */
async function brief(file: string): Promise<Uint8Array> {
  const host = await FileHost.open(new Uint8Array(readFileSync(file)));
  return writeDeck(await briefingDeckPlan(host, { asOfYear: AS_OF_YEAR }));
}

/** What `planner build FILE -o OUT` does, in process. */
async function build(file: string): Promise<Uint8Array> {
  const host = await FileHost.open(new Uint8Array(readFileSync(file)));
  await buildSummary(host, { asOfYear: AS_OF_YEAR });
  return host.exportXlsx();
}

function libreOfficeMs(file: string, runs: number): number | null {
  if (spawnSync("soffice", ["--version"]).status !== 0) return null;
  const profile = mkdtempSync(join(tmpdir(), "lo-bench-"));
  const once = () => {
    const out = mkdtempSync(join(tmpdir(), "lo-bench-out-"));
    const t0 = performance.now();
    const r = spawnSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        "xlsx",
        "--outdir",
        out,
        file,
      ],
      { timeout: 300_000 }
    );
    if (r.status !== 0) throw new Error(`soffice failed on ${file}`);
    return performance.now() - t0;
  };
  once(); // first start creates the profile
  return median(Array.from({ length: runs }, once));
}

async function excelJsMs(file: string, runs: number): Promise<number> {
  const bytes = readFileSync(file);
  return timeAsync(runs, async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
    await wb.xlsx.writeBuffer();
  });
}

const ROOT = resolve(__dirname, "..");
const BIN = join(ROOT, "dist", "planner.js");

/** Median wall time of a whole `planner validate FILE` process (start-up included); null when it cannot run. */
function processMs(command: string, args: string[], runs: number): number | null {
  const once = () => {
    const t0 = performance.now();
    const r = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    // validate exits 0 (no errors) or 1 (errors found); 2 or a signal means it did not run.
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`${command} ${args.join(" ")} failed: ${r.stderr || r.error?.message}`);
    return performance.now() - t0;
  };
  try {
    once();
    return median(Array.from({ length: runs }, once));
  } catch {
    return null;
  }
}

export interface FileFigures {
  build_ms: number;
  libreoffice_ms: number | null;
  exceljs_ms: number;
  build_vs_libreoffice: number | null;
  build_10000_ms: number;
  libreoffice_10000_ms: number | null;
  exceljs_10000_ms: number;
  build_10000_vs_libreoffice: number | null;
  /** `node dist/planner.js validate` on the DESPF workbook, end to end (null before `npm run build`). */
  cli_validate_ms: number | null;
  /** `npm run planner -- validate` on the same file: npm and tsx starting up, then the same work. */
  cli_dev_validate_ms: number | null;
  /** `planner brief` on the DESPF workbook in process: read, plan the deck, write the .pptx (pptxgenjs). */
  brief_ms: number;
  /** build at 10 000 measures ÷ ExcelJS's bare load+save of the same file (the package writer's target: near 1). */
  build_10000_vs_exceljs: number;
  /** An import of 10 rows into the 10 000-measure file, in place (the package writer edits the Measures sheet only). */
  import_10000_ms: number;
  /** build at 150 000 measures in a child process, and its peak memory: only with PLANNER_BENCH_150K=1 (minutes), else null. */
  build_150000_ms: number | null;
  build_150000_max_rss_mb: number | null;
}

export async function filesBench(): Promise<FileFigures> {
  const dir = mkdtempSync(join(tmpdir(), "planner-bench-"));
  const despf = await despfFile(dir);
  const big = await generatedFile(dir, 10_000);
  const build_ms = await timeAsync(5, () => build(despf));
  const brief_ms = await timeAsync(5, () => brief(despf));
  const libreoffice_ms = libreOfficeMs(despf, 3);
  const exceljs_ms = await excelJsMs(despf, 5);
  const build_10000_ms = await timeAsync(3, () => build(big));
  const libreoffice_10000_ms = libreOfficeMs(big, 3);
  const exceljs_10000_ms = await excelJsMs(big, 3);
  const import_10000_ms = await timeAsync(3, () => importTen(big));
  const large = process.env.PLANNER_BENCH_150K === "1" ? buildLarge(dir, 150_000) : null;
  const cli_validate_ms = existsSync(BIN)
    ? processMs(process.execPath, [BIN, "validate", despf], 5)
    : null;
  const cli_dev_validate_ms = processMs(
    "npm",
    ["run", "--silent", "planner", "--", "validate", despf],
    3
  );
  const ratio = (a: number, b: number | null) => (b ? Math.round((a / b) * 100) / 100 : null);
  return {
    build_ms,
    libreoffice_ms,
    exceljs_ms,
    build_vs_libreoffice: ratio(build_ms, libreoffice_ms),
    build_10000_ms,
    libreoffice_10000_ms,
    exceljs_10000_ms,
    build_10000_vs_libreoffice: ratio(build_10000_ms, libreoffice_10000_ms),
    cli_validate_ms,
    cli_dev_validate_ms,
    brief_ms,
    build_10000_vs_exceljs: ratio(build_10000_ms, exceljs_10000_ms) ?? 0,
    import_10000_ms,
    build_150000_ms: large?.ms ?? null,
    build_150000_max_rss_mb: large?.maxRssMb ?? null,
  };
}

/** What `planner import TEN.csv --into FILE` does, in process: ten new measures merged and written. */
async function importTen(file: string): Promise<Uint8Array> {
  const host = await FileHost.open(new Uint8Array(readFileSync(file)));
  const header = [
    "No.",
    "Goal",
    "Strategy",
    "Measure",
    "Lead committee",
    "Timeframe",
    "Start year",
    "End year",
    "Status",
  ];
  const rows = Array.from({ length: 10 }, (_, i) => [
    `N${i + 1}`,
    "I",
    "I.A",
    `New measure ${i + 1}`,
    "DGC",
    "Medium-term",
    2026,
    2030,
    "On track",
  ]);
  await importMeasures(host, {
    source: { rows: [header, ...rows], sheetName: "" },
    dryRun: false,
    mode: "merge",
    asOfYear: AS_OF_YEAR,
  });
  return host.exportXlsx();
}

/** Generates an n-measure file and builds it in a child process (its own heap), for time and peak memory. */
function buildLarge(dir: string, n: number): { ms: number; maxRssMb: number } | null {
  const script = join(__dirname, "build-large.ts");
  const tsx = join(__dirname, "../node_modules/tsx/dist/cli.mjs");
  const gen = spawnSync(
    process.execPath,
    [tsx, script, String(n), join(dir, `measures-${n}.xlsx`), "gen"],
    { encoding: "utf8", timeout: 1_800_000 }
  );
  if (gen.status !== 0) return null;
  const run = spawnSync(
    process.execPath,
    [tsx, script, String(n), join(dir, `measures-${n}.xlsx`)],
    { encoding: "utf8", timeout: 1_800_000 }
  );
  if (run.status !== 0) return null;
  return JSON.parse(run.stdout.trim().split("\n").pop() ?? "null");
}
