import ExcelJS from "exceljs";
import {
  ALL_TABLE_NAMES,
  TABLE_NAMES,
  columnIndex,
  headerKey,
  type PlannerTables,
  type TableData,
} from "../model/schema";
import type { Cell } from "../model/types";
import { cellA1, columnLetter, parseCellA1, quoteSheet, rangeA1 } from "../plan/a1";
import { NUMBER_FORMATS, tablesToReformat, VALIDATIONS } from "../plan/setup";
import type { TableExtent } from "../plan/marks";
import { isOlderOwnedSheet, type ExistingSheet } from "../plan/owned-sheets";
import { MARGINS } from "../plan/page";
import type {
  HeaderFooterText,
  PlanChart,
  PlanSheet,
  PlanTable,
  PlanValidation,
  PrintSetup,
  WorkbookPlan,
} from "../plan/types";
import { fromExcelJs, toExcelJs } from "./exceljs-cells";
import { markFindingsRules, writeMarksAsX14 } from "./xlsx-marks";
import { hasKhmer } from "../plan/text-fit";
import { applyCellStyle, KHMER_FONT } from "./xlsx-styles";
import { isBlank } from "../model/cells";
import { hyperlinkFormula } from "../plan/formulas";

interface TableInfo {
  sheet: ExcelJS.Worksheet;
  name: string;
  /** 1-based top-left of the header row. */
  top: number;
  left: number;
  width: number;
  /** Data rows (0 when the table holds only its one blank row). */
  height: number;
}

interface LoadedTable {
  name: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  style?: { theme?: string };
}

/** 1-based bounds of "A1:C9" (or "A1"). */
function decodeRange(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b] = ref.split(":");
  const from = parseCellA1(a);
  const to = parseCellA1(b ?? a);
  return { top: from.row + 1, left: from.col + 1, bottom: to.row + 1, right: to.col + 1 };
}

/**
 * The file host's workbook: an ExcelJS workbook that a WorkbookPlan is applied to. Charts are
 * kept aside and written into the package on save (ExcelJS cannot write charts).
 */
export class XlsxBook {
  private charts: Array<{ sheet: string; chart: PlanChart }> = [];
  /** Sheets this book rebuilt as owned (their marker is written on save). */
  private readonly owned = new Set<string>();

  private constructor(readonly wb: ExcelJS.Workbook) {}

  static create(): XlsxBook {
    const wb = new ExcelJS.Workbook();
    wb.creator = "Policy Planner";
    wb.calcProperties.fullCalcOnLoad = true;
    return new XlsxBook(wb);
  }

  static fromWorkbook(wb: ExcelJS.Workbook): XlsxBook {
    wb.calcProperties.fullCalcOnLoad = true;
    wb.eachSheet(compactValidations);
    return new XlsxBook(wb);
  }

  /** Every Excel table in the workbook, by lower-cased name. */
  private tableIndex(): Map<string, TableInfo> {
    const out = new Map<string, TableInfo>();
    this.wb.eachSheet((sheet) => {
      for (const t of sheet.getTables()) {
        const model = (t as unknown as { table: LoadedTable }).table;
        const ref = model.tableRef ?? model.ref;
        if (!ref) continue;
        const r = decodeRange(ref.includes(":") ? ref : `${ref}:${ref}`);
        const dataRows = r.bottom - r.top - (model.totalsRow ? 1 : 0);
        const info: TableInfo = {
          sheet,
          name: model.name,
          top: r.top,
          left: r.left,
          width: r.right - r.left + 1,
          height: Math.max(0, dataRows),
        };
        if (info.height === 1 && this.rowIsBlank(info, 1)) info.height = 0;
        out.set(model.name.toLowerCase(), info);
      }
    });
    return out;
  }

  private rowIsBlank(t: TableInfo, dataRow: number): boolean {
    const row = t.sheet.getRow(t.top + dataRow);
    for (let c = 0; c < t.width; c++) {
      if (!isBlank(fromExcelJs(row.getCell(t.left + c).value))) return false;
    }
    return true;
  }

  private readHeaders(t: TableInfo): string[] {
    const headerRow = t.sheet.getRow(t.top);
    const headers: string[] = [];
    for (let c = 0; c < t.width; c++)
      headers.push(String(fromExcelJs(headerRow.getCell(t.left + c).value) ?? ""));
    return headers;
  }

  /** The header row alone, for column lookups (columnIndex) that need no data rows. */
  private headerTable(t: TableInfo): TableData {
    return { name: t.name, headers: this.readHeaders(t), rows: [] };
  }

  private readTable(t: TableInfo): TableData {
    const headers = this.readHeaders(t);
    const rows: Cell[][] = [];
    for (let r = 1; r <= t.height; r++) {
      const row = t.sheet.getRow(t.top + r);
      const values: Cell[] = new Array(t.width);
      for (let c = 0; c < t.width; c++) values[c] = fromExcelJs(row.getCell(t.left + c).value);
      rows.push(values);
    }
    return {
      name: t.name,
      headers,
      rows,
      location: { sheet: t.sheet.name, row: t.top - 1, col: t.left - 1 },
    };
  }

  /** The planner tables present in the workbook. */
  readTables(): PlannerTables {
    const index = this.tableIndex();
    const out: PlannerTables = {};
    for (const name of ALL_TABLE_NAMES) {
      const t = index.get(name.toLowerCase());
      if (t) out[name] = this.readTable(t);
    }
    return out;
  }

  /** Where each planner table sits, without reading its cells. */
  tableExtents(): TableExtent[] {
    const index = this.tableIndex();
    return TABLE_NAMES.flatMap((name) => {
      const t = index.get(name.toLowerCase());
      return t
        ? [
            {
              sheet: t.sheet.name,
              row: t.top - 1,
              col: t.left - 1,
              width: t.width,
              height: t.height,
            },
          ]
        : [];
    });
  }

  /** Every sheet as the owned-sheet check needs it (plan/owned-sheets.ts). */
  existingSheets(): ExistingSheet[] {
    return this.wb.worksheets.map((ws) => ({
      name: ws.name,
      marked: this.owned.has(ws.name),
      hasTable: ws.getTables().length > 0,
      a1: String(fromExcelJs(ws.getCell(1, 1).value) ?? ""),
    }));
  }

  applyPlan(plan: WorkbookPlan): void {
    for (const name of plan.retire ?? []) this.retireSheet(name);
    for (const sheet of plan.sheets) {
      if (sheet.owned) this.rebuildOwnedSheet(sheet);
      else this.ensurePlannerSheet(sheet);
    }
    // Formats last: a dropdown's source table may come later in the plan.
    for (const sheet of plan.sheets)
      if (!sheet.owned) sheet.tables.forEach((t) => this.formatTable(t));
    // The marks last, over the tables as the plan left them.
    if (plan.marks) markFindingsRules(this);
  }

  /**
   * The plan's sheets drawn on a fresh workbook, for the package writer to move into the
   * planner's file: owned sheets whole, planner sheets with their tables and number formats
   * (dropdowns and marks are the package writer's, over the tables where they end up).
   */
  renderSheets(sheets: PlanSheet[]): void {
    for (const sheet of sheets) {
      if (sheet.owned) {
        this.rebuildOwnedSheet(sheet);
        continue;
      }
      const ws = this.sheetForNewTable(sheet);
      for (const table of sheet.tables) {
        this.createTable(ws, table);
        this.formatTable({ ...table, validations: [] });
      }
    }
  }

  private ensurePlannerSheet(plan: PlanSheet): void {
    for (const table of plan.tables) {
      const existing = this.tableIndex().get(table.name.toLowerCase());
      if (existing) this.repairTable(existing, table);
      else this.createTable(this.sheetForNewTable(plan), table);
    }
  }

  private sheetForNewTable(plan: PlanSheet): ExcelJS.Worksheet {
    const existing = this.wb.getWorksheet(plan.name);
    if (existing && existing.actualRowCount === 0 && existing.getTables().length === 0)
      return existing;
    let name = plan.name;
    for (let i = 2; this.wb.getWorksheet(name); i++) name = `${plan.name} (${i})`;
    const sheet = this.wb.addWorksheet(name);
    plan.columnWidths?.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    if (plan.freeze)
      sheet.views = [{ state: "frozen", xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }];
    return sheet;
  }

  private createTable(sheet: ExcelJS.Worksheet, table: PlanTable): void {
    const rows = table.rows.length > 0 ? table.rows : [table.headers.map(() => null)];
    this.addTable(
      sheet,
      table.name,
      table.topLeft.row + 1,
      table.topLeft.col + 1,
      table.headers,
      rows,
      table.style
    );
  }

  private addTable(
    sheet: ExcelJS.Worksheet,
    name: string,
    top: number,
    left: number,
    headers: string[],
    rows: Cell[][],
    style: string
  ): void {
    sheet.addTable({
      name,
      ref: cellA1({ row: top - 1, col: left - 1 }),
      headerRow: true,
      style: { theme: style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
      columns: headers.map((h) => ({ name: h, filterButton: true })),
      rows: rows.map((r) => headers.map((_, i) => toExcelJs(r[i] ?? null))),
    });
  }

  /** Adds missing columns and, into an empty table, the plan's rows. Never drops a row or column. */
  private repairTable(t: TableInfo, table: PlanTable): void {
    const current = this.readTable(t);
    const missing = table.headers.filter((h) => columnIndex(current, h) < 0);
    const fill = current.rows.length === 0 && table.rows.length > 0;
    if (missing.length > 0 || fill) {
      const headers = [...current.headers, ...missing];
      const rows = fill
        ? table.rows.map((r) =>
            headers.map(
              (h) => r[table.headers.findIndex((x) => headerKey(x) === headerKey(h))] ?? null
            )
          )
        : current.rows.map((r) => [...r, ...missing.map(() => null)]);
      this.replaceTable(t, headers, rows, table.style);
    }
  }

  private replaceTable(t: TableInfo, headers: string[], rows: Cell[][], style: string): void {
    const model = t.sheet.getTable(t.name) as unknown as { table: LoadedTable };
    const theme = model?.table?.style?.theme ?? style;
    t.sheet.removeTable(t.name);
    const bodyRows = Math.max(t.height, 1);
    for (let r = 0; r <= bodyRows; r++) {
      const row = t.sheet.getRow(t.top + r);
      for (let c = 0; c < t.width; c++) row.getCell(t.left + c).value = null;
    }
    this.addTable(
      t.sheet,
      t.name,
      t.top,
      t.left,
      headers,
      rows.length > 0 ? rows : [headers.map(() => null)],
      theme
    );
  }

  /** Replaces a planner table's data rows (import, repair), keeping its place and style. */
  writeTable(table: TableData): void {
    const t = this.tableIndex().get(table.name.toLowerCase());
    if (!t) throw new Error(`The workbook has no ${table.name} table.`);
    this.replaceTable(t, table.headers, table.rows, "TableStyleMedium2");
    const written = ALL_TABLE_NAMES.find((n) => n.toLowerCase() === table.name.toLowerCase());
    if (!written) return;
    for (const name of tablesToReformat(written)) {
      const headers = name === written ? table.headers : [];
      this.formatTable({
        name,
        topLeft: { row: 0, col: 0 },
        headers,
        rows: [],
        style: "",
        numberFormats: NUMBER_FORMATS[name],
        validations: VALIDATIONS[name],
      });
    }
  }

  private formatTable(table: PlanTable): void {
    const t = this.tableIndex().get(table.name.toLowerCase());
    if (!t) return;
    const current = this.headerTable(t);
    const body = (header: string): string | null => {
      const i = columnIndex(current, header);
      if (i < 0) return null;
      const col = columnLetter(t.left - 1 + i);
      return `${col}${t.top + 1}:${col}${t.top + Math.max(1, t.height)}`;
    };
    for (const [header, fmt] of Object.entries(table.numberFormats ?? {})) {
      const i = columnIndex(current, header);
      if (i >= 0) t.sheet.getColumn(t.left + i).numFmt = fmt;
    }
    for (const v of table.validations ?? []) {
      const range = body(v.column);
      if (range) this.addValidation(t.sheet, range, v);
    }
  }

  private addValidation(sheet: ExcelJS.Worksheet, range: string, v: PlanValidation): void {
    const dvs = (
      sheet as unknown as {
        dataValidations: {
          add(a: string, v: ExcelJS.DataValidation): void;
          model: Record<string, unknown>;
        };
      }
    ).dataValidations;
    // Validations already on this column of the table (loaded per cell or as ranges) give way to ours.
    const target = decodeRange(range);
    for (const key of Object.keys(dvs.model)) {
      if (!/^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(key)) continue;
      const k = decodeRange(key);
      if (
        k.left <= target.left &&
        k.right >= target.left &&
        k.top <= target.bottom &&
        k.bottom >= target.top
      )
        delete dvs.model[key];
    }
    let dv: ExcelJS.DataValidation;
    if (v.kind === "list" && "values" in v) {
      dv = {
        type: "list",
        allowBlank: true,
        formulae: [`"${v.values.join(",")}"`],
        showErrorMessage: true,
        errorStyle: "warning",
        error: `Choose one of: ${v.values.join(", ")}`,
      };
    } else if (v.kind === "list") {
      const src = this.tableIndex().get(v.source.table.toLowerCase());
      let formula: string;
      if (src) {
        const i = columnIndex(this.headerTable(src), v.source.column);
        const col = columnLetter(src.left - 1 + Math.max(0, i));
        formula = `${quoteSheet(src.sheet.name)}!$${col}$${src.top + 1}:$${col}$${src.top + Math.max(1, src.height)}`;
      } else {
        formula = `${quoteSheet(v.source.sheet)}!$A$2:$A$200`;
      }
      dv = {
        type: "list",
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: true,
        errorStyle: "warning",
        error: `Choose a value from the ${v.source.table} table.`,
      };
    } else {
      dv = {
        type: v.kind,
        operator: "between",
        allowBlank: true,
        formulae: [v.min, v.max],
        showErrorMessage: true,
        errorStyle: "stop",
        error: `Enter a number from ${v.min} to ${v.max}.`,
      };
    }
    dvs.add(range, dv);
  }

  /** Deletes a sheet an earlier version owned, unless it holds an Excel table (then it is the planner's). */
  private retireSheet(name: string): void {
    const old = this.wb.getWorksheet(name);
    const there = this.existingSheets().find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!old || !there || there.hasTable || !(there.marked || isOlderOwnedSheet(there))) return;
    this.wb.removeWorksheet(old.id);
    this.charts = this.charts.filter((c) => c.sheet !== old.name);
  }

  private rebuildOwnedSheet(plan: PlanSheet): void {
    const old = this.wb.getWorksheet(plan.name);
    // ExcelJS keeps tab order in an untyped `orderNo`; a rebuilt sheet keeps its place.
    type Ordered = { orderNo?: number };
    let orderNo: number | undefined;
    if (old) {
      orderNo = (old as unknown as Ordered).orderNo;
      this.wb.removeWorksheet(old.id);
    }
    this.charts = this.charts.filter((c) => c.sheet !== plan.name);
    this.owned.add(plan.name);
    const sheet = this.wb.addWorksheet(plan.name, {
      properties: { tabColor: plan.tabColor ? { argb: plan.tabColor } : undefined },
    });
    if (orderNo !== undefined) (sheet as unknown as Ordered).orderNo = orderNo;
    plan.columnWidths?.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    for (const [row, height] of Object.entries(plan.rowHeights ?? {}))
      sheet.getRow(Number(row) + 1).height = height;
    for (const c of plan.cells) {
      const cell = sheet.getCell(c.row + 1, c.col + 1);
      if (c.link) {
        const text = c.value === null ? "" : String(c.value);
        cell.value = { formula: hyperlinkFormula(c.link, text), result: text };
      } else if (c.formula) {
        cell.value = { formula: c.formula, result: c.value ?? "" } as ExcelJS.CellFormulaValue;
      } else {
        cell.value = toExcelJs(c.value);
      }
      if (c.numberFormat) cell.numFmt = c.numberFormat;
      if (c.style) applyCellStyle(cell, c.style);
      else if (typeof c.value === "string" && hasKhmer(c.value)) cell.font = { name: KHMER_FONT };
    }
    // A tall row reads from the top, like its wrapped text.
    for (const row of Object.keys(plan.rowHeights ?? {})) {
      sheet
        .getRow(Number(row) + 1)
        .eachCell((cell) => (cell.alignment = { ...cell.alignment, vertical: "top" }));
    }
    for (const m of plan.merges ?? [])
      sheet.mergeCells(m.from.row + 1, m.from.col + 1, m.to.row + 1, m.to.col + 1);
    for (const t of plan.tables) {
      this.addTable(
        sheet,
        t.name,
        t.topLeft.row + 1,
        t.topLeft.col + 1,
        t.headers,
        t.rows.length ? t.rows : [t.headers.map(() => null)],
        t.style
      );
    }
    if (plan.freeze)
      sheet.views = [{ state: "frozen", xSplit: plan.freeze.cols, ySplit: plan.freeze.rows }];
    if (plan.print) applyPrint(sheet, plan.print);
    for (const chart of plan.charts) this.charts.push({ sheet: plan.name, chart });
  }

  /** The workbook as a file; `stored`: not deflated (sheets built for the package writer, which reads them at once). */
  async toBytes(stored = false): Promise<Uint8Array> {
    const zip = stored ? { zip: { compression: "STORE" } } : undefined;
    let buf: Uint8Array = new Uint8Array(
      await this.wb.xlsx.writeBuffer(zip as ExcelJS.XlsxWriteOptions | undefined)
    );
    if (this.charts.length > 0) {
      const { addCharts } = await import("./xlsx-charts");
      buf = await addCharts(buf, this.charts, stored);
    }
    // The marks refer to the Validation sheet: written in the x14 extension, as Excel does (xlsx-marks.ts).
    buf = await writeMarksAsX14(buf);
    // ExcelJS cannot scope a name to a sheet: the owned markers go into the package after it.
    const owned = [...this.owned].filter((n) => this.wb.getWorksheet(n));
    if (owned.length === 0) return buf;
    const { markOwnedSheets } = await import("./package/transplant");
    return markOwnedSheets(buf, owned);
  }
}

/** Paper, orientation, one page wide, print area and titles, margins, header and footer, page breaks. */
function applyPrint(sheet: ExcelJS.Worksheet, p: PrintSetup): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: p.landscape ? "landscape" : "portrait",
    fitToPage: p.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    printArea: rangeA1(p.area.from, p.area.to),
    printTitlesRow: p.repeatRows ? `${p.repeatRows.from + 1}:${p.repeatRows.to + 1}` : undefined,
    ...(p.paper === "A4" ? { paperSize: 9, margins: { ...MARGINS } } : {}),
  };
  const hf = (t?: HeaderFooterText): string | undefined => {
    if (!t) return undefined;
    const text =
      (t.left ? `&L${t.left}` : "") +
      (t.center ? `&C${t.center}` : "") +
      (t.right ? `&R${t.right}` : "");
    return text || undefined;
  };
  const oddHeader = hf(p.header);
  const oddFooter = hf(p.footer);
  if (oddHeader || oddFooter)
    sheet.headerFooter = {
      ...sheet.headerFooter,
      ...(oddHeader ? { oddHeader } : {}),
      ...(oddFooter ? { oddFooter } : {}),
    };
  // ExcelJS writes a break after the row it is added to: after 1-based row r is before 0-based row r.
  for (const r of p.rowBreaks ?? []) if (r > 0) sheet.getRow(r).addPageBreak();
}

type ValidationModel = { model: Record<string, unknown> };

/**
 * ExcelJS loads a validated range as one entry per cell (80 000 for a 10 000-row Measures
 * table) and re-merges them slowly on save: runs of equal validations down a column are
 * folded back into one range each.
 */
function compactValidations(sheet: ExcelJS.Worksheet): void {
  const dvs = (sheet as unknown as { dataValidations: ValidationModel }).dataValidations;
  const entries = Object.entries(dvs.model);
  if (entries.length < 64) return;
  const cells: Array<{ col: string; row: number; key: string; dv: unknown }> = [];
  const out: Record<string, unknown> = {};
  for (const [address, dv] of entries) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (m) cells.push({ col: m[1], row: Number(m[2]), key: JSON.stringify(dv), dv });
    else out[address] = dv;
  }
  cells.sort((a, b) =>
    a.col === b.col ? a.row - b.row : a.col.length - b.col.length || (a.col < b.col ? -1 : 1)
  );
  for (let i = 0; i < cells.length;) {
    let j = i;
    while (
      j + 1 < cells.length &&
      cells[j + 1].col === cells[i].col &&
      cells[j + 1].row === cells[j].row + 1 &&
      cells[j + 1].key === cells[i].key
    )
      j++;
    const a = cells[i];
    out[j === i ? `${a.col}${a.row}` : `${a.col}${a.row}:${a.col}${cells[j].row}`] = a.dv;
    i = j + 1;
  }
  dvs.model = out;
}
