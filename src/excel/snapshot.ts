/**
 * Reading the workbook's shape in as few syncs as possible.
 *
 * One sync, in the usual case where the set-up tables exist: every set-up table is asked
 * for by name (`tables.getItem`), and Progress, which only the first import that records a
 * period creates, by `tables.getItemOrNullObject` (a null object when absent, so its absence
 * costs no sync); for each we queue its sheet name, its range geometry,
 * its header row, optionally its first data row or its first WINDOW_ROWS rows, and optionally
 * the conditional formats of its sheet; with them the list of sheets (and their protection),
 * the names of all tables (and their sheets) and the workbook's structure protection; and, for
 * each sheet the operation would rebuild as its own, its owned marker and A1, asked for by
 * `worksheets.getItemOrNullObject` (a sheet not there yet costs nothing). All reads: a sync that
 * fails (a table missing) has changed nothing, so we then list the tables (one sync) and ask
 * only for those present (one more).
 *
 * Rows past the first window are read by `readBodies` in payload-sized blocks.
 */
import { ALL_TABLE_NAMES, PROGRESS_TABLE, TABLE_NAMES, type TableName } from "../model/schema";
import { OWNED_MARKER, type ExistingSheet } from "../plan/owned-sheets";
import { officeErrorCode } from "./errors";
import { PAYLOAD_BUDGET, WINDOW_ROWS, jsonBytes } from "./payload";
import { isBlankRow } from "../model/cells";

export interface TableInfo {
  /** Excel's id of the table: stable when a co-author renames it ("" when unknown). */
  id: string;
  /** The table's name as the workbook spells it. */
  name: string;
  contract: TableName;
  sheet: string;
  /** 0-based row and column of the header row's first cell. */
  top: number;
  left: number;
  width: number;
  /** Rows of the data body as Excel counts them (a new table has one blank row). */
  bodyRows: number;
  /** No data: no body rows, or one row that is blank (known when the first row was read). */
  empty: boolean;
  headers: string[];
  showTotals: boolean;
  /** Body rows read so far, from row 0 (readTables). */
  rows: unknown[][];
}

export interface SheetInfo {
  name: string;
  position: number;
  protected: boolean;
}

export interface MarkFormat {
  id: string;
  formula: string | null;
  /** The loaded proxy: deleting through it does not depend on ids, which shift as rules go. */
  ref: Excel.ConditionalFormat;
}

export interface Snapshot {
  /** Planner tables present, by lower-case contract name. */
  tables: Map<string, TableInfo>;
  /** Every table in the workbook, lower-case. */
  tableNames: Set<string>;
  /** Sheets by lower-case name. */
  sheets: Map<string, SheetInfo>;
  workbookProtected: boolean;
  /** Conditional formats on the sheets of the planner tables, by lower-case sheet name (when asked). */
  formats: Map<string, MarkFormat[]>;
  /** The sheets of ReadOptions.owned that exist, as the owned-sheet check needs them. */
  existing: ExistingSheet[];
  /** Syncs this read took. */
  syncs: number;
}

export type BodyRead = "none" | "firstRow" | "window";

export interface ReadOptions {
  /** Read the planner tables (false: sheets and protection only). */
  tables: boolean;
  body: BodyRead;
  /** Load the conditional formats of the tables' sheets. */
  formats?: boolean;
  /**
   * Sheets the operation would rebuild or delete as its own (Summary, Briefing…, Validation):
   * each one's marker (plan/owned-sheets.ts), A1 and tables are read in the same sync.
   */
  owned?: readonly string[];
}

interface Queued {
  contract: TableName;
  table: Excel.Table;
  sheet: Excel.Worksheet;
  range: Excel.Range;
  header: Excel.Range;
  body?: Excel.Range;
  formats?: Excel.ConditionalFormatCollection;
  /** Asked for by getItemOrNullObject: may be a null object. */
  optional: boolean;
}

interface Common {
  sheets: Excel.WorksheetCollection;
  tables: Excel.TableCollection;
  protection: Excel.WorkbookProtection;
}

function queueCommon(ctx: Excel.RequestContext): Common {
  return {
    sheets: ctx.workbook.worksheets.load("items/name,items/position,items/protection/protected"),
    // Each table's sheet: a sheet holding a table is never taken for one an older version built.
    tables: ctx.workbook.tables.load("items/name,items/worksheet/name"),
    protection: ctx.workbook.protection.load("protected"),
  };
}

/** An owned sheet's name and what the check reads of it. */
interface QueuedOwned {
  name: string;
  sheet: Excel.Worksheet;
  marker: Excel.NamedItem;
  a1: Excel.Range;
}

/**
 * The marker (a name scoped to the sheet, Worksheet.names: ExcelApi 1.4) and A1 of each sheet
 * named as an owned sheet. Asked for by getItemOrNullObject, so that a sheet not there yet
 * costs no sync; after a listing (`present`), only sheets that exist are asked for, by getItem.
 */
function queueOwned(
  ctx: Excel.RequestContext,
  names: readonly string[],
  present: boolean
): QueuedOwned[] {
  return names.map((name) => {
    const sheet = present
      ? ctx.workbook.worksheets.getItem(name)
      : ctx.workbook.worksheets.getItemOrNullObject(name);
    sheet.load("name");
    // Scope too: Excel on the web has listed workbook names among a sheet's (office-js #1011).
    const marker = sheet.names.getItemOrNullObject(OWNED_MARKER).load("name,scope");
    const a1 = sheet.getRange("A1").load("values");
    return { name, sheet, marker, a1 };
  });
}

function existingSheets(common: Common, owned: QueuedOwned[]): ExistingSheet[] {
  const out: ExistingSheet[] = [];
  for (const q of owned) {
    if (q.sheet.isNullObject) continue;
    const key = q.sheet.name.toLowerCase();
    out.push({
      name: q.sheet.name,
      marked: !q.marker.isNullObject && q.marker.scope === "Worksheet",
      hasTable: common.tables.items.some((t) => t.worksheet.name.toLowerCase() === key),
      a1: String(q.a1.values[0]?.[0] ?? ""),
    });
  }
  return out;
}

/** A table to read: its contract, its name in the workbook, and whether it may be absent. */
type Wanted = [TableName, string, "optional"?];

function queueTable(
  ctx: Excel.RequestContext,
  [contract, name, optional]: Wanted,
  options: ReadOptions
): Queued {
  const table = optional
    ? ctx.workbook.tables.getItemOrNullObject(name)
    : ctx.workbook.tables.getItem(name);
  table.load("id,name,showTotals");
  const sheet = table.worksheet.load("name");
  const range = table.getRange().load("rowIndex,columnIndex,rowCount,columnCount");
  const header = table.getHeaderRowRange().load("values");
  const q: Queued = { contract, table, sheet, range, header, optional: optional === "optional" };
  if (options.body === "firstRow") {
    q.body = table.getDataBodyRange().getRow(0).load("values");
  } else if (options.body === "window") {
    const body = table.getDataBodyRange();
    q.body = body
      .getIntersection(body.getRow(0).getResizedRange(WINDOW_ROWS - 1, 0))
      .load("values");
  }
  // Marks cover the set-up tables only (addMarks), so an optional table's sheet needs no formats.
  if (options.formats && !optional) {
    q.formats = table.worksheet
      .getRange()
      .conditionalFormats.load("items/id,items/type,items/customOrNullObject/rule/formula");
  }
  return q;
}

function build(
  common: Common,
  queued: Queued[],
  owned: QueuedOwned[],
  options: ReadOptions,
  syncs: number
): Snapshot {
  const snap: Snapshot = {
    tables: new Map(),
    tableNames: new Set(common.tables.items.map((t) => t.name.toLowerCase())),
    sheets: new Map(
      common.sheets.items.map((s) => [
        s.name.toLowerCase(),
        { name: s.name, position: s.position, protected: s.protection.protected },
      ])
    ),
    workbookProtected: common.protection.protected,
    formats: new Map(),
    existing: existingSheets(common, owned),
    syncs,
  };
  for (const q of queued) {
    // An optional table that is absent: everything queued on it came back null.
    if (q.optional && q.table.isNullObject) continue;
    const headerRow = q.header.values[0] ?? [];
    const showTotals = q.table.showTotals;
    const bodyRows = Math.max(0, q.range.rowCount - 1 - (showTotals ? 1 : 0));
    const rows = q.body && options.body === "window" ? q.body.values : [];
    const first = q.body ? q.body.values[0] : undefined;
    const blankFirst = first !== undefined && isBlankRow(first);
    snap.tables.set(q.contract.toLowerCase(), {
      id: q.table.id,
      name: q.table.name,
      contract: q.contract,
      sheet: q.sheet.name,
      top: q.range.rowIndex,
      left: q.range.columnIndex,
      width: q.range.columnCount,
      bodyRows,
      empty: bodyRows === 0 || (bodyRows === 1 && blankFirst),
      headers: headerRow.map((h) => String(h ?? "")),
      showTotals,
      rows,
    });
    if (q.formats) {
      const key = q.sheet.name.toLowerCase();
      const list = snap.formats.get(key) ?? [];
      for (const cf of q.formats.items) {
        if (list.some((x) => x.id === cf.id)) continue;
        const custom = cf.customOrNullObject;
        list.push({
          id: cf.id,
          formula: custom.isNullObject ? null : custom.rule.formula,
          ref: cf,
        });
      }
      snap.formats.set(key, list);
    }
  }
  return snap;
}

/** Owned sheets to read: by getItemOrNullObject, or (after a listing) only those present. */
interface OwnedWanted {
  names: readonly string[];
  present: boolean;
}

async function direct(
  ctx: Excel.RequestContext,
  names: Wanted[],
  owned: OwnedWanted,
  options: ReadOptions,
  syncs: number
): Promise<Snapshot> {
  const common = queueCommon(ctx);
  const queued = names.map((wanted) => queueTable(ctx, wanted, options));
  const ownedQueued = queueOwned(ctx, owned.names, owned.present);
  await ctx.sync();
  return build(common, queued, ownedQueued, options, syncs + 1);
}

/**
 * The workbook's shape: one sync when every planner table exists. Otherwise (all reads, so a
 * failed sync changed nothing): when a table is missing, list the tables and read those
 * present; when the first window is refused (too large, or past the sheet's last row), read
 * without it (readBodies then reads the rows in blocks).
 */
export async function readSnapshot(
  ctx: Excel.RequestContext,
  options: ReadOptions
): Promise<Snapshot> {
  let names: Wanted[] = options.tables
    ? [...TABLE_NAMES.map((n): Wanted => [n, n]), [PROGRESS_TABLE, PROGRESS_TABLE, "optional"]]
    : [];
  let owned: OwnedWanted = { names: [...new Set(options.owned ?? [])], present: false };
  let listed = false;
  let opts = options;
  let syncs = 0;
  for (;;) {
    try {
      return await direct(ctx, names, owned, opts, syncs);
    } catch (e) {
      syncs++;
      const code = officeErrorCode(e);
      const payload = code === "ResponsePayloadSizeLimitExceeded" || code === "InvalidArgument";
      // A set-up table missing (ItemNotFound); or, should an Excel refuse the calls queued on the
      // null Progress table or a null owned sheet (docs/EXCEL-CHECKLIST.md), another code:
      // listing the tables and sheets settles all of them.
      if (!payload && !listed) {
        const common = queueCommon(ctx);
        await ctx.sync();
        syncs++;
        listed = true;
        names = [];
        for (const contract of options.tables ? ALL_TABLE_NAMES : []) {
          const t = common.tables.items.find(
            (x) => x.name.toLowerCase() === contract.toLowerCase()
          );
          if (t) names.push([contract, t.name]);
        }
        const sheets = new Set(common.sheets.items.map((s) => s.name.toLowerCase()));
        owned = { names: owned.names.filter((n) => sheets.has(n.toLowerCase())), present: true };
        if (names.length === 0 && owned.names.length === 0)
          return build(common, [], [], opts, syncs);
      } else if (payload && opts.body === "window") {
        opts = { ...opts, body: "none" };
      } else {
        throw e;
      }
    }
  }
}

/** The size Excel on the web refuses a response over. */
const REFUSED_BYTES = 5 * 1024 * 1024;
/** Safety factor on the bytes per row seen so far. */
const MARGIN = 1.5;

/** A block of body rows to read: rows [start, start + count) of a table's data body. */
interface Block {
  table: TableInfo;
  start: number;
  count: number;
}

/**
 * Reads every table's body rows past those already in `rows`, packing blocks into syncs so
 * that each response stays under the budget. Blocks are sized from the bytes per row seen so
 * far (1.5 times the larger of the last block's and the overall average; 64 bytes a cell
 * before any is seen), updated after every read.
 * A sync Excel refuses (over 5 MB) changed nothing: the rows asked for averaged at least
 * 5 MB / rows, the estimate is raised to match, and the same rows are asked again in smaller
 * blocks. Returns the syncs it made.
 */
export async function readBodies(
  ctx: Excel.RequestContext,
  tables: TableInfo[],
  budget = PAYLOAD_BUDGET
): Promise<number> {
  const perRow = new Map<TableInfo, number>();
  const seen = new Map<TableInfo, { rows: number; bytes: number }>();
  for (const t of tables) {
    const bytes = t.rows.length > 0 ? jsonBytes(t.rows) : 0;
    seen.set(t, { rows: t.rows.length, bytes });
    perRow.set(
      t,
      t.rows.length > 0 ? Math.max(16, (MARGIN * bytes) / t.rows.length) : 64 * Math.max(1, t.width)
    );
  }
  let syncs = 0;
  for (;;) {
    const batch: Array<{ block: Block; range: Excel.Range }> = [];
    let bytes = 0;
    for (const t of tables) {
      let next = t.rows.length;
      while (next < t.bodyRows) {
        const est = perRow.get(t) ?? 64;
        const room = Math.floor((budget - bytes) / est);
        const count = Math.min(t.bodyRows - next, batch.length === 0 ? Math.max(1, room) : room);
        if (count <= 0) break;
        const ws = ctx.workbook.worksheets.getItem(t.sheet);
        const range = ws.getRangeByIndexes(t.top + 1 + next, t.left, count, t.width).load("values");
        batch.push({ block: { table: t, start: next, count }, range });
        bytes += count * est;
        next += count;
      }
      if (bytes >= budget) break;
    }
    if (batch.length === 0) return syncs;
    try {
      await ctx.sync();
      syncs++;
    } catch (e) {
      syncs++;
      const rowsAsked = batch.reduce((n, x) => n + x.block.count, 0);
      if (officeErrorCode(e) !== "ResponsePayloadSizeLimitExceeded" || rowsAsked === batch.length)
        throw e;
      const atLeast = (MARGIN * REFUSED_BYTES) / rowsAsked;
      for (const { block } of batch)
        perRow.set(block.table, Math.max(perRow.get(block.table) ?? 64, atLeast));
      continue;
    }
    for (const { block, range } of batch) {
      const values = range.values;
      for (const row of values) block.table.rows.push(row);
      const blockBytes = jsonBytes(values);
      const s = seen.get(block.table) ?? { rows: 0, bytes: 0 };
      s.rows += values.length;
      s.bytes += blockBytes;
      seen.set(block.table, s);
      // The larger of the latest block's average and the overall one: rows often lengthen down a table.
      const avg = Math.max(blockBytes / Math.max(1, values.length), s.bytes / Math.max(1, s.rows));
      perRow.set(block.table, Math.max(16, MARGIN * avg));
    }
  }
}
