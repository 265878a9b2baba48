import type { Finding, Language, Severity } from "../rules/finding";
import { groupFindings, severityCounts } from "../rules/finding-groups";

const HEADINGS: Record<Language, Record<Severity, string>> = {
  en: { error: "Errors", warning: "Warnings", info: "Information" },
  km: { error: "កំហុស", warning: "ការព្រមាន", info: "ព័ត៌មាន" },
};

/** The text report of `planner validate`: grouped by severity, then rule, each with its place. */
export function formatReport(findings: Finding[], file: string, language: Language = "en"): string {
  const counts = severityCounts(findings);
  const lines: string[] = [`${file}: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`];
  for (const group of groupFindings(findings, (f) => f)) {
    lines.push("", `${HEADINGS[language][group.severity]} (${group.count})`);
    for (const { rule, items } of group.rules) {
      lines.push(`  ${rule} (${items.length})`);
      for (const f of items) {
        const place = [f.table, f.row !== null ? `row ${f.row}` : null, f.column, f.key !== null ? `No. ${f.key}` : null].filter(Boolean).join(", ");
        lines.push(`    ${place}: ${f.message}`);
      }
    }
  }
  if (findings.length === 0) lines.push("", "No findings.");
  return lines.join("\n") + "\n";
}
