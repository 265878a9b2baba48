/**
 * Queues the writes of one operation: planner tables created, repaired or replaced, owned
 * sheets rebuilt, number formats and dropdowns (re)applied, marks replaced. Every write goes
 * through a Batcher, which syncs whenever the next operation would take the queued payload
 * past the budget (see payload.ts), so a small plan is one sync and a large one a few, each
 * under Excel on the web's 5 MB.
 */
import { headerKey, type TableName } from "../model/schema";
import type { Cell } from "../model/types";
import { columnLetter, quoteSheet, rangeA1 } from "../plan/a1";
import { OWNED_MARKER } from "../plan/owned-sheets";
import { NUMBER_FORMATS, VALIDATIONS } from "../plan/setup";
import { MARGINS } from "../plan/page";
import { cssColor } from "../plan/palette";
import type {
  CellStyle,
  ChartType,
  PlanCell,
  PlanChart,
  PlanSheet,
  PlanTable,
  PlanValidation,
  PrintSetup,
  RangeRef,
} from "../plan/types";
import { formulaText, hyperlinkFormula, toOfficeValue, type OfficeValue } from "./office-values";
import { Batcher, BLOCK_BUDGET, PAYLOAD_BUDGET, jsonBytes, splitRowsByBytes } from "./payload";
import type { Snapshot, TableInfo } from "./snapshot";

/** Where a planner table is (or will be once the queued writes run). */
export interface Layout {
  name: string;
  sheet: string;
  top: number;
  left: number;
  headers: string[];
  bodyRows: number;
  showTotals: boolean;
}

export interface Capabilities {
  /** ExcelApi 1.9: pageLayout, copyFrom, suspendScreenUpdatingUntilNextSync. */
  api19: boolean;
  /** ExcelApi 1.13: Table.resize. */
  api113: boolean;
}

const CHART_TYPES: Record<
  ChartType,
  "BarClustered" | "BarStacked" | "ColumnClustered" | "ColumnStacked" | "Pie" | "Line"
> = {
  bar: "BarClustered",
  barStacked: "BarStacked",
  column: "ColumnClustered",
  columnStacked: "ColumnStacked",
  pie: "Pie",
  line: "Line",
};

const FILL: Partial<Record<CellStyle, string>> = {
  header: "#1F4E79",
  error: "#FFC7CE",
  warning: "#FFEB9C",
  warningCenter: "#FFEB9C",
  info: "#DDEBF7",
  total: "#F2F2F2",
};
/** Windows ships Khmer UI; the same name the file host writes (io/xlsx-styles.ts). */
const KHMER_FONT = "Khmer UI";
const KHMER = /[\u1780-\u17ff]/;

/** Column width in points for a width in characters (Calibri 11: 7 px a character, 5 px padding). */
export function columnWidthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

export class Writer {
  readonly layout = new Map<string, Layout>();
  private readonly batch: Batcher;
  private readonly sheetProxies = new Map<string, Excel.Worksheet>();
  private readonly newSheets = new Set<string>();
  private started = false;
  /** makeRoom has made the room: addColumns and replaceBody insert nothing more. */
  private roomMade = false;
  private undo: (() => void) | null = null;

  constructor(
    private readonly ctx: Excel.RequestContext,
    private readonly snap: Snapshot,
    private readonly caps: Capabilities,
    budget = PAYLOAD_BUDGET,
    onSynced?: (syncs: number) => void
  ) {
    this.batch = new Batcher(
      () => ctx.sync(),
      budget,
      () => this.startBatch(),
      onSynced
    );
    for (const t of snap.tables.values()) this.layout.set(t.contract.toLowerCase(), layoutOf(t));
  }

  get syncs(): number {
    return this.batch.syncs;
  }

  /** Queued at the head of every batch: no recalculation (and no repaint) until it has run. */
  private startBatch(): void {
    if (!this.started) {
      this.started = true;
      // Our own bulk writes must not fire the task pane's onChanged handlers thousands of times.
      this.ctx.runtime.enableEvents = false;
    }
    this.ctx.application.suspendApiCalculationUntilNextSync();
    if (this.caps.api19) this.ctx.application.suspendScreenUpdatingUntilNextSync();
  }

  /** Queues the last writes (events back on) and syncs. */
  async finish(): Promise<void> {
    if (this.started) {
      await this.batch.add(32);
      this.ctx.runtime.enableEvents = true;
    }
    await this.batch.flush();
  }

  /**
   * After a failure: events back on, best effort; and when Excel refused makeRoom's second
   * insert (the first action of the batch that failed), the first one undone.
   */
  async recover(error?: unknown): Promise<void> {
    if (!this.started) return;
    try {
      if (this.undo && errorLocation(error) === "Range.insert") this.undo();
      this.ctx.runtime.enableEvents = true;
      await this.ctx.sync();
    } catch {
      // the original error is the one to report
    }
  }

  /** Reserves room for an operation, then queues it. */
  async op(bytes: number, queue: () => void): Promise<void> {
    await this.batch.add(bytes);
    queue();
  }

  sheet(name: string): Excel.Worksheet {
    const key = name.toLowerCase();
    let ws = this.sheetProxies.get(key);
    if (!ws) {
      ws = this.ctx.workbook.worksheets.getItem(name);
      this.sheetProxies.set(key, ws);
    }
    return ws;
  }

  sheetExists(name: string): boolean {
    const key = name.toLowerCase();
    return this.snap.sheets.has(key) || this.newSheets.has(key);
  }

  async addSheet(name: string, position?: number): Promise<Excel.Worksheet> {
    let ws: Excel.Worksheet | undefined;
    await this.op(jsonBytes(name), () => {
      ws = this.ctx.workbook.worksheets.add(name);
      if (position !== undefined) ws.position = position;
    });
    if (!ws) throw new Error("worksheets.add was not queued");
    this.sheetProxies.set(name.toLowerCase(), ws);
    this.newSheets.add(name.toLowerCase());
    return ws;
  }

  /** Writes a matrix at (top, left) in row blocks under the block budget. */
  async writeMatrix(
    ws: Excel.Worksheet,
    top: number,
    left: number,
    matrix: OfficeValue[][],
    kind: "values" | "formulas" | "numberFormat"
  ): Promise<void> {
    if (matrix.length === 0) return;
    const width = matrix[0].length;
    if (width === 0) return;
    for (const block of splitRowsByBytes(matrix, BLOCK_BUDGET)) {
      await this.op(block.bytes, () => {
        const range = ws.getRangeByIndexes(top + block.start, left, block.rows.length, width);
        if (kind === "values") range.values = block.rows;
        else if (kind === "formulas") range.formulas = block.rows;
        else range.numberFormat = block.rows;
      });
    }
  }

  // ---------------------------------------------------------------- planner tables

  /** Creates a planner table that is missing, at the plan's place, on a new sheet. */
  async createTable(plan: PlanSheet, table: PlanTable): Promise<void> {
    let sheetName = plan.name;
    for (let i = 2; this.sheetExists(sheetName); i++) sheetName = `${plan.name} (${i})`;
    const ws = await this.addSheet(sheetName);
    const rows = table.rows.length > 0 ? table.rows : [table.headers.map((): Cell => null)];
    const matrix: OfficeValue[][] = [
      table.headers.map((h) => toOfficeValue(h)),
      ...rows.map((r) => table.headers.map((_, i) => toOfficeValue(r[i]))),
    ];
    const { row: top, col: left } = table.topLeft;
    await this.writeMatrix(ws, top, left, matrix, "values");
    const address = rangeA1(
      { row: top, col: left },
      { row: top + rows.length, col: left + table.headers.length - 1 }
    );
    await this.op(jsonBytes([address, table.name, table.style]), () => {
      const t = ws.tables.add(address, true);
      t.name = table.name;
      t.style = table.style;
    });
    await this.sheetLook(ws, plan);
    this.layout.set(table.name.toLowerCase(), {
      name: table.name,
      sheet: sheetName,
      top,
      left,
      headers: [...table.headers],
      bodyRows: rows.length,
      showTotals: false,
    });
  }

  /** Adds missing contract columns; fills a table that has no data with the plan's rows. */
  async repairTable(info: TableInfo, table: PlanTable): Promise<void> {
    const lay = this.layout.get(info.contract.toLowerCase()) ?? layoutOf(info);
    const missing = table.headers.filter(
      (h) => !lay.headers.some((x) => headerKey(x) === headerKey(h))
    );
    const tp = this.ctx.workbook.tables.getItem(info.name);
    await this.addColumns(lay, tp, missing);
    if (info.empty && table.rows.length > 0) {
      const index = lay.headers.map((h) =>
        table.headers.findIndex((x) => headerKey(x) === headerKey(h))
      );
      const rows = table.rows.map((r) => index.map((i) => (i >= 0 ? (r[i] ?? null) : null)));
      await this.replaceBody(lay, tp, rows);
    }
    this.layout.set(info.contract.toLowerCase(), lay);
  }

  /**
   * Makes room for a table about to grow `cols` columns right and `rows` rows down, before any
   * other write to its sheet: the cells beside its rows move right, then those below its grown
   * width move down (Range.insert, ExcelApi 1.13; as addColumns and replaceBody would). Excel
   * runs a batch up to the first failure and keeps what ran, so when both are needed the first
   * insert is synced alone and, should Excel refuse the second (a table or merged area in the
   * way), undone by deleting the cells it made (shift left): the sheet is then as it was.
   */
  async makeRoom(lay: Layout, cols: number, rows: number): Promise<void> {
    if (!this.caps.api113 || lay.showTotals || (cols <= 0 && rows <= 0)) return;
    const ws = this.sheet(lay.sheet);
    const width = lay.headers.length;
    const old = Math.max(1, lay.bodyRows);
    const right =
      cols > 0 ? ws.getRangeByIndexes(lay.top, lay.left + width, 1 + old, cols) : undefined;
    if (right) await this.op(64, () => right.insert("Right"));
    if (rows > 0) {
      if (right) {
        await this.batch.flush();
        this.undo = () => right.delete("Left");
      }
      await this.op(64, () =>
        ws
          .getRangeByIndexes(lay.top + 1 + old, lay.left, rows, width + Math.max(0, cols))
          .insert("Down")
      );
    }
    this.roomMade = true;
  }

  /**
   * Appends columns to a table without writing over what is beside it. With ExcelApi 1.13 (and
   * no Total row) the cells to the right, over the table's rows, are first moved right
   * (Range.insert "Right", as Excel's own growth does; Excel updates every formula that refers
   * to what moved), the new headers written into the room made and the table resized over
   * them — the same way replaceBody grows a table down. Otherwise `columns.add`, Excel's own
   * column growth (docs/EXCEL-CHECKLIST.md: that it shifts what is beside).
   */
  async addColumns(lay: Layout, tp: Excel.Table, names: string[]): Promise<void> {
    if (names.length === 0) return;
    const ws = this.sheet(lay.sheet);
    const width = lay.headers.length;
    if (this.caps.api113 && !lay.showTotals) {
      const height = 1 + Math.max(1, lay.bodyRows);
      if (!this.roomMade)
        await this.op(64, () => {
          ws.getRangeByIndexes(lay.top, lay.left + width, height, names.length).insert("Right");
        });
      await this.writeMatrix(
        ws,
        lay.top,
        lay.left + width,
        [names.map((h) => toOfficeValue(h))],
        "values"
      );
      await this.op(64, () =>
        tp.resize(ws.getRangeByIndexes(lay.top, lay.left, height, width + names.length))
      );
    } else {
      for (const h of names)
        await this.op(jsonBytes(h), () => tp.columns.add(undefined, undefined, h));
    }
    lay.headers = [...lay.headers, ...names];
  }

  /**
   * Replaces a table's data rows with `rows` (at least one row is kept, blank when none). Rows
   * beyond the current body are made room for by inserting cells below the table (nothing
   * below is overwritten), written as values, then the table is resized over them (ExcelApi
   * 1.13); without 1.13 they are appended with `rows.add` in payload-sized blocks. Surplus
   * rows are deleted with the cells below shifted up.
   */
  async replaceBody(lay: Layout, tp: Excel.Table, rows: Cell[][]): Promise<void> {
    const width = lay.headers.length;
    const ws = this.sheet(lay.sheet);
    const matrix: OfficeValue[][] = (rows.length > 0 ? rows : [[]]).map((r) =>
      Array.from({ length: width }, (_, i) => toOfficeValue(r[i]))
    );
    const n = matrix.length;
    const old = Math.max(1, lay.bodyRows);
    const top = lay.top + 1;
    if (n > old && this.caps.api113 && !lay.showTotals) {
      if (!this.roomMade)
        await this.op(64, () => {
          ws.getRangeByIndexes(top + old, lay.left, n - old, width).insert("Down");
        });
      await this.writeMatrix(ws, top, lay.left, matrix, "values");
      // A Range, not a sheet-less address: the table's new size is unambiguous on its own sheet.
      await this.op(64, () => tp.resize(ws.getRangeByIndexes(lay.top, lay.left, n + 1, width)));
    } else if (n > old) {
      await this.writeMatrix(ws, top, lay.left, matrix.slice(0, old), "values");
      for (const block of splitRowsByBytes(matrix.slice(old), BLOCK_BUDGET)) {
        await this.op(block.bytes, () => {
          tp.rows.add(undefined, block.rows);
        });
      }
    } else {
      await this.writeMatrix(ws, top, lay.left, matrix, "values");
      if (n < old) {
        await this.op(64, () => {
          ws.getRangeByIndexes(top + n, lay.left, old - n, width).delete("Up");
        });
      }
    }
    lay.bodyRows = n;
  }

  /** Number formats and dropdowns of contract tables, from where the tables are now. */
  async formatTable(
    name: string,
    numberFormats?: Record<string, string>,
    validations?: PlanValidation[]
  ): Promise<void> {
    const lay = this.layout.get(name.toLowerCase());
    if (!lay) return;
    const ws = this.sheet(lay.sheet);
    const rows = Math.max(1, lay.bodyRows);
    const col = (header: string): number =>
      lay.headers.findIndex((h) => headerKey(h) === headerKey(header));
    for (const [header, fmt] of Object.entries(numberFormats ?? {})) {
      const i = col(header);
      if (i < 0) continue;
      const matrix: OfficeValue[][] = Array.from({ length: rows }, () => [fmt]);
      await this.writeMatrix(ws, lay.top + 1, lay.left + i, matrix, "numberFormat");
    }
    for (const v of validations ?? []) {
      const i = col(v.column);
      if (i < 0) continue;
      const rule = this.validationRule(v);
      if (!rule) continue;
      await this.op(jsonBytes(rule), () => {
        const dv = ws.getRangeByIndexes(lay.top + 1, lay.left + i, rows, 1).dataValidation;
        dv.clear();
        dv.ignoreBlanks = true;
        dv.rule = rule.rule;
        dv.errorAlert = rule.alert;
      });
    }
  }

  /** Re-applies the formats and dropdowns of contract tables. */
  async formatContractTables(names: Iterable<TableName>): Promise<void> {
    for (const name of names) await this.formatTable(name, NUMBER_FORMATS[name], VALIDATIONS[name]);
  }

  private validationRule(
    v: PlanValidation
  ): { rule: Excel.DataValidationRule; alert: Excel.DataValidationErrorAlert } | null {
    if (v.kind === "list" && "values" in v) {
      return {
        rule: { list: { inCellDropDown: true, source: v.values.join(",") } },
        alert: {
          showAlert: true,
          style: "Warning",
          title: "Policy Planner",
          message: `Choose one of: ${v.values.join(", ")}`,
        },
      };
    }
    if (v.kind === "list") {
      const src = this.layout.get(v.source.table.toLowerCase());
      if (!src) return null;
      const j = src.headers.findIndex((h) => headerKey(h) === headerKey(v.source.column));
      if (j < 0) return null;
      const c = columnLetter(src.left + j);
      const source = `=${sheetRef(src.sheet)}!$${c}$${src.top + 2}:$${c}$${src.top + 1 + Math.max(1, src.bodyRows)}`;
      return {
        rule: { list: { inCellDropDown: true, source } },
        alert: {
          showAlert: true,
          style: "Warning",
          title: "Policy Planner",
          message: `Choose a value from the ${v.source.table} table.`,
        },
      };
    }
    const basic: Excel.BasicDataValidation = {
      formula1: v.min,
      formula2: v.max,
      operator: "Between",
    };
    return {
      rule: v.kind === "whole" ? { wholeNumber: basic } : { decimal: basic },
      alert: {
        showAlert: true,
        style: "Stop",
        title: "Policy Planner",
        message: `Enter a number from ${v.min} to ${v.max}.`,
      },
    };
  }

  /** Column widths and frozen panes of a sheet the add-in created or rebuilt. */
  private async sheetLook(ws: Excel.Worksheet, plan: PlanSheet): Promise<void> {
    const widths = plan.columnWidths ?? [];
    if (widths.length > 0) {
      await this.op(16 * widths.length, () => {
        widths.forEach((w, i) => {
          const c = columnLetter(i);
          ws.getRange(`${c}:${c}`).format.columnWidth = columnWidthPoints(w);
        });
      });
    }
    const f = plan.freeze;
    if (f && (f.rows > 0 || f.cols > 0)) {
      await this.op(32, () => {
        if (f.rows > 0 && f.cols > 0)
          ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, f.rows, f.cols));
        else if (f.rows > 0) ws.freezePanes.freezeRows(f.rows);
        else ws.freezePanes.freezeColumns(f.cols);
      });
    }
  }

  // ---------------------------------------------------------------- owned sheets

  /** Deletes a sheet that the snapshot saw. */
  async deleteSheet(name: string): Promise<void> {
    await this.op(jsonBytes(name), () => this.ctx.workbook.worksheets.getItem(name).delete());
    this.sheetProxies.delete(name.toLowerCase());
  }

  /** Deletes an owned sheet and builds it again from the plan, in the same tab position. */
  async rebuildOwned(plan: PlanSheet): Promise<void> {
    const old = this.snap.sheets.get(plan.name.toLowerCase());
    if (old) {
      await this.op(jsonBytes(old.name), () =>
        this.ctx.workbook.worksheets.getItem(old.name).delete()
      );
      this.sheetProxies.delete(plan.name.toLowerCase());
    }
    const ws = await this.addSheet(plan.name, old?.position);
    // The marker that makes it ours (plan/owned-sheets.ts): a name scoped to the sheet (ExcelApi 1.4).
    await this.op(64, () => {
      ws.names.add(OWNED_MARKER, ws.getRange("A1"));
    });
    if (plan.tabColor) {
      const color = `#${plan.tabColor.slice(-6)}`;
      await this.op(16, () => {
        ws.tabColor = color;
      });
    }
    await this.writeCells(ws, plan);
    for (const m of plan.merges ?? []) {
      const address = rangeA1(m.from, m.to);
      await this.op(jsonBytes(address), () => ws.getRange(address).merge(false));
    }
    for (const t of plan.tables) {
      const rows = t.rows.length > 0 ? t.rows : [t.headers.map((): Cell => null)];
      const matrix: OfficeValue[][] = [
        t.headers.map((h) => toOfficeValue(h)),
        ...rows.map((r) => t.headers.map((_, i) => toOfficeValue(r[i]))),
      ];
      await this.writeMatrix(ws, t.topLeft.row, t.topLeft.col, matrix, "values");
      const address = rangeA1(t.topLeft, {
        row: t.topLeft.row + rows.length,
        col: t.topLeft.col + t.headers.length - 1,
      });
      await this.op(jsonBytes([address, t.name, t.style]), () => {
        const added = ws.tables.add(address, true);
        added.name = t.name;
        added.style = t.style;
      });
      for (const [header, fmt] of Object.entries(t.numberFormats ?? {})) {
        const i = t.headers.findIndex((h) => headerKey(h) === headerKey(header));
        if (i >= 0)
          await this.writeMatrix(
            ws,
            t.topLeft.row + 1,
            t.topLeft.col + i,
            rows.map(() => [fmt]),
            "numberFormat"
          );
      }
    }
    await this.sheetLook(ws, plan);
    // Row heights of wrapped text (the file host sets them too), a few hundred rows per operation.
    const heights = Object.entries(plan.rowHeights ?? {});
    for (let i = 0; i < heights.length; i += 200) {
      const block = heights.slice(i, i + 200);
      await this.op(400 * block.length, () => {
        for (const [row, points] of block) {
          const format = ws.getRange(`${Number(row) + 1}:${Number(row) + 1}`).format;
          format.rowHeight = points;
          format.verticalAlignment = "Top";
        }
      });
    }
    for (const chart of plan.charts) await this.addChart(ws, plan.name, chart);
    if (plan.print) await this.pageSetup(ws, plan.print);
  }

  /**
   * Print settings (ExcelApi 1.9): orientation, one page wide, print area, the table's header row
   * as print titles, A4 with the plan's margins (points), header and footer, manual page breaks.
   */
  private async pageSetup(ws: Excel.Worksheet, p: PrintSetup): Promise<void> {
    const area = rangeA1(p.area.from, p.area.to);
    const api19 = this.caps.api19;
    await this.op(
      jsonBytes([area, p.header, p.footer]) + 64 * (8 + (p.rowBreaks?.length ?? 0)),
      () => {
        if (api19) {
          const layout = ws.pageLayout;
          layout.orientation = p.landscape ? "Landscape" : "Portrait";
          if (p.paper === "A4") {
            layout.paperSize = "A4";
            layout.topMargin = MARGINS.top * 72;
            layout.bottomMargin = MARGINS.bottom * 72;
            layout.leftMargin = MARGINS.left * 72;
            layout.rightMargin = MARGINS.right * 72;
            layout.headerMargin = MARGINS.header * 72;
            layout.footerMargin = MARGINS.footer * 72;
          }
          // The documented form (PageLayoutZoomOptions: "number of pages to fit"; office-js #1860):
          // one page wide, height left unset. verticalFitToPages: 0 is what the file format writes
          // for "automatic" (fitToHeight="0"), but Office.js documents no meaning for 0.
          if (p.fitToWidth) layout.zoom = { horizontalFitToPages: 1 };
          layout.setPrintArea(area);
          if (p.repeatRows)
            layout.setPrintTitleRows(`$${p.repeatRows.from + 1}:$${p.repeatRows.to + 1}`);
          const hf = layout.headersFooters.defaultForAllPages;
          if (p.header?.left) hf.leftHeader = p.header.left;
          if (p.header?.center) hf.centerHeader = p.header.center;
          if (p.header?.right) hf.rightHeader = p.header.right;
          if (p.footer?.left) hf.leftFooter = p.footer.left;
          if (p.footer?.center) hf.centerFooter = p.footer.center;
          if (p.footer?.right) hf.rightFooter = p.footer.right;
          // A break before the top-left cell of the range given.
          for (const r of p.rowBreaks ?? []) if (r > 0) ws.horizontalPageBreaks.add(`A${r + 1}`);
        }
      }
    );
  }

  /**
   * The plan's cells: formulas as formulas (HYPERLINK for links), values as values, written
   * over the cells' bounding box in row blocks; then styles and number formats as one
   * operation per rectangle of equal cells.
   */
  async writeCells(ws: Excel.Worksheet, plan: Pick<PlanSheet, "cells">): Promise<void> {
    if (plan.cells.length === 0) return;
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    for (const c of plan.cells) {
      r0 = Math.min(r0, c.row);
      r1 = Math.max(r1, c.row);
      c0 = Math.min(c0, c.col);
      c1 = Math.max(c1, c.col);
    }
    const matrix: OfficeValue[][] = Array.from({ length: r1 - r0 + 1 }, () =>
      new Array<OfficeValue>(c1 - c0 + 1).fill("")
    );
    for (const c of plan.cells) {
      let v: OfficeValue;
      if (c.link) v = hyperlinkFormula(c.link, c.value === null ? "" : String(c.value));
      else if (c.formula) v = formulaText(c.formula);
      else v = toOfficeValue(c.value);
      matrix[c.row - r0][c.col - c0] = v;
    }
    await this.writeMatrix(ws, r0, c0, matrix, "formulas");
    const isKhmer = (c: PlanCell) => typeof c.value === "string" && KHMER.test(c.value);
    const styled = plan.cells.filter((c) => c.style || isKhmer(c));
    for (const rect of rectangles(styled, (c) => `${c.style ?? ""}|${isKhmer(c) ? "km" : ""}`)) {
      const [style, km] = rect.key.split("|") as [CellStyle | "", string];
      await this.op(160, () =>
        applyStyle(
          ws.getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols),
          style || null,
          km === "km"
        )
      );
    }
    for (const rect of rectangles(
      plan.cells.filter((c) => c.numberFormat),
      (c) => c.numberFormat ?? ""
    )) {
      const m: OfficeValue[][] = Array.from({ length: rect.rows }, () =>
        new Array<OfficeValue>(rect.cols).fill(rect.key)
      );
      await this.writeMatrix(ws, rect.row, rect.col, m, "numberFormat");
    }
  }

  private rangeOf(ownSheet: Excel.Worksheet, ownName: string, ref: RangeRef): Excel.Range {
    const ws = ref.sheet.toLowerCase() === ownName.toLowerCase() ? ownSheet : this.sheet(ref.sheet);
    return ws.getRange(rangeA1(ref.from, ref.to));
  }

  /**
   * A native chart: seriesBy passed explicitly (office-js #1830) and matching the first series'
   * shape, so that charts.add makes exactly one series; then each series set from its ranges.
   */
  private async addChart(ws: Excel.Worksheet, sheetName: string, chart: PlanChart): Promise<void> {
    if (chart.series.length === 0) return;
    const points = chart.series.reduce((n, s) => n + (s.pointColors?.length ?? 0), 0);
    await this.op(jsonBytes(chart.title) + 256 * (chart.series.length + 2) + 96 * points, () => {
      const first = chart.series[0].values;
      // A series along a row (the line chart's years) is a row: "Columns" would make every cell of it a series.
      const seriesBy =
        first.from.row === first.to.row && first.from.col !== first.to.col ? "Rows" : "Columns";
      const c = ws.charts.add(
        CHART_TYPES[chart.type],
        this.rangeOf(ws, sheetName, first),
        seriesBy
      );
      c.name = chart.name;
      c.title.text = chart.title;
      c.setPosition(
        rangeA1(chart.anchor.from, chart.anchor.from),
        rangeA1(chart.anchor.to, chart.anchor.to)
      );
      chart.series.forEach((s, i) => {
        const series = i === 0 ? c.series.getItemAt(0) : c.series.add(s.name);
        series.name = s.name;
        series.setValues(this.rangeOf(ws, sheetName, s.values));
        series.setXAxisValues(this.rangeOf(ws, sheetName, chart.categories));
        // The palette set on every series and point: Excel's theme colours would differ by program.
        if (s.color) {
          if (chart.type === "line") series.format.line.color = cssColor(s.color);
          else series.format.fill.setSolidColor(cssColor(s.color));
        }
        s.pointColors?.forEach((hex, j) =>
          series.points.getItemAt(j).format.fill.setSolidColor(cssColor(hex))
        );
        if (chart.dataLabels) {
          series.hasDataLabels = true;
          series.dataLabels.showValue = true;
          // Zeros blank: a stacked bar would print "0" over its neighbours.
          series.dataLabels.numberFormat = "0;-0;;@";
        }
      });
      if (chart.axisTitles?.category) c.axes.categoryAxis.title.text = chart.axisTitles.category;
      if (chart.axisTitles?.value) c.axes.valueAxis.title.text = chart.axisTitles.value;
      if (chart.valueMinimum !== undefined) c.axes.valueAxis.minimum = chart.valueMinimum;
    });
  }

  // ---------------------------------------------------------------- marks

  /** Deletes the given (loaded) conditional formats, last first. */
  async deleteFormats(formats: Excel.ConditionalFormat[]): Promise<void> {
    if (formats.length === 0) return;
    await this.op(64 * formats.length, () => {
      for (const cf of [...formats].reverse()) cf.delete();
    });
  }

  /** One custom conditional format with a fill. */
  async addFormat(sheet: string, address: string, formula: string, fill: string): Promise<void> {
    const ws = this.sheet(sheet);
    await this.op(jsonBytes([address, formula, fill]), () => {
      const cf = ws.getRange(address).conditionalFormats.add("Custom");
      cf.custom.rule.formula = formulaText(formula);
      cf.custom.format.fill.color = fill;
    });
  }
}

/**
 * A sheet name for a formula. quoteSheet leaves names like "FY2025", "Q1" or "R2C3" bare, but
 * Excel reads those as cell references (`=FY2025!$A$2:$A$9` is refused): they are quoted too.
 */
export function sheetRef(name: string): string {
  const q = quoteSheet(name);
  if (q !== name) return q;
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^(R\d*)?(C\d*)?$/i.test(name) ? `'${name}'` : name;
}

function errorLocation(e: unknown): string | null {
  if (typeof e !== "object" || e === null) return null;
  const loc = (e as { debugInfo?: { errorLocation?: unknown } }).debugInfo?.errorLocation;
  return typeof loc === "string" ? loc : null;
}

function layoutOf(t: TableInfo): Layout {
  return {
    name: t.name,
    sheet: t.sheet,
    top: t.top,
    left: t.left,
    headers: [...t.headers],
    bodyRows: t.bodyRows,
    showTotals: t.showTotals,
  };
}

function applyStyle(range: Excel.Range, style: CellStyle | null, khmer: boolean): void {
  const font = range.format.font;
  switch (style) {
    case "title":
      font.bold = true;
      font.size = 16;
      font.color = "#1F4E79";
      break;
    case "subtitle":
      font.bold = true;
      font.size = 12;
      font.color = "#1F4E79";
      break;
    case "header":
      font.bold = true;
      font.color = "#FFFFFF";
      range.format.wrapText = true;
      range.format.verticalAlignment = "Center";
      break;
    case "note":
      font.italic = true;
      font.color = "#595959";
      break;
    case "total":
      font.bold = true;
      break;
    case "link":
      font.underline = "Single";
      font.color = "#0563C1";
      break;
    case "wrap":
      range.format.wrapText = true;
      range.format.verticalAlignment = "Top";
      break;
    case "center":
    case "warningCenter":
      range.format.horizontalAlignment = "Center";
      range.format.verticalAlignment = "Top";
      break;
    default:
      break;
  }
  if (khmer) font.name = KHMER_FONT;
  const fill = style ? FILL[style] : undefined;
  if (fill) range.format.fill.color = fill;
}

export interface Rect {
  key: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Groups cells with equal keys into rectangles: runs along rows, then equal runs stacked. */
export function rectangles<C extends { row: number; col: number }>(
  cells: C[],
  key: (c: C) => string
): Rect[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: Rect[] = [];
  for (const c of sorted) {
    const k = key(c);
    const last = runs[runs.length - 1];
    if (last && last.row === c.row && last.key === k && last.col + last.cols === c.col) last.cols++;
    else runs.push({ key: k, row: c.row, col: c.col, rows: 1, cols: 1 });
  }
  const open = new Map<string, Rect>();
  const out: Rect[] = [];
  for (const r of runs) {
    const id = `${r.key}\u0000${r.col}\u0000${r.cols}`;
    const prev = open.get(id);
    if (prev && prev.row + prev.rows === r.row) prev.rows++;
    else {
      const rect = { ...r };
      open.set(id, rect);
      out.push(rect);
    }
  }
  return out;
}
