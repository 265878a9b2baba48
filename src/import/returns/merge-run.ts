import { cellText, isBlank, measureNoKey } from "../../model/cells";
import { tablesToFramework } from "../../model/convert";
import {
  columnIndex,
  findTable,
  headerKey,
  TABLE_HEADERS,
  type PlannerTables,
  type TableData,
} from "../../model/schema";
import type { Cell } from "../../model/types";
import type { Finding, Language } from "../../rules/finding";
import { validate } from "../../rules/validate";
import { planImport, type ImportReport } from "../merge";
import { displayText, type ImportReference } from "../normalise";
import { RETURN_FILLED_COLUMNS } from "../../plan/return-sheets";
import { institutionsOf, leadInstitutionKey } from "./institutions";
import { progressAfter, type ProgressEntry } from "./progress-rows";
import { checkSource, firstByNo, type CheckedSource, type RunSource } from "./sources";

export type { RunSource } from "./sources";

/** Two or more sources sent different values for one measure and column. */
export interface Conflict {
  no: string;
  column: string;
  /** Every source that sent a value, in the order given. */
  values: Array<{ source: string; value: Cell }>;
  kept: Cell;
  /** Why `kept` won: the measure's lead institution's return, else the first source given. */
  rule: "lead-institution" | "first-source";
}

/** What each source was and brought. */
export interface SourceReport {
  source: string;
  kind: "return" | "sheet";
  institution: string | null;
  period: string | null;
  sheetName?: string;
  headerRow: number;
  firstDataRow: number;
  mapped: ImportReport["mapped"];
  rows: number;
}

/**
 * The report of a run over many sources: today's import report (the first source's header
 * details, every source's normalised and rejected rows, added / updated / unchanged against the
 * workbook) plus the conflicts, the findings the merge would introduce, and each source.
 */
export interface RunReport extends ImportReport {
  rejected: Array<{ sourceRow: number; reason: string; source?: string }>;
  conflicts: Conflict[];
  findings: Finding[];
  sources: SourceReport[];
  /** Progress rows the run adds and replaces; null when no source reports a period. */
  progress: { periods: string[]; added: number; replaced: number } | null;
  /** The Progress table to write, or null to leave Progress as it is. */
  progressResult: TableData | null;
}

export interface RunOptions {
  mode: "merge" | "replace";
  /** For plain measures sheets: Measures header → 0-based source column. */
  mapping?: Record<string, number>;
  /** The period of sources that record none (a period label). */
  period?: string | null;
  asOfYear: number;
  /** What the Recorded column says for this run ("2026-11-30 16:55 UTC"). */
  recorded: string;
  language?: Language;
}

/**
 * Merges any number of sources (returns and plain measures sheets) into the workbook's
 * Measures by No., in one plan. Pure; throws ImportSourceError (naming the file) when any source
 * is foreign, unreadable as measures or restructured: then nothing of the run applies.
 *
 * Conflict rule: where sources send different values for one measure and column, the value of
 * the return from the measure's lead institution (the first one its Institutions lists) is
 * kept; without one, the value of the source given first. Every conflict is reported.
 */
export function planRun(
  sources: readonly RunSource[],
  tables: PlannerTables,
  options: RunOptions
): RunReport {
  if (sources.length === 0) throw new Error("No source to import.");
  const framework = tablesToFramework(tables, options.asOfYear);
  const { institutions } = institutionsOf(framework.measures);
  const measureByNo = firstByNo(framework.measures);
  const checked = sources.map((s) =>
    checkSource(s, framework, options.period ?? null, institutions, measureByNo)
  );
  const reference: ImportReference = {
    committees: framework.committees,
    timeframes: framework.timeframes,
    goals: framework.goals,
    strategies: framework.strategies,
  };
  const found = findTable(tables, "Measures");
  const start: TableData = found
    ? found.headers.length > 0
      ? found
      : { ...found, headers: [...TABLE_HEADERS.Measures] }
    : { name: "Measures", headers: [...TABLE_HEADERS.Measures], rows: [] };
  if (options.mode === "replace" && sources.length > 1)
    throw new Error("--replace takes one source: it makes Measures exactly that source's rows.");
  if (options.mode === "replace" && checked[0].kind === "return")
    throw new Error(
      "--replace is for plain measures sheets: a return only updates its institution's measures."
    );

  const rejected: RunReport["rejected"] = [];
  const normalised: ImportReport["normalised"] = [];
  const notes: string[] = [];
  const duplicates: ImportReport["duplicates"] = [];
  const formulasWithoutValue: ImportReport["formulasWithoutValue"] = [];
  const reports: SourceReport[] = [];
  const sent: Array<{
    checked: CheckedSource;
    rows: Map<string, { no: string; values: Map<string, Cell> }>;
  }> = [];
  let current = start;
  let first: ImportReport | null = null;
  for (const c of checked) {
    const { rows, columns } =
      c.kind === "return"
        ? assignedRows(c, measureByNo, rejected)
        : { rows: c.source.rows, columns: null };
    const mapping = c.kind === "sheet" ? options.mapping : undefined;
    // A plain sheet keeps what its reader found (sheets used and skipped, formulas without a value, where each row came from).
    const source =
      c.kind === "return"
        ? { rows, sheetName: c.source.sheetName }
        : { ...c.source.read, rows, sheetName: c.source.sheetName };
    // A return's header is its first row: no need to look for it.
    const headerRow = c.kind === "return" ? 1 : undefined;
    const planned = planImport(source, current, reference, {
      mode: options.mode,
      mapping,
      headerRow,
    });
    // A return's columns as the file has them, not as projected.
    const applied = columns
      ? {
          ...planned,
          mapped: planned.mapped.map((m) => ({
            ...m,
            sourceColumn: columns[m.sourceColumn] ?? m.sourceColumn,
          })),
        }
      : planned;
    // The same rows planned into an empty table: exactly the values this source sends.
    const alone = planImport(source, { ...current, rows: [] }, reference, {
      mode: "merge",
      mapping,
      headerRow,
    });
    first ??= applied;
    current = applied.result;
    for (const x of applied.rejected) rejected.push({ ...x, source: c.source.name });
    normalised.push(...applied.normalised);
    const prefix = checked.length > 1 ? `${c.source.name}: ` : "";
    notes.push(...applied.notes.map((n) => prefix + n));
    duplicates.push(...applied.duplicates);
    formulasWithoutValue.push(...applied.formulasWithoutValue);
    sent.push({ checked: c, rows: valuesOf(alone.result) });
    reports.push({
      source: c.source.name,
      kind: c.kind,
      institution: c.institution?.name ?? null,
      period: c.period,
      sheetName: c.source.sheetName,
      headerRow: applied.headerRow,
      firstDataRow: applied.firstDataRow,
      mapped: applied.mapped,
      rows: alone.added.length,
    });
  }
  if (!first) throw new Error("No source to import.");

  const conflicts = resolveConflicts(sent, current, measureByNo);
  const diff =
    options.mode === "merge"
      ? diffTables(start, current, sent)
      : { added: first.added, updated: first.updated, unchanged: first.unchanged };

  const entries: ProgressEntry[] = sent.flatMap(({ checked: c, rows }) =>
    c.period === null
      ? []
      : [...rows.values()]
          .filter((r) => reported(r.values))
          .map((r) => ({ period: c.period as string, no: r.no, source: c.source.name }))
  );
  const progress = entries.length
    ? progressAfter(findTable(tables, "Progress"), entries, current, options.recorded)
    : null;

  const wouldBe: PlannerTables = {
    ...tables,
    Measures: current,
    ...(progress ? { Progress: progress.table } : {}),
  };
  const findings = newFindings(
    validate(tables, { asOfYear: options.asOfYear, language: options.language }),
    validate(wouldBe, { asOfYear: options.asOfYear, language: options.language })
  );

  return {
    ...first,
    normalised,
    notes,
    duplicates,
    formulasWithoutValue,
    added: diff.added,
    updated: diff.updated,
    unchanged: diff.unchanged,
    rejected,
    result: current,
    conflicts,
    findings,
    sources: reports,
    progress: progress
      ? { periods: progress.periods, added: progress.added, replaced: progress.replaced }
      : null,
    progressResult: progress?.table ?? null,
  };
}

/** A return's header and the rows of measures assigned to its institution; the others are rejected, not applied. */
function assignedRows(
  c: CheckedSource,
  measureByNo: Map<string, { no: string }>,
  rejected: RunReport["rejected"]
): { rows: Cell[][]; columns: number[] } {
  const rows = c.source.rows;
  const header = (rows[0] ?? []).map((h) => headerKey(cellText(h)));
  const noCol = header.indexOf(headerKey("No."));
  const mine = new Set((c.institution?.measures ?? []).map((n) => n.toLowerCase()));
  // The locked columns are the workbook's own: only No., Measure, the filled columns and any column of the ministry's own come back.
  const contract = new Set(TABLE_HEADERS.Measures.map(headerKey));
  const comesBack = new Set(["No.", "Measure", ...RETURN_FILLED_COLUMNS].map(headerKey));
  const keep = header.flatMap((h, i) => (!contract.has(h) || comesBack.has(h) ? [i] : []));
  const project = (row: Cell[]) => keep.map((i) => row[i] ?? null);
  const out: Cell[][] = [project(rows[0] ?? [])];
  for (let r = 1; r < rows.length; r++) {
    const no = cellText((rows[r] ?? [])[noCol]);
    if (no !== "" && measureByNo.has(no.toLowerCase()) && !mine.has(no.toLowerCase())) {
      rejected.push({
        source: c.source.name,
        sourceRow: r + 1,
        reason: `Row ${r + 1}: No. ${no} is not assigned to ${c.institution?.name}; its values are not applied.`,
      });
      continue;
    }
    out.push(project(rows[r] ?? []));
  }
  return { rows: out, columns: keep };
}

/** No. → the non-blank values a planned table holds, by header. */
function valuesOf(table: TableData): Map<string, { no: string; values: Map<string, Cell> }> {
  const noCol = columnIndex(table, "No.");
  const out = new Map<string, { no: string; values: Map<string, Cell> }>();
  for (const row of table.rows) {
    const no = cellText(row[noCol]);
    if (no === "") continue;
    const values = new Map<string, Cell>();
    table.headers.forEach((h, i) => {
      if (i !== noCol && !isBlank(row[i] ?? null)) values.set(h, row[i] ?? null);
    });
    const key = measureNoKey(no);
    if (!out.has(key)) out.set(key, { no, values });
  }
  return out;
}

/** A row reports progress when it sends a Status, a Progress % or Notes. */
function reported(values: Map<string, Cell>): boolean {
  return [...values.keys()].some((h) => ["status", "progress%", "notes"].includes(headerKey(h)));
}

function resolveConflicts(
  sent: ReadonlyArray<{
    checked: CheckedSource;
    rows: Map<string, { no: string; values: Map<string, Cell> }>;
  }>,
  result: TableData,
  measureByNo: Map<string, Parameters<typeof leadInstitutionKey>[0]>
): Conflict[] {
  if (sent.length < 2) return [];
  const conflicts: Conflict[] = [];
  const noCol = columnIndex(result, "No.");
  const rowByNo = new Map<string, Cell[]>();
  for (const row of result.rows) {
    const k = measureNoKey(row[noCol]);
    if (k && !rowByNo.has(k)) rowByNo.set(k, row);
  }
  const nos = new Set(sent.flatMap((s) => [...s.rows.keys()]));
  for (const key of nos) {
    const senders = sent.flatMap((s) => {
      const r = s.rows.get(key);
      return r ? [{ s, r }] : [];
    });
    if (senders.length < 2) continue;
    const columns = new Set(senders.flatMap(({ r }) => [...r.values.keys()]));
    for (const column of columns) {
      const values = senders.flatMap(({ s, r }) =>
        r.values.has(column) ? [{ s, value: r.values.get(column) ?? null }] : []
      );
      if (new Set(values.map((v) => displayText(v.value))).size < 2) continue;
      const measure = measureByNo.get(key);
      const lead = measure ? leadInstitutionKey(measure) : null;
      const fromLead =
        lead === null ? undefined : values.find((v) => v.s.checked.institution?.key === lead);
      const winner = fromLead ?? values[0];
      const row = rowByNo.get(key);
      const col = columnIndex(result, column);
      if (row && col >= 0) row[col] = winner.value;
      conflicts.push({
        no: senders[0].r.no,
        column,
        values: values.map((v) => ({ source: v.s.checked.source.name, value: v.value })),
        kept: winner.value,
        rule: fromLead ? "lead-institution" : "first-source",
      });
    }
  }
  return conflicts;
}

/** added / updated / unchanged of the whole run: the workbook before against the result. */
function diffTables(
  before: TableData,
  after: TableData,
  sent: ReadonlyArray<{ rows: Map<string, { no: string }> }>
): Pick<ImportReport, "added" | "updated" | "unchanged"> {
  const beforeNo = columnIndex(before, "No.");
  const afterNo = columnIndex(after, "No.");
  // Every row of each No. (the canonical key), so a No. the source repeats is told as the row it added.
  const old = new Map<string, Cell[][]>();
  for (const row of before.rows) {
    const k = measureNoKey(row[beforeNo]);
    if (k) old.set(k, [...(old.get(k) ?? []), row]);
  }
  const touched = new Set(sent.flatMap((s) => [...s.rows.keys()]));
  const beforeColumn = after.headers.map((h) => columnIndex(before, h));
  const added: string[] = [];
  const updated: ImportReport["updated"] = [];
  let unchanged = 0;
  const seen = new Map<string, number>();
  for (const row of after.rows) {
    const no = cellText(row[afterNo]);
    const k = measureNoKey(no);
    if (!k || !touched.has(k)) continue;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    const was = old.get(k)?.[n];
    if (!was) {
      added.push(no);
      continue;
    }
    const changes: ImportReport["updated"][number]["changes"] = [];
    after.headers.forEach((h, i) => {
      if (i === afterNo) return;
      const j = beforeColumn[i];
      const b = displayText(j >= 0 ? (was[j] ?? null) : null);
      const a = displayText(row[i] ?? null);
      if (a !== b) changes.push({ column: h, before: b, after: a });
    });
    if (changes.length) updated.push({ no, changes });
    else unchanged++;
  }
  return { added, updated, unchanged };
}

/** The findings of `after` that `before` does not have (compared without their row number). */
function newFindings(before: readonly Finding[], after: readonly Finding[]): Finding[] {
  const key = (f: Finding) =>
    [f.rule, f.table, f.column ?? "", f.key ?? "", f.message].join("\u0000");
  const counts = new Map<string, number>();
  for (const f of before) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  return after.filter((f) => {
    const n = counts.get(key(f)) ?? 0;
    if (n > 0) {
      counts.set(key(f), n - 1);
      return false;
    }
    return true;
  });
}
