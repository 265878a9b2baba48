import { cellText } from "../../model/cells";
import { tablesToFramework } from "../../model/convert";
import { parsePeriod } from "../../model/period";
import { columnIndex, findTable, TABLE_HEADERS, type PlannerTables } from "../../model/schema";
import type { Cell } from "../../model/types";
import type { Language } from "../../plan/labels";
import { returnWorkbookPlan } from "../../plan/return-sheets";
import type { WorkbookPlan } from "../../plan/types";
import { ImportSourceError } from "../errors";
import { institutionsOf, safeFileName, type GenericEntry } from "./institutions";

export interface ReturnFile {
  fileName: string;
  institution: string;
  /** Nos of the measures in the return. */
  measures: string[];
  plan: WorkbookPlan;
}

export interface ReturnsPlan {
  period: string;
  framework: string;
  returns: ReturnFile[];
  /** Entries naming no one body: no return of their own. */
  generic: GenericEntry[];
}

export interface ReturnsOptions {
  /** A period label; checked here. */
  period: string;
  language: Language;
  /** "2026-11-30 16:55 UTC": when the returns are made. */
  created: string;
  asOfYear: number;
}

/** One return per institution named in Measures (lead or among Institutions). Pure. */
export function planReturns(tables: PlannerTables, options: ReturnsOptions): ReturnsPlan {
  const period = parsePeriod(options.period);
  if (!period)
    throw new ImportSourceError(
      `“${options.period}” is not a period label: use one such as 2026-Q2, 2026-H1 or 2026.`
    );
  const table = findTable(tables, "Measures");
  if (!table)
    throw new ImportSourceError(
      "This workbook has no Measures table: there is nothing to send out."
    );
  const framework = tablesToFramework(tables, options.asOfYear);
  const { institutions, generic } = institutionsOf(framework.measures);
  if (institutions.length === 0) {
    throw new ImportSourceError(
      "No measure names an institution (the Institutions column is blank or only names generic entries): there is no one to send a return to."
    );
  }

  // Raw rows by No., in contract order: a return carries the planner's cells as they are.
  const idx = TABLE_HEADERS.Measures.map((h) => columnIndex(table, h));
  const noCol = columnIndex(table, "No.");
  const rowByNo = new Map<string, Cell[]>();
  for (const row of table.rows) {
    const no = cellText(row[noCol]);
    if (no !== "" && !rowByNo.has(no))
      rowByNo.set(
        no,
        idx.map((i) => (i >= 0 ? (row[i] ?? null) : null))
      );
  }

  const taken = new Set<string>();
  const returns = institutions.map((inst) => {
    const rows = inst.measures
      .map((no) => rowByNo.get(no))
      .filter((r): r is Cell[] => r !== undefined);
    return {
      fileName: safeFileName(inst.name, period.label, taken),
      institution: inst.name,
      measures: inst.measures,
      plan: returnWorkbookPlan({
        institution: inst.name,
        period: period.label,
        framework: framework.settings.name,
        created: options.created,
        rows,
        language: options.language,
      }),
    };
  });
  return { period: period.label, framework: framework.settings.name, returns, generic };
}
