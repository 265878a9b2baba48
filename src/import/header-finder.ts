import { cellText, isBlank } from "../model/cells";
import { headerKey } from "../model/schema";
import type { Cell } from "../model/types";
import { matchHeader, noHeaderRank, type MeasuresHeader } from "./synonyms";

/**
 * Finds the header row of a sheet a ministry sent: below title rows and merged banners, maybe
 * spread over two rows (English over Khmer, "Timeframe" over "From | To"), maybe followed by a
 * row of column numbers "(1) (2) (3)".
 */

export interface MappedColumn {
  /** A Measures contract header, or one of the target's extra headers. */
  header: string;
  /** 0-based column in the source rows. */
  sourceColumn: number;
  /** The source's header text. */
  sourceHeader: string;
  /** 0 exact (ignoring case, spaces, punctuation); higher: a typo or a remark tolerated. */
  distance: number;
}

export interface HeaderFinding {
  /** 0-based index of the (first) header row. */
  index: number;
  /** 0-based index of the first data row. */
  dataStart: number;
  /** One entry per header found, in source column order. */
  columns: MappedColumn[];
  /** Source columns with a header that maps to nothing. */
  unmapped: Array<{ sourceColumn: number; sourceHeader: string }>;
  /** Distinct headers mapped. */
  score: number;
}

export interface FindHeaderOptions {
  /** How many rows from the top may hold the header (default 30). */
  maxScan?: number;
  /** Extra target headers (beyond the contract's) that a source column may match by name. */
  extraHeaders?: readonly string[];
}

/** Columns looked at per row: a header row is never wider than this. */
const MAX_COLUMNS = 1000;

interface Candidate {
  header: string;
  distance: number;
}

function cellHeader(cell: Cell | undefined, extraByKey: Map<string, string>): Candidate | null {
  const text = cellText(cell);
  if (!text || text.length > 200) return null;
  const extra = extraByKey.get(headerKey(text));
  if (extra) return { header: extra, distance: 0 };
  const m = matchHeader(text);
  return m ? { header: m.header, distance: m.distance } : null;
}

function extraKeys(extra: readonly string[] | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const h of extra ?? []) if (h.trim()) map.set(headerKey(h), h);
  return map;
}

/**
 * Maps one row's cells to headers: each header goes to its best column (exact before typo,
 * left before right); each column to at most one header.
 */
export function mapHeaderRow(
  row: readonly Cell[],
  extraHeaders?: readonly string[]
): HeaderFinding {
  return mapRow(row, extraKeys(extraHeaders), 0);
}

function mapRow(
  row: readonly Cell[],
  extraByKey: Map<string, string>,
  index: number
): HeaderFinding {
  const found: MappedColumn[] = [];
  const unmapped: Array<{ sourceColumn: number; sourceHeader: string }> = [];
  const width = Math.min(row.length, MAX_COLUMNS);
  const candidates: MappedColumn[] = [];
  for (let c = 0; c < width; c++) {
    const text = cellText(row[c]);
    if (!text) continue;
    const m = cellHeader(row[c], extraByKey);
    if (m)
      candidates.push({
        header: m.header,
        sourceColumn: c,
        sourceHeader: text,
        distance: m.distance,
      });
    else unmapped.push({ sourceColumn: c, sourceHeader: text });
  }
  const taken = new Set<string>();
  // A "Measure No." column is the key before a running row number ("Item", "ល.រ") beside it.
  const rank = (c: MappedColumn) => (c.header === "No." ? noHeaderRank(c.sourceHeader) : 0);
  for (const cand of [...candidates].sort(
    (a, b) => rank(a) - rank(b) || a.distance - b.distance || a.sourceColumn - b.sourceColumn
  )) {
    if (taken.has(cand.header)) {
      unmapped.push({ sourceColumn: cand.sourceColumn, sourceHeader: cand.sourceHeader });
      continue;
    }
    taken.add(cand.header);
    found.push(cand);
  }
  found.sort((a, b) => a.sourceColumn - b.sourceColumn);
  unmapped.sort((a, b) => a.sourceColumn - b.sourceColumn);
  return { index, dataStart: index + 1, columns: found, unmapped, score: taken.size };
}

const KEY_HEADERS: readonly MeasuresHeader[] = ["No.", "Measure"];

function qualifies(f: HeaderFinding): boolean {
  return (
    f.score >= 2 && f.columns.some((c) => (KEY_HEADERS as readonly string[]).includes(c.header))
  );
}

/**
 * The best header row among the first `maxScan` rows: the most distinct Measures headers,
 * at least two, one of them No. or Measure; the earliest on a tie. Null when none qualifies.
 */
export function findHeaderRow(
  rows: readonly (readonly Cell[])[],
  options: FindHeaderOptions = {}
): HeaderFinding | null {
  const extraByKey = extraKeys(options.extraHeaders);
  const scan = Math.min(rows.length, options.maxScan ?? 30);
  let best: HeaderFinding | null = null;
  for (let r = 0; r < scan; r++) {
    const row = rows[r];
    if (!row || row.length === 0) continue;
    const f = mapRow(row, extraByKey, r);
    if (qualifies(f) && (!best || f.score > best.score)) best = f;
  }
  return best ? extendHeader(rows, best, extraByKey) : null;
}

/** The header block as found at `index` (a planner's choice), or null if that row maps nothing. */
export function headerAt(
  rows: readonly (readonly Cell[])[],
  index: number,
  extraHeaders?: readonly string[]
): HeaderFinding | null {
  const row = rows[index];
  if (!row) return null;
  const extraByKey = extraKeys(extraHeaders);
  return extendHeader(rows, mapRow(row, extraByKey, index), extraByKey);
}

/**
 * Follows the header into the rows below it: a second header row (a translation, or
 * sub-headers under a merged group header) whose No./Measure cells are blank or themselves
 * headers, then a row of column numbers. Sub-headers win over the group header above them.
 */
function extendHeader(
  rows: readonly (readonly Cell[])[],
  first: HeaderFinding,
  extraByKey: Map<string, string>
): HeaderFinding {
  const byHeader = new Map(first.columns.map((c) => [c.header, c]));
  const byColumn = new Map(first.columns.map((c) => [c.sourceColumn, c]));
  const unmapped = new Map(first.unmapped.map((u) => [u.sourceColumn, u]));
  const keyColumns = first.columns
    .filter((c) => (KEY_HEADERS as readonly string[]).includes(c.header))
    .map((c) => c.sourceColumn);
  let next = first.index + 1;
  for (let extra = 0; extra < 3 && next < rows.length; extra++) {
    const row = rows[next] ?? [];
    const width = Math.min(row.length, MAX_COLUMNS);
    const cands: Array<{ col: number; cand: Candidate; text: string }> = [];
    for (let c = 0; c < width; c++) {
      const cand = cellHeader(row[c], extraByKey);
      if (cand) cands.push({ col: c, cand, text: cellText(row[c]) });
    }
    if (cands.length === 0) break;
    const keysBlankOrHeaders = keyColumns.every(
      (c) => isBlank(row[c]) || cands.some((x) => x.col === c)
    );
    // Every non-blank cell of a header row names a column; a data row has values.
    const nonBlank = row.slice(0, width).filter((c) => cellText(c) !== "").length;
    if (!keysBlankOrHeaders || cands.length * 2 < nonBlank) break;
    for (const { col, cand, text } of cands) {
      const current = byColumn.get(col);
      if (current?.header === cand.header) continue;
      if (byHeader.has(cand.header)) continue; // named already, in another column
      if (current && (KEY_HEADERS as readonly string[]).includes(current.header)) continue; // No. and Measure stay
      if (current) byHeader.delete(current.header);
      const mapped: MappedColumn = {
        header: cand.header,
        sourceColumn: col,
        sourceHeader: text,
        distance: cand.distance,
      };
      byColumn.set(col, mapped);
      byHeader.set(cand.header, mapped);
      unmapped.delete(col);
    }
    next++;
  }
  if (next < rows.length && isNumberingRow(rows[next])) next++;
  const columns = [...byColumn.values()].sort((a, b) => a.sourceColumn - b.sourceColumn);
  return {
    index: first.index,
    dataStart: next,
    columns,
    unmapped: [...unmapped.values()]
      .filter((u) => !byColumn.has(u.sourceColumn))
      .sort((a, b) => a.sourceColumn - b.sourceColumn),
    score: columns.length,
  };
}

/** "(1) (2) (3) …" or "1 2 3 …" under a header: column numbers, not a measure. */
function isNumberingRow(row: readonly Cell[] | undefined): boolean {
  if (!row) return false;
  const values = row.map((c) => cellText(c)).filter((t) => t !== "");
  if (values.length < 3) return false;
  let prev = -1;
  for (const v of values) {
    const m = /^\(?(\d{1,3})\)?$/.exec(v);
    if (!m) return false;
    const n = Number(m[1]);
    if (prev >= 0 && n !== prev + 1) return false;
    prev = n;
  }
  return true;
}
