/**
 * The file host's workbook when it was opened from a file: the package itself, edited where the
 * planner owns something and copied byte for byte everywhere else. What it writes:
 *  - owned sheets (Summary, Briefing, Validation…) whole, written from their plans
 *    (owned-writer.ts), marked with OWNED_MARKER; new planner sheets (and any owned sheet
 *    with a table) are built by ExcelJS on a scratch workbook and moved in (transplant.ts);
 *  - planner tables: their cells, table part, dropdowns and marks (table-writer.ts, marks.ts);
 *  - styles.xml appended to; the workbook's sheet list, names and relationships for new sheets.
 * sharedStrings.xml is never touched: cells it writes hold their strings inline.
 */
import {
  ALL_TABLE_NAMES,
  TABLE_NAMES,
  columnIndex,
  headerKey,
  type PlannerTables,
  type TableData,
  type TableName,
} from "../../model/schema";
import type { Cell } from "../../model/types";
import {
  checkOwnedSheets,
  isOlderOwnedSheet,
  OWNED_MARKER,
  type ExistingSheet,
} from "../../plan/owned-sheets";
import { NUMBER_FORMATS, VALIDATIONS } from "../../plan/setup";
import type { PlanSheet, PlanTable, WorkbookPlan } from "../../plan/types";
import { XlsxBook } from "../xlsx-book";
import { withMarks, withoutMarks, withValidations, type ColumnValidation } from "./marks";
import { dxfList, marksAsX14 } from "../xlsx-marks";
import { PackageParts } from "./parts";
import {
  cellStyle,
  cellXml,
  columnLetters,
  parseSharedStrings,
  readBoxes,
  ref1,
  SheetGrid,
} from "./sheet-xml";
import { BookState } from "./state";
import { Styles } from "./styles";
import { usedBottom, writeTable } from "./table-writer";
import { openScratch, removeSheet, transplant, type TransplantRequest } from "./transplant";
import { indexWorkbook, type TableEntry } from "./workbook-index";
import { canWriteOwned, writeOwnedSheets } from "./owned-writer";

const quoteSheet = (name: string) =>
  /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;

export interface PackageBookOptions {
  /** Owned sheets rendered by ExcelJS and moved in, as before owned-writer.ts: the reference its tests compare with. */
  ownedSheetsViaExcelJs?: boolean;
}

export class PackageBook {
  private constructor(
    private readonly state: BookState,
    private readonly originalStyles: string,
    private readonly options: PackageBookOptions
  ) {}

  static async open(bytes: Uint8Array, options: PackageBookOptions = {}): Promise<PackageBook> {
    const parts = await PackageParts.open(bytes);
    const index = await indexWorkbook(parts);
    const stylesXml = index.stylesPath ? ((await parts.text(index.stylesPath)) ?? "") : "";
    const styles = new Styles(stylesXml);
    const shared = parseSharedStrings(
      index.sharedStringsPath ? await parts.text(index.sharedStringsPath) : null
    );
    const state = new BookState(parts, index, styles, {
      shared,
      dateStyles: styles.dateStyles(),
      date1904: index.date1904,
    });
    return new PackageBook(state, stylesXml, options);
  }

  private plannerTable(name: string): TableEntry | undefined {
    const key = name.toLowerCase();
    return this.state.index.tables.find((t) => t.name.toLowerCase() === key);
  }

  async readTables(): Promise<PlannerTables> {
    const out: PlannerTables = {};
    const found: Array<readonly [TableName, TableEntry]> = [];
    for (const n of ALL_TABLE_NAMES) {
      const t = this.plannerTable(n);
      if (t) found.push([n, t]);
    }
    const bySheet = new Map<string, Array<readonly [TableName, TableEntry]>>();
    for (const f of found)
      bySheet.set(f[1].sheet.path, [...(bySheet.get(f[1].sheet.path) ?? []), f]);
    for (const [path, list] of bySheet) {
      const sheet = await this.state.sheet(path);
      const boxes = list.map(([, t]) => ({
        top: t.top,
        left: t.left,
        bottom: usedBottom(t, sheet.body, sheet.prefix) - t.totalsRows,
        right: t.right,
      }));
      const values = readBoxes(sheet.body, sheet.prefix, boxes, this.state.values);
      list.forEach(([contract, t], i) => {
        const grid = values[i];
        const headers = grid[0].map((h, c) => {
          const text =
            h === null ? "" : h instanceof Date ? h.toISOString().slice(0, 10) : String(h);
          return t.headerRows > 0 && text.trim() !== "" ? text : (t.columns[c] ?? `Column${c + 1}`);
        });
        let rows = grid.slice(t.headerRows > 0 ? 1 : 0);
        if (rows.length === 1 && rows[0].every((c) => c === null || c === "")) rows = [];
        out[contract] = {
          name: t.name,
          headers,
          rows,
          location: { sheet: t.sheet.name, row: t.top - 1, col: t.left - 1 },
        };
      });
    }
    return out;
  }

  /** Every sheet as the owned-sheet check needs it: marker, tables, A1. */
  private async existingSheets(): Promise<ExistingSheet[]> {
    const { index } = this.state;
    const out: ExistingSheet[] = [];
    for (const s of index.sheets) {
      const marked = index.names.some((n) => n.name === OWNED_MARKER && n.localSheetId === s.index);
      const hasTable = index.tables.some((t) => t.sheet === s);
      let a1 = "";
      // A1 tells only an unmarked sheet without tables whose it is (isOlderOwnedSheet): others are not read.
      if (s.path && !marked && !hasTable) {
        const sheet = await this.state.sheet(s.path);
        const v = readBoxes(
          sheet.body,
          sheet.prefix,
          [{ top: 1, left: 1, bottom: 1, right: 1 }],
          this.state.values
        )[0][0][0];
        a1 = v === null ? "" : String(v);
      }
      out.push({ name: s.name, marked, hasTable, a1 });
    }
    return out;
  }

  async applyPlan(plan: WorkbookPlan): Promise<void> {
    const existing = await this.existingSheets();
    checkOwnedSheets(plan, existing);
    // Sheets an earlier version owned and the plan no longer builds: only ours (marked, or our old title), never one holding a table.
    for (const name of plan.retire ?? []) {
      const there = existing.find((s) => s.name.toLowerCase() === name.toLowerCase());
      const entry = this.state.index.sheets.find(
        (s) => s.name.toLowerCase() === name.toLowerCase()
      );
      if (there && entry && !there.hasTable && (there.marked || isOlderOwnedSheet(there)))
        await removeSheet(this.state, entry);
    }
    const { index } = this.state;
    // Existing planner tables: missing columns added, an empty table filled.
    const render: PlanSheet[] = [];
    for (const sheet of plan.sheets) {
      if (sheet.owned) {
        render.push(sheet);
        continue;
      }
      const missing = sheet.tables.filter((t) => !this.plannerTable(t.name));
      for (const t of sheet.tables) if (this.plannerTable(t.name)) await this.repairTable(t);
      if (missing.length) render.push({ ...sheet, tables: missing });
    }
    if (render.length && render.every(canWriteOwned) && !this.options.ownedSheetsViaExcelJs) {
      await writeOwnedSheets(this.state, render);
    } else if (render.length) {
      const scratch = XlsxBook.create();
      scratch.renderSheets(render);
      const built = await openScratch(await PackageParts.open(await scratch.toBytes(true)));
      const taken = new Set(index.sheets.map((s) => s.name.toLowerCase()));
      const requests: TransplantRequest[] = render.map((sheet) => {
        if (sheet.owned) {
          const replace = index.sheets.find(
            (s) => s.name.toLowerCase() === sheet.name.toLowerCase()
          );
          return { from: sheet.name, to: replace?.name ?? sheet.name, replace, owned: true };
        }
        let to = sheet.name;
        for (let i = 2; taken.has(to.toLowerCase()); i++) to = `${sheet.name} (${i})`;
        taken.add(to.toLowerCase());
        return { from: sheet.name, to, owned: false };
      });
      await transplant(this.state, built, requests);
    }
    // Dropdowns last: a list's source table may only now exist.
    for (const sheet of plan.sheets)
      if (!sheet.owned) for (const t of sheet.tables) await this.formatTable(t.name as TableName);
    if (plan.marks) await this.mark();
    this.state.saveStyles(this.originalStyles);
  }

  private async repairTable(plan: PlanTable): Promise<void> {
    const current = (await this.readTables())[plan.name as TableName];
    if (!current) return;
    const missing = plan.headers.filter((h) => columnIndex(current, h) < 0);
    const fill = current.rows.length === 0 && plan.rows.length > 0;
    if (missing.length === 0 && !fill) return;
    const headers = [...current.headers, ...missing];
    const rows: Cell[][] = fill
      ? plan.rows.map((r) =>
          headers.map(
            (h) => r[plan.headers.findIndex((x) => headerKey(x) === headerKey(h))] ?? null
          )
        )
      : current.rows.map((r) => [...r, ...missing.map((): Cell => null)]);
    await this.writeTable({ name: current.name, headers, rows });
  }

  async writeTable(table: TableData): Promise<void> {
    const t = this.plannerTable(table.name);
    if (!t) throw new Error(`The workbook has no ${table.name} table.`);
    await writeTable(this.state, t, table.headers, table.rows);
    const contract = TABLE_NAMES.find((n) => n.toLowerCase() === table.name.toLowerCase());
    if (contract) {
      const dependents = TABLE_NAMES.filter(
        (n) =>
          n !== contract &&
          (VALIDATIONS[n] ?? []).some((v) => "source" in v && v.source.table === contract)
      );
      for (const n of [contract, ...dependents]) await this.formatTable(n);
    }
    this.state.saveStyles(this.originalStyles);
  }

  /** The table's number formats and dropdowns, over its body as it is now. */
  private async formatTable(name: TableName): Promise<void> {
    await this.numberFormats(name);
    await this.dropdowns(name);
  }

  /**
   * The table's number formats (plan/setup.ts: years and Progress % as whole numbers), on every
   * body cell of those columns, the rest of each cell's style kept: what the Office host
   * reapplies with Range.numberFormat.
   */
  private async numberFormats(name: TableName): Promise<void> {
    const t = this.plannerTable(name);
    const formats = NUMBER_FORMATS[name];
    if (!t || !formats || t.headerRows !== 1) return;
    const sheet = await this.state.sheet(t.sheet.path);
    const p = sheet.prefix;
    const grid = SheetGrid.parse(sheet.body, p);
    const styles = this.state.styles;
    const header = { headers: t.columns };
    const bodyTop = t.top + 1;
    const bodyEnd = Math.max(bodyTop, usedBottom(t, sheet.body, p) - t.totalsRows);
    const made = new Map<string, number>();
    let changed = false;
    for (const [column, code] of Object.entries(formats)) {
      const i = columnIndex(header, column);
      if (i < 0) continue;
      const id = code === "0" ? 1 : styles.numFmtId(code);
      const col = t.left + i;
      for (let row = bodyTop; row <= bodyEnd; row++) {
        const old = grid.get(row, col);
        const base = old === undefined ? null : cellStyle(old);
        if (styles.numFmtOf(base) === id) continue;
        const key = `${base ?? 0}|${id}`;
        let style = made.get(key);
        if (style === undefined) {
          style = styles.withNumFmt(base, id);
          made.set(key, style);
        }
        grid.set(
          row,
          col,
          old === undefined ? cellXml(p, ref1(row, col), null, style, false) : withStyle(old, style)
        );
        changed = true;
      }
    }
    if (changed) this.state.saveSheet(t.sheet.path, { ...sheet, body: grid.toXml() });
  }

  /** The table's dropdowns, over its body as it is now. */
  private async dropdowns(name: TableName): Promise<void> {
    const t = this.plannerTable(name);
    const rules = VALIDATIONS[name] ?? [];
    if (!t || rules.length === 0) return;
    const header = { headers: t.columns };
    const bodyTop = t.top + t.headerRows;
    const bodyEnd = Math.max(bodyTop, t.bottom - t.totalsRows);
    const validations: ColumnValidation[] = [];
    const clear = [];
    for (const rule of rules) {
      const i = columnIndex(header, rule.column);
      if (i < 0) continue;
      const box = { top: bodyTop, bottom: bodyEnd, left: t.left + i, right: t.left + i };
      clear.push(box);
      let listSource: string | null = null;
      if (rule.kind === "list" && "source" in rule) {
        const src = this.plannerTable(rule.source.table);
        const j = src ? columnIndex({ headers: src.columns }, rule.source.column) : -1;
        if (src && j >= 0) {
          const col = columnLetters(src.left + j);
          const top = src.top + src.headerRows;
          listSource = `${quoteSheet(src.sheet.name)}!$${col}$${top}:$${col}$${Math.max(top, src.bottom - src.totalsRows)}`;
        }
      }
      validations.push({ box, rule, listSource });
    }
    const sheet = await this.state.sheet(t.sheet.path);
    this.state.saveSheet(t.sheet.path, {
      ...sheet,
      tail: withValidations(sheet.tail, validations, clear),
    });
  }

  /** Our marks over every planner table, the previous ones removed. */
  private async mark(): Promise<void> {
    const tables = TABLE_NAMES.map((n) => this.plannerTable(n)).filter(
      (t): t is TableEntry => t !== undefined
    );
    const paths = new Set(tables.map((t) => t.sheet.path));
    for (const path of paths) {
      const sheet = await this.state.sheet(path);
      let tail = withoutMarks(sheet.tail);
      for (const t of tables.filter((x) => x.sheet.path === path)) {
        const height = Math.max(0, t.bottom - t.totalsRows - t.top);
        tail = withMarks(
          tail,
          {
            sheet: t.sheet.name,
            row: t.top - 1,
            col: t.left - 1,
            width: t.right - t.left + 1,
            height,
          },
          this.state.styles
        );
      }
      if (tail !== sheet.tail) this.state.saveSheet(path, { ...sheet, tail });
    }
  }

  async toBytes(): Promise<Uint8Array> {
    this.marksToX14();
    return this.state.parts.toBytes();
  }

  /**
   * The marks refer to the Validation sheet: written in the x14 extension, as Excel does
   * (xlsx-marks.ts). Only what follows a sheet's cells is looked at; a sheet this writer wrote
   * whole (an owned sheet) has no marks, and one it never read is left as it is.
   */
  private marksToX14(): void {
    const { parts, index } = this.state;
    const dxfs = dxfList(this.state.styles.xml);
    let sheetIndex = 0;
    for (const s of index.sheets) {
      if (!s.path || !parts.has(s.path)) continue;
      sheetIndex++;
      const sheet = this.state.loadedSheet(s.path);
      if (!sheet) continue;
      const tail = marksAsX14(sheet.tail, dxfs, sheetIndex);
      if (tail !== null) this.state.saveSheet(s.path, { ...sheet, tail });
    }
  }
}

/** A cell element with its style attribute set to `style`. */
function withStyle(cell: string, style: number): string {
  const start = /^<[^>]*?(\/?)>/.exec(cell)?.[0] ?? "";
  const next = / s="\d*"/.test(start)
    ? start.replace(/ s="\d*"/, ` s="${style}"`)
    : start.replace(/^(<\S+)/, `$1 s="${style}"`);
  return next + cell.slice(start.length);
}
