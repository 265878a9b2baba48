/**
 * A recording fake of the Excel object model, installed as the global `Excel.run` and
 * `Office`, for the code paths of src/excel and src/commands.
 *
 * It behaves like Office.js where it matters to the host: every call queues an action, and
 * nothing happens until `context.sync()`, which runs the queue in order; loaded properties can
 * be read only after the sync that loaded them (PropertyNotLoaded otherwise); a failing
 * action stops the batch and rejects the sync with a RichApi-like error ({ code, debugInfo }).
 * It enforces Excel on the web's payload limits (5 MB per request and per response) and
 * records, per sync, the bytes queued (JSON of every action's arguments plus an envelope) and
 * the bytes loaded. Strings written through `values` are parsed as Excel does ("1" becomes
 * a number, "=x" a formula, a leading apostrophe keeps text), protected sheets refuse writes
 * (AccessDenied), tables may not overlap, and members newer than the supported ExcelApi
 * version throw ApiNotFound.
 */
import { columnLetter } from "../../src/model/columns";
import { jsonBytes } from "../../src/excel/payload";
import { compareVersions } from "../../src/excel/requirements";

export type V = string | number | boolean;

export const WEB_LIMIT = 5 * 1024 * 1024;
/** Envelope bytes counted per action (object path, action id, property name). */
export const ACTION_ENVELOPE = 120;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  error?: string;
  /** Index of the action that failed (those before it ran, as in Excel; none after it). */
  failedAt?: number;
}

export class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly debugInfo: { code: string; message: string; errorLocation?: string } = {
      code,
      message,
    }
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { ...debugInfo, code, message };
  }
}

// ------------------------------------------------------------------------------------ model

export interface Box {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export const colToLetters = columnLetter;

function lettersToCol(s: string): number {
  let c = 0;
  for (const ch of s.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

const MAX_ROW = 1048575;
const MAX_COL = 16383;

/** "A1", "A1:C9", "$A$1", "A:C", "2:5", optionally "Sheet!…" / "'My sheet'!…". */
export function parseAddress(address: string): { sheet?: string; box: Box } {
  let a = address.trim();
  let sheet: string | undefined;
  const bang = a.lastIndexOf("!");
  if (bang >= 0) {
    sheet = a.slice(0, bang);
    if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    a = a.slice(bang + 1);
  }
  a = a.replace(/\$/g, "");
  const [p, q] = a.split(":");
  const cell = (s: string): { r?: number; c?: number } => {
    const m = /^([A-Z]*)(\d*)$/i.exec(s);
    if (!m) throw new FakeError("InvalidArgument", `Bad address ${address}`);
    return { c: m[1] ? lettersToCol(m[1]) : undefined, r: m[2] ? Number(m[2]) - 1 : undefined };
  };
  const from = cell(p);
  const to = cell(q ?? p);
  return {
    sheet,
    box: {
      r0: from.r ?? 0,
      c0: from.c ?? 0,
      r1: to.r ?? (from.r === undefined ? MAX_ROW : from.r),
      c1: to.c ?? (from.c === undefined ? MAX_COL : from.c),
    },
  };
}

export function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function boxA1(b: Box): string {
  const a = `${colToLetters(b.c0)}${b.r0 + 1}`;
  const z = `${colToLetters(b.c1)}${b.r1 + 1}`;
  return a === z ? a : `${a}:${z}`;
}

function intersects(a: Box, b: Box): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

const key = (r: number, c: number) => `${r},${c}`;

/** Excel refuses a formula with a text constant over 255 characters ("Text values in formulas are limited to 255 characters"). */
export function checkFormulaText(formula: string): void {
  for (const m of formula.matchAll(/"((?:[^"]|"")*)"/g)) {
    if (m[1].replace(/""/g, '"').length > 255)
      throw new FakeError(
        "InvalidArgument",
        "Text values in formulas are limited to 255 characters."
      );
  }
}

/** A sheet name as a formula spells it: bare names that read as a cell (FY2025, R2C3) are refused, as Excel does. */
function formulaSheet(ref: string): string {
  if (ref.startsWith("'")) return ref.slice(1, -1).replace(/''/g, "'");
  if (
    !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(ref) ||
    /^[A-Za-z]{1,3}\d+$/.test(ref) ||
    /^(R\d*)?(C\d*)?$/i.test(ref)
  ) {
    throw new FakeError(
      "InvalidArgument",
      `The reference ${ref}! is not valid: quote the sheet name.`
    );
  }
  return ref;
}

export interface CFModel {
  id: string;
  type: string;
  box: Box;
  formula: string;
  fill?: string;
}

export interface ValidationModel {
  box: Box;
  rule: unknown;
  alert?: unknown;
  ignoreBlanks?: boolean;
}

export interface ChartModel {
  type: string;
  source: string;
  seriesBy: string;
  name?: string;
  title?: string;
  position?: [string, string];
  series: Array<{
    name?: string;
    values?: string;
    categories?: string;
    color?: string;
    lineColor?: string;
    pointColors?: string[];
    dataLabels?: boolean;
    labelFormat?: string;
  }>;
  axisTitles?: { category?: string; value?: string };
}

export class SheetModel {
  visibility = "Visible";
  protected = false;
  tabColor?: string;
  /** Row → cells (sparse rows, dense columns). "" is empty. */
  rows = new Map<number, V[]>();
  formulas = new Map<string, string>();
  numberFormats = new Map<string, string>();
  formats: Array<{ address: string; prop: string; value: unknown }> = [];
  merges: string[] = [];
  validations: ValidationModel[] = [];
  cfs: CFModel[] = [];
  charts: ChartModel[] = [];
  freeze: { rows: number; cols: number } | null = null;
  pageLayout: {
    orientation?: string;
    zoom?: unknown;
    printArea?: string;
    titleRows?: string;
    paperSize?: string;
    margins?: Record<string, number>;
    headerFooter?: Record<string, string>;
    breaks?: string[];
  } = {};
  columnWidths = new Map<number, number>();
  /** Names scoped to this sheet (Worksheet.names): name → reference. */
  names = new Map<string, string>();

  /** Stable across renames, as Excel's worksheet ids are. */
  readonly id = `{S-${++modelIds}}`;
  constructor(public name: string) {}

  get(r: number, c: number): V {
    return this.rows.get(r)?.[c] ?? "";
  }

  set(r: number, c: number, v: V): void {
    let row = this.rows.get(r);
    if (!row) {
      if (v === "") return;
      row = [];
      this.rows.set(r, row);
    }
    while (row.length <= c) row.push("");
    row[c] = v;
  }

  /** Cell text as a value: Excel's parsing of typed input, enough to catch unprefixed text. */
  write(r: number, c: number, input: unknown, asFormula: boolean): void {
    if (input === null || input === undefined) return; // null leaves the cell unchanged
    const k = key(r, c);
    this.formulas.delete(k);
    if (typeof input === "string") {
      if (input.startsWith("'")) return this.set(r, c, input.slice(1));
      const t = input.trim();
      // "=x", and "+x" / "-x" that are not numbers, are formulas (values and formulas alike).
      if (input.startsWith("=") || (/^[+-]/.test(input) && !/^[-+]?(\d|\.\d)/.test(t))) {
        void asFormula;
        checkFormulaText(input);
        this.formulas.set(k, input.startsWith("=") ? input : `=${input}`);
        return this.set(r, c, "");
      }
      if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return this.set(r, c, Number(t));
      if (/^[-+]?\d+(\.\d+)?%$/.test(t)) return this.set(r, c, Number(t.slice(0, -1)) / 100);
      if (/^(true|false)$/i.test(t)) return this.set(r, c, t.toLowerCase() === "true");
      return this.set(r, c, input);
    }
    if (typeof input === "number" || typeof input === "boolean") return this.set(r, c, input);
    throw new FakeError("InvalidArgument", `Cannot write ${typeof input} to a cell`);
  }

  /** Moves cells of columns c0..c1 at rows >= from by `by` rows (negative: up). */
  shiftRows(c0: number, c1: number, from: number, by: number): void {
    const rows = [...this.rows.keys()]
      .filter((r) => r >= from)
      .sort((a, b) => (by > 0 ? b - a : a - b));
    for (const r of rows) {
      const row = this.rows.get(r) ?? [];
      for (let c = c0; c <= Math.min(c1, row.length - 1); c++) {
        this.set(r + by, c, row[c]);
        row[c] = "";
      }
    }
    for (const map of [this.formulas, this.numberFormats]) {
      const moved: Array<[string, string]> = [];
      for (const [k, v] of map) {
        const [r, c] = k.split(",").map(Number);
        if (r >= from && c >= c0 && c <= c1) {
          map.delete(k);
          moved.push([key(r + by, c), v]);
        }
      }
      for (const [k, v] of moved) map.set(k, v);
    }
    this.merges = this.merges.map((a) => {
      const b = parseAddress(a).box;
      return b.r0 >= from && b.c0 >= c0 && b.c1 <= c1
        ? boxA1({ ...b, r0: b.r0 + by, r1: b.r1 + by })
        : a;
    });
  }

  /** Moves cells (values, formulas, number formats, merges) of rows r0..r1 at columns >= from by `by` columns. */
  shiftCols(r0: number, r1: number, from: number, by: number): void {
    for (let r = r0; r <= r1; r++) {
      const row = this.rows.get(r);
      if (!row || row.length <= from) continue;
      if (by > 0) row.splice(from, 0, ...new Array<V>(by).fill(""));
      else row.splice(from + by, -by);
    }
    for (const map of [this.formulas, this.numberFormats]) {
      const moved: Array<[string, string]> = [];
      for (const [k, v] of map) {
        const [r, c] = k.split(",").map(Number);
        if (r >= r0 && r <= r1 && c >= from) {
          map.delete(k);
          moved.push([key(r, c + by), v]);
        }
      }
      for (const [k, v] of moved) map.set(k, v);
    }
    this.merges = this.merges.map((a) => {
      const b = parseAddress(a).box;
      return b.r0 >= r0 && b.r1 <= r1 && b.c0 >= from
        ? boxA1({ ...b, c0: b.c0 + by, c1: b.c1 + by })
        : a;
    });
  }

  clear(box: Box): void {
    for (const [r, row] of this.rows) {
      if (r < box.r0 || r > box.r1) continue;
      for (let c = box.c0; c <= Math.min(box.c1, row.length - 1); c++) row[c] = "";
    }
    for (const map of [this.formulas, this.numberFormats]) {
      for (const k of [...map.keys()]) {
        const [r, c] = k.split(",").map(Number);
        if (r >= box.r0 && r <= box.r1 && c >= box.c0 && c <= box.c1) map.delete(k);
      }
    }
  }
}

let modelIds = 0;

/**
 * Excel keeps every formula pointing at the cells it moves: each A1 reference (on any sheet)
 * to a cell of `sheet` that `move` moves is rewritten to the cell's new place. Text in quotes
 * is left alone; a range moves end by end.
 */
export function moveReferences(
  model: WorkbookModel,
  sheet: SheetModel,
  move: (r: number, c: number) => [number, number] | null
): void {
  const ref =
    /("(?:[^"]|"")*")|(?<![\w.$])(?:('(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\w(!])/g;
  for (const host of model.sheets) {
    for (const [k, f] of host.formulas) {
      const next = f.replace(
        ref,
        (all, quoted: string | undefined, prefix, d1: string, col: string, d2: string, row) => {
          if (quoted) return all;
          const target = prefix
            ? String(prefix)
                .replace(/^'(.*)'$/, "$1")
                .replace(/''/g, "'")
            : host.name;
          if (target.toLowerCase() !== sheet.name.toLowerCase()) return all;
          const to = move(Number(row) - 1, lettersToCol(col));
          if (!to) return all;
          return `${prefix ? `${prefix}!` : ""}${d1}${colToLetters(to[1])}${d2}${to[0] + 1}`;
        }
      );
      if (next !== f) host.formulas.set(k, next);
    }
  }
}

/** Excel cannot move part of a merged area: an insert or delete whose moving cells cut one is refused. */
function checkMerges(sheet: SheetModel, moving: Box): void {
  for (const a of sheet.merges) {
    const m = parseAddress(a).box;
    const inside = m.r0 >= moving.r0 && m.r1 <= moving.r1 && m.c0 >= moving.c0 && m.c1 <= moving.c1;
    if (intersects(m, moving) && !inside)
      throw new FakeError("InvalidOperation", "We can't do that to a merged cell.");
  }
}

export class TableModel {
  style = "TableStyleMedium2";
  /** Stable across renames and resizes, as Excel's table ids are. */
  readonly id = `{T-${++modelIds}}`;
  showTotals = false;
  constructor(
    public name: string,
    public sheet: SheetModel,
    public top: number,
    public left: number,
    public width: number,
    /** Data body rows. */
    public height: number
  ) {}

  get box(): Box {
    return {
      r0: this.top,
      c0: this.left,
      r1: this.top + this.height,
      c1: this.left + this.width - 1,
    };
  }

  get headers(): string[] {
    return Array.from({ length: this.width }, (_, i) =>
      String(this.sheet.get(this.top, this.left + i))
    );
  }

  /** Body values, "" for empty, as Excel's values. */
  body(): V[][] {
    return Array.from({ length: this.height }, (_, r) =>
      Array.from({ length: this.width }, (_, c) => this.sheet.get(this.top + 1 + r, this.left + c))
    );
  }
}

export class WorkbookModel {
  sheets: SheetModel[] = [new SheetModel("Sheet1")];
  tables: TableModel[] = [];
  protected = false;
  active = "Sheet1";
  selection: string | null = null;
  enableEvents = true;
  private ids = 0;

  nextId(prefix: string): string {
    return `${prefix}${++this.ids}`;
  }

  /** A sheet by name or id (Worksheet collections take either). */
  sheet(name: string): SheetModel {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase() || x.id === name);
    if (!s)
      throw new FakeError(
        "ItemNotFound",
        `The requested resource doesn't exist: worksheet ${name}`
      );
    return s;
  }

  /** A table by name or id (Table collections take either). */
  table(name: string): TableModel {
    const t = this.tables.find((x) => x.name.toLowerCase() === name.toLowerCase() || x.id === name);
    if (!t)
      throw new FakeError("ItemNotFound", `The requested resource doesn't exist: table ${name}`);
    return t;
  }

  /** Values of a table, header row first (test helper). */
  tableValues(name: string): V[][] {
    const t = this.table(name);
    return [t.headers, ...t.body()];
  }
}

// ------------------------------------------------------------------------------------ context

interface Action {
  label: string;
  bytes: number;
  run: () => void;
  /** The sheet it writes to (protection), if any. */
  writes?: () => SheetModel | undefined;
}

export class RecordingExcel {
  model = new WorkbookModel();
  syncs: SyncRecord[] = [];
  /** Highest ExcelApi version the fake Excel implements. */
  apiVersion = "1.18";
  compressedFile = true;
  /** Enforce Excel on the web's 5 MB request and response limits. */
  enforceWebLimits = true;
  /**
   * What is queued on a null sheet (its names, its ranges) is null too (true); false: such calls
   * fail the sync (ItemNotFound), the other behaviour docs/EXCEL-CHECKLIST.md asks real Excel about.
   */
  nullChains = true;
  private _file: Uint8Array | null = null;
  /** The bytes of the .xlsx getFileAsync hands out (9 MB: three 4 MB slices). */
  get fileBytes(): Uint8Array {
    if (!this._file) this._file = new Uint8Array(9_000_000).map((_, i) => i % 251);
    return this._file;
  }
  fileClosed = 0;
  displayLanguage = "en-US";
  associated = new Map<string, (event: unknown) => void>();
  dialogs: string[] = [];
  runs = 0;

  supports(version: string): boolean {
    return compareVersions(this.apiVersion, version) >= 0;
  }

  requireApi(version: string, member: string): void {
    if (!this.supports(version))
      throw new FakeError("ApiNotFound", `${member} needs ExcelApi ${version}`);
  }

  /** Excel.run(batch), or Excel.run(context, batch) to reuse a context (as event handler removal does). */
  run = async <T>(
    first: FakeContext | ((ctx: FakeContext) => Promise<T>),
    second?: (ctx: FakeContext) => Promise<T>
  ): Promise<T> => {
    this.runs++;
    if (first instanceof FakeContext && second) return second(first);
    if (typeof first !== "function") throw new Error("fake: Excel.run needs a batch function");
    return first(new FakeContext(this));
  };

  /** Called at the start of every sync with its index (0-based), before the queue runs: a co-author's change lands here. */
  beforeSync?: (index: number, labels: string[]) => void;

  /** Table.onChanged handlers registered (and not removed) through synced batches. */
  handlers: Array<{ table: TableModel; handler: (args: unknown) => unknown }> = [];

  /**
   * Fires the registered Table.onChanged handlers of a table, as Excel does after a user's or a
   * co-author's change (not when the add-in turned events off with runtime.enableEvents). The
   * address is the changed area on the sheet. Returns the handlers' promises.
   */
  fireTableChanged(
    table: TableModel,
    box: Box,
    changeType: string,
    source: "Local" | "Remote" = "Local"
  ): Promise<unknown>[] {
    if (!this.model.enableEvents) return [];
    const args = {
      address: boxA1(box),
      changeType,
      source,
      tableId: table.id,
      worksheetId: table.sheet.id,
      type: "TableChanged",
    };
    return this.handlers
      .filter((h) => h.table === table)
      .map((h) => Promise.resolve(h.handler(args)));
  }

  /** A planner types into cells of a table's body (row, col 0-based in the body): the values change, then onChanged fires once. */
  typeInto(
    tableName: string,
    row: number,
    col: number,
    values: V[][],
    source: "Local" | "Remote" = "Local"
  ): Promise<unknown>[] {
    const t = this.model.table(tableName);
    values.forEach((r, i) =>
      r.forEach((v, j) => t.sheet.set(t.top + 1 + row + i, t.left + col + j, v))
    );
    const box = {
      r0: t.top + 1 + row,
      c0: t.left + col,
      r1: t.top + row + values.length,
      c1: t.left + col + Math.max(1, values[0]?.length ?? 1) - 1,
    };
    return this.fireTableChanged(t, box, "RangeEdited", source);
  }

  /** Table rows inserted at body row `row` (Insert ▸ Table Rows Above), filled with `rows`: RowInserted fires for them. */
  insertTableRows(
    tableName: string,
    row: number,
    rows: V[][],
    source: "Local" | "Remote" = "Local"
  ): Promise<unknown>[] {
    const t = this.model.table(tableName);
    const at = t.top + 1 + row;
    t.sheet.shiftRows(t.left, t.left + t.width - 1, at, rows.length);
    rows.forEach((r, i) => r.forEach((v, c) => t.sheet.set(at + i, t.left + c, v)));
    t.height += rows.length;
    return this.fireTableChanged(
      t,
      { r0: at, c0: t.left, r1: at + rows.length - 1, c1: t.left + t.width - 1 },
      "RowInserted",
      source
    );
  }

  /** Table rows deleted from body row `row`: RowDeleted fires with their address before the delete. */
  deleteTableRows(
    tableName: string,
    row: number,
    count: number,
    source: "Local" | "Remote" = "Local"
  ): Promise<unknown>[] {
    const t = this.model.table(tableName);
    const at = t.top + 1 + row;
    const box = { r0: at, c0: t.left, r1: at + count - 1, c1: t.left + t.width - 1 };
    t.sheet.clear(box);
    t.sheet.shiftRows(t.left, t.left + t.width - 1, at + count, -count);
    t.height -= count;
    return this.fireTableChanged(t, box, "RowDeleted", source);
  }

  /** Syncs recorded since `from` (an index into syncs). */
  since(from: number): SyncRecord[] {
    return this.syncs.slice(from);
  }

  officeGlobal(): unknown {
    const fake = this;
    const context = {
      get displayLanguage(): string {
        return fake.displayLanguage;
      },
      requirements: {
        isSetSupported: (name: string, version?: string) => {
          if (name === "ExcelApi") return version === undefined || this.supports(version);
          if (name === "CompressedFile") return this.compressedFile;
          return false;
        },
      },
      document: {
        getFileAsync: (type: string, options: { sliceSize: number }, cb: (r: unknown) => void) =>
          this.getFileAsync(type, options, cb),
      },
      ui: {
        displayDialogAsync: (url: string, _options: unknown, cb: (r: unknown) => void) => {
          this.dialogs.push(url);
          const handlers = new Map<string, (arg: unknown) => void>();
          const dialog = {
            addEventHandler: (type: string, h: (arg: unknown) => void) => handlers.set(type, h),
            close: () => undefined,
          };
          cb({ status: "succeeded", value: dialog });
          // the planner clicks Close
          setTimeout(() => handlers.get("dialogMessageReceived")?.({ message: "close" }), 0);
        },
        messageParent: () => undefined,
      },
    };
    return {
      context,
      FileType: { Compressed: "compressed" },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      EventType: {
        DialogMessageReceived: "dialogMessageReceived",
        DialogEventReceived: "dialogEventReceived",
      },
      actions: {
        associate: (id: string, fn: (event: unknown) => void) => this.associated.set(id, fn),
      },
      onReady: (cb?: () => void) => {
        cb?.();
        return Promise.resolve({ host: "Excel", platform: "PC" });
      },
    };
  }

  private getFileAsync(
    type: string,
    options: { sliceSize: number },
    cb: (r: unknown) => void
  ): void {
    if (type !== "compressed")
      return cb({ status: "failed", error: { code: 5001, message: "bad type" } });
    const bytes = this.fileBytes;
    const size = options.sliceSize;
    const sliceCount = Math.ceil(bytes.length / size);
    const file = {
      size: bytes.length,
      sliceCount,
      getSliceAsync: (i: number, done: (r: unknown) => void) =>
        setTimeout(
          () =>
            done({
              status: "succeeded",
              value: { index: i, size, data: Array.from(bytes.subarray(i * size, (i + 1) * size)) },
            }),
          0
        ),
      closeAsync: () => {
        this.fileClosed++;
      },
    };
    setTimeout(() => cb({ status: "succeeded", value: file }), 0);
  }

  /** Installs this fake as the global Excel and Office; returns an uninstaller. */
  install(): () => void {
    const g = globalThis as unknown as Record<string, unknown>;
    const before = { Excel: g.Excel, Office: g.Office };
    g.Excel = { run: this.run };
    g.Office = this.officeGlobal();
    return () => {
      g.Excel = before.Excel;
      g.Office = before.Office;
    };
  }
}

export class FakeContext {
  queue: Action[] = [];
  readonly workbook: FakeWorkbook;
  readonly runtime: { enableEvents: boolean };
  readonly application: {
    suspendApiCalculationUntilNextSync(): void;
    suspendScreenUpdatingUntilNextSync(): void;
  };
  /** Proxies loaded in the running sync (cleared if the response is refused). */
  private loadedNow: FakeObject[] = [];
  private responseNow = 0;

  constructor(readonly excel: RecordingExcel) {
    this.workbook = new FakeWorkbook(this);
    const ctx = this;
    this.runtime = {
      set enableEvents(v: boolean) {
        ctx.enqueue("Runtime.enableEvents", [v], () => {
          ctx.excel.requireApi("1.8", "Runtime.enableEvents");
          ctx.model.enableEvents = v;
        });
      },
      get enableEvents(): boolean {
        throw new FakeError("PropertyNotLoaded", "enableEvents not loaded");
      },
    };
    this.application = {
      suspendApiCalculationUntilNextSync: () =>
        this.enqueue("Application.suspendApiCalculationUntilNextSync", [], () =>
          this.excel.requireApi("1.6", "suspendApiCalculationUntilNextSync")
        ),
      suspendScreenUpdatingUntilNextSync: () =>
        this.enqueue("Application.suspendScreenUpdatingUntilNextSync", [], () =>
          this.excel.requireApi("1.9", "suspendScreenUpdatingUntilNextSync")
        ),
    };
  }

  get model(): WorkbookModel {
    return this.excel.model;
  }

  enqueue(
    label: string,
    args: unknown,
    run: () => void,
    writes?: () => SheetModel | undefined
  ): void {
    this.queue.push({ label, bytes: jsonBytes(args) + ACTION_ENVELOPE, run, writes });
  }

  noteLoad(obj: FakeObject, bytes: number): void {
    this.loadedNow.push(obj);
    this.responseNow += bytes;
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.loadedNow = [];
    this.responseNow = 0;
    const record: SyncRecord = {
      requestBytes: queue.reduce((n, a) => n + a.bytes, 0),
      responseBytes: 0,
      actions: queue.length,
    };
    this.excel.syncs.push(record);
    this.excel.beforeSync?.(
      this.excel.syncs.length - 1,
      queue.map((a) => a.label)
    );
    await Promise.resolve();
    if (this.excel.enforceWebLimits && record.requestBytes > WEB_LIMIT) {
      record.error = "RequestPayloadSizeLimitExceeded";
      throw new FakeError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size (${record.requestBytes}) has exceeded the limit.`
      );
    }
    for (const [i, a] of queue.entries()) {
      try {
        const sheet = a.writes?.();
        if (sheet?.protected)
          throw new FakeError(
            "AccessDenied",
            `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`
          );
        a.run();
      } catch (e) {
        const err =
          e instanceof FakeError
            ? e
            : new FakeError("GeneralException", e instanceof Error ? e.message : String(e));
        err.debugInfo.errorLocation = a.label;
        record.error = err.code;
        record.failedAt = i;
        record.responseBytes = this.responseNow;
        throw err;
      }
    }
    record.responseBytes = this.responseNow;
    if (this.excel.enforceWebLimits && this.responseNow > WEB_LIMIT) {
      for (const o of this.loadedNow) o.loaded.clear();
      record.error = "ResponsePayloadSizeLimitExceeded";
      throw new FakeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (${this.responseNow}) has exceeded the limit.`
      );
    }
  }
}

// ------------------------------------------------------------------------------------ proxies

function parseLoad(spec: unknown): string[] {
  if (spec === undefined) return [];
  if (typeof spec === "string")
    return spec
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => parseLoad(s));
  throw new Error("fake: object load options are not supported");
}

export abstract class FakeObject {
  loaded = new Map<string, unknown>();
  constructor(readonly ctx: FakeContext) {}

  protected abstract scalar(name: string): unknown;
  protected nav(name: string): FakeObject | undefined {
    void name;
    return undefined;
  }
  /** Null objects load nothing and say so. */
  protected isNull(): boolean {
    return false;
  }

  load(spec?: unknown): this {
    const paths = parseLoad(spec);
    this.ctx.enqueue(`${this.constructor.name}.load`, paths, () => {
      for (const p of paths) this.loadPath(p.split("/"));
    });
    return this;
  }

  loadPath(parts: string[]): void {
    if (this.isNull()) {
      this.loaded.set("isNullObject", true);
      return;
    }
    this.loaded.set("isNullObject", false);
    if (parts.length === 1) {
      const v = this.scalar(parts[0]);
      this.loaded.set(parts[0], v);
      this.ctx.noteLoad(this, jsonBytes(v) + parts[0].length + 4);
      return;
    }
    const child = this.nav(parts[0]);
    if (!child)
      throw new Error(`fake: ${this.constructor.name} has no navigation property ${parts[0]}`);
    child.loadPath(parts.slice(1));
  }

  protected got<T>(name: string): T {
    if (!this.loaded.has(name))
      throw new FakeError(
        "PropertyNotLoaded",
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()".`
      );
    return this.loaded.get(name) as T;
  }

  get isNullObject(): boolean {
    return this.got<boolean>("isNullObject");
  }
}

abstract class FakeCollection<M, P extends FakeObject> extends FakeObject {
  private _items: P[] | null = null;
  protected abstract list(): M[];
  protected abstract item(m: M): P;
  protected scalar(name: string): unknown {
    if (name === "count") return this.list().length;
    throw new Error(`fake: collection scalar ${name}`);
  }
  override load(spec?: unknown): this {
    const paths = parseLoad(spec);
    this.ctx.enqueue(`${this.constructor.name}.load`, paths, () => {
      // One load materialises the items once; every "items/…" path is loaded on them.
      const items = this.list().map((m) => this.item(m));
      this._items = items;
      this.ctx.noteLoad(this, 8 * items.length);
      for (const p of paths) {
        const parts = p.split("/");
        if (parts[0] !== "items") this.loadPath(parts);
        else if (parts.length > 1) for (const it of items) it.loadPath(parts.slice(1));
      }
    });
    return this;
  }
  get items(): P[] {
    if (!this._items) throw new FakeError("PropertyNotLoaded", "items not loaded");
    return this._items;
  }
}

export class FakeWorkbook extends FakeObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly protection: FakeWorkbookProtection;
  constructor(ctx: FakeContext) {
    super(ctx);
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.tables = new FakeTableCollection(ctx, null);
    this.protection = new FakeWorkbookProtection(ctx);
  }
  protected scalar(name: string): unknown {
    throw new Error(`fake: Workbook.${name}`);
  }
}

class FakeWorkbookProtection extends FakeObject {
  protected scalar(name: string): unknown {
    if (name === "protected") return this.ctx.model.protected;
    throw new Error(`fake: WorkbookProtection.${name}`);
  }
  get protected(): boolean {
    return this.got("protected");
  }
}

export class FakeWorksheetCollection extends FakeCollection<SheetModel, FakeWorksheet> {
  protected list(): SheetModel[] {
    return this.ctx.model.sheets;
  }
  protected item(m: SheetModel): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => m);
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.sheet(name));
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, () => this.ctx.model.sheet(name), true);
    this.ctx.enqueue("WorksheetCollection.getItemOrNullObject", [name], () => {
      const exists = this.ctx.model.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase());
      ws.loaded.set("isNullObject", !exists);
    });
    return ws;
  }
  add(name?: string): FakeWorksheet {
    let created: SheetModel | undefined;
    this.ctx.enqueue("WorksheetCollection.add", [name], () => {
      if (this.ctx.model.protected)
        throw new FakeError("AccessDenied", "The workbook's structure is protected.");
      const n = name ?? `Sheet${this.ctx.model.sheets.length + 1}`;
      if (this.ctx.model.sheets.some((s) => s.name.toLowerCase() === n.toLowerCase()))
        throw new FakeError("ItemAlreadyExists", `A worksheet named ${n} exists.`);
      created = new SheetModel(n);
      this.ctx.model.sheets.push(created);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!created) throw new FakeError("InvalidObjectPath", "sheet not created");
      return created;
    });
  }
}

export class FakeWorksheet extends FakeObject {
  private children = new Map<string, FakeObject>();
  constructor(
    ctx: FakeContext,
    readonly resolve: () => SheetModel,
    private readonly nullable = false
  ) {
    super(ctx);
  }
  protected override isNull(): boolean {
    if (!this.nullable) return false;
    try {
      this.resolve();
      return false;
    } catch {
      return true;
    }
  }
  protected scalar(name: string): unknown {
    const s = this.resolve();
    if (name === "name") return s.name;
    if (name === "id") return s.id;
    if (name === "position") return this.ctx.model.sheets.indexOf(s);
    if (name === "visibility") return s.visibility;
    throw new Error(`fake: Worksheet.${name}`);
  }
  protected override nav(name: string): FakeObject | undefined {
    if (name === "protection") return this.protection;
    return undefined;
  }
  get name(): string {
    return this.got("name");
  }
  get id(): string {
    return this.got("id");
  }
  get position(): number {
    return this.got("position");
  }
  set position(p: number) {
    this.ctx.enqueue("Worksheet.position", [p], () => {
      const s = this.resolve();
      const list = this.ctx.model.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(p, list.length), 0, s);
    });
  }
  set visibility(v: string) {
    this.ctx.enqueue("Worksheet.visibility", [v], () => {
      this.resolve().visibility = v;
    });
  }
  set tabColor(v: string) {
    this.ctx.enqueue("Worksheet.tabColor", [v], () => {
      this.ctx.excel.requireApi("1.7", "Worksheet.tabColor");
      this.resolve().tabColor = v;
    });
  }
  get protection(): FakeSheetProtection {
    return this.child("protection", () => new FakeSheetProtection(this.ctx, this.resolve));
  }
  private child<T extends FakeObject>(k: string, make: () => T): T {
    let c = this.children.get(k);
    if (!c) {
      c = make();
      this.children.set(k, c);
    }
    return c as T;
  }
  get tables(): FakeTableCollection {
    return this.child("tables", () => new FakeTableCollection(this.ctx, this.resolve));
  }
  /** Worksheet.names (ExcelApi 1.4): add, and getItemOrNullObject for a scoped name. */
  get names(): {
    add(name: string, reference: FakeRange | string): void;
    getItemOrNullObject(name: string): FakeNamedItem;
  } {
    const ctx = this.ctx;
    const sheet = this.resolve;
    return {
      add: (name: string, reference: FakeRange | string) =>
        ctx.enqueue("NamedItemCollection.add", [name], () => {
          ctx.excel.requireApi("1.4", "Worksheet.names.add");
          const s = sheet();
          if ([...s.names.keys()].some((k) => k.toLowerCase() === name.toLowerCase()))
            throw new FakeError("ItemAlreadyExists", `The name ${name} exists.`);
          s.names.set(name, typeof reference === "string" ? reference : "(range)");
        }),
      // On a null sheet (getItemOrNullObject of a sheet not there) the name is null too.
      getItemOrNullObject: (name: string) =>
        new FakeNamedItem(ctx, () => {
          if (this.isNull()) return this.nullChain();
          return (
            [...sheet().names.keys()].find((k) => k.toLowerCase() === name.toLowerCase()) ?? null
          );
        }),
    };
  }
  private _charts: FakeChartCollection | null = null;
  get charts(): FakeChartCollection {
    if (!this._charts) this._charts = new FakeChartCollection(this.ctx, this.resolve);
    return this._charts;
  }
  get freezePanes(): {
    freezeRows(n: number): void;
    freezeColumns(n: number): void;
    freezeAt(r: FakeRange): void;
  } {
    const ctx = this.ctx;
    const sheet = this.resolve;
    return {
      freezeRows: (n: number) =>
        ctx.enqueue(
          "FreezePanes.freezeRows",
          [n],
          () =>
            void (
              ctx.excel.requireApi("1.7", "freezePanes"),
              (sheet().freeze = { rows: n, cols: 0 })
            )
        ),
      freezeColumns: (n: number) =>
        ctx.enqueue(
          "FreezePanes.freezeColumns",
          [n],
          () =>
            void (
              ctx.excel.requireApi("1.7", "freezePanes"),
              (sheet().freeze = { rows: 0, cols: n })
            )
        ),
      freezeAt: (r: FakeRange) =>
        ctx.enqueue("FreezePanes.freezeAt", [], () => {
          ctx.excel.requireApi("1.7", "freezePanes");
          const { box } = r.resolve();
          sheet().freeze = { rows: box.r1 + 1, cols: box.c1 + 1 };
        }),
    };
  }
  get pageLayout(): {
    orientation: string;
    zoom: unknown;
    paperSize: string;
    topMargin: number;
    bottomMargin: number;
    leftMargin: number;
    rightMargin: number;
    headerMargin: number;
    footerMargin: number;
    headersFooters: {
      defaultForAllPages: Record<
        | "leftHeader"
        | "centerHeader"
        | "rightHeader"
        | "leftFooter"
        | "centerFooter"
        | "rightFooter",
        string
      >;
    };
    setPrintArea(a: string): void;
    setPrintTitleRows(a: string): void;
  } {
    const ctx = this.ctx;
    const sheet = this.resolve;
    // Where ExcelApi 1.9 is missing every pageLayout action fails at sync, as the real API does.
    const need = () => ctx.excel.requireApi("1.9", "Worksheet.pageLayout");
    const margin = (name: string) => ({
      set(v: number) {
        ctx.enqueue(`PageLayout.${name}`, [v], () => {
          need();
          const l = sheet().pageLayout;
          l.margins = { ...l.margins, [name]: v };
        });
      },
      get(): number {
        throw new FakeError("PropertyNotLoaded", name);
      },
    });
    const hf: Record<string, string> = {};
    for (const name of [
      "leftHeader",
      "centerHeader",
      "rightHeader",
      "leftFooter",
      "centerFooter",
      "rightFooter",
    ]) {
      Object.defineProperty(hf, name, {
        set(v: string) {
          ctx.enqueue(`HeaderFooter.${name}`, [v], () => {
            need();
            const l = sheet().pageLayout;
            l.headerFooter = { ...l.headerFooter, [name]: v };
          });
        },
        get(): string {
          throw new FakeError("PropertyNotLoaded", name);
        },
      });
    }
    const layout = {
      set orientation(v: string) {
        ctx.enqueue(
          "PageLayout.orientation",
          [v],
          () => void (need(), (sheet().pageLayout.orientation = v))
        );
      },
      get orientation(): string {
        throw new FakeError("PropertyNotLoaded", "orientation");
      },
      set zoom(v: unknown) {
        ctx.enqueue("PageLayout.zoom", [v], () => void (need(), (sheet().pageLayout.zoom = v)));
      },
      get zoom(): unknown {
        throw new FakeError("PropertyNotLoaded", "zoom");
      },
      set paperSize(v: string) {
        ctx.enqueue(
          "PageLayout.paperSize",
          [v],
          () => void (need(), (sheet().pageLayout.paperSize = v))
        );
      },
      get paperSize(): string {
        throw new FakeError("PropertyNotLoaded", "paperSize");
      },
      headersFooters: { defaultForAllPages: hf },
      setPrintArea: (a: string) =>
        ctx.enqueue(
          "PageLayout.setPrintArea",
          [a],
          () => void (need(), (sheet().pageLayout.printArea = a))
        ),
      setPrintTitleRows: (a: string) =>
        ctx.enqueue(
          "PageLayout.setPrintTitleRows",
          [a],
          () => void (need(), (sheet().pageLayout.titleRows = a))
        ),
    };
    for (const name of [
      "topMargin",
      "bottomMargin",
      "leftMargin",
      "rightMargin",
      "headerMargin",
      "footerMargin",
    ])
      Object.defineProperty(layout, name, margin(name));
    return layout as unknown as ReturnType<() => FakeWorksheet["pageLayout"]>;
  }
  get horizontalPageBreaks(): { add(address: string): void } {
    const ctx = this.ctx;
    const sheet = this.resolve;
    return {
      add: (address: string) =>
        ctx.enqueue("PageBreakCollection.add", [address], () => {
          ctx.excel.requireApi("1.9", "horizontalPageBreaks");
          const l = sheet().pageLayout;
          l.breaks = [...(l.breaks ?? []), address];
        }),
    };
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const s = this.resolve();
        if (address === undefined)
          return { sheet: s, box: { r0: 0, c0: 0, r1: MAX_ROW, c1: MAX_COL } };
        return { sheet: s, box: parseAddress(address).box };
      },
      // A range of a null sheet is null too (docs/EXCEL-CHECKLIST.md asks real Excel).
      this.nullable ? () => this.isNull() && this.nullChain() === null : undefined
    );
  }
  /** Null, for a call queued on this null sheet; or the failure, where Excel refuses it. */
  private nullChain(): null {
    if (!this.ctx.excel.nullChains)
      throw new FakeError("ItemNotFound", "The requested resource doesn't exist (null sheet).");
    return null;
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      this.ctx.excel.requireApi("1.7", "getRangeByIndexes");
      if (row < 0 || col < 0 || rows < 1 || cols < 1 || row + rows - 1 > MAX_ROW)
        throw new FakeError("InvalidArgument", "bad indexes");
      return {
        sheet: this.resolve(),
        box: { r0: row, c0: col, r1: row + rows - 1, c1: col + cols - 1 },
      };
    });
  }
  delete(): void {
    this.ctx.enqueue("Worksheet.delete", [], () => {
      const s = this.resolve();
      if (this.ctx.model.protected)
        throw new FakeError("AccessDenied", "The workbook's structure is protected.");
      const m = this.ctx.model;
      if (m.sheets.length === 1)
        throw new FakeError(
          "InvalidOperation",
          "A workbook must contain at least one visible worksheet."
        );
      m.sheets.splice(m.sheets.indexOf(s), 1);
      m.tables = m.tables.filter((t) => t.sheet !== s);
      if (m.active === s.name) m.active = m.sheets[0].name;
    });
  }
  activate(): void {
    this.ctx.enqueue("Worksheet.activate", [], () => {
      this.ctx.model.active = this.resolve().name;
    });
  }
}

export class FakeNamedItem extends FakeObject {
  constructor(
    ctx: FakeContext,
    private readonly find: () => string | null
  ) {
    super(ctx);
  }
  protected override isNull(): boolean {
    return this.find() === null;
  }
  protected scalar(name: string): unknown {
    if (name === "name") return this.find();
    // Worksheet.names holds the names scoped to the sheet.
    if (name === "scope") return "Worksheet";
    throw new Error(`fake: NamedItem.${name}`);
  }
  get name(): string {
    return this.got("name");
  }
  get scope(): string {
    return this.got("scope");
  }
}

class FakeSheetProtection extends FakeObject {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => SheetModel
  ) {
    super(ctx);
  }
  protected scalar(name: string): unknown {
    if (name === "protected") return this.sheet().protected;
    throw new Error(`fake: WorksheetProtection.${name}`);
  }
  get protected(): boolean {
    return this.got("protected");
  }
}

export class FakeTableCollection extends FakeCollection<TableModel, FakeTable> {
  constructor(
    ctx: FakeContext,
    private readonly sheet: (() => SheetModel) | null
  ) {
    super(ctx);
  }
  protected list(): TableModel[] {
    const s = this.sheet?.();
    return this.ctx.model.tables.filter((t) => !s || t.sheet === s);
  }
  protected item(m: TableModel): FakeTable {
    return new FakeTable(this.ctx, () => m);
  }
  getItem(name: string): FakeTable {
    return new FakeTable(this.ctx, () => this.ctx.model.table(name));
  }
  /**
   * TableCollection.getItemOrNullObject (ExcelApi 1.4). When the table is absent, what is
   * queued on it (its ranges, its worksheet) is a null object too and loads nothing, the sync
   * succeeding (docs/EXCEL-CHECKLIST.md asks real Excel to confirm the propagation).
   */
  getItemOrNullObject(name: string): FakeTable {
    const absent = () =>
      !this.ctx.model.tables.some(
        (t) => t.name.toLowerCase() === name.toLowerCase() || t.id === name
      );
    const table = new FakeTable(this.ctx, () => this.ctx.model.table(name), absent);
    this.ctx.enqueue("TableCollection.getItemOrNullObject", [name], () => {
      this.ctx.excel.requireApi("1.4", "TableCollection.getItemOrNullObject");
      table.loaded.set("isNullObject", absent());
    });
    return table;
  }
  add(address: string, hasHeaders: boolean): FakeTable {
    let created: TableModel | undefined;
    const sheetOf = this.sheet;
    this.ctx.enqueue(
      "TableCollection.add",
      [address, hasHeaders],
      () => {
        const m = this.ctx.model;
        const parsed = parseAddress(address);
        const sheet = parsed.sheet ? m.sheet(parsed.sheet) : sheetOf?.();
        if (!sheet) throw new FakeError("InvalidArgument", "no sheet for the table");
        const box = parsed.box;
        if (m.tables.some((t) => t.sheet === sheet && intersects(t.box, box)))
          throw new FakeError("InvalidArgument", "A table can't overlap another table.");
        if (sheet.merges.some((a) => intersects(parseAddress(a).box, box)))
          throw new FakeError("MergedRangeConflict", "A table can't overlap merged cells.");
        const height = Math.max(1, box.r1 - box.r0);
        const t = new TableModel(
          m.nextId("Table"),
          sheet,
          box.r0,
          box.c0,
          box.c1 - box.c0 + 1,
          height
        );
        const seen = new Set<string>();
        for (let i = 0; i < t.width; i++) {
          let h = String(sheet.get(box.r0, box.c0 + i));
          if (h === "") h = `Column${i + 1}`;
          let name = h;
          for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${h}${k}`;
          seen.add(name.toLowerCase());
          if (name !== sheet.get(box.r0, box.c0 + i)) sheet.set(box.r0, box.c0 + i, name);
        }
        m.tables.push(t);
        created = t;
      },
      () =>
        parseAddress(address).sheet
          ? this.ctx.model.sheet(parseAddress(address).sheet as string)
          : sheetOf?.()
    );
    return new FakeTable(this.ctx, () => {
      if (!created) throw new FakeError("InvalidObjectPath", "table not created");
      return created;
    });
  }
}

export class FakeTable extends FakeObject {
  readonly columns: FakeTableColumns;
  readonly rows: {
    add(index: number | undefined, values: unknown[][]): void;
    getItemAt(index: number): { load(spec?: unknown): unknown };
  };
  constructor(
    ctx: FakeContext,
    readonly resolve: () => TableModel,
    /** Set for getItemOrNullObject: true when the table is absent at sync time. */
    private readonly absent?: () => boolean
  ) {
    super(ctx);
    this.columns = new FakeTableColumns(ctx, resolve);
    this.rows = {
      getItemAt: (index: number) => {
        const row = {
          load: () => {
            ctx.enqueue("TableRowCollection.getItemAt", [index], () => {
              if (index < 0 || index >= resolve().height)
                throw new FakeError("ItemNotFound", `The table has no row ${index}.`);
            });
            return row;
          },
        };
        return row;
      },
      add: (index: number | undefined, values: unknown[][]) =>
        ctx.enqueue(
          "TableRowCollection.add",
          [index, values],
          () => {
            const t = resolve();
            if (index !== undefined && index !== null)
              throw new Error("fake: rows.add at an index");
            const k = values.length;
            const below = t.top + t.height + 1;
            t.sheet.shiftRows(t.left, t.left + t.width - 1, below, k);
            for (const other of ctx.model.tables)
              if (
                other !== t &&
                other.sheet === t.sheet &&
                other.top >= below &&
                other.left >= t.left &&
                other.left + other.width <= t.left + t.width
              )
                other.top += k;
            values.forEach((row, r) =>
              row.forEach((v, c) => t.sheet.write(below + r, t.left + c, v, false))
            );
            t.height += k;
          },
          () => resolve().sheet
        ),
    };
  }
  protected scalar(name: string): unknown {
    const t = this.resolve();
    if (name === "name") return t.name;
    if (name === "id") return t.id;
    if (name === "showTotals") return t.showTotals;
    if (name === "style") return t.style;
    throw new Error(`fake: Table.${name}`);
  }
  private _ws: FakeWorksheet | null = null;
  protected override isNull(): boolean {
    return this.absent?.() ?? false;
  }
  protected override nav(name: string): FakeObject | undefined {
    if (name === "worksheet") return this.worksheet;
    return undefined;
  }
  get worksheet(): FakeWorksheet {
    if (!this._ws)
      this._ws = new FakeWorksheet(this.ctx, () => this.resolve().sheet, !!this.absent);
    return this._ws;
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.ctx.enqueue("Table.name", [v], () => {
      const t = this.resolve();
      if (this.ctx.model.tables.some((x) => x !== t && x.name.toLowerCase() === v.toLowerCase()))
        throw new FakeError("ItemAlreadyExists", `A table named ${v} exists.`);
      t.name = v;
    });
  }
  get showTotals(): boolean {
    return this.got("showTotals");
  }
  get id(): string {
    return this.got("id");
  }
  /** Table.onChanged (ExcelApi 1.7): add() registers at the next sync; remove() unregisters at the sync after it. */
  get onChanged(): {
    add(handler: (args: unknown) => unknown): { context: FakeContext; remove(): void };
  } {
    const ctx = this.ctx;
    const resolve = this.resolve;
    return {
      add: (handler) => {
        let entry: { table: TableModel; handler: (args: unknown) => unknown } | null = null;
        ctx.enqueue("Table.onChanged.add", [], () => {
          ctx.excel.requireApi("1.7", "Table.onChanged");
          entry = { table: resolve(), handler };
          ctx.excel.handlers.push(entry);
        });
        return {
          context: ctx,
          remove: () =>
            ctx.enqueue("EventHandlerResult.remove", [], () => {
              ctx.excel.handlers = ctx.excel.handlers.filter((h) => h !== entry);
            }),
        };
      },
    };
  }
  set style(v: string) {
    this.ctx.enqueue("Table.style", [v], () => {
      this.resolve().style = v;
    });
  }
  getRange(): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const t = this.resolve();
        return { sheet: t.sheet, box: { ...t.box, r1: t.top + t.height + (t.showTotals ? 1 : 0) } };
      },
      this.absent
    );
  }
  getHeaderRowRange(): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const t = this.resolve();
        return {
          sheet: t.sheet,
          box: { r0: t.top, c0: t.left, r1: t.top, c1: t.left + t.width - 1 },
        };
      },
      this.absent
    );
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const t = this.resolve();
        return {
          sheet: t.sheet,
          box: { r0: t.top + 1, c0: t.left, r1: t.top + t.height, c1: t.left + t.width - 1 },
        };
      },
      this.absent
    );
  }
  resize(target: string | FakeRange): void {
    this.ctx.enqueue(
      "Table.resize",
      [typeof target === "string" ? target : "(range)"],
      () => {
        this.ctx.excel.requireApi("1.13", "Table.resize");
        const t = this.resolve();
        if (typeof target !== "string" && target.resolve().sheet !== t.sheet)
          throw new FakeError("InvalidArgument", "The new range is on another sheet.");
        const b = typeof target === "string" ? parseAddress(target).box : target.resolve().box;
        if (b.r0 !== t.top || b.c0 !== t.left)
          throw new FakeError("InvalidArgument", "The table's header must stay in place.");
        t.width = b.c1 - b.c0 + 1;
        t.height = Math.max(1, b.r1 - b.r0);
      },
      () => this.resolve().sheet
    );
  }
}

class FakeTableColumns {
  constructor(
    private readonly ctx: FakeContext,
    private readonly table: () => TableModel
  ) {}
  add(index: number | undefined, values: unknown, name?: string): void {
    this.ctx.enqueue(
      "TableColumnCollection.add",
      [index, values, name],
      () => {
        const t = this.table();
        if (index !== undefined && index !== null) throw new Error("fake: columns.add at an index");
        if (values !== undefined && values !== null)
          throw new Error("fake: columns.add with values");
        const col = t.left + t.width;
        t.sheet.shiftCols(t.top, t.top + t.height, col, 1);
        const taken = new Set(t.headers.map((h) => h.toLowerCase()));
        let n = name ?? `Column${t.width + 1}`;
        for (let k = 2; taken.has(n.toLowerCase()); k++) n = `${name}${k}`;
        t.sheet.set(t.top, col, n);
        t.width++;
      },
      () => this.table().sheet
    );
  }
  getItem(name: string): FakeTableColumn {
    return new FakeTableColumn(this.ctx, () => {
      const t = this.table();
      const i = t.headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
      if (i < 0)
        throw new FakeError("ItemNotFound", `The requested resource doesn't exist: column ${name}`);
      return { t, i };
    });
  }
  getItemAt(i: number): FakeTableColumn {
    return new FakeTableColumn(this.ctx, () => {
      const t = this.table();
      if (i < 0 || i >= t.width) throw new FakeError("ItemNotFound", `no column ${i}`);
      return { t, i };
    });
  }
}

class FakeTableColumn {
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => { t: TableModel; i: number }
  ) {}
  /** Loading is a look-up: it fails (ItemNotFound) when the column is gone or renamed. */
  load(spec?: unknown): this {
    this.ctx.enqueue("TableColumn.load", [spec ?? null], () => void this.resolve());
    return this;
  }
  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { t, i } = this.resolve();
      return { sheet: t.sheet, box: { r0: t.top, c0: t.left + i, r1: t.top, c1: t.left + i } };
    });
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { t, i } = this.resolve();
      return {
        sheet: t.sheet,
        box: { r0: t.top + 1, c0: t.left + i, r1: t.top + t.height, c1: t.left + i },
      };
    });
  }
  delete(): void {
    this.ctx.enqueue(
      "TableColumn.delete",
      [],
      () => {
        const { t, i } = this.resolve();
        const c = t.left + i;
        for (let r = t.top; r <= t.top + t.height; r++) {
          const row = t.sheet.rows.get(r);
          if (row && row.length > c) row.splice(c, 1);
        }
        t.width--;
      },
      () => this.resolve().t.sheet
    );
  }
}

interface Resolved {
  sheet: SheetModel;
  box: Box;
}

export class FakeRange extends FakeObject {
  private _cfs: FakeConditionalFormats | null = null;
  private _ws: FakeWorksheet | null = null;
  constructor(
    ctx: FakeContext,
    readonly resolve: () => Resolved,
    /** A range of a null object (getItemOrNullObject's table): null when that is absent. */
    readonly absent?: () => boolean
  ) {
    super(ctx);
  }
  protected override isNull(): boolean {
    return this.absent?.() ?? false;
  }
  protected scalar(name: string): unknown {
    const { sheet, box } = this.resolve();
    const rows = box.r1 - box.r0 + 1;
    const cols = box.c1 - box.c0 + 1;
    switch (name) {
      case "address":
        return `${quoteName(sheet.name)}!${boxA1(box)}`;
      case "rowIndex":
        return box.r0;
      case "columnIndex":
        return box.c0;
      case "rowCount":
        return rows;
      case "columnCount":
        return cols;
      case "values":
      case "formulas":
      case "numberFormat": {
        if (rows * cols > 5_000_000)
          throw new FakeError("ResponsePayloadSizeLimitExceeded", "too many cells");
        return Array.from({ length: rows }, (_, r) =>
          Array.from({ length: cols }, (_, c) => {
            const k = key(box.r0 + r, box.c0 + c);
            if (name === "formulas")
              return sheet.formulas.get(k) ?? sheet.get(box.r0 + r, box.c0 + c);
            if (name === "numberFormat") return sheet.numberFormats.get(k) ?? "General";
            return sheet.get(box.r0 + r, box.c0 + c);
          })
        );
      }
      default:
        throw new Error(`fake: Range.${name}`);
    }
  }
  get values(): V[][] {
    return this.got("values");
  }
  set values(m: unknown[][]) {
    this.setMatrix("values", m);
  }
  get formulas(): V[][] {
    return this.got("formulas");
  }
  set formulas(m: unknown[][]) {
    this.setMatrix("formulas", m);
  }
  get numberFormat(): string[][] {
    return this.got("numberFormat");
  }
  set numberFormat(m: unknown[][]) {
    this.setMatrix("numberFormat", m);
  }
  get address(): string {
    return this.got("address");
  }
  get rowIndex(): number {
    return this.got("rowIndex");
  }
  get columnIndex(): number {
    return this.got("columnIndex");
  }
  get rowCount(): number {
    return this.got("rowCount");
  }
  get columnCount(): number {
    return this.got("columnCount");
  }
  private setMatrix(kind: "values" | "formulas" | "numberFormat", m: unknown[][]): void {
    this.ctx.enqueue(
      `Range.${kind}`,
      m,
      () => {
        const { sheet, box } = this.resolve();
        const rows = box.r1 - box.r0 + 1;
        const cols = box.c1 - box.c0 + 1;
        if (
          !Array.isArray(m) ||
          m.length !== rows ||
          m.some((r) => !Array.isArray(r) || r.length !== cols)
        ) {
          throw new FakeError(
            "InvalidArgument",
            `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}x${cols}).`
          );
        }
        m.forEach((row, r) =>
          row.forEach((v, c) => {
            if (kind === "numberFormat") {
              if (v !== null && v !== undefined)
                sheet.numberFormats.set(key(box.r0 + r, box.c0 + c), String(v));
            } else sheet.write(box.r0 + r, box.c0 + c, v, kind === "formulas");
          })
        );
      },
      () => this.resolve().sheet
    );
  }
  private derived(f: (r: Resolved) => Box): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const r = this.resolve();
        const box = f(r);
        if (
          box.r0 < 0 ||
          box.c0 < 0 ||
          box.r1 > MAX_ROW ||
          box.c1 > MAX_COL ||
          box.r1 < box.r0 ||
          box.c1 < box.c0
        )
          throw new FakeError("InvalidArgument", "The range is outside the worksheet.");
        return { sheet: r.sheet, box };
      },
      this.absent
    );
  }
  getRow(i: number): FakeRange {
    return this.derived(({ box }) => ({ r0: box.r0 + i, r1: box.r0 + i, c0: box.c0, c1: box.c1 }));
  }
  getCell(r: number, c: number): FakeRange {
    return this.derived(({ box }) => ({
      r0: box.r0 + r,
      r1: box.r0 + r,
      c0: box.c0 + c,
      c1: box.c0 + c,
    }));
  }
  getResizedRange(dr: number, dc: number): FakeRange {
    return this.derived(({ box }) => ({ ...box, r1: box.r1 + dr, c1: box.c1 + dc }));
  }
  getRowsBelow(n = 1): FakeRange {
    return this.derived(({ box }) => ({ r0: box.r1 + 1, r1: box.r1 + n, c0: box.c0, c1: box.c1 }));
  }
  getIntersection(other: FakeRange): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const a = this.resolve();
        const b = other.resolve();
        const box = {
          r0: Math.max(a.box.r0, b.box.r0),
          c0: Math.max(a.box.c0, b.box.c0),
          r1: Math.min(a.box.r1, b.box.r1),
          c1: Math.min(a.box.c1, b.box.c1),
        };
        if (a.sheet !== b.sheet || box.r0 > box.r1 || box.c0 > box.c1)
          throw new FakeError("InvalidArgument", "The ranges do not intersect.");
        return { sheet: a.sheet, box };
      },
      () => (this.absent?.() ?? false) || (other.absent?.() ?? false)
    );
  }
  get worksheet(): FakeWorksheet {
    if (!this._ws) this._ws = new FakeWorksheet(this.ctx, () => this.resolve().sheet);
    return this._ws;
  }
  get format(): FakeFormat {
    return new FakeFormat(this.ctx, this, "format");
  }
  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this.ctx, this);
  }
  get conditionalFormats(): FakeConditionalFormats {
    if (!this._cfs) this._cfs = new FakeConditionalFormats(this.ctx, this);
    return this._cfs;
  }
  insert(direction: string): void {
    this.ctx.enqueue(
      "Range.insert",
      [direction],
      () => {
        const { sheet, box } = this.resolve();
        if (direction !== "Right" && direction !== "Down")
          throw new Error("fake: insert " + direction);
        const right = direction === "Right";
        const by = right ? box.c1 - box.c0 + 1 : box.r1 - box.r0 + 1;
        // What moves: the cells from the range to the sheet's edge, across the range's rows (or columns).
        const moving: Box = right ? { ...box, c1: MAX_COL } : { ...box, r1: MAX_ROW };
        const tables = this.ctx.model.tables.filter(
          (t) => t.sheet === sheet && intersects(t.box, moving)
        );
        for (const t of tables) {
          const b = t.box;
          const inside = right
            ? b.r0 >= box.r0 && b.r1 <= box.r1
            : b.c0 >= box.c0 && b.c1 <= box.c1;
          if (!inside)
            throw new FakeError("InvalidArgument", "This operation would shift cells in a table.");
        }
        checkMerges(sheet, moving);
        for (const t of tables) {
          if (right && t.left >= box.c0) t.left += by;
          else if (!right && t.top >= box.r0) t.top += by;
        }
        if (right) sheet.shiftCols(box.r0, box.r1, box.c0, by);
        else sheet.shiftRows(box.c0, box.c1, box.r0, by);
        moveReferences(this.ctx.model, sheet, (r, c) => {
          if (r < moving.r0 || r > moving.r1 || c < moving.c0 || c > moving.c1) return null;
          return right ? [r, c + by] : [r + by, c];
        });
      },
      () => this.resolve().sheet
    );
  }
  delete(direction: string): void {
    this.ctx.enqueue(
      "Range.delete",
      [direction],
      () => {
        const { sheet, box } = this.resolve();
        if (direction === "Left") {
          // Only what the host deletes: cells with nothing but whole tables to their right.
          const w = box.c1 - box.c0 + 1;
          const moving: Box = { ...box, c1: MAX_COL };
          for (const t of this.ctx.model.tables) {
            if (t.sheet !== sheet || !intersects(t.box, moving)) continue;
            if (t.box.r0 < box.r0 || t.box.r1 > box.r1 || t.left <= box.c1)
              throw new FakeError(
                "InvalidArgument",
                "This operation would shift cells in a table."
              );
            t.left -= w;
          }
          checkMerges(sheet, moving);
          sheet.clear(box);
          sheet.shiftCols(box.r0, box.r1, box.c1 + 1, -w);
          moveReferences(this.ctx.model, sheet, (r, c) =>
            r >= box.r0 && r <= box.r1 && c > box.c1 ? [r, c - w] : null
          );
          return;
        }
        if (direction !== "Up") throw new Error("fake: delete " + direction);
        const h = box.r1 - box.r0 + 1;
        for (const t of this.ctx.model.tables) {
          if (t.sheet !== sheet) continue;
          const body = {
            r0: t.top + 1,
            r1: t.top + t.height,
            c0: t.left,
            c1: t.left + t.width - 1,
          };
          if (intersects(body, box)) {
            if (box.c0 !== body.c0 || box.c1 !== body.c1 || box.r0 < body.r0 || box.r1 > body.r1)
              throw new FakeError("InvalidArgument", "Only whole table rows can be deleted.");
            if (h >= t.height)
              throw new FakeError("InvalidArgument", "A table keeps at least one row.");
            t.height -= h;
          } else if (t.top > box.r1 && t.left >= box.c0 && t.left + t.width - 1 <= box.c1)
            t.top -= h;
        }
        sheet.clear(box);
        sheet.shiftRows(box.c0, box.c1, box.r1 + 1, -h);
      },
      () => this.resolve().sheet
    );
  }
  clear(applyTo: "All" | "Formats" | "Contents" = "All"): void {
    this.ctx.enqueue(
      "Range.clear",
      [applyTo],
      () => {
        const { sheet, box } = this.resolve();
        if (applyTo !== "Formats") sheet.clear(box);
        if (applyTo !== "Contents")
          sheet.formats = sheet.formats.filter(
            (f) => !intersects(parseAddress(f.address).box, box)
          );
      },
      () => this.resolve().sheet
    );
  }
  merge(across: boolean): void {
    this.ctx.enqueue(
      "Range.merge",
      [across],
      () => {
        const { sheet, box } = this.resolve();
        sheet.merges.push(boxA1(box));
      },
      () => this.resolve().sheet
    );
  }
  select(): void {
    this.ctx.enqueue("Range.select", [], () => {
      const { sheet, box } = this.resolve();
      this.ctx.model.selection = `${quoteName(sheet.name)}!${boxA1(box)}`;
    });
  }
  copyFrom(source: FakeRange, type: string): void {
    this.ctx.enqueue(
      "Range.copyFrom",
      [type],
      () => {
        this.ctx.excel.requireApi("1.9", "Range.copyFrom");
        if (type !== "Values") throw new Error("fake: copyFrom " + type);
        const src = source.resolve();
        const dst = this.resolve();
        for (let r = src.box.r0; r <= src.box.r1; r++) {
          for (let c = src.box.c0; c <= src.box.c1; c++)
            dst.sheet.set(
              dst.box.r0 + r - src.box.r0,
              dst.box.c0 + c - src.box.c0,
              src.sheet.get(r, c)
            );
        }
      },
      () => this.resolve().sheet
    );
  }
}

/** format, format.font, format.fill: every property set is recorded on the sheet. */
class FakeFormat {
  constructor(ctx: FakeContext, range: FakeRange, path: string) {
    return new Proxy(this, {
      get: (_target, prop) => {
        if (typeof prop !== "string" || prop === "then") return undefined;
        if (prop === "font" || prop === "fill")
          return new FakeFormat(ctx, range, `${path}.${prop}`);
        throw new FakeError("PropertyNotLoaded", `${path}.${prop} not loaded`);
      },
      set: (_target, prop, value) => {
        const p = `${path}.${String(prop)}`;
        ctx.enqueue(
          `Range.${p}`,
          [value],
          () => {
            const { sheet, box } = range.resolve();
            if (p === "format.columnWidth") {
              for (let c = box.c0; c <= box.c1; c++) sheet.columnWidths.set(c, Number(value));
            }
            sheet.formats.push({ address: boxA1(box), prop: p, value });
          },
          () => range.resolve().sheet
        );
        return true;
      },
    });
  }
}

class FakeDataValidation {
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange
  ) {}
  private target(): ValidationModel {
    const { sheet, box } = this.range.resolve();
    let v = sheet.validations.find((x) => boxA1(x.box) === boxA1(box));
    if (!v) {
      v = { box, rule: null };
      sheet.validations.push(v);
    }
    return v;
  }
  clear(): void {
    this.ctx.enqueue(
      "DataValidation.clear",
      [],
      () => {
        this.ctx.excel.requireApi("1.8", "dataValidation");
        const { sheet, box } = this.range.resolve();
        sheet.validations = sheet.validations.filter((v) => !intersects(v.box, box));
      },
      () => this.range.resolve().sheet
    );
  }
  set rule(rule: unknown) {
    this.ctx.enqueue(
      "DataValidation.rule",
      [rule],
      () => {
        const { sheet, box } = this.range.resolve();
        if (
          sheet.validations.some(
            (v) => v.rule !== null && intersects(v.box, box) && boxA1(v.box) !== boxA1(box)
          )
        )
          throw new FakeError(
            "InvalidOperation",
            "The range already has data validation: clear it first."
          );
        const source = (rule as { list?: { source?: unknown } } | null)?.list?.source;
        if (typeof source === "string" && source.startsWith("=")) {
          const bang = source.lastIndexOf("!");
          if (bang > 0) {
            const name = formulaSheet(source.slice(1, bang));
            if (!this.ctx.model.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
              throw new FakeError(
                "InvalidArgument",
                `The list source refers to a missing sheet ${name}.`
              );
          }
        }
        this.target().rule = rule;
      },
      () => this.range.resolve().sheet
    );
  }
  set errorAlert(alert: unknown) {
    this.ctx.enqueue(
      "DataValidation.errorAlert",
      [alert],
      () => void (this.target().alert = alert),
      () => this.range.resolve().sheet
    );
  }
  set ignoreBlanks(v: boolean) {
    this.ctx.enqueue(
      "DataValidation.ignoreBlanks",
      [v],
      () => void (this.target().ignoreBlanks = v),
      () => this.range.resolve().sheet
    );
  }
}

class FakeConditionalFormats extends FakeCollection<CFModel, FakeConditionalFormat> {
  constructor(
    ctx: FakeContext,
    private readonly range: FakeRange
  ) {
    super(ctx);
  }
  protected list(): CFModel[] {
    this.ctx.excel.requireApi("1.6", "conditionalFormats");
    const { sheet, box } = this.range.resolve();
    return sheet.cfs.filter((cf) => intersects(cf.box, box));
  }
  protected item(m: CFModel): FakeConditionalFormat {
    return new FakeConditionalFormat(
      this.ctx,
      () => m,
      () => this.range.resolve().sheet
    );
  }
  getItem(id: string): FakeConditionalFormat {
    const sheet = () => this.range.resolve().sheet;
    return new FakeConditionalFormat(
      this.ctx,
      () => {
        const cf = sheet().cfs.find((c) => c.id === id);
        if (!cf) throw new FakeError("ItemNotFound", `no conditional format ${id}`);
        return cf;
      },
      sheet
    );
  }
  add(type: string): FakeConditionalFormat {
    let created: CFModel | undefined;
    const sheet = () => this.range.resolve().sheet;
    this.ctx.enqueue(
      "ConditionalFormatCollection.add",
      [type],
      () => {
        this.ctx.excel.requireApi("1.6", "conditionalFormats");
        const { sheet: s, box } = this.range.resolve();
        created = { id: this.ctx.model.nextId("cf"), type, box, formula: "" };
        s.cfs.unshift(created); // the newest has the highest priority
      },
      sheet
    );
    return new FakeConditionalFormat(
      this.ctx,
      () => {
        if (!created) throw new FakeError("InvalidObjectPath", "no format");
        return created;
      },
      sheet
    );
  }
}

class FakeConditionalFormat extends FakeObject {
  constructor(
    ctx: FakeContext,
    readonly resolve: () => CFModel,
    private readonly sheet: () => SheetModel
  ) {
    super(ctx);
  }
  protected scalar(name: string): unknown {
    const cf = this.resolve();
    if (name === "id") return cf.id;
    if (name === "type") return cf.type;
    throw new Error(`fake: ConditionalFormat.${name}`);
  }
  private _custom: FakeCustom | null = null;
  protected override nav(name: string): FakeObject | undefined {
    if (name === "customOrNullObject") return this.customOrNullObject;
    return undefined;
  }
  get id(): string {
    return this.got("id");
  }
  get type(): string {
    return this.got("type");
  }
  get customOrNullObject(): FakeCustom {
    if (!this._custom) this._custom = new FakeCustom(this.ctx, () => this.resolve(), this.sheet);
    return this._custom;
  }
  get custom(): FakeCustom {
    return this.customOrNullObject;
  }
  delete(): void {
    this.ctx.enqueue(
      "ConditionalFormat.delete",
      [],
      () => {
        const cf = this.resolve();
        const s = this.sheet();
        s.cfs = s.cfs.filter((x) => x !== cf);
      },
      this.sheet
    );
  }
}

class FakeCustom extends FakeObject {
  readonly rule: FakeObject & { formula: string };
  readonly format: { fill: { color: string } };
  constructor(
    ctx: FakeContext,
    private readonly cf: () => CFModel,
    sheet: () => SheetModel
  ) {
    super(ctx);
    const self = this;
    class Rule extends FakeObject {
      protected scalar(name: string): unknown {
        if (name === "formula") return cf().formula;
        throw new Error(`fake: ConditionalFormatRule.${name}`);
      }
      protected override isNull(): boolean {
        return self.isNullNow();
      }
      get formula(): string {
        return this.got("formula");
      }
      set formula(v: string) {
        ctx.enqueue(
          "ConditionalFormatRule.formula",
          [v],
          () => {
            if (!v.startsWith("="))
              throw new FakeError("InvalidArgument", "A conditional format formula starts with =.");
            checkFormulaText(v);
            cf().formula = v;
          },
          sheet
        );
      }
    }
    this.rule = new Rule(ctx);
    this.format = {
      fill: {
        set color(v: string) {
          ctx.enqueue("ConditionalRangeFill.color", [v], () => void (cf().fill = v), sheet);
        },
        get color(): string {
          throw new FakeError("PropertyNotLoaded", "color");
        },
      },
    };
  }
  isNullNow(): boolean {
    return this.cf().type !== "Custom";
  }
  protected override isNull(): boolean {
    return this.isNullNow();
  }
  protected scalar(name: string): unknown {
    throw new Error(`fake: CustomConditionalFormat.${name}`);
  }
  protected override nav(name: string): FakeObject | undefined {
    return name === "rule" ? this.rule : undefined;
  }
  override loadPath(parts: string[]): void {
    this.loaded.set("isNullObject", this.isNullNow());
    if (this.isNullNow()) return;
    super.loadPath(parts);
  }
}

class FakeChartCollection {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: () => SheetModel
  ) {}
  add(type: string, source: FakeRange, seriesBy?: string): FakeChart {
    let created: ChartModel | undefined;
    this.ctx.enqueue(
      "ChartCollection.add",
      [type, seriesBy],
      () => {
        const src = source.resolve();
        const rows = src.box.r1 - src.box.r0 + 1;
        const cols = src.box.c1 - src.box.c0 + 1;
        // Excel makes one series per column ("Columns") or per row ("Rows"); "Auto" guesses from the shape.
        const byRows =
          seriesBy === "Rows" || ((seriesBy === undefined || seriesBy === "Auto") && cols > rows);
        const series = Array.from({ length: byRows ? rows : cols }, () => ({}));
        created = {
          type,
          source: `${quoteName(src.sheet.name)}!${boxA1(src.box)}`,
          seriesBy: seriesBy ?? "(auto)",
          series,
        };
        this.sheet().charts.push(created);
      },
      this.sheet
    );
    return new FakeChart(this.ctx, () => {
      if (!created) throw new FakeError("InvalidObjectPath", "no chart");
      return created;
    });
  }
}

class FakeChart {
  readonly title: { text: string };
  readonly axes: {
    categoryAxis: { title: { text: string } };
    valueAxis: { title: { text: string } };
  };
  readonly series: { getItemAt(i: number): FakeSeries; add(name: string): FakeSeries };
  constructor(
    private readonly ctx: FakeContext,
    private readonly chart: () => ChartModel
  ) {
    this.title = {
      set text(v: string) {
        ctx.enqueue("ChartTitle.text", [v], () => void (chart().title = v));
      },
      get text(): string {
        throw new FakeError("PropertyNotLoaded", "text");
      },
    };
    const axisTitle = (key: "category" | "value") => ({
      title: {
        set text(v: string) {
          ctx.enqueue(
            "ChartAxisTitle.text",
            [v],
            () => void (chart().axisTitles = { ...chart().axisTitles, [key]: v })
          );
        },
        get text(): string {
          throw new FakeError("PropertyNotLoaded", "text");
        },
      },
    });
    this.axes = { categoryAxis: axisTitle("category"), valueAxis: axisTitle("value") };
    this.series = {
      getItemAt: (i: number) => new FakeSeries(ctx, () => chart().series[i]),
      add: (name: string) => {
        let s: ChartModel["series"][number] | undefined;
        ctx.enqueue("ChartSeriesCollection.add", [name], () => {
          ctx.excel.requireApi("1.7", "series.add");
          s = { name };
          chart().series.push(s);
        });
        return new FakeSeries(ctx, () => {
          if (!s) throw new FakeError("InvalidObjectPath", "no series");
          return s;
        });
      },
    };
  }
  set name(v: string) {
    this.ctx.enqueue("Chart.name", [v], () => void (this.chart().name = v));
  }
  setPosition(a: string, b: string): void {
    this.ctx.enqueue("Chart.setPosition", [a, b], () => void (this.chart().position = [a, b]));
  }
}

class FakeSeries {
  constructor(
    private readonly ctx: FakeContext,
    private readonly s: () => ChartModel["series"][number]
  ) {}
  set name(v: string) {
    this.ctx.enqueue("ChartSeries.name", [v], () => void (this.s().name = v));
  }
  set hasDataLabels(v: boolean) {
    this.ctx.enqueue(
      "ChartSeries.hasDataLabels",
      [v],
      () => void (this.ctx.excel.requireApi("1.7", "hasDataLabels"), (this.s().dataLabels = v))
    );
  }
  get dataLabels(): { showValue: boolean; numberFormat: string } {
    const ctx = this.ctx;
    const s = this.s;
    return {
      set showValue(v: boolean) {
        ctx.enqueue(
          "ChartDataLabels.showValue",
          [v],
          () => void (ctx.excel.requireApi("1.8", "series.dataLabels"), (s().dataLabels = v))
        );
      },
      get showValue(): boolean {
        throw new FakeError("PropertyNotLoaded", "showValue");
      },
      set numberFormat(v: string) {
        ctx.enqueue(
          "ChartDataLabels.numberFormat",
          [v],
          () => void (ctx.excel.requireApi("1.8", "dataLabels.numberFormat"), (s().labelFormat = v))
        );
      },
      get numberFormat(): string {
        throw new FakeError("PropertyNotLoaded", "numberFormat");
      },
    };
  }
  get format(): { fill: { setSolidColor(c: string): void }; line: { color: string } } {
    const ctx = this.ctx;
    const s = this.s;
    return {
      fill: {
        setSolidColor: (c: string) =>
          ctx.enqueue("ChartFill.setSolidColor", [c], () => void (s().color = c)),
      },
      line: {
        set color(c: string) {
          ctx.enqueue("ChartLineFormat.color", [c], () => void (s().lineColor = c));
        },
        get color(): string {
          throw new FakeError("PropertyNotLoaded", "color");
        },
      },
    };
  }
  get points(): { getItemAt(j: number): { format: { fill: { setSolidColor(c: string): void } } } } {
    const ctx = this.ctx;
    const s = this.s;
    return {
      getItemAt: (j: number) => ({
        format: {
          fill: {
            setSolidColor: (c: string) =>
              ctx.enqueue("ChartFill.setSolidColor", [j, c], () => {
                const pts = [...(s().pointColors ?? [])];
                pts[j] = c;
                s().pointColors = pts;
              }),
          },
        },
      }),
    };
  }
  setValues(r: FakeRange): void {
    this.ctx.enqueue("ChartSeries.setValues", [], () => {
      this.ctx.excel.requireApi("1.7", "setValues");
      const x = r.resolve();
      this.s().values = `${quoteName(x.sheet.name)}!${boxA1(x.box)}`;
    });
  }
  setXAxisValues(r: FakeRange): void {
    this.ctx.enqueue("ChartSeries.setXAxisValues", [], () => {
      this.ctx.excel.requireApi("1.7", "setXAxisValues");
      const x = r.resolve();
      this.s().categories = `${quoteName(x.sheet.name)}!${boxA1(x.box)}`;
    });
  }
}

// ------------------------------------------------------------------------------------ helpers

/** Builds a planner table in the fake workbook directly (a user's existing workbook). */
export function seedTable(
  model: WorkbookModel,
  sheetName: string,
  name: string,
  headers: string[],
  rows: V[][],
  top = 0,
  left = 0
): TableModel {
  let sheet = model.sheets.find((s) => s.name === sheetName);
  if (!sheet) {
    sheet = new SheetModel(sheetName);
    model.sheets.push(sheet);
  }
  headers.forEach((h, c) => sheet.set(top, left + c, h));
  rows.forEach((r, i) => r.forEach((v, c) => sheet.set(top + 1 + i, left + c, v)));
  const t = new TableModel(name, sheet, top, left, headers.length, Math.max(1, rows.length));
  model.tables.push(t);
  return t;
}

export interface SyncStats {
  syncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  maxBytes: number;
}

export function stats(records: SyncRecord[]): SyncStats {
  const maxRequestBytes = Math.max(0, ...records.map((r) => r.requestBytes));
  const maxResponseBytes = Math.max(0, ...records.map((r) => r.responseBytes));
  return {
    syncs: records.length,
    maxRequestBytes,
    maxResponseBytes,
    maxBytes: Math.max(maxRequestBytes, maxResponseBytes),
  };
}
