import { cellText, isBlank, measureNoKey } from "../model/cells";
import { columnLetter } from "../model/columns";
import { headerKey, TABLE_HEADERS, type TableData } from "../model/schema";
import type { Cell } from "../model/types";
import { ImportSourceError } from "./errors";
import { findHeaderRow, headerAt, type HeaderFinding, type MappedColumn } from "./header-finder";
import {
  displayText,
  MeasureNormaliser,
  progressIsFraction,
  type ImportReference,
  type MeasureValues,
} from "./normalise";
import {
  exactHeader,
  matchHeader,
  MEASURES_HEADERS,
  synonymKey,
  type MeasuresHeader,
} from "./synonyms";

/** A Word line break (vertical tab), optionally after a carriage return. */
// eslint-disable-next-line no-control-regex -- matching this control character is the point
const VERTICAL_TAB = /\r?\u000b/g;

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
  /** Formula cells the file holds without a saved value (read as blank), 0-based in `rows`. */
  uncached?: ReadonlyArray<{ row: number; col: number; formula: string }>;
  /** What the reader wants the planner told (sheets used and skipped, cells cut short…). */
  notes?: readonly string[];
  /**
   * When the rows were gathered from several sheets: where each row (0-based, as `rows`) came
   * from. The report then gives each row as its sheet and that sheet's row.
   */
  origins?: ReadonlyArray<{ sheet: string; row: number } | undefined>;
  /** Every sheet of a workbook source: used (and where its header is) or skipped (and why). */
  sheets?: readonly SheetChoice[];
}

export interface SheetChoice {
  name: string;
  used: boolean;
  /** Used sheets: 1-based header row, first data row and how many rows under the header. */
  headerRow?: number;
  firstDataRow?: number;
  rows?: number;
  /** Skipped sheets: why. */
  reason?: string;
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
  /** The source's sheet, when the rows came from several. */
  sheet?: string;
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
  /** `row` is the 1-based source row (of `sheet`, when the source had several sheets). */
  normalised: Array<{ row: number; column: string; from: string; to: string; sheet?: string }>;
  /** Nos of the rows added. */
  added: string[];
  updated: Array<{ no: string; changes: Array<{ column: string; before: string; after: string }> }>;
  /** Imported rows identical to their target row (in the mapped columns). */
  unchanged: number;
  /** Rows not imported, with the 1-based source row (of `sheet`) and the reason (English; `code` and its values let a front end tell it in another language). */
  rejected: Array<RejectedRow>;
  /** No.s the source repeats: every row is kept (the k-th row of a No. matches the target's k-th), validation reports key-duplicate. */
  duplicates: Array<{ no: string; sourceRows: number[]; sheets?: string[] }>;
  /** Formula cells of imported columns that the file holds without a saved value: read as blank. */
  formulasWithoutValue: Array<{
    sourceRow: number;
    column: string;
    formula: string;
    sheet?: string;
  }>;
  /** Every sheet of a workbook source, used or skipped (why). Absent for a CSV or a Measures table. */
  sheets?: SheetChoice[];
  /** Everything above that a planner must not miss, one line each (also the reader's notes). */
  notes: string[];
  /** replace mode: Nos of target rows the import drops. Always empty in merge mode. */
  removed: string[];
  /** The new Measures table: the target's headers (extra columns included), then rows. */
  result: TableData;
}

interface ImportedRow {
  /** 0-based in the source rows. */
  index: number;
  sourceRow: number;
  no: string;
  values: Map<string, Cell>;
  /** 0 for the first source row of this No., 1 for the second… */
  occurrence: number;
  /** The measure text ("" when the row has none, or the source no Measure column). */
  measureText: string;
  preview: string;
}

function noKey(no: Cell | undefined): string {
  return measureNoKey(no);
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
  options: ImportOptions
): ResolvedMapping {
  let finding: HeaderFinding | null;
  if (options.headerRow !== undefined) {
    if (
      !Number.isInteger(options.headerRow) ||
      options.headerRow < 1 ||
      options.headerRow > rows.length
    ) {
      throw new ImportSourceError(
        `Row ${options.headerRow} is not a row of the source (it has ${rows.length} rows).`
      );
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
  const known = new Map(
    targetHeaders.concat(MEASURES_HEADERS).map((h) => [headerKey(h), contractHeader(h) ?? h])
  );
  checkOverrides(rows, overrides, finding.index);
  let columns = [...finding.columns];
  const leftOutHeaders = new Set<string>();
  const leaveOutNames = new Map<string, string>();
  for (const [name, col] of overrides) {
    const header = known.get(headerKey(name));
    if (!header && !isSourceColumn(col)) {
      leaveOutNames.set(headerKey(name), name); // an unmapped source column, checked by planImport
      continue;
    }
    if (!header)
      throw new ImportSourceError(
        `The column mapping names “${name}”, which is not a column of the Measures table.`
      );
    columns = columns.filter((c) => c.header !== header);
    if (!isSourceColumn(col)) {
      leftOutHeaders.add(header);
      continue;
    }
    columns = columns.filter(
      (c) =>
        c.sourceColumn !== col ||
        overrides.some(([n, oc]) => oc === col && known.get(headerKey(n)) === c.header)
    );
    columns.push({
      header,
      sourceColumn: col,
      sourceHeader: cellText(headerRow[col]) || `column ${columnLetter(col)}`,
      distance: 0,
    });
  }
  columns.sort((a, b) => a.sourceColumn - b.sourceColumn);
  const used = new Set(columns.map((c) => c.sourceColumn));
  const unmapped = [
    ...finding.unmapped,
    ...finding.columns.filter((c) => !used.has(c.sourceColumn)),
  ]
    .filter((u) => !used.has(u.sourceColumn))
    .map((u) => ({ sourceColumn: u.sourceColumn, sourceHeader: u.sourceHeader }))
    .sort((a, b) => a.sourceColumn - b.sourceColumn);
  const leftOut = new Set(
    finding.columns
      .filter((c) => leftOutHeaders.has(c.header) && !used.has(c.sourceColumn))
      .map((c) => c.sourceColumn)
  );
  return {
    ...finding,
    columns,
    unmapped,
    score: new Set(columns.map((c) => c.header)).size,
    leftOut,
    leaveOutNames,
  };
}

/**
 * A planner's mapping that cannot be what they meant is refused before anything is planned:
 * a column no row of the source has a value in, or one column given to two fields.
 */
function checkOverrides(
  rows: readonly Cell[][],
  overrides: ReadonlyArray<[string, number]>,
  headerIndex: number
): void {
  const byColumn = new Map<number, string>();
  for (const [name, col] of overrides) {
    if (!isSourceColumn(col)) continue;
    const other = byColumn.get(col);
    if (other !== undefined) {
      throw new ImportSourceError(
        `The column mapping gives source column ${columnLetter(col)} to both “${other}” and “${name}”; each source column can fill one field. Map one of them to another column.`
      );
    }
    byColumn.set(col, name);
  }
  if (byColumn.size === 0) return;
  const used = new Set<number>();
  let width = 0;
  for (let r = headerIndex; r < rows.length; r++) {
    const row = rows[r] ?? [];
    width = Math.max(width, row.length);
    for (const col of byColumn.keys()) if (!used.has(col) && !isBlank(row[col])) used.add(col);
  }
  for (const [col, name] of byColumn) {
    if (used.has(col)) continue;
    const span =
      width > 0 ? `its columns are A to ${columnLetter(width - 1)}` : "it has no columns";
    throw new ImportSourceError(
      `The column mapping puts “${name}” in source column ${columnLetter(col)}, but no row of the source has anything in that column (${span}). Check the column letters.`
    );
  }
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
  const saw = seen.length
    ? ` The first cells read: ${seen.map((s) => `“${s}”`).join(", ")}.`
    : " The sheet is empty.";
  return new ImportSourceError(
    `No header row found: none of the first 30 rows names at least two Measures columns, one of them the measure's number (No.) or the measure itself.${saw} Rename the header cells (for example “No.”, “Measure”, “Lead committee”, “Timeframe”) or choose the columns by hand.`
  );
}

/** Plans the import; throws ImportSourceError when the source has no usable header. */
export function planImport(
  source: ImportSource,
  target: TableData,
  reference: ImportReference,
  options: ImportOptions
): ImportReport {
  const rows = source.rows;
  const targetHeaders =
    target.headers.length > 0 ? [...target.headers] : [...TABLE_HEADERS.Measures];
  const extraHeaders = targetHeaders.filter((h) => contractHeader(h) === null);
  const finding = resolveMapping(rows, targetHeaders, extraHeaders, options);

  const byHeader = new Map<string, MappedColumn>(finding.columns.map((c) => [c.header, c]));
  const noCol = byHeader.get("No.");
  const measureCol = byHeader.get("Measure");
  if (options.mode === "replace" && !measureCol) {
    throw new ImportSourceError(
      "Replacing the measures needs a column with the measure text (Measure): the source has none. Import without replace to update the measures it names, or add that column."
    );
  }
  if (!noCol) {
    throw new ImportSourceError(
      "The source has no column for the measure's number (No.), so its rows cannot be matched to measures. Add that header, or choose the column by hand."
    );
  }

  // Result headers: the target's, plus contract columns the source brings and the target lacks.
  const resultHeaders = [...targetHeaders];
  // headerKey → first position: every lookup is one Map read, so 20 000 extra columns stay linear.
  const positions = new Map<string, number>();
  resultHeaders.forEach((h, i) => {
    const k = headerKey(h);
    if (!positions.has(k)) positions.set(k, i);
  });
  const positionOf = (header: string): number => positions.get(headerKey(header)) ?? -1;
  const indexOf = (header: string): number => {
    let i = positionOf(header);
    if (i < 0) {
      resultHeaders.push(header);
      i = resultHeaders.length - 1;
      positions.set(headerKey(header), i);
    }
    return i;
  };
  for (const c of finding.columns) indexOf(c.header);
  if (byHeader.has("Lead committee")) indexOf("Other committees");

  // Source columns that match no Measures header: unmapped headers, and data under no header at all.
  const unmapped = finding.unmapped.map((u) => u.sourceHeader);
  const headed = new Set<number>([
    ...finding.columns.map((c) => c.sourceColumn),
    ...finding.unmapped.map((u) => u.sourceColumn),
  ]);
  const stray = new Set<number>();
  for (let r = finding.dataStart; r < rows.length; r++) {
    const row = rows[r] ?? [];
    for (let c = 0; c < row.length; c++)
      if (!headed.has(c) && !stray.has(c) && !isBlank(row[c])) stray.add(c);
  }
  const strays = [...stray].sort((a, b) => a - b);
  for (const c of strays) unmapped.push(`(no header, column ${columnLetter(c)})`);

  // ...each kept as an extra column of the result, unless the planner left it out.
  const extraPlan = keepUnmapped(
    [
      ...finding.unmapped.map((u) => ({
        sourceColumn: u.sourceColumn,
        sourceHeader: u.sourceHeader,
      })),
      ...strays.map((c) => ({ sourceColumn: c, sourceHeader: null })),
    ],
    finding,
    resultHeaders,
    indexOf,
    positionOf
  );

  const progressCol = byHeader.get("Progress %");
  const fraction = progressCol
    ? progressIsFraction(
        rows.slice(finding.dataStart).map((r) => (r ?? [])[progressCol.sourceColumn] ?? null)
      )
    : false;
  const normaliser = new MeasureNormaliser(reference, { progressFraction: fraction });

  const report: ImportReport = {
    sheetName: source.sheetName,
    headerRow: finding.index + 1,
    firstDataRow: finding.dataStart + 1,
    mapped: finding.columns.map((c) => ({
      header: c.header,
      sourceColumn: c.sourceColumn,
      sourceHeader: c.sourceHeader,
    })),
    unmapped,
    extraColumns: extraPlan.map((e) => e.header),
    normalised: [],
    added: [],
    updated: [],
    unchanged: 0,
    rejected: [],
    duplicates: [],
    formulasWithoutValue: [],
    notes: [...(source.notes ?? [])],
    ...(source.sheets ? { sheets: source.sheets.map((x) => ({ ...x })) } : {}),
    removed: [],
    result: { name: target.name || "Measures", headers: resultHeaders, rows: [] },
  };

  const columnPlan = [
    ...finding.columns.map((c) => ({
      sourceColumn: c.sourceColumn,
      header: c.header,
      contract: contractHeader(c.header),
    })),
    ...extraPlan.map((e) => ({ sourceColumn: e.sourceColumn, header: e.header, contract: null })),
  ];

  // Read, check and normalise the source rows.
  const uncached = uncachedByRow(source, columnPlan);
  const imported: ImportedRow[] = [];
  const rowsOf = new Map<string, number[]>();
  const rejectedAt = new Map<RejectedRow, number>();
  const reject = (r: number, reason: string, code?: RejectedCode) => {
    const entry: RejectedRow = {
      ...where(source, r),
      reason: `${rowLabel(source, r)}: ${reason}`,
      ...(code ? { code } : {}),
    };
    rejectedAt.set(entry, r);
    report.rejected.push(entry);
  };
  for (let r = finding.dataStart; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const at = where(source, r);
    if (row.every((c) => isBlank(c))) continue;
    const noText = cellText(row[noCol.sourceColumn]);
    const measureText = measureCol ? cellText(row[measureCol.sourceColumn]) : "";
    const formulas = uncached.get(r) ?? [];
    for (const f of formulas)
      report.formulasWithoutValue.push({ ...at, column: f.header, formula: f.formula });
    if (!noText) {
      const noFormula = formulas.find((f) => f.sourceColumn === noCol.sourceColumn);
      const what = noFormula
        ? `its No. is a formula (${noFormula.formula}) with no saved value`
        : measureCol && !measureText
          ? "no No. and no measure text"
          : "no No.";
      const shown = rowPreview(row);
      // A No. that is a formula without a value has its own reason, told in English only.
      const code: RejectedCode | undefined = noFormula
        ? undefined
        : measureCol && !measureText
          ? "no-key-no-text"
          : "no-key";
      reject(r, `${what}${shown ? ` (it reads “${shown}”)` : ""}.`, code);
      continue;
    }
    if (measureCol && isHeaderEcho(noText, noCol) && isHeaderEcho(measureText, measureCol)) {
      reject(
        r,
        `repeats the header (“${noText}”, “${measureText}”), not a measure.`,
        "header-echo"
      );
      continue;
    }
    const contract: MeasureValues = {};
    const extras = new Map<string, Cell>();
    for (const c of columnPlan) {
      const v = lineBreaks(row[c.sourceColumn] ?? null);
      if (c.contract) contract[c.contract] = v;
      else extras.set(c.header, typeof v === "string" ? v.trim() || null : v);
    }
    const { values, changes } = normaliser.row(contract);
    const no = cellText(values["No."] ?? noText);
    const key = measureNoKey(no);
    const seen = rowsOf.get(key);
    if (seen) seen.push(r);
    else rowsOf.set(key, [r]);
    for (const ch of changes)
      report.normalised.push({
        row: at.sourceRow,
        column: ch.column,
        from: ch.from,
        to: ch.to,
        ...(at.sheet ? { sheet: at.sheet } : {}),
      });
    const map = new Map<string, Cell>();
    for (const [h, v] of Object.entries(values) as Array<[string, Cell]>) map.set(h, v);
    for (const [h, v] of extras) map.set(h, v);
    imported.push({
      index: r,
      sourceRow: at.sourceRow,
      no,
      values: map,
      occurrence: (seen?.length ?? 1) - 1,
      measureText,
      preview: rowPreview(row),
    });
  }
  const width = resultHeaders.length;
  const pad = (row: readonly Cell[]): Cell[] => {
    const out = row.slice(0, Math.max(width, row.length));
    while (out.length < width) out.push(null);
    return out;
  };
  const targetNoCol = indexOf("No.");
  const targetRows = target.rows.map(pad);
  // Every target row of each No., in table order: the k-th source row of a No. matches the k-th.
  const targetByNo = new Map<string, number[]>();
  targetRows.forEach((row, i) => {
    const k = noKey(row[targetNoCol]);
    if (!k) return;
    const list = targetByNo.get(k);
    if (list) list.push(i);
    else targetByNo.set(k, [i]);
  });
  const targetRowOf = (imp: ImportedRow): number | undefined =>
    targetByNo.get(measureNoKey(imp.no))?.[imp.occurrence];
  // A row without measure text only updates a measure it names; it cannot add one.
  const cannotAddCode = (imp: ImportedRow): RejectedCode | undefined =>
    measureCol && !targetByNo.has(measureNoKey(imp.no)) ? "no-text" : undefined;
  const cannotAdd = (imp: ImportedRow): string => {
    const known = targetByNo.get(measureNoKey(imp.no))?.length ?? 0;
    if (known > 0 && imp.occurrence >= known) {
      return `No. ${imp.no} repeats an earlier source row, the workbook has ${known === 1 ? "one measure" : `${known} measures`} of that No., and a row without measure text cannot add one.`;
    }
    return measureCol
      ? `no measure text${imp.preview ? ` (it reads “${imp.preview}”)` : ""}.`
      : `No. ${imp.no} is not in the workbook, and the source has no Measure column to add it from.`;
  };

  if (options.mode === "merge") {
    const result = targetRows.map((r) => [...r]);
    for (const imp of imported) {
      const at = targetRowOf(imp);
      if (at === undefined) {
        if (!imp.measureText) {
          reject(imp.index, cannotAdd(imp), cannotAddCode(imp));
          continue;
        }
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
        changes.push({
          column: resultHeaders[col],
          before: displayText(before),
          after: displayText(after),
        });
        row[col] = after;
      }
      if (changes.length)
        report.updated.push({ no: cellText(row[targetNoCol]) || imp.no, changes });
      else report.unchanged++;
    }
    report.result.rows = result;
  } else {
    const result: Cell[][] = [];
    const kept = new Set<number>();
    for (const imp of imported) {
      if (!imp.measureText) {
        reject(imp.index, cannotAdd(imp), cannotAddCode(imp));
        continue;
      }
      const row = newRow(imp, width, indexOf);
      result.push(row);
      const at = targetRowOf(imp);
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
      if (!kept.has(i) && !row.every((c) => isBlank(c)))
        report.removed.push(no || `(row ${i + 1}, no No.)`);
    });
    report.result.rows = result;
  }
  // Repeated No.s among the rows kept (a repeat that was rejected is told as rejected).
  const rejectedRows = new Set(rejectedAt.values());
  for (const [, all] of rowsOf) {
    const indexes = all.filter((r) => !rejectedRows.has(r));
    if (indexes.length < 2) continue;
    const no = imported.find((i) => i.index === indexes[0])?.no ?? "";
    const places = indexes.map((r) => where(source, r));
    report.duplicates.push({
      no,
      sourceRows: places.map((p) => p.sourceRow),
      ...(source.origins ? { sheets: places.map((p) => p.sheet ?? "") } : {}),
    });
  }
  splitLongCells(report);
  report.rejected.sort((a, b) => (rejectedAt.get(a) ?? 0) - (rejectedAt.get(b) ?? 0));
  report.notes.push(...reportNotes(report));
  return report;
}

/** A vertical tab (Word's line break, pasted into a cell) is a line break, so words stay apart. */
function lineBreaks(cell: Cell): Cell {
  return typeof cell === "string" && cell.includes("\u000b")
    ? cell.replace(VERTICAL_TAB, "\n")
    : cell;
}

/** The most characters an Excel cell holds. */
export const EXCEL_CELL_LIMIT = 32_767;

/**
 * Text longer than a cell holds is never written as it is (Excel would refuse the file or cut
 * it): it is split into pieces of at most 32 767 characters, the rest continuing in columns
 * "Notes (continued)", "Notes (continued 2)"… added to the result, and the report says where.
 */
function splitLongCells(report: ImportReport): void {
  const result = report.result;
  const width = result.headers.length;
  for (let c = 0; c < width; c++) {
    const continued: number[] = [];
    result.rows.forEach((row, r) => {
      const cell = row[c];
      if (typeof cell !== "string" || cell.length <= EXCEL_CELL_LIMIT) return;
      const pieces = pieceOf(cell);
      row[c] = pieces[0];
      for (let k = 1; k < pieces.length; k++) {
        if (continued.length < k) {
          const name = `${result.headers[c]} (continued${k > 1 ? ` ${k}` : ""})`;
          result.headers.push(name);
          for (const other of result.rows) other.push(null);
          continued.push(result.headers.length - 1);
        }
        row[continued[k - 1]] = pieces[k];
      }
      const no = cellText(row[result.headers.findIndex((h) => headerKey(h) === headerKey("No."))]);
      const where = continued
        .slice(0, pieces.length - 1)
        .map((i) => `“${result.headers[i]}”`)
        .join(", ");
      report.notes.push(
        `No. ${no || `(row ${r + 1})`}, ${result.headers[c]}: ${cell.length} characters, more than the ${EXCEL_CELL_LIMIT} an Excel cell holds; the text continues in ${where}.`
      );
    });
  }
  for (const header of result.headers.slice(width)) report.extraColumns.push(header);
}

/** Text cut into pieces a cell holds, never inside a surrogate pair. */
function pieceOf(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + EXCEL_CELL_LIMIT, text.length);
    if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1])) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** Where a source row (0-based) came from: its 1-based row, and its sheet when the source had several. */
function where(source: ImportSource, r: number): { sourceRow: number; sheet?: string } {
  const o = source.origins?.[r];
  return o ? { sourceRow: o.row, sheet: o.sheet } : { sourceRow: r + 1 };
}

function rowLabel(source: ImportSource, r: number): string {
  const o = source.origins?.[r];
  return o ? `Sheet “${o.sheet}” row ${o.row}` : `Row ${r + 1}`;
}

/** The lines of a report a planner must not miss, beyond the counts. */
function reportNotes(r: ImportReport): string[] {
  const notes: string[] = [];
  for (const d of r.duplicates) {
    const places = d.sheets
      ? d.sourceRows.map((row, i) => `“${d.sheets?.[i]}” row ${row}`).join(", ")
      : `source rows ${d.sourceRows.join(", ")}`;
    notes.push(
      `No. ${d.no} appears on ${places}: every row is kept; validation reports the repeat (key-duplicate).`
    );
  }
  if (r.formulasWithoutValue.length) {
    const shown = r.formulasWithoutValue
      .slice(0, 5)
      .map((f) => `${f.sheet ? `“${f.sheet}” ` : ""}row ${f.sourceRow} ${f.column} (${f.formula})`);
    const more =
      r.formulasWithoutValue.length > 5 ? `, and ${r.formulasWithoutValue.length - 5} more` : "";
    notes.push(
      `${r.formulasWithoutValue.length} formula cell(s) have no saved value and were read as blank: ${shown.join("; ")}${more}. Open the file in Excel or LibreOffice, let it recalculate, save it, and import again.`
    );
  }
  return notes;
}

/** The source's formulas without a saved value in imported columns, by 0-based row. */
function uncachedByRow(
  source: ImportSource,
  columnPlan: ReadonlyArray<{ sourceColumn: number; header: string }>
): Map<number, Array<{ sourceColumn: number; header: string; formula: string }>> {
  const out = new Map<number, Array<{ sourceColumn: number; header: string; formula: string }>>();
  if (!source.uncached?.length) return out;
  const headerOf = new Map(columnPlan.map((c) => [c.sourceColumn, c.header]));
  for (const u of source.uncached) {
    const header = headerOf.get(u.col);
    if (header === undefined) continue;
    const list = out.get(u.row) ?? [];
    list.push({
      sourceColumn: u.col,
      header,
      formula: u.formula.startsWith("=") ? u.formula : `=${u.formula}`,
    });
    out.set(u.row, list);
  }
  return out;
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
  positionOf: (header: string) => number
): Array<{ sourceColumn: number; header: string }> {
  const taken = new Set<number>(finding.columns.map((c) => indexOf(c.header)));
  // Per name, the next " n" suffix to try: a header repeated many times is numbered in one pass.
  const nextSuffix = new Map<string, number>();
  const leaveOut = new Set<string>();
  const kept: Array<{ sourceColumn: number; header: string }> = [];
  for (const { sourceColumn, sourceHeader } of [...columns].sort(
    (a, b) => a.sourceColumn - b.sourceColumn
  )) {
    const letter = columnLetter(sourceColumn);
    const text = sourceHeader?.trim() ?? "";
    const names = text
      ? contractHeader(text) !== null || matchHeader(text) !== null
        ? [`${text} (column ${letter})`]
        : [text, `${text} (column ${letter})`]
      : [`Column ${letter} (source)`];
    const leftOutBy = [text, ...names]
      .map((n) => headerKey(n))
      .find((k) => k !== "" && finding.leaveOutNames.has(k));
    if (leftOutBy !== undefined) leaveOut.add(leftOutBy);
    if (finding.leftOut.has(sourceColumn) || leftOutBy !== undefined) continue;
    const last = names[names.length - 1];
    let name = names.find((h) => !isTaken(h));
    if (name === undefined) {
      let n = nextSuffix.get(last) ?? 2;
      while (isTaken(`${last} ${n}`)) n++;
      name = `${last} ${n}`;
      nextSuffix.set(last, n + 1);
    }
    const at = indexOf(name);
    taken.add(at);
    kept.push({ sourceColumn, header: resultHeaders[at] });
  }
  for (const [key, name] of finding.leaveOutNames) {
    if (!leaveOut.has(key)) {
      throw new ImportSourceError(
        `The column mapping leaves out “${name}”, which is neither a column of the Measures table nor a source column without one.`
      );
    }
  }
  return kept;

  function isTaken(name: string): boolean {
    const at = positionOf(name);
    return at >= 0 && taken.has(at);
  }
}

/** A cell that repeats its column's header (a header row printed again on every page). */
function isHeaderEcho(text: string, column: MappedColumn): boolean {
  return (
    synonymKey(text) === synonymKey(column.sourceHeader) || exactHeader(text) === column.header
  );
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
