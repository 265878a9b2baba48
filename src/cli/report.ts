import type { PlannerTables } from "../model/schema";
import type { Finding, Severity } from "../rules/finding";
import { rollUpFindings } from "../rules/rollup";

const HEADINGS: Record<"en" | "km", Record<Severity, string>> = {
  en: { error: "Errors", warning: "Warnings", info: "Information" },
  km: { error: "កំហុស", warning: "ការព្រមាន", info: "ព័ត៌មាន" },
};

/**
 * The text report of `planner validate`: by severity, then rule (most urgent first, as the pane
 * rolls them up), each line with its cell as Excel shows it, the measure's No. and short title.
 */
export function formatReport(
  findings: Finding[],
  file: string,
  language: "en" | "km" = "en",
  asOfYear?: number,
  tables: PlannerTables | null = null
): string {
  const lines: string[] = [];
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  lines.push(
    `${file}: ${count("error")} errors, ${count("warning")} warnings, ${count("info")} info${asOfYear !== undefined ? ` (as of ${asOfYear})` : ""}`
  );
  const groups = rollUpFindings(findings, tables);
  for (const severity of ["error", "warning", "info"] as const) {
    const mine = groups.filter((g) => g.severity === severity);
    if (mine.length === 0) continue;
    lines.push("", `${HEADINGS[language][severity]} (${count(severity)})`);
    for (const g of mine) {
      lines.push(`  ${g.rule} (${g.lines.length})`);
      for (const { finding: f, no, title } of g.lines) {
        // The cell as Excel shows it; the table and its data-row index where no place is known.
        const place =
          f.cell ??
          [f.table, f.row !== null ? `row ${f.row}` : null, f.column].filter(Boolean).join(", ");
        const measure = no !== null ? `, No. ${no}${title ? ` "${title}"` : ""}` : "";
        lines.push(`    ${place}${measure}: ${f.message}`);
      }
    }
  }
  if (findings.length === 0) lines.push("", "No findings.");
  return lines.join("\n") + "\n";
}
