/**
 * The planner's column mapping for an import: which source columns a Measures column can take,
 * and the mapping that results from one choice. Pure; the view keeps the mapping with the
 * pending import, so the dry run, Confirm and Replace all use the same one.
 */
import { cellText, isBlank } from "../../model/cells";
import { columnLetter } from "../../model/columns";
import { TABLE_HEADERS } from "../../model/schema";
import type { Cell } from "../../model/types";

/** A Measures contract header → 0-based source column, -1 to leave it out (see planImport). */
export type ColumnMapping = Record<string, number>;

export interface SourceColumnChoice {
  /** 0-based source column. */
  column: number;
  /** Spreadsheet letter of the column (A, B, … AA). */
  letter: string;
  /** The header cell's text, "" when the column's data sits under no header. */
  text: string;
}

/** What the report needs to say about the mapping now in force. */
interface MappedReport {
  headerRow: number;
  mapped: ReadonlyArray<{ header: string; sourceColumn: number }>;
}

/**
 * The source columns a planner column can take: every header cell of the report's header row,
 * and columns with data under no header, in source order (a mapped column always included).
 */
export function sourceColumnChoices(
  rows: readonly Cell[][],
  report: MappedReport
): SourceColumnChoice[] {
  const header = rows[report.headerRow - 1] ?? [];
  const wanted = new Set<number>(report.mapped.map((m) => m.sourceColumn).filter((c) => c >= 0));
  header.forEach((c, i) => {
    if (!isBlank(c)) wanted.add(i);
  });
  for (const row of rows.slice(report.headerRow)) {
    (row ?? []).forEach((c, i) => {
      if (!wanted.has(i) && !isBlank(c)) wanted.add(i);
    });
  }
  return [...wanted]
    .sort((a, b) => a - b)
    .map((column) => ({
      column,
      letter: columnLetter(column),
      text: cellText(header[column]).trim(),
    }));
}

/** The source column each Measures column takes now, -1 for none. */
export function currentMapping(report: MappedReport): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const h of TABLE_HEADERS.Measures)
    mapping[h] = report.mapped.find((m) => m.header === h)?.sourceColumn ?? -1;
  return mapping;
}

/**
 * The whole mapping after the planner chose `column` (-1: not imported) for `header`: every
 * Measures column as it is now, except that one; a source column feeds one Measures column
 * only, so the column it is taken from is left without (and says so in its list).
 */
export function chooseColumn(report: MappedReport, header: string, column: number): ColumnMapping {
  const mapping = currentMapping(report);
  if (column >= 0) for (const h of Object.keys(mapping)) if (mapping[h] === column) mapping[h] = -1;
  mapping[header] = column;
  return mapping;
}
