/**
 * Findings as a planner works through them: one group per rule ("37 measures overdue", the
 * list inside), the most urgent first, each line naming its measure by No. and short title.
 * Pure; the pane and the Validation sheet read the same groups.
 */
import { cellText } from "../model/cells";
import { columnIndex, findTable, type PlannerTables, type TableData } from "../model/schema";
import { RULE_IDS, type Finding, type RuleId, type Severity } from "./finding";

/**
 * Urgency within a severity: what stops the workbook being read first (keys, references),
 * then what is late, then what disagrees. Every rule appears once.
 */
export const RULE_URGENCY: readonly RuleId[] = [
  "column-missing",
  "reference-missing",
  "key-missing",
  "key-duplicate",
  "reference-invalid",
  "required-missing",
  "status-unknown",
  "goal-unknown",
  "strategy-unknown",
  "strategy-goal-mismatch",
  "committee-unknown",
  "committee-not-responsible",
  "timeframe-unknown",
  "year-invalid",
  "year-order",
  "year-out-of-period",
  "progress-invalid",
  "period-invalid",
  "progress-key-unknown",
  "overdue",
  "not-started-late",
  "progress-status-mismatch",
  "progress-decrease",
  "committee-count",
  "committee-support-missing",
  "committee-lead-repeated",
  "timeframe-mismatch",
  "measure-count",
];

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const URGENCY = new Map<RuleId, number>(RULE_URGENCY.map((r, i) => [r, i]));

/** Longest short title, in characters; cut at a word where one is near. */
export const SHORT_TITLE = 60;

export interface FindingLine {
  /** Index into the findings as given (for the pane's selection and filters). */
  index: number;
  finding: Finding;
  /** The measure's No. (Measures findings), else null. */
  no: string | null;
  /** The measure's text, cut to SHORT_TITLE characters; "" when not a measure row. */
  title: string;
  /** The measure's lead committee as written; "" when not a measure row. */
  committee: string;
}

export interface FindingGroup {
  rule: RuleId;
  severity: Severity;
  lines: FindingLine[];
}

export function shortTitle(text: string, max = SHORT_TITLE): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}

function measureCells(measures: TableData | undefined) {
  if (!measures) return () => ({ no: null, title: "", committee: "" });
  const ni = columnIndex(measures, "No.");
  const mi = columnIndex(measures, "Measure");
  const li = columnIndex(measures, "Lead committee");
  return (row: number | null, key: string | null) => {
    const cells = row !== null ? measures.rows[row - 1] : undefined;
    if (!cells) return { no: key, title: "", committee: "" };
    const no = ni >= 0 ? cellText(cells[ni]) : "";
    return {
      no: no !== "" ? no : key,
      title: mi >= 0 ? shortTitle(cellText(cells[mi])) : "",
      committee: li >= 0 ? cellText(cells[li]) : "",
    };
  };
}

/** Rule groups ordered by severity, then urgency; lines in table and row order (as validate sorts them). */
export function rollUpFindings(
  findings: readonly Finding[],
  tables: PlannerTables | null
): FindingGroup[] {
  const measure = measureCells(tables ? findTable(tables, "Measures") : undefined);
  const groups = new Map<RuleId, FindingGroup>();
  findings.forEach((finding, index) => {
    let g = groups.get(finding.rule);
    if (!g) {
      g = { rule: finding.rule, severity: finding.severity, lines: [] };
      groups.set(finding.rule, g);
    }
    const m =
      finding.table === "Measures"
        ? measure(finding.row, finding.key)
        : { no: finding.key, title: "", committee: "" };
    g.lines.push({ index, finding, ...m });
  });
  const rank = (r: RuleId) => URGENCY.get(r) ?? RULE_IDS.length;
  return [...groups.values()].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || rank(a.rule) - rank(b.rule)
  );
}
