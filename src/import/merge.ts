import { cellText, isBlank } from "../model/cells";
import { columnLetter } from "../model/columns";
import { headerKey, TABLE_HEADERS, type TableData } from "../model/schema";
import type { Cell } from "../model/types";
import { ImportSourceError } from "./errors";
import { findHeaderRow, headerAt, type HeaderFinding, type MappedColumn } from "./header-finder";
import { displayText, MeasureNormaliser, progressIsFraction, type ImportReference, type MeasureValues } from "./normalise";
import { exactHeader, matchHeader, MEASURES_HEADERS, synonymKey, type MeasuresHeader } from "./synonyms";

/**
 * Plans an import of measures into the Measures table: which source columns map where, what
 * was normalised, which rows are added, updated, unchanged or rejected, and the table that
 * results. Pure: the caller decides whether to write `result` (a dry run just shows the report).
 *
 * Nothing a ministry sent is lost: a source column that maps to no Measures header is kept as
 * an extra column of the result (named by its header text, or "Column K (source)" when its
 * data sits under no header), unless the planner's mapping leaves it out.
 */

export interface ImportSource {
  rows: Cell[][];
  sheetName?: string;
}

export interface ImportOptions {
  /** merge: update matching Nos, add new ones, keep every other row. replace: only the imported rows. */
  mode: "merge" | "replace";
  /**
   * The planner's override: target header → 0-based source column. -1 leaves a column out: the
   * source column that would have fed that header is then not imported at all, not even as an
   * extra column (the planner's explicit choice). A source column that maps to no header can be
   * left out the same way, named by its header text or by the extra column name the report
   * gives it ("Remarks from ministry": -1, "Column K (source)": -1).
   */
  mapping?: Record<string, number>;
  /** The planner's override of the header row: 1-based source row. */
  headerRow?: number;
}

export type RejectedCode = "no-key-no-text" | "no-key" | "no-text" | "header-echo" | "key-repeated";

export interface RejectedRow {
  sourceRow: number;
  reason: string;
  code?: RejectedCode;
  /** key-repeated: the No. and the source row that has it first. */
  no?: string;
  firstRow?: number;
}

export interface ImportReport {
  sheetName?: string;
  /** 1-based source row of the header (the first one, when the header spans rows). */
  headerRow: number;
  /** 1-based source row where the data starts (after a second header row or column numbers). */
  firstDataRow: number;
  mapped: Array<{ header: string; sourceColumn: number; sourceHeader: string }>;
  /**
   * Source columns that match no Measures header: their header, or "(no header, column K)" when
   * data sits under none. Their data is kept as extra columns (see `extraColumns`) unless the
   * planner's mapping left them out.
   */
  unmapped: string[];
  /**
   * Headers of the result that hold unmapped source columns, in source column order: the
   * source header text (or the target's extra column of that name, written into rather than
   * added again), "Header (column K)" when that name is a Measures header or is taken by
   * another source column, "Column K (source)" for data under no header.
   */
  extraColumns: string[];
  /** `row` is the 1-based source row. */
  normalised: Array<{ row: number; column: string; from: string; to: string }>;
  /** Nos of the rows added. */
  added: string[];
  updated: Array<{ no: string; changes: Array<{ column: string; before: string; after: string }> }>;
  /** Imported rows identical to their target row (in the mapped columns). */
  unchanged: number;
  /** Rows not imported, with the 1-based source row and the reason (English; `code` and its values let a front end tell it in another language). */
  rejected: Array<RejectedRow>;
  /** replace mode: Nos of target rows the import drops. Always empty in merge mode. */
  removed: string[];
  /** The new Measures table: the target's headers (extra columns included), then rows. */
  result: TableData;
}

interface ImportedRow {
  sourceRow: number;
  no: string;
  values: Map<string, Cell>;
}


function noKey(no: Cell | undefined): string {
  return cellText(no).toLowerCase();
}

function contractHeader(h: string): MeasuresHeader | null {
  const k = headerKey(h);
  return MEASURES_HEADERS.find((m) => headerKey(m) === k) ?? null;
}

interface ResolvedMapping extends HeaderFinding {
  /** Source columns the planner left out (a header mapped to -1): not kept as extra columns. */
  leftOut: Set<number>;
  /** headerKey → name, for names of no table header the planner mapped to -1: unmapped source columns to leave out. */
  leaveOutNames: Map<string, string>;
}

function isSourceColumn(col: number): boolean {
  return Number.isInteger(col) && col >= 0;
}

/** The header block, with the planner's overrides applied. */
function resolveMapping(
  rows: Cell[][],
  targetHeaders: readonly string[],
  extraHeaders: readonly string[],
  options: ImportOptions,
): ResolvedMapping {
  let finding: HeaderFinding | null;
  if (options.headerRow !== undefined) {
    if (!Number.isInteger(options.headerRow) || options.headerRow < 1 || options.headerRow > rows.length) {
      throw new ImportSourceError(`Row ${options.headerRow} is not a row of the source (it has ${rows.length} rows).`);
    }
    finding = headerAt(rows, options.headerRow - 1, extraHeaders);
  } else {
    finding = findHeaderRow(rows, { extraHeaders });
  }
  const overrides = Object.entries(options.mapping ?? {});
  if (!finding) {
    if (overrides.length === 0) throw noHeaderError(rows);
    finding = { index: 0, dataStart: 1, columns: [], unmapped: [], score: 0 };
  }
  if (overrides.length === 0) return { ...finding, leftOut: new Set(), leaveOutNames: new Map() };

  const headerRow = rows[finding.index] ?? [];
  const known = new Map(targetHeaders.concat(MEASURES_HEADERS).map((h) => [headerKey(h), contractHeader(h) ?? h]));
  let columns = [...finding.columns];
  const leftOutHeaders = new Set<string>();
  const leaveOutNames = new Map<string, string>();
  for (const [name, col] of overrides) {
    const header = known.get(headerKey(name));
    if (!header && !isSourceColumn(col)) {
      leaveOutNames.set(headerKey(name), name); // an unmapped source column, checked by planImport
      continue;
    }
    if (!header) throw new ImportSourceError(`The column mapping names “${name}”, which is not a column of the Measures table.`);
    columns = columns.filter((c) => c.header !== header);
    if (!isSourceColumn(col)) {
      leftOutHeaders.add(header);
      continue;
    }
    columns = columns.filter((c) => c.sourceColumn !== col || overrides.some(([n, oc]) => oc === col && known.get(headerKey(n)) === c.header));
    columns.push({ header, sourceColumn: col, sourceHeader: cellText(headerRow[col]) || `column ${columnLetter(col)}`, distance: 0 });
  }
  columns.sort((a, b) => a.sourceColumn - b.sourceColumn);
  const used = new Set(columns.map((c) => c.sourceColumn));
  const unmapped = [...finding.unmapped, ...finding.columns.filter((c) => !used.has(c.sourceColumn))]
    .filter((u) => !used.has(u.sourceColumn))
    .map((u) => ({ sourceColumn: u.sourceColumn, sourceHeader: u.sourceHeader }))
    .sort((a, b) => a.sourceColumn - b.sourceColumn);
  const leftOut = new Set(finding.columns.filter((c) => leftOutHeaders.has(c.header) && !used.has(c.sourceColumn)).map((c) => c.sourceColumn));
  return { ...finding, columns, unmapped, score: new Set(columns.map((c) => c.header)).size, leftOut, leaveOutNames };
}

function noHeaderError(rows: Cell[][]): ImportSourceError {
  const seen: string[] = [];
  for (const row of rows.slice(0, 30)) {
    for (const c of row.slice(0, 50)) {
      const t = cellText(c);
      if (t && t.length <= 40 && !seen.includes(t)) seen.push(t);
      if (seen.length >= 12) break;
    }
    if (seen.length >= 12) break;
  }
  const saw = seen.length ? ` The first cells read: ${seen.map((s) => `“${s}”`).join(", ")}.` : " The sheet is empty.";
  return new ImportSourceError(
    `No header row found: none of the first 30 rows names at least two Measures columns, one of them the measure's number (No.) or the measure itself.${saw} Rename the header cells (for example “No.”, “Measure”, “Lead committee”, “Timeframe”) or choose the columns by hand.`,
  );
}

/** Plans the import; throws ImportSourceError when the source has no usable header. */
export function planImport(
  source: ImportSource,
  target: TableData,
  reference: ImportReference,
  options: ImportOptions,
): ImportReport {
  const rows = source.rows;
  const targetHeaders = target.headers.length > 0 ? [...target.headers] : [...TABLE_HEADERS.Measures];
  const extraHeaders = targetHeaders.filter((h) => contractHeader(h) === null);
  const finding = resolveMapping(rows, targetHeaders, extraHeaders, options);

  const byHeader = new Map<string, MappedColumn>(finding.columns.map((c) => [c.header, c]));
  const noCol = byHeader.get("No.");
  const measureCol = byHeader.get("Measure");
  if (!noCol || !measureCol) {
    const missing = [!noCol ? "the measure's number (No.)" : "", !measureCol ? "the measure text (Measure)" : ""].filter(Boolean).join(" and ");
    throw new ImportSourceError(
      `The source has no column for ${missing}, so its rows cannot be matched to measures. Add that header, or choose the column by hand.`,
    );
  }

  // Result headers: the target's, plus contract columns the source brings and the target lacks.
  const resultHeaders = [...targetHeaders];
  const targetIndex = new Map<string, number>();
  const indexOf = (header: string): number => {
    const known = targetIndex.get(header);
    if (known !== undefined) return known;
    const k = headerKey(header);
    let i = resultHeaders.findIndex((h) => headerKey(h) === k);
    if (i < 0) {
      resultHeaders.push(header);
      i = resultHeaders.length - 1;
    }
    targetIndex.set(header, i);
    return i;
  };
  for (const c of finding.columns) indexOf(c.header);
  if (byHeader.has("Lead committee")) indexOf("Other committees");

  // Source columns that match no Measures header: unmapped headers, and data under no header at all.
  const unmapped = finding.unmapped.map((u) => u.sourceHeader);
  const headed = new Set<number>([...finding.columns.map((c) => c.sourceColumn), ...finding.unmapped.map((u) => u.sourceColumn)]);
  const stray = new Set<number>();
  for (let r = finding.dataStart; r < rows.length; r++) {
    const row = rows[r] ?? [];
    for (let c = 0; c < row.length; c++) if (!headed.has(c) && !stray.has(c) && !isBlank(row[c])) stray.add(c);
  }
  const strays = [...stray].sort((a, b) => a - b);
  for (const c of strays) unmapped.push(`(no header, column ${columnLetter(c)})`);

  // ...each kept as an extra column of the result, unless the planner left it out.
  const extraPlan = keepUnmapped(
    [...finding.unmapped.map((u) => ({ sourceColumn: u.sourceColumn, sourceHeader: u.sourceHeader })), ...strays.map((c) => ({ sourceColumn: c, sourceHeader: null }))],
    finding,
    resultHeaders,
    indexOf,
  );

  const progressCol = byHeader.get("Progress %");
  const fraction = progressCol
    ? progressIsFraction(rows.slice(finding.dataStart).map((r) => (r ?? [])[progressCol.sourceColumn] ?? null))
    : false;
  const normaliser = new MeasureNormaliser(reference, { progressFraction: fraction });

  const report: ImportReport = {
    sheetName: source.sheetName,
    headerRow: finding.index + 1,
    firstDataRow: finding.dataStart + 1,
    mapped: finding.columns.map((c) => ({ header: c.header, sourceColumn: c.sourceColumn, sourceHeader: c.sourceHeader })),
    unmapped,
    extraColumns: extraPlan.map((e) => e.header),
    normalised: [],
    added: [],
    updated: [],
    unchanged: 0,
    rejected: [],
    removed: [],
    result: { name: target.name || "Measures", headers: resultHeaders, rows: [] },
  };

  const columnPlan = [
    ...finding.columns.map((c) => ({ sourceColumn: c.sourceColumn, header: c.header, contract: contractHeader(c.header) })),
    ...extraPlan.map((e) => ({ sourceColumn: e.sourceColumn, header: e.header, contract: null })),
  ];

  // Read, check and normalise the source rows.
  const imported: ImportedRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (let r = finding.dataStart; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const sourceRow = r + 1;
    if (row.every((c) => isBlank(c))) continue;
    const noText = cellText(row[noCol.sourceColumn]);
    const measureText = cellText(row[measureCol.sourceColumn]);
    if (!noText || !measureText) {
      const what = !noText && !measureText ? "no No. and no measure text" : !noText ? "no No." : "no measure text";
      const shown = rowPreview(row);
      const code: RejectedCode = !noText && !measureText ? "no-key-no-text" : !noText ? "no-key" : "no-text";
      report.rejected.push({ sourceRow, reason: `Row ${sourceRow}: ${what}${shown ? ` (it reads “${shown}”)` : ""}.`, code });
      continue;
    }
    if (isHeaderEcho(noText, noCol) && isHeaderEcho(measureText, measureCol)) {
      report.rejected.push({ sourceRow, reason: `Row ${sourceRow}: repeats the header (“${noText}”, “${measureText}”), not a measure.`, code: "header-echo" });
      continue;
    }
    const contract: MeasureValues = {};
    const extras = new Map<string, Cell>();
    for (const c of columnPlan) {
      const v = row[c.sourceColumn] ?? null;
      if (c.contract) contract[c.contract] = v;
      else extras.set(c.header, typeof v === "string" ? v.trim() || null : v);
    }
    const { values, changes } = normaliser.row(contract);
    const no = cellText(values["No."] ?? noText);
    const key = no.toLowerCase();
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      report.rejected.push({ sourceRow, reason: `Row ${sourceRow}: No. ${no} repeats row ${first}; only the first is imported.`, code: "key-repeated", no, firstRow: first });
      continue;
    }
    firstRowOf.set(key, sourceRow);
    for (const ch of changes) report.normalised.push({ row: sourceRow, column: ch.column, from: ch.from, to: ch.to });
    const map = new Map<string, Cell>();
    for (const [h, v] of Object.entries(values) as Array<[string, Cell]>) map.set(h, v);
    for (const [h, v] of extras) map.set(h, v);
    imported.push({ sourceRow, no, values: map });
  }

  const width = resultHeaders.length;
  const pad = (row: readonly Cell[]): Cell[] => {
    const out = row.slice(0, Math.max(width, row.length));
    while (out.length < width) out.push(null);
    return out;
  };
  const targetNoCol = indexOf("No.");
  const targetRows = target.rows.map(pad);
  const targetByNo = new Map<string, number>();
  targetRows.forEach((row, i) => {
    const k = noKey(row[targetNoCol]);
    if (k && !targetByNo.has(k)) targetByNo.set(k, i);
  });

  if (options.mode === "merge") {
    const result = targetRows.map((r) => [...r]);
    for (const imp of imported) {
      const at = targetByNo.get(imp.no.toLowerCase());
      if (at === undefined) {
        result.push(newRow(imp, width, indexOf));
        report.added.push(imp.no);
        continue;
      }
      const row = result[at];
      const changes: Array<{ column: string; before: string; after: string }> = [];
      for (const [h, after] of imp.values) {
        if (h === "No." || isBlank(after)) continue; // a blank in the source never erases
        const col = indexOf(h);
        const before = row[col] ?? null;
        if (displayText(before) === displayText(after)) continue;
        changes.push({ column: resultHeaders[col], before: displayText(before), after: displayText(after) });
        row[col] = after;
      }
      if (changes.length) report.updated.push({ no: cellText(row[targetNoCol]) || imp.no, changes });
      else report.unchanged++;
    }
    report.result.rows = result;
  } else {
    const result: Cell[][] = [];
    const kept = new Set<number>();
    for (const imp of imported) {
      const row = newRow(imp, width, indexOf);
      result.push(row);
      const at = targetByNo.get(imp.no.toLowerCase());
      if (at === undefined) {
        report.added.push(imp.no);
        continue;
      }
      kept.add(at);
      const before = targetRows[at];
      const changes: Array<{ column: string; before: string; after: string }> = [];
      for (let c = 0; c < width; c++) {
        if (c === targetNoCol) continue;
        const b = displayText(before[c] ?? null);
        const a = displayText(row[c] ?? null);
        if (b !== a) changes.push({ column: resultHeaders[c], before: b, after: a });
      }
      if (changes.length) report.updated.push({ no: imp.no, changes });
      else report.unchanged++;
    }
    targetRows.forEach((row, i) => {
      const no = cellText(row[targetNoCol]);
      if (!kept.has(i) && !row.every((c) => isBlank(c))) report.removed.push(no || `(row ${i + 1}, no No.)`);
    });
    report.result.rows = result;
  }
  return report;
}

/**
 * The result column each unmapped source column goes to, adding the columns the result lacks.
 * A name that is (or reads as) a Measures header, or that a mapped source column already
 * fills, gets " (column K)"; a name the result has as a free extra column is written into, so
 * importing the same file again adds nothing. Throws when the planner left out a name that
 * is no such column.
 */
function keepUnmapped(
  columns: ReadonlyArray<{ sourceColumn: number; sourceHeader: string | null }>,
  finding: ResolvedMapping,
  resultHeaders: readonly string[],
  indexOf: (header: string) => number,
): Array<{ sourceColumn: number; header: string }> {
  const taken = new Set<number>(finding.columns.map((c) => indexOf(c.header)));
  const leaveOut = new Set<string>();
  const kept: Array<{ sourceColumn: number; header: string }> = [];
  for (const { sourceColumn, sourceHeader } of [...columns].sort((a, b) => a.sourceColumn - b.sourceColumn)) {
    const letter = columnLetter(sourceColumn);
    const text = sourceHeader?.trim() ?? "";
    const names = text
      ? contractHeader(text) !== null || matchHeader(text) !== null
        ? [`${text} (column ${letter})`]
        : [text, `${text} (column ${letter})`]
      : [`Column ${letter} (source)`];
    const leftOutBy = [text, ...names].map((n) => headerKey(n)).find((k) => k !== "" && finding.leaveOutNames.has(k));
    if (leftOutBy !== undefined) leaveOut.add(leftOutBy);
    if (finding.leftOut.has(sourceColumn) || leftOutBy !== undefined) continue;
    const last = names[names.length - 1];
    for (let n = 2; names.every((name) => isTaken(name)); n++) names.push(`${last} ${n}`);
    const name = names.find((h) => !isTaken(h)) ?? last;
    const at = indexOf(name);
    taken.add(at);
    kept.push({ sourceColumn, header: resultHeaders[at] });
  }
  for (const [key, name] of finding.leaveOutNames) {
    if (!leaveOut.has(key)) {
      throw new ImportSourceError(`The column mapping leaves out “${name}”, which is neither a column of the Measures table nor a source column without one.`);
    }
  }
  return kept;

  function isTaken(name: string): boolean {
    const k = headerKey(name);
    const at = resultHeaders.findIndex((h) => headerKey(h) === k);
    return at >= 0 && taken.has(at);
  }
}

/** A cell that repeats its column's header (a header row printed again on every page). */
function isHeaderEcho(text: string, column: MappedColumn): boolean {
  return synonymKey(text) === synonymKey(column.sourceHeader) || exactHeader(text) === column.header;
}

function newRow(imp: ImportedRow, width: number, indexOf: (h: string) => number): Cell[] {
  const row: Cell[] = new Array<Cell>(width).fill(null);
  for (const [h, v] of imp.values) row[indexOf(h)] = v;
  row[indexOf("No.")] = imp.no;
  return row;
}

function rowPreview(row: readonly Cell[]): string {
  const text = row
    .map((c) => cellText(c))
    .filter((t) => t !== "")
    .join(" | ");
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
