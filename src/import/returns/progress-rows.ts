import { cellText } from "../../model/cells";
import { parsePeriod } from "../../model/period";
import {
  columnIndex,
  headerKey,
  PROGRESS_TABLE,
  TABLE_HEADERS,
  type TableData,
} from "../../model/schema";
import type { Cell } from "../../model/types";

/** A measure a source reported for a period. */
export interface ProgressEntry {
  period: string;
  no: string;
  /** The source's file name. */
  source: string;
}

/**
 * The Progress table after a run: the rows it had, less those of each (source, period) the run
 * reports again, then one row per reported measure with the values Measures now holds. Rows of
 * other sources and periods are kept as they are, extra columns included.
 */
export function progressAfter(
  existing: TableData | undefined,
  entries: readonly ProgressEntry[],
  measures: TableData,
  recorded: string
): { table: TableData; periods: string[]; added: number; replaced: number } {
  const headers =
    existing && existing.headers.length ? [...existing.headers] : [...TABLE_HEADERS.Progress];
  for (const h of TABLE_HEADERS.Progress)
    if (!headers.some((x) => headerKey(x) === headerKey(h))) headers.push(h);
  const at = (h: string) => headers.findIndex((x) => headerKey(x) === headerKey(h));
  const width = headers.length;
  const periodCol = at("Period");
  const sourceCol = at("Source");

  const again = new Set(entries.map((e) => pairKey(e.period, e.source)));
  const kept: Cell[][] = [];
  let replaced = 0;
  for (const row of existing?.rows ?? []) {
    const padded = [...row];
    while (padded.length < width) padded.push(null);
    const label = parsePeriod(row[periodCol])?.label ?? cellText(row[periodCol]);
    if (again.has(pairKey(label, cellText(row[sourceCol])))) replaced++;
    else kept.push(padded);
  }

  const noCol = columnIndex(measures, "No.");
  const byNo = new Map<string, Cell[]>();
  for (const row of measures.rows) {
    const k = cellText(row[noCol]).toLowerCase();
    if (k && !byNo.has(k)) byNo.set(k, row);
  }
  const source = new Map(
    ["Status", "Progress %", "Notes"].map((h) => [h, columnIndex(measures, h)])
  );
  const value = (row: Cell[] | undefined, header: string): Cell => {
    const i = source.get(header) ?? -1;
    return row && i >= 0 ? (row[i] ?? null) : null;
  };
  const target = new Map(TABLE_HEADERS.Progress.map((h) => [h, at(h)]));
  const added: Cell[][] = entries.map((e) => {
    const m = byNo.get(e.no.toLowerCase());
    const out: Cell[] = new Array<Cell>(width).fill(null);
    const put = (h: string, v: Cell) => (out[target.get(h) ?? -1] = v);
    put("Period", e.period);
    put("No.", e.no);
    put("Status", value(m, "Status"));
    put("Progress %", value(m, "Progress %"));
    put("Notes", value(m, "Notes"));
    put("Source", e.source);
    put("Recorded", recorded);
    return out;
  });
  const periods = [...new Set(entries.map((e) => e.period))];
  return {
    table: { name: existing?.name ?? PROGRESS_TABLE, headers, rows: [...kept, ...added] },
    periods,
    added: added.length,
    replaced,
  };
}

function pairKey(period: string, source: string): string {
  return `${period.toLowerCase()}\u0000${source.toLowerCase()}`;
}
