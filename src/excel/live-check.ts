/**
 * Check as you type, in Excel: after the pane has checked a workbook, Table.onChanged
 * (ExcelApi 1.7, under the manifest's 1.8 floor) on every planner table feeds a ChangeQueue;
 * half a second after the last change one re-check runs:
 *
 *  1. one read sync: the shape (name, place, size, header row) of every planner table by its
 *     id, the changed Measures rows (and the whole of any changed reference table), and the
 *     Validation sheet's digest (K1);
 *  2. the incremental engine (src/rules/incremental.ts) replays the inserts/deletes and reads
 *     the changed rows; the findings go to the pane;
 *  3. one write sync: only the rows of the Validation sheet that differ (and its counts and
 *     digest), after look-ups by id that fail first when a co-author deleted or replaced the
 *     sheet or a table; marks are re-added only when a table's extent changed (they are
 *     formulas over the Validation sheet, so they follow it by themselves).
 *
 * A planner cell is never written. Anything unexpected — a table renamed, moved, resized
 * without an event, a column moved or renamed, the Validation sheet not the one we wrote, a
 * write refused — gives one re-read of everything and one retry through the OfficeHost
 * (which rebuilds Validation whole), or a clear message.
 *
 * Co-authors: every copy of the add-in hears every change (`source` "Local" or "Remote").
 * Only the copy whose planner made the change writes the Validation sheet at once; a remote
 * change is re-checked in memory (the pane's list follows it) and written only if, after
 * REMOTE_GRACE_MS, the sheet's digest is still the old one (the co-author has no add-in or
 * no live check). A sheet that holds what neither copy expects (another language, another As
 * of year) is left alone until this planner's next own change, which rewrites it whole.
 */
import { TABLE_NAMES, type PlannerTables, type TableData, type TableName } from "../model/schema";
import type { Cell } from "../model/types";
import { isMarkFormula, markFormula, markRules } from "../plan/marks";
import type { PlanCell, PlanSheet } from "../plan/types";
import { VALIDATION_HEADER_ROW, VALIDATION_SHEET, validationSheet } from "../plan/validation-sheet";
import { DIGEST_CELL, sheetDigest, sheetPatch } from "../plan/validation-update";
import type { Finding, Language } from "../rules/finding";
import { IncrementalValidator, sameHeaders } from "../rules/incremental";
import { fromOfficeValue } from "./office-values";
import { ChangeQueue, runs, type TableChanges } from "./change-queue";
import { PlannerError, explainOfficeError } from "./errors";
import { OfficeHost } from "./office-host";
import { PAYLOAD_BUDGET, WINDOW_ROWS } from "./payload";
import { CAPABILITY_SETS, supports } from "./requirements";
import type { Snapshot } from "./snapshot";
import { Writer } from "./writer";
import { isBlankRow } from "../model/cells";

/** Quiet time after the last change before the re-check. */
export const DEBOUNCE_MS = 500;
/** How long a copy waits for the co-author's own add-in to write a remote change. */
export const REMOTE_GRACE_MS = 5000;

export interface LiveUpdate {
  /** The year the findings were judged at. */
  asOfYear: number;
  findings: Finding[];
  tables: PlannerTables;
  /** The Validation sheet was written by this re-check. */
  wrote: boolean;
  /** Every change re-checked came from co-authors. */
  remote: boolean;
}

export interface Scheduler {
  /** Runs fn after ms; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export interface LiveCheckOptions {
  /** An explicit As of year; without it the Framework table's (followed as it changes), else this year. */
  asOfYear?: number;
  language: Language;
  onUpdate(update: LiveUpdate): void;
  onError(message: string): void;
  debounceMs?: number;
  remoteGraceMs?: number;
  payloadBudget?: number;
  scheduler?: Scheduler;
}

/** A planner table as the last read saw it. */
interface Tracked {
  contract: TableName;
  id: string;
  name: string;
  sheet: string;
  top: number;
  left: number;
  width: number;
  bodyRows: number;
  headers: string[];
}

interface ShapeRead {
  table: Excel.Table;
  sheet: Excel.Worksheet;
  range: Excel.Range;
  header: Excel.Range;
}

/** Who may write: this planner's change (local), a co-author's (remote: wait), or a later look (grace: patch our own sheet only). */
type Mode = "local" | "remote" | "grace";

/** The workbook changed under the re-check: re-read everything. */
class Stale extends Error {
  override readonly name = "Stale";
}

const realScheduler: Scheduler = {
  after(ms, fn) {
    const h = setTimeout(fn, ms);
    return () => clearTimeout(h);
  },
};

function queueShape(ctx: Excel.RequestContext, id: string): ShapeRead {
  const table = ctx.workbook.tables.getItem(id);
  table.load("id,name,showTotals");
  return {
    table,
    sheet: table.worksheet.load("name"),
    range: table.getRange().load("rowIndex,columnIndex,rowCount,columnCount"),
    header: table.getHeaderRowRange().load("values"),
  };
}

function shapeOf(contract: TableName, r: ShapeRead): Tracked {
  return {
    contract,
    id: r.table.id,
    name: r.table.name,
    sheet: r.sheet.name,
    top: r.range.rowIndex,
    left: r.range.columnIndex,
    width: r.range.columnCount,
    bodyRows: Math.max(0, r.range.rowCount - 1 - (r.table.showTotals ? 1 : 0)),
    headers: (r.header.values[0] ?? []).map((h) => String(h ?? "")),
  };
}

/** Same place, name and columns (the body may have grown or shrunk). */
function samePlace(a: Tracked, b: Tracked): boolean {
  return (
    a.name.toLowerCase() === b.name.toLowerCase() &&
    a.sheet === b.sheet &&
    a.top === b.top &&
    a.left === b.left &&
    a.width === b.width &&
    sameHeaders(a.headers, b.headers)
  );
}

function isDigest(c: PlanCell): boolean {
  return c.row === DIGEST_CELL.row && c.col === DIGEST_CELL.col;
}

function cellsOf(values: unknown[][]): Cell[][] {
  return values.map((r) => r.map(fromOfficeValue));
}

function location(t: Tracked): TableData["location"] {
  return { sheet: t.sheet, row: t.top, col: t.left };
}

export class LiveCheck {
  private readonly queue = new ChangeQueue();
  private readonly scheduler: Scheduler;
  private readonly host: OfficeHost;
  private engine: IncrementalValidator;
  private tracked = new Map<TableName, Tracked>();
  private handlers: Array<OfficeExtension.EventHandlerResult<Excel.TableChangedEventArgs>> = [];
  /** The Validation sheet as we last wrote or saw it; null when unknown (rewrite it whole). */
  private believed: PlanSheet | null;
  private cancelTimer: (() => void) | null = null;
  private cancelGrace: (() => void) | null = null;
  private running: Promise<void> | null = null;
  /** A round is wanted without a change: "verify" (the pane gained focus) or "grace" (after a co-author's change). */
  private nextMode: "verify" | "grace" | null = null;
  private stopped = false;

  private constructor(
    seed: PlannerTables,
    private readonly options: LiveCheckOptions
  ) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.host = new OfficeHost({ payloadBudget: options.payloadBudget });
    this.engine = new IncrementalValidator(seed, {
      asOfYear: options.asOfYear,
      language: options.language,
    });
    // What the check that seeded us wrote (the pane's checkWorkbook with the same year and language).
    this.believed = validationSheet(this.engine.findings(), this.engine.tables(), options.language);
  }

  /**
   * Starts listening to the planner tables of `seed` (the tables the pane's check read, with
   * their locations). One sync: registers the handlers and reads each table's shape and id.
   */
  static async start(seed: PlannerTables, options: LiveCheckOptions): Promise<LiveCheck> {
    const live = new LiveCheck(seed, options);
    await live.listen(seed);
    return live;
  }

  /** Removes the handlers (Settings switch off, pane closing). Waits for a running re-check. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelGrace?.();
    await this.running?.catch(() => undefined);
    await this.unlisten();
  }

  /** The pane gained focus: changes Excel did not report (see docs/EXCEL-CHECKLIST.md) are looked for. */
  paneFocused(): void {
    this.kick("verify", 0);
  }

  /** Runs whatever is waiting now, and resolves when no re-check is left (tests, and Check pressed while live). */
  async flush(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      this.cancelTimer?.();
      this.cancelTimer = null;
      if (this.running) await this.running;
      else if (this.nextMode || !this.queue.empty) await this.startRound();
      else return;
    }
  }

  /** The handler of every planner table's onChanged. */
  private heard(args: Excel.TableChangedEventArgs): void {
    if (this.stopped) return;
    const t = [...this.tracked.values()].find((x) => x.id === args.tableId);
    if (!t) return;
    const remote = args.source === "Remote";
    const box = parseRows(args.address);
    const kind =
      args.changeType === "RangeEdited"
        ? "edit"
        : args.changeType === "RowInserted"
          ? "insert"
          : args.changeType === "RowDeleted"
            ? "delete"
            : "other";
    if (!box) this.queue.note(t.contract, "other", 0, 0, remote);
    else
      this.queue.note(t.contract, kind, box.first - (t.top + 1), box.last - box.first + 1, remote);
    this.kick(null, this.options.debounceMs ?? DEBOUNCE_MS);
  }

  private kick(mode: "verify" | "grace" | null, ms: number): void {
    if (this.stopped) return;
    if (mode && (this.nextMode === null || mode === "verify")) this.nextMode = mode;
    this.cancelTimer?.();
    this.cancelTimer = this.scheduler.after(ms, () => {
      this.cancelTimer = null;
      if (!this.running) void this.startRound();
    });
  }

  private startRound(): Promise<void> {
    const p = this.round()
      .catch((e: unknown) =>
        this.options.onError(explainOfficeError(e, { action: "check the changes" }))
      )
      .finally(() => {
        this.running = null;
        if (!this.stopped && (!this.queue.empty || this.nextMode))
          this.kick(null, this.options.debounceMs ?? DEBOUNCE_MS);
      });
    this.running = p;
    return p;
  }

  private async round(): Promise<void> {
    const taken = this.queue.take();
    const asked = this.nextMode;
    this.nextMode = null;
    if (taken.tables.size === 0 && !asked) return;
    const mode: Mode = taken.tables.size > 0 ? (taken.remoteOnly ? "remote" : "local") : "grace";
    let update: LiveUpdate;
    try {
      update = await this.incremental(taken.tables, mode, asked === "verify");
    } catch (e) {
      if (e instanceof PlannerError) throw e;
      // The workbook changed between our read and our write, or not as the events said: read it all again, once.
      update = await this.reread(mode);
    }
    this.options.onUpdate(update);
  }

  // ------------------------------------------------------------------------ the usual path

  private async incremental(
    changes: Map<string, TableChanges>,
    mode: Mode,
    verify: boolean
  ): Promise<LiveUpdate> {
    return Excel.run(async (ctx) => {
      // Read: shapes by id, changed rows, changed reference tables, the Validation digest.
      const shapes = new Map<TableName, ShapeRead>();
      for (const t of this.tracked.values()) shapes.set(t.contract, queueShape(ctx, t.id));
      const measures = this.tracked.get("Measures");
      const mc = changes.get("Measures");
      const rowReads: Array<{ start: number; range: Excel.Range }> = [];
      let whole: Excel.Range | null = null;
      if (measures && mc && !mc.whole) {
        const body = shapes.get("Measures")?.table.getDataBodyRange();
        for (const [start, count] of runs(mc.dirty)) {
          if (body)
            rowReads.push({
              start,
              range: body
                .getRow(start)
                .getResizedRange(count - 1, 0)
                .load("values"),
            });
        }
      }
      const verifySmall = verify && measures !== undefined && this.engine.rowCount <= WINDOW_ROWS;
      if (measures && (mc?.whole || verifySmall))
        whole = shapes.get("Measures")?.table.getDataBodyRange().load("values") ?? null;
      const refReads = new Map<TableName, Excel.Range>();
      for (const t of this.tracked.values()) {
        if (t.contract === "Measures") continue;
        if (changes.has(t.contract) || verify)
          refReads.set(t.contract, shapes.get(t.contract)!.table.getDataBodyRange().load("values"));
      }
      // A missing sheet fails this read (nothing changed): the re-read path rebuilds it.
      const vsheet = ctx.workbook.worksheets.getItem(VALIDATION_SHEET).load("id,name");
      const vprot = vsheet.protection.load("protected");
      const digestRange = vsheet.getRange("K1").load("values");
      const structural = (mc?.structure.length ?? 0) > 0 || mc?.whole === true;
      const formats =
        measures && structural
          ? shapes
              .get("Measures")!
              .table.worksheet.getRange()
              .conditionalFormats.load("items/id,items/type,items/customOrNullObject/rule/formula")
          : null;
      await ctx.sync();

      // Shapes: as we knew them, the body grown or shrunk by what the events said.
      const now = new Map<TableName, Tracked>();
      for (const [contract, r] of shapes) now.set(contract, shapeOf(contract, r));
      for (const [contract, t] of now) {
        const before = this.tracked.get(contract);
        if (!before || !samePlace(before, t))
          throw new Stale(`${contract} moved or changed its columns`);
      }
      if (measures) {
        const m = now.get("Measures")!;
        const expected = this.engine.rowCount + (mc?.delta ?? 0);
        if (!mc?.whole && !verifySmall && m.bodyRows !== expected)
          throw new Stale("Measures has a row count the events do not explain");
        if (mc?.whole || verifySmall) {
          this.syncWhole(cellsOf(whole?.values ?? []), m);
        } else if (mc) {
          for (const s of mc.structure) {
            if (s.kind === "insert")
              this.engine.apply({
                kind: "insert",
                start: s.start,
                rows: Array.from({ length: s.count }, () => []),
              });
            else this.engine.apply({ kind: "delete", start: s.start, count: s.count });
          }
          for (const r of rowReads)
            this.engine.apply({ kind: "edit", start: r.start, rows: cellsOf(r.range.values) });
        }
      }
      for (const [contract, range] of refReads) {
        const t = now.get(contract)!;
        const rows = blankOne(cellsOf(range.values));
        const old = this.engine.tables()[contract];
        if (old && sameRows(old.rows, rows)) continue;
        this.engine.replaceTable(contract, {
          name: t.name,
          headers: t.headers,
          rows,
          location: location(t),
        });
      }
      const remark =
        measures !== undefined &&
        now.get("Measures")!.bodyRows !== this.tracked.get("Measures")!.bodyRows;
      this.tracked = now;

      const findings = this.engine.findings();
      const tables = this.engine.tables();
      const next = validationSheet(findings, tables, this.options.language);
      const wrote = await this.write(
        ctx,
        mode,
        next,
        vsheet,
        vprot.protected,
        digestRange,
        remark ? formats : null
      );
      return { asOfYear: this.engine.asOfYear, findings, tables, wrote, remote: mode === "remote" };
    });
  }

  /** The whole Measures body was read (a change the events could not say, or a verify): the changed rows go to the engine. */
  private syncWhole(rows: Cell[][], shape: Tracked): void {
    const current = this.engine.tables().Measures;
    if (!current || current.rows.length !== rows.length) {
      this.engine.replaceTable("Measures", {
        name: shape.name,
        headers: shape.headers,
        rows,
        location: location(shape),
      });
      return;
    }
    for (let i = 0; i < rows.length; i++) {
      if (!sameRow(current.rows[i], rows[i]))
        this.engine.apply({ kind: "edit", start: i, rows: [rows[i]] });
    }
  }

  /**
   * Writes what changed in the Validation sheet, when this copy should (see the header). The
   * first commands of the batch look the sheet (and the tables re-marked) up by id: a co-author
   * who deleted or replaced them since the read makes the batch fail before any write.
   */
  private async write(
    ctx: Excel.RequestContext,
    mode: Mode,
    next: PlanSheet,
    vsheet: Excel.Worksheet,
    isProtected: boolean,
    digestRange: Excel.Range,
    formats: Excel.ConditionalFormatCollection | null
  ): Promise<boolean> {
    const onSheet = String(digestRange.values[0]?.[0] ?? "");
    const nextDigest = sheetDigest(next);
    // Already what it should be (a co-author's copy of the add-in wrote the same): ours now.
    if (onSheet === nextDigest) {
      this.believed = next;
    }
    if (onSheet === nextDigest && !formats) return false;
    if (mode === "remote") return this.graceLater();
    if (onSheet !== nextDigest && (!this.believed || onSheet !== sheetDigest(this.believed))) {
      // Not the sheet we wrote: after a co-author's change it is theirs until our planner changes something.
      if (mode === "grace") {
        this.believed = null;
        return false;
      }
      throw new Stale("the Validation sheet is not the one we wrote");
    }
    const believed = this.believed ?? next;
    if (isProtected)
      throw new PlannerError(
        `A sheet is protected: unprotect ${vsheet.name} (Review ▸ Unprotect Sheet) so the planner can keep the findings up to date.`
      );
    const patch = sheetPatch(believed, next, VALIDATION_HEADER_ROW);
    const id = vsheet.id;
    // Look-ups first: they fail, before anything is written, if the sheet or a table went.
    ctx.workbook.worksheets.getItem(id).load("name");
    const marked = formats
      ? [...this.tracked.values()].filter((t) => t.sheet === this.tracked.get("Measures")?.sheet)
      : [];
    for (const t of marked) ctx.workbook.tables.getItem(t.id).load("name");
    const snap: Snapshot = {
      tables: new Map(),
      tableNames: new Set(),
      sheets: new Map(),
      workbookProtected: false,
      formats: new Map(),
      existing: [],
      syncs: 0,
    };
    const caps = {
      api19: supports(CAPABILITY_SETS.api19),
      api113: supports(CAPABILITY_SETS.api113),
    };
    const w = new Writer(ctx, snap, caps, this.options.payloadBudget ?? PAYLOAD_BUDGET);
    try {
      const ws = w.sheet(id);
      if (patch) await this.queuePatch(w, ws, next, patch);
      else if (onSheet !== nextDigest)
        await w.writeCells(ws, { cells: next.cells.filter(isDigest) });
      if (formats) await this.queueMarks(w, formats, marked);
      await w.finish();
    } catch (e) {
      await w.recover();
      throw e;
    }
    this.believed = next;
    return true;
  }

  private graceLater(): false {
    this.cancelGrace?.();
    this.cancelGrace = this.scheduler.after(this.options.remoteGraceMs ?? REMOTE_GRACE_MS, () => {
      this.cancelGrace = null;
      this.kick("grace", 0);
    });
    return false;
  }

  private async queuePatch(
    w: Writer,
    ws: Excel.Worksheet,
    next: PlanSheet,
    patch: NonNullable<ReturnType<typeof sheetPatch>>
  ): Promise<void> {
    const width = next.cells.filter((c) => c.row === VALIDATION_HEADER_ROW).length;
    const { row, removed, added } = patch;
    if (added > removed)
      await w.op(64, () =>
        ws.getRangeByIndexes(row + removed, 0, added - removed, width).insert("Down")
      );
    if (removed > added)
      await w.op(64, () =>
        ws.getRangeByIndexes(row + added, 0, removed - added, width).delete("Up")
      );
    if (added > 0) {
      await w.op(64, () => ws.getRangeByIndexes(row, 0, added, width).clear("Formats"));
      await w.writeCells(ws, { cells: patch.cells });
    }
    // Each changed head row on its own (writeCells writes the cells' whole bounding box), then the digest.
    for (const r of patch.headRows)
      await w.writeCells(ws, { cells: patch.head.filter((c) => c.row === r && !isDigest(c)) });
    await w.writeCells(ws, { cells: next.cells.filter(isDigest) });
    const p = next.print;
    if (p && added !== removed && supports(CAPABILITY_SETS.api19)) {
      const area = `A${p.area.from.row + 1}:${String.fromCharCode(65 + p.area.to.col)}${p.area.to.row + 1}`;
      await w.op(64, () => ws.pageLayout.setPrintArea(area));
    }
  }

  /** Our marks on the Measures sheet again, over the tables as they are now (their body grew or shrank). */
  private async queueMarks(
    w: Writer,
    formats: Excel.ConditionalFormatCollection,
    tables: Tracked[]
  ): Promise<void> {
    const ours: Excel.ConditionalFormat[] = formats.items.filter(
      (cf) =>
        !cf.customOrNullObject.isNullObject && isMarkFormula(cf.customOrNullObject.rule.formula)
    );
    await w.deleteFormats(ours);
    for (const t of tables) {
      const extent = {
        sheet: t.sheet,
        row: t.top,
        col: t.left,
        width: t.width,
        height: t.bodyRows,
      };
      for (const rule of [...markRules(extent)].reverse())
        await w.addFormat(t.sheet, rule.range, markFormula(rule), `#${rule.fill.slice(-6)}`);
    }
  }

  // ------------------------------------------------------------------------ re-read and retry

  /** Everything read again (the OfficeHost's read), the engine rebuilt, handlers renewed, Validation rebuilt whole. */
  private async reread(mode: Mode): Promise<LiveUpdate> {
    const tables = await this.host.readTables();
    if (!tables.Measures) {
      throw new PlannerError(
        "The Measures table is gone — renamed or deleted, perhaps by a co-author. Checking as you type is paused: run Check once the table is back."
      );
    }
    this.engine = new IncrementalValidator(tables, {
      asOfYear: this.options.asOfYear,
      language: this.options.language,
    });
    await this.unlisten();
    await this.listen(tables);
    const findings = this.engine.findings();
    const next = validationSheet(findings, tables, this.options.language);
    if (mode === "remote") {
      this.believed = null;
      this.graceLater();
      return { asOfYear: this.engine.asOfYear, findings, tables, wrote: false, remote: true };
    }
    await this.host.applyPlan({ sheets: [next], marks: true });
    this.believed = next;
    return { asOfYear: this.engine.asOfYear, findings, tables, wrote: true, remote: false };
  }

  // ------------------------------------------------------------------------ handlers

  /** Registers Table.onChanged on every planner table of `tables` and reads their shapes (one sync). */
  private async listen(tables: PlannerTables): Promise<void> {
    await Excel.run(async (ctx) => {
      const shapes = new Map<TableName, ShapeRead>();
      const added: Array<OfficeExtension.EventHandlerResult<Excel.TableChangedEventArgs>> = [];
      for (const name of TABLE_NAMES) {
        const t = tables[name];
        if (!t) continue;
        const r = queueShape(ctx, t.name);
        shapes.set(name, r);
        added.push(r.table.onChanged.add((args) => Promise.resolve(this.heard(args))));
      }
      await ctx.sync();
      this.handlers.push(...added);
      this.tracked = new Map();
      for (const [contract, r] of shapes) this.tracked.set(contract, shapeOf(contract, r));
      // A table the check saw with other rows (or no longer where it was): read it whole at the first re-check.
      for (const [contract, t] of this.tracked) {
        const seen = tables[contract];
        const rows = seen?.rows.length ?? 0;
        const loc = seen?.location;
        const moved =
          !loc ||
          loc.row !== t.top ||
          loc.col !== t.left ||
          loc.sheet !== t.sheet ||
          !sameHeaders(seen?.headers ?? [], t.headers);
        const emptyBody = rows === 0 && t.bodyRows === 1;
        if (moved || (rows !== t.bodyRows && !emptyBody)) this.queue.whole(contract);
        else if (emptyBody && contract === "Measures")
          this.engine.apply({ kind: "insert", start: 0, rows: [[]] });
      }
    });
    if (!this.queue.empty) this.kick(null, 0);
  }

  private async unlisten(): Promise<void> {
    const handlers = this.handlers;
    this.handlers = [];
    const byContext = new Map<Excel.RequestContext, typeof handlers>();
    for (const h of handlers) {
      const list = byContext.get(h.context as Excel.RequestContext) ?? [];
      list.push(h);
      byContext.set(h.context as Excel.RequestContext, list);
    }
    for (const [context, list] of byContext) {
      try {
        await Excel.run(context, async (ctx) => {
          for (const h of list) h.remove();
          await ctx.sync();
        });
      } catch {
        // The workbook or the table is gone: nothing is left to listen to.
      }
    }
  }
}

/** "B5:D7" or "Measures!B5" → first and last 0-based sheet rows; null when unreadable. */
export function parseRows(address: string): { first: number; last: number } | null {
  const a = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  const m = /^[A-Z]*(\d+)(?::[A-Z]*(\d+))?$/i.exec(a);
  if (!m) return null;
  const first = Number(m[1]) - 1;
  const last = m[2] ? Number(m[2]) - 1 : first;
  return first <= last ? { first, last } : { first: last, last: first };
}

function sameRow(a: readonly Cell[] | undefined, b: readonly Cell[]): boolean {
  if (!a) return false;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? null) !== (b[i] ?? null)) return false;
  return true;
}

function sameRows(a: readonly Cell[][], b: readonly Cell[][]): boolean {
  return a.length === b.length && a.every((r, i) => sameRow(r, b[i]));
}

/** A table whose only body row is blank reads as no rows (as OfficeHost.readTables gives it). */
function blankOne(rows: Cell[][]): Cell[][] {
  return rows.length === 1 && isBlankRow(rows[0]) ? [] : rows;
}
