import type { Finding, Severity } from "../rules/finding";

const HEADINGS: Record<"en" | "km", Record<Severity, string>> = {
  en: { error: "Errors", warning: "Warnings", info: "Information" },
  km: { error: "កំហុស", warning: "ការព្រមាន", info: "ព័ត៌មាន" },
};

/** The text report of `planner validate`: grouped by severity, then rule, each with its place. */
export function formatReport(findings: Finding[], file: string, language: "en" | "km" = "en"): string {
  const lines: string[] = [];
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  lines.push(`${file}: ${count("error")} errors, ${count("warning")} warnings, ${count("info")} info`);
  for (const severity of ["error", "warning", "info"] as const) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push("", `${HEADINGS[language][severity]} (${group.length})`);
    const byRule = new Map<string, Finding[]>();
    for (const f of group) {
      const list = byRule.get(f.rule);
      if (list) list.push(f);
      else byRule.set(f.rule, [f]);
    }
    for (const [rule, list] of byRule) {
      lines.push(`  ${rule} (${list.length})`);
      for (const f of list) {
        const place = [f.table, f.row !== null ? `row ${f.row}` : null, f.column, f.key !== null ? `No. ${f.key}` : null].filter(Boolean).join(", ");
        lines.push(`    ${place}: ${f.message}`);
      }
    }
  }
  if (findings.length === 0) lines.push("", "No findings.");
  return lines.join("\n") + "\n";
}
