/**
 * An owned sheet's worksheet part (SpreadsheetML) written straight from its plan, as UTF-8
 * bytes built a row at a time: no spreadsheet model in between, so a Briefing of a hundred
 * thousand measures costs its text and nothing more. What it writes is what XlsxBook's
 * rebuildOwnedSheet gives an ExcelJS sheet (values, formulas with their results, links, styles,
 * widths, heights, merges, frozen panes, print setup, page breaks); see owned-styles.ts.
 */
import { hyperlinkFormula } from "../../plan/formulas";
import { MARGINS } from "../../plan/page";
import { hasKhmer } from "../../plan/text-fit";
import type { HeaderFooterText, PlanCell, PlanSheet } from "../../plan/types";
import type { Cell } from "../../model/types";
import { escapeXml } from "../read/xml";
import { DEFAULT_DATE_FORMAT, type OwnedStyles } from "./owned-styles";
import { columnLetters, dateToSerial, xmlText } from "./sheet-xml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/** A styled cell's font is Khmer UI when its value has Khmer letters (xlsx-styles.ts). */
const KHMER_IN_STYLED = /[\u1780-\u17ff]/;

/** Text gathered into UTF-8 chunks of about a megabyte, then one array. */
class Utf8Writer {
  private readonly encoder = new TextEncoder();
  private readonly chunks: Uint8Array[] = [];
  private pending = "";

  write(text: string): void {
    this.pending += text;
    if (this.pending.length > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.pending) this.chunks.push(this.encoder.encode(this.pending));
    this.pending = "";
  }

  bytes(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks.length = 0;
    return out;
  }
}

const ref = (row: number, col: number) => `${columnLetters(col + 1)}${row + 1}`;

/** A cell as ExcelJS ends up with it: the last write of each value, style and format wins. */
interface Placed {
  row: number;
  col: number;
  cell: PlanCell | null;
  style?: PlanCell["style"];
  numberFormat?: string;
  /** A merged cell other than the top-left: it takes that cell's format and shows nothing. */
  mergedInto?: Placed;
  xf?: number;
}

/** The plan's cells in row and column order, repeats folded, merged cells added. */
function placedCells(plan: PlanSheet): Placed[] {
  const cells = plan.cells;
  let sorted = true;
  for (let i = 1; i < cells.length && sorted; i++) {
    const a = cells[i - 1];
    const b = cells[i];
    if (a.row > b.row || (a.row === b.row && a.col >= b.col)) sorted = false;
  }
  const order = sorted
    ? cells
    : cells
        .map((c, i) => ({ c, i }))
        .sort((x, y) => x.c.row - y.c.row || x.c.col - y.c.col || x.i - y.i)
        .map((x) => x.c);
  const out: Placed[] = [];
  for (const c of order) {
    const last = out[out.length - 1];
    if (last && last.row === c.row && last.col === c.col) {
      last.cell = c;
      last.style = c.style ?? last.style;
      last.numberFormat = c.numberFormat ?? last.numberFormat;
    } else
      out.push({ row: c.row, col: c.col, cell: c, style: c.style, numberFormat: c.numberFormat });
  }
  const merges = plan.merges ?? [];
  if (merges.length === 0) return out;
  const at = new Map<string, Placed>(
    out
      .filter((p) => merges.some((m) => inMerge(m, p.row, p.col)))
      .map((p) => [`${p.row},${p.col}`, p])
  );
  for (const m of merges) {
    const master = at.get(`${m.from.row},${m.from.col}`) ?? {
      row: m.from.row,
      col: m.from.col,
      cell: null,
    };
    for (let r = m.from.row; r <= m.to.row; r++)
      for (let c = m.from.col; c <= m.to.col; c++) {
        if (r === m.from.row && c === m.from.col) continue;
        const slave = at.get(`${r},${c}`);
        if (slave) {
          slave.cell = null;
          slave.mergedInto = master;
        } else out.push({ row: r, col: c, cell: null, mergedInto: master });
      }
  }
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}

function inMerge(m: NonNullable<PlanSheet["merges"]>[number], row: number, col: number): boolean {
  return row >= m.from.row && row <= m.to.row && col >= m.from.col && col <= m.to.col;
}

/** True when ExcelJS holds a value there (a formula or link counts; a format alone does not). */
function holdsValue(c: PlanCell | null): boolean {
  return c !== null && (c.value !== null || c.formula !== undefined || c.link !== undefined);
}

function formatOf(p: Placed, tallRows: Set<number>, styles: OwnedStyles): number {
  if (p.xf !== undefined) return p.xf;
  if (p.mergedInto) return (p.xf = formatOf(p.mergedInto, tallRows, styles));
  const c = p.cell;
  const value = c?.value ?? null;
  const plain = c !== null && !c.link && !c.formula;
  const khmer =
    typeof value === "string" && (p.style ? plain && KHMER_IN_STYLED.test(value) : hasKhmer(value));
  const numberFormat =
    p.numberFormat ?? (value instanceof Date && plain ? DEFAULT_DATE_FORMAT : undefined);
  return (p.xf = styles.xf({
    style: p.style,
    numberFormat,
    khmer,
    top: tallRows.has(p.row) && holdsValue(c),
  }));
}

function valueXml(value: Cell, date1904: boolean): { t: string; v: string } | null {
  if (value === null || (typeof value === "number" && !Number.isFinite(value))) return null;
  if (typeof value === "number") return { t: "", v: String(value) };
  if (typeof value === "boolean") return { t: ' t="b"', v: value ? "1" : "0" };
  if (value instanceof Date) return { t: "", v: String(dateToSerial(value, date1904)) };
  return { t: ' t="str"', v: xmlText(value) };
}

/** Whitespace an XML reader could drop or fold unless told to keep it. */
const KEEP_SPACE = /^\s|\s$|\s\s|[\t\n\r]/;

function cellXml(p: Placed, xf: number, date1904: boolean): string {
  const r = ref(p.row, p.col);
  const s = xf > 0 ? ` s="${xf}"` : "";
  const c = p.cell;
  if (!c || !holdsValue(c)) return xf > 0 ? `<c r="${r}"${s}/>` : "";
  if (c.link || c.formula) {
    const text = c.link ? (c.value === null ? "" : String(c.value)) : c.value;
    const formula = c.link ? hyperlinkFormula(c.link, text as string) : c.formula!;
    const result = valueXml(text ?? "", date1904) ?? { t: ' t="str"', v: "" };
    return `<c r="${r}"${s}${result.t}><f>${escapeXml(formula)}</f><v>${result.v}</v></c>`;
  }
  const value = c.value;
  if (typeof value === "string") {
    const space = KEEP_SPACE.test(value) ? ' xml:space="preserve"' : "";
    return `<c r="${r}"${s} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
  }
  const v = valueXml(value, date1904);
  return v ? `<c r="${r}"${s}${v.t}><v>${v.v}</v></c>` : xf > 0 ? `<c r="${r}"${s}/>` : "";
}

function headerFooterText(t?: HeaderFooterText): string {
  if (!t) return "";
  return (
    (t.left ? `&L${t.left}` : "") +
    (t.center ? `&C${t.center}` : "") +
    (t.right ? `&R${t.right}` : "")
  );
}

function sheetViews(freeze: PlanSheet["freeze"]): string {
  if (!freeze || (freeze.rows <= 0 && freeze.cols <= 0))
    return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const { rows, cols } = freeze;
  const pane = rows > 0 && cols > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
  return (
    `<sheetViews><sheetView workbookViewId="0"><pane` +
    (cols > 0 ? ` xSplit="${cols}"` : "") +
    (rows > 0 ? ` ySplit="${rows}"` : "") +
    ` topLeftCell="${ref(rows, cols)}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}"/></sheetView></sheetViews>`
  );
}

/** ExcelJS's default width: a column set to it was written without one (Excel's own default). */
const EXCELJS_DEFAULT_WIDTH = 9;

function columns(widths: PlanSheet["columnWidths"]): string {
  const cols = (widths ?? [])
    .map((w, i) =>
      typeof w === "number" && w > 0 && w !== EXCELJS_DEFAULT_WIDTH
        ? `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`
        : ""
    )
    .join("");
  return cols ? `<cols>${cols}</cols>` : "";
}

/** What follows the cells: merges, margins, page setup, header and footer, breaks, drawing. */
function afterCells(plan: PlanSheet, drawingRid: string | null): string {
  const merges = plan.merges ?? [];
  let out = merges.length
    ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${ref(m.from.row, m.from.col)}:${ref(m.to.row, m.to.col)}"/>`).join("")}</mergeCells>`
    : "";
  const p = plan.print;
  const m =
    p?.paper === "A4"
      ? MARGINS
      : { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
  out += `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
  if (p) {
    out +=
      `<pageSetup${p.paper === "A4" ? ' paperSize="9"' : ""} orientation="${p.landscape ? "landscape" : "portrait"}"` +
      ` fitToWidth="1" fitToHeight="0"/>`;
    const header = headerFooterText(p.header);
    const footer = headerFooterText(p.footer);
    if (header || footer)
      out +=
        "<headerFooter>" +
        (header ? `<oddHeader>${escapeXml(header)}</oddHeader>` : "") +
        (footer ? `<oddFooter>${escapeXml(footer)}</oddFooter>` : "") +
        "</headerFooter>";
    // A break "before 0-based row r" is Excel's break after 1-based row r.
    const breaks = (p.rowBreaks ?? []).filter((r) => r > 0);
    if (breaks.length)
      out += `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("")}</rowBreaks>`;
  }
  if (drawingRid) out += `<drawing r:id="${drawingRid}"/>`;
  return out;
}

/** The worksheet part of an owned sheet. `drawingRid`: the relationship of its charts' drawing; `date1904`: the workbook's date system. */
export function ownedSheetXml(
  plan: PlanSheet,
  styles: OwnedStyles,
  drawingRid: string | null,
  date1904 = false
): Uint8Array {
  const cells = placedCells(plan);
  const tallRows = new Set(Object.keys(plan.rowHeights ?? {}).map(Number));
  let maxRow = 0;
  let maxCol = 0;
  for (const p of cells) {
    maxRow = Math.max(maxRow, p.row);
    maxCol = Math.max(maxCol, p.col);
  }
  const out = new Utf8Writer();
  const tab = plan.tabColor ? `<tabColor rgb="${escapeXml(plan.tabColor)}"/>` : "";
  const fit = plan.print?.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : "";
  out.write(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
      (tab || fit ? `<sheetPr>${tab}${fit}</sheetPr>` : "") +
      `<dimension ref="A1:${ref(maxRow, maxCol)}"/>` +
      sheetViews(plan.freeze) +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      columns(plan.columnWidths) +
      "<sheetData>"
  );
  const heights = plan.rowHeights ?? {};
  const heightRows = Object.keys(heights)
    .map(Number)
    .filter((r) => Number.isInteger(r) && r >= 0)
    .sort((a, b) => a - b);
  const rowOpen = (row: number) => {
    const h = heights[row];
    return `<row r="${row + 1}"${h !== undefined ? ` ht="${h}" customHeight="1"` : ""}>`;
  };
  let h = 0;
  for (let i = 0; i < cells.length;) {
    const row = cells[i].row;
    // Rows of set height holding no cell still keep their height.
    for (; h < heightRows.length && heightRows[h] < row; h++)
      out.write(rowOpen(heightRows[h]).replace(/>$/, "/>"));
    if (h < heightRows.length && heightRows[h] === row) h++;
    let body = "";
    for (; i < cells.length && cells[i].row === row; i++)
      body += cellXml(cells[i], formatOf(cells[i], tallRows, styles), date1904);
    if (body || heights[row] !== undefined) out.write(`${rowOpen(row)}${body}</row>`);
  }
  for (; h < heightRows.length; h++) out.write(rowOpen(heightRows[h]).replace(/>$/, "/>"));
  out.write(`</sheetData>${afterCells(plan, drawingRid)}</worksheet>`);
  return out.bytes();
}
