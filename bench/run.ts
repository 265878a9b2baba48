/**
 * `npm run bench [-- --json] [-- --quick]`: the product measured against its limits and a real
 * peer, in one run. See bench/README.md for the baseline and what each figure means.
 */
import { existsSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { coreBench } from "./core-bench";
import { filesBench } from "./files-bench";
import { importBench } from "./import-bench";
import { returnsBench } from "./returns-bench";
import { officeBench } from "./office-bench";
import { taskpaneBench } from "./taskpane-bench";

const json = process.argv.includes("--json");
const quick = process.argv.includes("--quick");
const log = (s: string) => !json && process.stdout.write(s + "\n");

const fmt = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined ? "—" : n.toFixed(digits);

async function main(): Promise<void> {
  const sizes = quick ? [139, 1_000, 10_000] : [139, 1_000, 10_000, 100_000];
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "",
    memory_gb: Math.round(totalmem() / 1e9),
    node: process.version,
  };
  log(
    `Policy Planner benchmark — ${machine.cpus} × ${machine.cpu}, ${machine.memory_gb} GB, Node ${machine.node}\n`
  );

  log("Core (median ms)     " + sizes.map((n) => String(n).padStart(9)).join(""));
  const core = coreBench(sizes);
  for (const [label, key] of [
    ["read tables → model", "read_ms"],
    ["validate", "validate_ms"],
    ["summarise", "summarise_ms"],
    ["build the plan", "plan_ms"],
    ["re-check one row", "revalidate_ms"],
    ["peak RSS (MB)", "peak_rss_mb"],
  ] as const) {
    log(label.padEnd(21) + sizes.map((n) => fmt(core[key][n]).padStart(9)).join(""));
  }

  const officeSizes = quick ? [10, 1_000] : [10, 1_000, 100_000];
  const office = await officeBench(officeSizes);
  log(
    "\nOffice layer (syncs / max bytes per sync)   " +
      officeSizes.map((n) => String(n).padStart(16)).join("")
  );
  for (const op of ["setup", "validate", "mark", "summary", "edit"] as const) {
    log(
      op.padEnd(44) +
        officeSizes
          .map((n) => `${office[op][n].syncs} / ${office[op][n].max_bytes_per_sync}`.padStart(16))
          .join("")
    );
  }

  const files = { ...(await filesBench()), ...(await returnsBench()), ...(await importBench()) };
  log("\nFiles (median ms)                 DESPF (139)   10 000 measures");
  log(
    `planner build                     ${fmt(files.build_ms, 0).padStart(11)}   ${fmt(files.build_10000_ms, 0).padStart(15)}`
  );
  log(`planner brief (deck, in process)  ${fmt(files.brief_ms, 0).padStart(11)}`);
  log(
    `LibreOffice load+save (peer)      ${fmt(files.libreoffice_ms, 0).padStart(11)}   ${fmt(files.libreoffice_10000_ms, 0).padStart(15)}`
  );
  log(
    `ExcelJS load+save (floor)         ${fmt(files.exceljs_ms, 0).padStart(11)}   ${fmt(files.exceljs_10000_ms, 0).padStart(15)}`
  );
  log(
    `build ÷ LibreOffice               ${fmt(files.build_vs_libreoffice, 2).padStart(11)}   ${fmt(files.build_10000_vs_libreoffice, 2).padStart(15)}`
  );
  log(
    `build ÷ ExcelJS load+save (10 000 measures) ${fmt(files.build_10000_vs_exceljs, 2)}; import of 10 rows in place ${fmt(files.import_10000_ms, 0)} ms; build at 150 000 ${files.build_150000_ms === null ? "(PLANNER_BENCH_150K=1)" : `${fmt(files.build_150000_ms, 0)} ms, ${fmt(files.build_150000_max_rss_mb, 0)} MB peak`}`
  );
  log(
    `planner import of returns in one run: 25 DESPF returns ${fmt(files.returns_ms, 0)} ms, 100 institutions × 1 000 measures ${fmt(files.returns_large_ms, 0)} ms`
  );
  log(
    `import of a 20 000-column CSV (200 rows) into DESPF: ${fmt(files.import_wide_csv_20000_columns_ms, 0)} ms`
  );
  log(
    `planner validate, whole process: node dist/planner.js ${fmt(files.cli_validate_ms, 0)} ms, npm run planner ${fmt(files.cli_dev_validate_ms, 0)} ms (DESPF)`
  );

  const dist = resolve(__dirname, "../dist");
  let bundle: Awaited<ReturnType<typeof taskpaneBench>> | null = null;
  if (existsSync(join(dist, "taskpane.html"))) {
    bundle = await taskpaneBench(dist);
    log(
      `\nTask pane: initial ${bundle.initial_bytes} B (${bundle.initial_gzip_bytes} gzip), total ${bundle.total_bytes} B (${bundle.total_gzip_bytes} gzip), first view ${fmt(bundle.first_render_ms, 0)} ms in headless Chromium`
    );
  } else {
    log("\nTask pane: no dist/ — run `npm run build` first for bundle figures.");
  }

  if (json) {
    process.stdout.write(JSON.stringify({ machine, core, office, files, bundle }) + "\n");
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
