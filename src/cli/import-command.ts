import { basename, extname } from "node:path";
import { importRun } from "../host/returns";
import { readRunSource } from "../io/return-source";
import type { ImportReport } from "../import";
import type { RunReport, RunSource } from "../import/returns";
import { columnFromLetters, columnLetter } from "../model/columns";
import { parsePeriod } from "../model/period";
import { formatRunReport } from "./run-report";
import { flag, oneOf, requireFlag, UsageError, yearFlag, type ParsedArgs } from "./args";
import { InputError, openPlannerFile, readInput } from "./open";
import { asRefusal, writeOutput } from "./output";

/**
 * "No.=A,Measure=D" or "No.=0,Measure=3": the planner's column choices, as the letters Excel
 * shows or as 0-based source columns (the form scripts have used since the first release).
 */
export function parseMapping(text: string | undefined): Record<string, number> | undefined {
  if (!text) return undefined;
  const out: Record<string, number> = {};
  for (const part of text.split(",")) {
    const m = /^\s*(.+?)\s*=\s*(-?\d+|[A-Za-z]{1,3})\s*$/.exec(part);
    if (!m)
      throw new UsageError(
        `--map takes "Header=column,…" with source columns as letters (A, B, …) or 0-based numbers (got "${part}").`
      );
    out[m[1]] = /^-?\d+$/.test(m[2]) ? Number(m[2]) : columnFromLetters(m[2]);
  }
  return out;
}

/** At most `max` lines of a long list, then how many more (the JSON report has them all). */
function capped<T>(items: readonly T[], max: number, line: (item: T) => string): string[] {
  const out = items.slice(0, max).map(line);
  if (items.length > max)
    out.push(`  … and ${items.length - max} more (--format json lists them all)`);
  return out;
}

export function formatImportReport(r: ImportReport, source: string, dryRun: boolean): string {
  const lines: string[] = [];
  const used = r.sheets?.filter((s) => s.used) ?? [];
  const where =
    used.length > 1
      ? `: sheets ${used.map((s) => `${s.name} (header on row ${s.headerRow})`).join(", ")}`
      : `${r.sheetName ? ` (sheet ${r.sheetName})` : ""}: header on row ${r.headerRow}, data from row ${r.firstDataRow}`;
  lines.push(`${source}${where}${dryRun ? " — dry run, nothing written" : ""}`);
  lines.push("", "Mapped columns:");
  for (const m of r.mapped)
    lines.push(`  ${m.header} ← "${m.sourceHeader}" (column ${columnLetter(m.sourceColumn)})`);
  if (r.extraColumns.length)
    lines.push(`Kept as extra columns (no matching Measures column): ${r.extraColumns.join(", ")}`);
  if (r.normalised.length) {
    // The same change on many rows is told once, with its rows.
    const groups = new Map<string, { column: string; from: string; to: string; rows: string[] }>();
    for (const n of r.normalised) {
      const key = JSON.stringify([n.column, n.from, n.to]);
      const g = groups.get(key) ?? { column: n.column, from: n.from, to: n.to, rows: [] };
      g.rows.push(n.sheet ? `${n.row} (${n.sheet})` : String(n.row));
      groups.set(key, g);
    }
    const rowsText = (rows: string[]) =>
      rows.length === 1
        ? `row ${rows[0]}`
        : rows.length <= 5
          ? `rows ${rows.join(", ")}`
          : `${rows.length} rows, from row ${rows[0]}`;
    lines.push("", `Normalised (${r.normalised.length}):`);
    lines.push(
      ...capped(
        [...groups.values()],
        50,
        (g) => `  ${rowsText(g.rows)}, ${g.column}: "${g.from}" → "${g.to}"`
      )
    );
  }
  const added =
    r.added.length > 20
      ? `${r.added.slice(0, 20).join(", ")}, … ${r.added[r.added.length - 1]}`
      : r.added.join(", ");
  lines.push("", `Added: ${r.added.length}${r.added.length ? ` (${added})` : ""}`);
  lines.push(`Updated: ${r.updated.length}`);
  const changes = r.updated.flatMap((u) => u.changes.map((c) => ({ no: u.no, ...c })));
  lines.push(
    ...capped(changes, 50, (c) => `  No. ${c.no}, ${c.column}: "${c.before}" → "${c.after}"`)
  );
  lines.push(`Unchanged: ${r.unchanged}`);
  if (r.removed.length) lines.push(`Removed (replace): ${r.removed.length}`);
  lines.push(`Rejected: ${r.rejected.length}`);
  lines.push(...capped(r.rejected, 100, (x) => `  ${x.reason}`));
  if (r.notes.length) {
    lines.push("", "Notes:");
    lines.push(...capped(r.notes, 50, (n) => `  ${n}`));
  }
  return lines.join("\n") + "\n";
}

/** Progress on stderr for a person at a terminal; silent when piped. */
function terminalProgress(): ((done: number, total: number, label?: string) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const words: Record<string, string> = {
    read: "reading the source",
    plan: "matching rows by No.",
    done: "done",
  };
  return (done, total, label) =>
    process.stderr.write(
      `\rimport: ${words[label ?? ""] ?? label ?? ""} (${done}/${total})\x1b[K${done === total ? "\n" : ""}`
    );
}

/** "2026-11-30 16:55 UTC": the Recorded column of the rows a run adds to Progress. */
export function recordedNow(now = new Date()): string {
  return `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export async function runImport(args: ParsedArgs): Promise<number> {
  if (args.positional.length === 0)
    throw new UsageError("import takes one or more SOURCE files; got none.");
  const sources = args.positional;
  const into = requireFlag(args, "--into", "FILE (the planner workbook to import into)");
  const dryRun = args.flags.has("--dry-run");
  const format = oneOf(flag(args, "--format"), ["text", "json"] as const, "--format", "text");
  const replace = args.flags.has("--replace");
  if (replace && sources.length > 1)
    throw new UsageError(
      "--replace takes one SOURCE: it makes Measures exactly that source's rows."
    );
  const period = flag(args, "--period") ?? null;
  if (period !== null && !parsePeriod(period))
    throw new UsageError(
      `--period must be a period label such as 2026-Q2, 2026-H1 or 2026 (got "${period}").`
    );
  const out = flag(args, "-o") ?? into;
  if (!dryRun && extname(out).toLowerCase() !== ".xlsx") {
    throw new UsageError(`The result is written as .xlsx: pass -o OUT.xlsx (got "${out}").`);
  }
  // --as-of first, then the workbook's own As of year (resolved by the operation), then this year.
  const asOfYear = yearFlag(args);
  const inputs = sources.map((s) => ({ path: s, bytes: readInput(s) }));
  const host = await openPlannerFile(into, asOfYear ?? new Date().getFullYear());
  // Every source is read and checked before anything is planned: one bad file refuses the run.
  const read: RunSource[] = [];
  for (const input of inputs) {
    try {
      read.push(await readRunSource(basename(input.path), input.bytes));
    } catch (e) {
      throw new InputError(`${basename(input.path)}: ${(e as Error).message}`);
    }
  }
  let report: RunReport;
  try {
    report = await importRun(host, {
      sources: read,
      dryRun,
      mode: replace ? "replace" : "merge",
      mapping: parseMapping(flag(args, "--map")),
      period,
      asOfYear,
      recorded: recordedNow(),
      progress: terminalProgress(),
    });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const refusal = asRefusal(into, e);
    if (refusal !== e) throw refusal;
    const message = (e as Error).message;
    // A message from a check names its file already; a single source's planning error does not.
    throw new InputError(
      sources.length === 1 && !message.startsWith(`${basename(sources[0])}:`)
        ? `${basename(sources[0])}: ${message}`
        : message
    );
  }
  if (format === "json") {
    const { result: _result, progressResult: _progress, findings, ...rest } = report;
    process.stdout.write(
      JSON.stringify({
        report: { ...rest, findings: findings.map(({ params: _p, ...f }) => f) },
        dryRun,
      }) + "\n"
    );
  } else {
    process.stdout.write(formatRunReport(report, dryRun));
  }
  if (!dryRun) {
    let bytes: Uint8Array;
    try {
      bytes = await host.exportXlsx();
    } catch (e) {
      throw asRefusal(into, e);
    }
    writeOutput(out, bytes);
    if (format === "text") process.stdout.write(`Wrote ${out}.\n`);
  }
  return 0;
}
