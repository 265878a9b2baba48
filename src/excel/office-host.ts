/**
 * The Host inside Excel, over Office.js. It mirrors the file host (src/io/xlsx-book.ts):
 *
 *  - applyPlan: planner tables are created when missing (on a new sheet named as in the
 *    plan, or "Name (2)" when that sheet exists: a user's sheet is never written into),
 *    missing contract columns are appended, `rows` are written only into a table with no data
 *    rows, and number formats and dropdowns are (re)applied to the table columns. Owned sheets
 *    (Summary, Briefing, Validation) are deleted and rebuilt whole in the same tab position:
 *    cells (formulas as formulas, HYPERLINK for links), tables, merges, column widths, frozen
 *    panes, print settings (ExcelApi 1.9, skipped without it) and native charts.
 *  - writeTable: first keeps a copy of the table as it was (header row and data, as values)
 *    in the hidden sheet "PlannerBackup" — overwritten by the next writeTable; `restoreTable`
 *    puts it back — then replaces the rows, resizing the table in place.
 *  - marks (`plan.marks`): conditional formats from plan/marks.ts over every planner table,
 *    tagged N("PolicyPlannerMark")=0; the previous tagged formats are deleted (their ids are
 *    read in applyPlan's first sync, the deletes are the first writes), the planner's own
 *    formats are kept, and the new ones are added after the sheets are written, in the same
 *    write sync. markFindings is `applyPlan({ sheets: [], marks: true })`.
 *
 * Round trips: every operation reads what it needs in one sync (snapshot.ts) and queues all
 * its writes, synced once — or, past the 4 MiB payload budget, in as many syncs as payload.ts's
 * rule gives. Every failure is rethrown as `new Error(explainOfficeError(e))`.
 */
import type { CellTarget, Host, Progress } from "../host/host";
import { TABLE_NAMES, headerKey, type PlannerTables, type TableData } from "../model/schema";
import { isMarkFormula, markFormula, markRules } from "../plan/marks";
import { checkOwnedSheets, isOlderOwnedSheet } from "../plan/owned-sheets";
import { tablesToReformat } from "../plan/setup";
import { VALIDATION_SHEET } from "../plan/validation-sheet";
import type { WorkbookPlan } from "../plan/types";
import { fromOfficeValue, toOfficeValue } from "./office-values";
import { PlannerError, explainOfficeError, officeErrorCode } from "./errors";
import { PAYLOAD_BUDGET } from "./payload";
import { CAPABILITY_SETS, supports, supportsSet } from "./requirements";
import { readBodies, readSnapshot, type Snapshot, type TableInfo } from "./snapshot";
import { Writer, type Capabilities, type Layout } from "./writer";
import { isBlankRow } from "../model/cells";

/**
 * Deletes sheets earlier versions owned (plan.retire): only one we made (marked, or with an
 * older version's title) and with no table on it. Tables are read only with planner tables or
 * marks: without that read nothing is deleted.
 */
async function retireSheets(w: Writer, snap: Snapshot, names: string[]): Promise<void> {
  for (const name of names) {
    const sheet = snap.sheets.get(name.toLowerCase());
    const there = snap.existing.find((s) => s.name.toLowerCase() === name.toLowerCase());
    // Only a sheet we made (marked, or an older version's title), never one holding a table.
    if (
      !sheet ||
      !there ||
      there.hasTable ||
      !(there.marked || isOlderOwnedSheet(there)) ||
      snap.tables.size === 0 ||
      [...snap.tables.values()].some((t) => t.sheet.toLowerCase() === name.toLowerCase())
    )
      continue;
    await w.deleteSheet(sheet.name);
  }
}

export { MARK_TAG } from "../plan/marks";
export const BACKUP_SHEET = "PlannerBackup";
/** A1 of the backup sheet: how the add-in knows the sheet is its own. */
const BACKUP_TAG = "Policy Planner backup";
/** Slices of getFileAsync: the largest Office allows (4 MB). */
export const SLICE_SIZE = 4_194_304;

export const NO_COMPRESSED_FILE =
  'This version of Excel cannot hand the open workbook to the add-in as a file. Use the Export tab\'s ".xlsx built from the tables" instead: it builds the file from the planner tables.';

export interface OfficeHostOptions {
  /** Estimated bytes per sync (default 4 MiB, under Excel on the web's 5 MB). */
  payloadBudget?: number;
}

export class OfficeHost implements Host {
  readonly kind = "excel" as const;
  private readonly budget: number;

  constructor(options: OfficeHostOptions = {}) {
    this.budget = options.payloadBudget ?? PAYLOAD_BUDGET;
  }

  private capabilities(): Capabilities {
    return { api19: supports(CAPABILITY_SETS.api19), api113: supports(CAPABILITY_SETS.api113) };
  }

  /** Excel.run with every failure explained. */
  private async run<T>(
    action: string,
    batch: (ctx: Excel.RequestContext) => Promise<T>
  ): Promise<T> {
    try {
      return await Excel.run(batch);
    } catch (e) {
      throw new Error(explainOfficeError(e, { action }), { cause: e });
    }
  }

  async readTables(): Promise<PlannerTables> {
    return this.run("read the planner tables", async (ctx) => {
      const snap = await readSnapshot(ctx, { tables: true, body: "window" });
      const tables = [...snap.tables.values()];
      await readBodies(ctx, tables, this.budget);
      const out: PlannerTables = {};
      for (const t of tables) out[t.contract] = toTableData(t);
      return out;
    });
  }

  async applyPlan(plan: WorkbookPlan, progress?: Progress): Promise<void> {
    const planner = plan.sheets.some((s) => !s.owned);
    const marks = plan.marks === true;
    await this.run(
      plan.sheets.length === 0 && marks ? "mark the findings" : "update the workbook",
      async (ctx) => {
        // One read: with marks, the planner tables (where to mark) and their sheets' conditional formats.
        const snap = await readSnapshot(ctx, {
          tables: planner || marks,
          body: planner ? "firstRow" : "none",
          formats: marks,
          owned: [...plan.sheets.filter((s) => s.owned).map((s) => s.name), ...(plan.retire ?? [])],
        });
        // A planner's own sheet named Summary, Briefing or Validation: refused before any write.
        checkOwnedSheets(plan, snap.existing);
        checkWritable(snap, plan);
        const total = plan.sheets.length;
        const w = new Writer(ctx, snap, this.capabilities(), this.budget);
        try {
          // The old marks go first, while the formats are as the read saw them.
          if (marks) await clearMarks(w, snap);
          await retireSheets(w, snap, plan.retire ?? []);
          for (const [i, sheet] of plan.sheets.entries()) {
            progress?.(i, total, sheet.name);
            if (sheet.owned) {
              await w.rebuildOwned(sheet);
              continue;
            }
            for (const table of sheet.tables) {
              const existing = snap.tables.get(table.name.toLowerCase());
              if (existing) await w.repairTable(existing, table);
              else await w.createTable(sheet, table);
            }
          }
          // Second pass: dropdowns point at reference tables that may only now exist.
          for (const sheet of plan.sheets) {
            if (sheet.owned) continue;
            for (const table of sheet.tables) {
              await w.formatTable(table.name, table.numberFormats, table.validations);
            }
          }
          // The rules look findings up in the Validation sheet: without it there is nothing to mark.
          const validation =
            snap.sheets.has(VALIDATION_SHEET.toLowerCase()) ||
            plan.sheets.some(
              (s) => s.owned && s.name.toLowerCase() === VALIDATION_SHEET.toLowerCase()
            );
          if (marks && validation) await addMarks(w);
          await w.finish();
          progress?.(total, total);
        } catch (e) {
          await w.recover();
          throw e;
        }
      }
    );
  }

  /**
   * Replaces a table's rows. Co-authors: the write batch starts with look-ups of what the read
   * just before saw — the table by id, its sheet, each of its columns by name, its last row —
   * which fail before anything is written when someone deleted or renamed them, or deleted rows,
   * meanwhile. Then the table is read again and the write tried once more; a second refusal is
   * a clear message.
   */
  async writeTable(table: TableData, progress?: Progress): Promise<void> {
    try {
      await this.writeTableOnce(table, progress);
    } catch (e) {
      if (!(e instanceof Error && e.cause instanceof TableChanged)) throw e;
      await this.writeTableOnce(table, progress);
    }
  }

  private async writeTableOnce(table: TableData, progress?: Progress): Promise<void> {
    await this.run(`write the ${table.name} table`, async (ctx) => {
      const snap = await readSnapshot(ctx, {
        tables: true,
        body: "none",
        owned: [BACKUP_SHEET],
      });
      const info = snap.tables.get(table.name.toLowerCase());
      if (!info)
        throw new PlannerError(
          `The workbook has no ${table.name} table: run "Set up workbook" first.`
        );
      const theirs = snap.existing.find((e) => e.name.toLowerCase() === BACKUP_SHEET.toLowerCase());
      // The backup is cleared before each write: a planner's own sheet of that name is not ours.
      if (theirs && theirs.a1 !== BACKUP_TAG)
        throw new PlannerError(
          `The workbook has its own sheet named "${BACKUP_SHEET}", which the add-in keeps its backup in and clears. Rename that sheet, then try again; nothing was changed.`
        );
      const sheet = snap.sheets.get(info.sheet.toLowerCase());
      if (sheet?.protected) throw new PlannerError(protectedSheet(info.sheet));
      const backup = snap.sheets.get(BACKUP_SHEET.toLowerCase());
      if (!backup && snap.workbookProtected) throw new PlannerError(PROTECTED_WORKBOOK);
      if (backup?.protected) throw new PlannerError(protectedSheet(BACKUP_SHEET));
      const caps = this.capabilities();
      // Without ExcelApi 1.9 (Range.copyFrom) the backup is read here, before any write.
      if (!caps.api19) {
        info.rows = [];
        await readBodies(ctx, [info], this.budget);
      }
      progress?.(0, 2, "backup");
      queueShapeGuard(ctx, info);
      const w = new Writer(ctx, snap, caps, this.budget);
      try {
        await this.queueBackup(ctx, w, info, !!backup, caps);
        const lay = w.layout.get(info.contract.toLowerCase());
        if (!lay) throw new PlannerError(`The workbook has no ${table.name} table.`);
        const tp = ctx.workbook.tables.getItem(info.name);
        const ws = w.sheet(info.sheet);
        const oldWidth = lay.headers.length;
        const headers = table.headers;
        // Room first, before any other write to the sheet: a refusal then leaves it as it was.
        await w.makeRoom(
          lay,
          headers.length - oldWidth,
          Math.max(1, table.rows.length) - Math.max(1, lay.bodyRows)
        );
        if (headers.length > oldWidth) {
          const taken = new Set(lay.headers.map((h) => h.toLowerCase()));
          await w.addColumns(
            lay,
            tp,
            headers
              .slice(oldWidth)
              .map((h, i) => (taken.has(h.toLowerCase()) ? `__planner_${i}` : h))
          );
        } else if (headers.length < oldWidth) {
          await w.op(64 * (oldWidth - headers.length), () => {
            for (let i = oldWidth - 1; i >= headers.length; i--) tp.columns.getItemAt(i).delete();
          });
        }
        await w.writeMatrix(
          ws,
          lay.top,
          lay.left,
          [headers.map((h) => toOfficeValue(h))],
          "values"
        );
        lay.headers = [...headers];
        await w.replaceBody(lay, tp, table.rows);
        // This table's formats and dropdowns, and the dropdowns of tables that list its values.
        await w.formatContractTables(tablesToReformat(info.contract));
        await w.finish();
        progress?.(2, 2);
      } catch (e) {
        await w.recover(e);
        // The first batch failed at its look-ups: nothing was written, the table changed since the read.
        if (w.syncs === 0 && officeErrorCode(e) === "ItemNotFound")
          throw new TableChanged(table.name);
        throw e;
      }
    });
  }

  /** The table as it was, values only, in the hidden PlannerBackup sheet (A1: what it is; A3: the table). */
  private async queueBackup(
    ctx: Excel.RequestContext,
    w: Writer,
    info: TableInfo,
    exists: boolean,
    caps: Capabilities
  ): Promise<void> {
    const ws = exists ? w.sheet(BACKUP_SHEET) : await w.addSheet(BACKUP_SHEET);
    await w.op(64, () => {
      ws.getRange().clear();
      if (!exists) ws.visibility = "Hidden";
    });
    const meta = [[BACKUP_TAG, info.name, new Date().toISOString(), info.bodyRows, info.width]];
    await w.writeMatrix(ws, 0, 0, meta, "values");
    if (caps.api19) {
      await w.op(64, () =>
        ws.getRange("A3").copyFrom(ctx.workbook.tables.getItem(info.name).getRange(), "Values")
      );
    } else {
      const matrix = [info.headers, ...info.rows].map((r) =>
        r.map((v) => toOfficeValue(fromOfficeValue(v)))
      );
      await w.writeMatrix(ws, 2, 0, matrix, "values");
    }
  }

  /** Puts back the table kept by the last writeTable (which itself is then backed up). Its name, or null without a backup. */
  async restoreTable(): Promise<string | null> {
    const data = await this.run("read the backup", async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(BACKUP_SHEET);
      await context.sync();
      if (ws.isNullObject) return null;
      const meta = ws.getRange("A1:E1").load("values");
      await context.sync();
      const [tag, name, , rows, width] = meta.values[0];
      if (
        tag !== "Policy Planner backup" ||
        typeof name !== "string" ||
        typeof rows !== "number" ||
        typeof width !== "number"
      ) {
        throw new PlannerError(
          `The ${BACKUP_SHEET} sheet does not hold a backup the planner can read.`
        );
      }
      const header = ws.getRangeByIndexes(2, 0, 1, width).load("values");
      await context.sync();
      const info: TableInfo = {
        id: "",
        name,
        contract: TABLE_NAMES.find((n) => n.toLowerCase() === name.toLowerCase()) ?? "Measures",
        sheet: BACKUP_SHEET,
        top: 2,
        left: 0,
        width,
        bodyRows: rows,
        empty: rows === 0,
        headers: header.values[0].map((h) => String(h)),
        showTotals: false,
        rows: [],
      };
      await readBodies(context, [info], this.budget);
      return toTableData(info);
    });
    if (!data) return null;
    await this.writeTable(data);
    return data.name;
  }

  /** Activates the sheet and selects the cell: one sync (two more when the column is spelt differently). */
  async select(target: CellTarget): Promise<void> {
    await this.run(
      `go to ${target.table}${target.row ? ` row ${target.row}` : ""}`,
      async (ctx) => {
        try {
          queueSelect(ctx, target, target.column);
          await ctx.sync();
        } catch (e) {
          if (officeErrorCode(e) !== "ItemNotFound" || target.column === null) throw e;
          // Headers match ignoring case and spaces; Excel's column lookup does not.
          const header = ctx.workbook.tables
            .getItem(target.table)
            .getHeaderRowRange()
            .load("values");
          await ctx.sync();
          const i = (header.values[0] ?? []).findIndex(
            (h) => headerKey(h) === headerKey(target.column)
          );
          if (i < 0)
            throw new PlannerError(`The ${target.table} table has no column "${target.column}".`);
          queueSelect(ctx, target, i);
          await ctx.sync();
        }
      }
    );
  }

  async exportXlsx(): Promise<Uint8Array> {
    if (!supportsSet("CompressedFile")) throw new Error(NO_COMPRESSED_FILE);
    let file: Office.File | null = null;
    try {
      file = await new Promise<Office.File>((resolve, reject) => {
        Office.context.document.getFileAsync(
          Office.FileType.Compressed,
          { sliceSize: SLICE_SIZE },
          (r) => {
            if (r.status === Office.AsyncResultStatus.Succeeded) resolve(r.value);
            else reject(r.error);
          }
        );
      });
      const parts: Uint8Array[] = [];
      for (let i = 0; i < file.sliceCount; i++) {
        const f = file;
        const slice = await new Promise<Office.Slice>((resolve, reject) => {
          f.getSliceAsync(i, (r) => {
            if (r.status === Office.AsyncResultStatus.Succeeded) resolve(r.value);
            else reject(r.error);
          });
        });
        parts.push(sliceBytes(slice.data));
      }
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    } catch (e) {
      throw new Error(`Could not export the workbook: ${explainOfficeError(e)}`, { cause: e });
    } finally {
      // Office keeps at most two files open per document: always close ours.
      file?.closeAsync();
    }
  }

  /** Opens an .xlsx in a new Excel window (Excel.createWorkbook, ExcelApi 1.8): the planner saves it from there. */
  async openAsNewWorkbook(bytes: Uint8Array): Promise<void> {
    if (onTheWeb() && bytes.length > CREATE_WORKBOOK_WEB_MAX_BYTES)
      throw new CopyTooLargeError(bytes.length);
    try {
      await Excel.createWorkbook(toBase64(bytes));
    } catch (e) {
      throw new Error(explainOfficeError(e, { action: "open the copy as a new workbook" }), {
        cause: e,
      });
    }
  }

  openCopy(bytes: Uint8Array): Promise<void> {
    return this.openAsNewWorkbook(bytes);
  }
}

/**
 * Excel on the web refuses a request over 5 MB (Microsoft's "Resource limits and performance
 * optimization for Office Add-ins": RequestPayloadSizeLimitExceeded), and Excel.createWorkbook
 * sends the whole file in one request as base64, 4 characters for every 3 bytes. With room for
 * the request's own envelope, a file over this many bytes cannot open that way (~3.7 MB).
 */
export const WEB_REQUEST_LIMIT_BYTES = 5_000_000;
export const CREATE_WORKBOOK_WEB_MAX_BYTES =
  Math.floor((WEB_REQUEST_LIMIT_BYTES - 64 * 1024) / 4) * 3;

/** The copy is too large for Excel.createWorkbook on the web; the caller offers a download instead. */
export class CopyTooLargeError extends PlannerError {
  readonly code = "CopyTooLarge";
  constructor(readonly bytes: number) {
    super(
      `The copy is ${(bytes / 1e6).toFixed(1)} MB: more than Excel on the web can open as a new workbook. Its requests are limited to 5 MB and the file travels as text a third larger, so about ${(CREATE_WORKBOOK_WEB_MAX_BYTES / 1e6).toFixed(1)} MB is the most it takes. Download the file instead.`
    );
  }
}

function onTheWeb(): boolean {
  try {
    return (
      typeof Office !== "undefined" &&
      Office.context?.diagnostics?.platform === Office.PlatformType.OfficeOnline
    );
  } catch {
    return false;
  }
}

/** Someone changed a table between the planner's read and its write; nothing was written. */
class TableChanged extends PlannerError {
  constructor(table: string) {
    super(
      `Someone else changed the ${table} table (renamed, deleted or moved a column, or deleted rows) while the planner was about to write it, twice. Nothing was written: wait for their edit to finish, then try again.`
    );
  }
}

/**
 * Look-ups queued first in a write batch (Excel runs a batch in order and stops at the first
 * failure): the table by id, its sheet, each column by name and its last row, as the read just
 * before saw them.
 */
function queueShapeGuard(ctx: Excel.RequestContext, info: TableInfo): void {
  const t = ctx.workbook.tables.getItem(info.id || info.name);
  t.load("name");
  ctx.workbook.worksheets.getItem(info.sheet).load("name");
  for (const h of info.headers) t.columns.getItem(h).load("name");
  if (info.bodyRows > 0) t.rows.getItemAt(info.bodyRows - 1).load("index");
}

const PROTECTED_WORKBOOK =
  "The workbook's structure is protected, so the planner cannot add or rebuild sheets: turn it off with Review ▸ Protect Workbook, then try again.";

function protectedSheet(sheet: string): string {
  return `A sheet is protected: unprotect ${sheet} (Review ▸ Unprotect Sheet) and try again.`;
}

/** Stops before writing anything when a sheet the plan writes to is protected. */
function checkWritable(snap: Snapshot, plan: WorkbookPlan): void {
  if (plan.marks) {
    for (const t of snap.tables.values()) {
      if (snap.sheets.get(t.sheet.toLowerCase())?.protected)
        throw new PlannerError(protectedSheet(t.sheet));
    }
  }
  for (const sheet of plan.sheets) {
    if (sheet.owned) {
      if (snap.workbookProtected) throw new PlannerError(PROTECTED_WORKBOOK);
      continue;
    }
    for (const table of sheet.tables) {
      const t = snap.tables.get(table.name.toLowerCase());
      if (!t) {
        if (snap.workbookProtected) throw new PlannerError(PROTECTED_WORKBOOK);
        continue;
      }
      if (snap.sheets.get(t.sheet.toLowerCase())?.protected)
        throw new PlannerError(protectedSheet(t.sheet));
    }
  }
}

/** Deletes our previous marks (conditional formats whose formula carries the tag) on the planner tables' sheets. */
async function clearMarks(w: Writer, snap: Snapshot): Promise<void> {
  for (const formats of snap.formats.values()) {
    await w.deleteFormats(formats.filter((f) => isMarkFormula(f.formula)).map((f) => f.ref));
  }
}

/** The marks of plan/marks.ts over every planner table, where the queued writes leave it. */
async function addMarks(w: Writer): Promise<void> {
  for (const name of TABLE_NAMES) {
    const t: Layout | undefined = w.layout.get(name.toLowerCase());
    if (!t) continue;
    const extent = {
      sheet: t.sheet,
      row: t.top,
      col: t.left,
      width: t.headers.length,
      height: t.bodyRows,
    };
    // Added lowest severity first: the last added has the highest priority, so errors win.
    for (const rule of [...markRules(extent)].reverse()) {
      await w.addFormat(t.sheet, rule.range, markFormula(rule), `#${rule.fill.slice(-6)}`);
    }
  }
}

function toTableData(t: TableInfo): TableData {
  let rows = t.rows.slice(0, t.bodyRows).map((r) => r.map(fromOfficeValue));
  if (rows.length === 1 && isBlankRow(rows[0])) rows = [];
  return {
    name: t.name,
    headers: t.headers,
    rows,
    location: { sheet: t.sheet, row: t.top, col: t.left },
  };
}

function queueSelect(
  ctx: Excel.RequestContext,
  target: CellTarget,
  column: string | number | null
): void {
  const table = ctx.workbook.tables.getItem(target.table);
  let range: Excel.Range;
  if (column === null) {
    range =
      target.row === null
        ? table.getHeaderRowRange()
        : table.getDataBodyRange().getRow(target.row - 1);
  } else if (typeof column === "number") {
    range =
      target.row === null
        ? table.getHeaderRowRange().getCell(0, column)
        : table.getDataBodyRange().getCell(target.row - 1, column);
  } else {
    const col = table.columns.getItem(column);
    range =
      target.row === null ? col.getHeaderRowRange() : col.getDataBodyRange().getRow(target.row - 1);
  }
  range.worksheet.activate();
  range.select();
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // In blocks: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function sliceBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return Uint8Array.from(data as number[]);
  throw new Error("Excel returned a file slice in an unknown form.");
}
