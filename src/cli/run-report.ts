import { displayText } from "../import/normalise";
import type { RunReport } from "../import/returns";
import { formatImportReport } from "./import-command";

/** At most `max` lines, then how many more (the JSON report has them all). */
function capped<T>(items: readonly T[], max: number, line: (item: T) => string): string[] {
  const out = items.slice(0, max).map(line);
  if (items.length > max)
    out.push(`  … and ${items.length - max} more (--format json lists them all)`);
  return out;
}

/** The text report of an import run: each source, then today's report, conflicts, progress and the findings the merge adds. */
export function formatRunReport(r: RunReport, dryRun: boolean): string {
  const lines: string[] = [];
  if (r.sources.length > 1 || r.sources.some((s) => s.kind === "return")) {
    lines.push(`Sources (${r.sources.length}):`);
    for (const s of r.sources) {
      const what = s.kind === "return" ? `return of ${s.institution}` : "measures sheet";
      lines.push(
        `  ${s.source}: ${what}${s.period ? `, period ${s.period}` : ""}, ${s.rows} row(s)`
      );
    }
    lines.push("");
  }
  const name = r.sources.length === 1 ? r.sources[0].source : `${r.sources.length} sources`;
  const named =
    r.sources.length > 1
      ? { ...r, rejected: r.rejected.map((x) => ({ ...x, reason: `${x.source}, ${x.reason}` })) }
      : r;
  lines.push(formatImportReport(named, name, dryRun).trimEnd());
  lines.push("", `Conflicts: ${r.conflicts.length}`);
  lines.push(
    ...capped(r.conflicts, 50, (c) => {
      const values = c.values.map((v) => `${v.source} "${displayText(v.value)}"`).join(", ");
      const why =
        c.rule === "lead-institution" ? "the lead institution's return" : "the first source given";
      return `  No. ${c.no}, ${c.column}: ${values} — kept "${displayText(c.kept)}" (${why})`;
    })
  );
  if (r.progress) {
    lines.push(
      "",
      `Progress (${r.progress.periods.join(", ")}): ${r.progress.added} row(s) recorded${r.progress.replaced ? `, ${r.progress.replaced} replaced` : ""}`
    );
  }
  const count = (s: string) => r.findings.filter((f) => f.severity === s).length;
  lines.push(
    "",
    `New findings after the merge: ${count("error")} errors, ${count("warning")} warnings, ${count("info")} info`
  );
  lines.push(
    ...capped(
      r.findings,
      50,
      (f) =>
        `  ${f.severity} ${f.rule}: ${[f.table, f.row !== null ? `row ${f.row}` : null, f.key !== null ? `No. ${f.key}` : null].filter(Boolean).join(", ")}: ${f.message}`
    )
  );
  return lines.join("\n") + "\n";
}
