/**
 * Incremental validation: the findings of `validate` kept up to date as Measures rows are
 * edited, inserted and deleted, at a cost in proportion to the rows changed.
 *
 *  - Row rules (everything but key-duplicate) run on the changed rows only; each row keeps
 *    its findings, told once, and re-numbered when rows above it come or go.
 *  - Table-wide rules come from counts kept up to date: key-duplicate from the rows of each
 *    No. (the first by position is the original), committee-count from the measures each
 *    committee leads or co-leads, measure-count from the number of non-blank rows,
 *    reference-missing from the number of rows pointing into each reference table.
 *  - The reference tables (Framework, Goals, …) are kept as they were given; replacing one
 *    rebuilds the context and re-checks every row, as a full validate would.
 *
 * `findings()` equals `validate(tables())` for the same options (tests/rules/incremental.test.ts).
 * Pure: no Office, DOM or files.
 */
import {
  ALL_TABLE_NAMES,
  findTable,
  headerKey,
  type PlannerTables,
  type TableData,
  type TableName,
} from "../model/schema";
import type { Cell } from "../model/types";
import { checkHistory } from "./history";
import { committeeChecker, committeeCounts, countCommittees } from "./committees";
import {
  measureReader,
  readContext,
  Sink,
  type Draft,
  type MeasureChecker,
  type MeasureRow,
  type RuleContext,
} from "./read-tables";
import type { Finding, Language } from "./finding";
import {
  absentColumns,
  checkReferences,
  columnMissingFinding,
  countReferring,
  duplicateKey,
  integrityChecker,
  measureCountFinding,
  noReferringCounts,
  referenceMissingFindings,
  type ReferringCounts,
} from "./integrity";
import { progressChecker } from "./progress";
import { timelineChecker } from "./timelines";
import { compareFindings, placed, toFinding, type ValidateOptions } from "./validate";

/** A change to the Measures data rows, by 0-based position in the table's body. */
export type RowChange =
  | { kind: "edit"; start: number; rows: Cell[][] }
  | { kind: "insert"; start: number; rows: Cell[][] }
  | { kind: "delete"; start: number; count: number };

interface Entry {
  /** 0-based position in the body (kept current after inserts and deletes). */
  index: number;
  cells: Cell[];
  /** The row as read, or null when every cell is blank. */
  m: MeasureRow | null;
  /** The key-duplicate key, or null (No. blank, or a blank row). */
  dupKey: string | null;
  /** Row findings (not key-duplicate), in finding order, told for row `told + 1`. */
  findings: Finding[];
  told: number;
}

/** Every table but Measures: the reference tables, and Progress (its findings are told after the rows). */
const REFERENCE_TABLES = ALL_TABLE_NAMES.filter((n) => n !== "Measures");

export class IncrementalValidator {
  private readonly language: Language;
  private reference: PlannerTables = {};
  private measures: Omit<TableData, "rows"> | null = null;
  private shape: TableData | undefined;
  private entries: Entry[] = [];
  private ctx!: RuleContext;
  private read!: (row: unknown, rowNumber: number) => MeasureRow | null;
  private checkers: MeasureChecker[] = [];
  private readonly sink = new Sink();
  private referenceFindings: Finding[] = [];
  private counts = new Map<string, number>();
  private measureCount = 0;
  private referring: ReferringCounts = noReferringCounts();
  /** The essential Measures columns the headers lack (column-missing). */
  private absent: string[] = [];
  /** Rows by key-duplicate key; a group of two or more is a duplicate. */
  private groups = new Map<string, Set<Entry>>();
  private duplicated = new Set<string>();
  /** The rows that have row findings, in position order (positions shift together, so it stays sorted). */
  private listed: Entry[] = [];

  constructor(
    tables: PlannerTables,
    private readonly options: ValidateOptions = {}
  ) {
    this.language = options.language === "km" ? "km" : "en";
    const safe: Record<string, TableData | undefined> =
      tables && typeof tables === "object" ? (tables as Record<string, TableData | undefined>) : {};
    for (const name of REFERENCE_TABLES) {
      const t = findTable(safe, name);
      if (t) this.reference[name] = t;
    }
    this.rebuild(findTable(safe, "Measures"));
  }

  /** The tables as they are now: the reference tables as given, Measures with every change applied. */
  tables(): PlannerTables {
    const out: PlannerTables = { ...this.reference };
    if (this.measures) out.Measures = { ...this.measures, rows: this.entries.map((e) => e.cells) };
    return out;
  }

  /** The As of year the findings are judged at (given, else the Framework's, else this year). */
  get asOfYear(): number {
    return this.ctx.asOfYear;
  }

  /** Number of Measures body rows (blank ones included). */
  get rowCount(): number {
    return this.entries.length;
  }

  /** Applies one change to the Measures rows; throws RangeError for a position outside the body. */
  apply(change: RowChange): void {
    if (!this.measures) return;
    const n = this.entries.length;
    if (change.kind === "edit") {
      if (change.start < 0 || change.start + change.rows.length > n)
        throw new RangeError(
          `rows ${change.start}…${change.start + change.rows.length - 1} are outside the ${n} rows of Measures`
        );
      change.rows.forEach((cells, i) => this.update(this.entries[change.start + i], cells));
      return;
    }
    if (change.kind === "insert") {
      if (change.start < 0 || change.start > n)
        throw new RangeError(`cannot insert at row ${change.start} of ${n}`);
      const added = change.rows.map((cells, i): Entry => ({
        index: change.start + i,
        cells: [],
        m: null,
        dupKey: null,
        findings: [],
        told: -1,
      }));
      this.entries.splice(change.start, 0, ...added);
      this.renumber(change.start + added.length);
      added.forEach((e, i) => this.update(e, change.rows[i]));
      return;
    }
    if (change.start < 0 || change.count < 0 || change.start + change.count > n)
      throw new RangeError(
        `rows ${change.start}…${change.start + change.count - 1} are outside the ${n} rows of Measures`
      );
    const gone = this.entries.splice(change.start, change.count);
    for (const e of gone) this.forget(e);
    this.renumber(change.start);
  }

  /** Replaces a whole table: a reference table (every row is checked again) or Measures (read again). */
  replaceTable(name: TableName, table: TableData | undefined): void {
    if (name === "Measures") {
      this.rebuild(table);
      return;
    }
    if (table) this.reference[name] = table;
    else delete this.reference[name];
    this.rebuild(
      this.measures ? { ...this.measures, rows: this.entries.map((e) => e.cells) } : undefined
    );
  }

  /** Every finding, in validate's order. */
  findings(): Finding[] {
    if (!this.measures) return [];
    const head = [...this.referenceFindings];
    const sink = new Sink();
    referenceMissingFindings(this.ctx, this.referring, this.absent, sink);
    committeeCounts(this.ctx, this.counts, sink);
    measureCountFinding(this.ctx, this.measureCount, sink);
    for (const d of sink.drafts) head.push(toFinding(d, this.language, this.tableOf(d.table)));
    head.sort(compareFindings);

    // Rows with findings, merged with the duplicate rows, both in position order.
    const duplicates = this.duplicateFindings();
    const out = head;
    let d = 0;
    for (const e of this.listed) {
      while (d < duplicates.length && (duplicates[d].row ?? 0) <= e.index + 1)
        out.push(duplicates[d++]);
      if (e.told !== e.index) {
        const row = e.index + 1;
        const table = this.measuresShape();
        e.findings = e.findings.map((f) => placed({ ...f, row }, table));
        e.told = e.index;
      }
      for (const f of e.findings) out.push(f);
    }
    while (d < duplicates.length) out.push(duplicates[d++]);
    // The Progress table's findings come last (table order); they read the keys as they are now.
    const progress = findTable(this.reference as Record<string, TableData | undefined>, "Progress");
    if (progress) {
      const history = new Sink();
      checkHistory(
        progress,
        this.entries.flatMap((e) => (e.m ? [e.m] : [])),
        history
      );
      for (const dr of history.drafts.sort(compareFindings))
        out.push(toFinding(dr, this.language, progress));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------

  private rebuild(measures: TableData | undefined): void {
    this.ctx = readContext(this.reference, { asOfYear: this.options.asOfYear });
    this.referenceFindings = [];
    this.entries = [];
    this.counts = new Map();
    this.measureCount = 0;
    this.referring = noReferringCounts();
    this.absent = [];
    this.groups = new Map();
    this.duplicated = new Set();
    this.listed = [];
    this.shape = undefined;
    if (!measures) {
      this.measures = null;
      return;
    }
    const headers = Array.isArray(measures.headers) ? measures.headers : [];
    this.measures = { name: measures.name, headers, location: measures.location };
    this.read = measureReader({ headers }, this.ctx);
    const absent = absentColumns(headers);
    this.absent = absent;
    this.checkers = [
      integrityChecker(this.ctx, this.sink, absent),
      committeeChecker(this.ctx, this.sink),
      timelineChecker(this.ctx, this.sink),
      progressChecker(this.sink),
    ];
    const refs = new Sink();
    checkReferences(this.ctx, refs);
    columnMissingFinding(absent, refs);
    this.referenceFindings = refs.drafts.map((d) =>
      toFinding(d, this.language, this.tableOf(d.table))
    );
    const rows: unknown[] = Array.isArray(measures.rows) ? measures.rows : [];
    this.entries = rows.map((_, index): Entry => ({
      index,
      cells: [],
      m: null,
      dupKey: null,
      findings: [],
      told: -1,
    }));
    rows.forEach((cells, i) =>
      this.update(this.entries[i], Array.isArray(cells) ? (cells as Cell[]) : [])
    );
  }

  /** Takes the row's old reading out of the counts, reads and checks its new cells, counts them. */
  private update(e: Entry, cells: Cell[]): void {
    this.forget(e);
    e.cells = cells;
    const m = this.read(cells, e.index + 1);
    e.m = m;
    e.told = e.index;
    if (!m) return;
    this.sink.drafts.length = 0;
    for (const c of this.checkers) c.measure(m);
    const drafts: Draft[] = this.sink.drafts.filter((d) => d.rule !== "key-duplicate");
    this.sink.drafts.length = 0;
    drafts.sort(compareFindings);
    const table = this.measuresShape();
    e.findings = drafts.map((d) => toFinding(d, this.language, table));
    if (e.findings.length > 0) this.listed.splice(this.listedAt(e), 0, e);
    this.measureCount++;
    countCommittees(m, this.counts, 1);
    countReferring(m, this.referring, 1);
    if (m.no !== "") {
      const key = duplicateKey(m.no);
      e.dupKey = key;
      let group = this.groups.get(key);
      if (!group) {
        group = new Set();
        this.groups.set(key, group);
      }
      group.add(e);
      if (group.size > 1) this.duplicated.add(key);
    }
  }

  /** Takes a row out of the counts and groups (before a change or a delete). */
  private forget(e: Entry): void {
    if (e.m) {
      this.measureCount--;
      countCommittees(e.m, this.counts, -1);
      countReferring(e.m, this.referring, -1);
    }
    if (e.dupKey !== null) {
      const group = this.groups.get(e.dupKey);
      group?.delete(e);
      if (!group || group.size === 0) this.groups.delete(e.dupKey);
      if (!group || group.size < 2) this.duplicated.delete(e.dupKey);
    }
    if (e.findings.length > 0) {
      const at = this.listedAt(e);
      if (this.listed[at] === e) this.listed.splice(at, 1);
    }
    e.m = null;
    e.dupKey = null;
    e.findings = [];
  }

  /** Where the row is, or would go, in `listed`: the first listed row at or after its position. */
  private listedAt(e: Entry): number {
    let lo = 0;
    let hi = this.listed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.listed[mid].index < e.index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A table as findings are placed on it: Measures by its shape, the others as given. */
  private tableOf(name: TableName): TableData | undefined {
    return name === "Measures"
      ? this.measuresShape()
      : findTable(this.reference as Record<string, TableData | undefined>, name);
  }

  /** Measures' name, headers and location: what placing a finding needs (not its rows). */
  private measuresShape(): TableData | undefined {
    return this.measures ? (this.shape ??= { ...this.measures, rows: [] }) : undefined;
  }

  private renumber(from: number): void {
    for (let i = from; i < this.entries.length; i++) this.entries[i].index = i;
  }

  /** key-duplicate: every row of a repeated No. after the first by position, in position order. */
  private duplicateFindings(): Finding[] {
    const out: Finding[] = [];
    for (const key of this.duplicated) {
      const group = this.groups.get(key);
      if (!group || group.size < 2) continue;
      let first: Entry | null = null;
      for (const e of group) if (!first || e.index < first.index) first = e;
      if (!first) continue;
      for (const e of group) {
        if (e === first || !e.m) continue;
        const draft: Draft = {
          rule: "key-duplicate",
          table: "Measures",
          row: e.index + 1,
          column: "No.",
          key: e.m.no,
          params: { no: e.m.no, firstRow: first.index + 1 },
        };
        out.push(toFinding(draft, this.language, this.measuresShape()));
      }
    }
    return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  }
}

/** Whether two header rows name the same columns in the same places (headers match ignoring case and spaces). */
export function sameHeaders(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((h, i) => headerKey(h) === headerKey(b[i]));
}
