import { basename, extname } from "node:path";
import { importMeasures } from "../host/import";
import type { ImportReport } from "../io/import";
import { flag, positional, requireFlag, UsageError, yearFlag, type ParsedArgs } from "./args";
import { InputError, openPlannerFile, readInput } from "./open";
import { writeOutput } from "./output";

/** "No.=0,Measure=3": the planner's column choices (0-based source columns). */
export function parseMapping(text: string | undefined): Record<string, number> | undefined {
  if (!text) return undefined;
  const out: Record<string, number> = {};
  for (const part of text.split(",")) {
    const m = /^\s*(.+?)\s*=\s*(-?\d+)\s*$/.exec(part);
    if (!m) throw new UsageError(`--map takes "Header=column,…" with 0-based source columns (got "${part}").`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

export function formatImportReport(r: ImportReport, source: string, dryRun: boolean): string {
  const lines: string[] = [];
  lines.push(`${source}${r.sheetName ? ` (sheet ${r.sheetName})` : ""}: header on row ${r.headerRow}, data from row ${r.firstDataRow}${dryRun ? " — dry run, nothing written" : ""}`);
  lines.push("", "Mapped columns:");
  for (const m of r.mapped) lines.push(`  ${m.header} ← "${m.sourceHeader}" (column ${m.sourceColumn + 1})`);
  if (r.extraColumns.length) lines.push(`Kept as extra columns (no matching Measures column): ${r.extraColumns.join(", ")}`);
  if (r.normalised.length) {
    lines.push("", `Normalised (${r.normalised.length}):`);
    for (const n of r.normalised) lines.push(`  row ${n.row}, ${n.column}: "${n.from}" → "${n.to}"`);
  }
  lines.push("", `Added: ${r.added.length}${r.added.length ? ` (${r.added.join(", ")})` : ""}`);
  lines.push(`Updated: ${r.updated.length}`);
  for (const u of r.updated) for (const c of u.changes) lines.push(`  No. ${u.no}, ${c.column}: "${c.before}" → "${c.after}"`);
  lines.push(`Unchanged: ${r.unchanged}`);
  if (r.removed.length) lines.push(`Removed (replace): ${r.removed.length} (${r.removed.join(", ")})`);
  lines.push(`Rejected: ${r.rejected.length}`);
  for (const x of r.rejected) lines.push(`  source row ${x.sourceRow}: ${x.reason}`);
  return lines.join("\n") + "\n";
}

export async function runImport(args: ParsedArgs): Promise<number> {
  const [source] = positional(args, 1, "one SOURCE file");
  const into = requireFlag(args, "--into", "FILE (the planner workbook to import into)");
  const dryRun = args.flags.has("--dry-run");
  const out = flag(args, "-o") ?? into;
  if (!dryRun && extname(out).toLowerCase() !== ".xlsx") {
    throw new UsageError(`The result is written as .xlsx: pass -o OUT.xlsx (got "${out}").`);
  }
  const asOfYear = yearFlag(args) ?? new Date().getFullYear();
  const bytes = readInput(source);
  const host = await openPlannerFile(into, asOfYear);
  let report: ImportReport;
  try {
    report = await importMeasures(host, {
      name: basename(source),
      bytes,
      dryRun,
      mode: args.flags.has("--replace") ? "replace" : "merge",
      mapping: parseMapping(flag(args, "--map")),
      asOfYear,
    });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new InputError(`${basename(source)}: ${(e as Error).message}`);
  }
  process.stdout.write(formatImportReport(report, basename(source), dryRun));
  if (!dryRun) {
    writeOutput(out, await host.exportXlsx());
    process.stdout.write(`Wrote ${out}.\n`);
  }
  return 0;
}
