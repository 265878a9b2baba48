import type ExcelJS from "exceljs";
import type { CellStyle } from "../plan/types";

/** Windows ships Khmer UI; elsewhere the program falls back to a Khmer font it has (docs/DESIGN.md). */
export const KHMER_FONT = "Khmer UI";

const FILL: Partial<Record<CellStyle, string>> = {
  header: "FF1F4E79",
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  warningCenter: "FFFFEB9C",
  info: "FFDDEBF7",
  total: "FFF2F2F2",
};

/** The look of each plan style, in one place. */
export function applyCellStyle(cell: ExcelJS.Cell, style: CellStyle): void {
  const font: Partial<ExcelJS.Font> = {};
  if (style === "title") Object.assign(font, { bold: true, size: 16, color: { argb: "FF1F4E79" } });
  if (style === "subtitle")
    Object.assign(font, { bold: true, size: 12, color: { argb: "FF1F4E79" } });
  if (style === "header") Object.assign(font, { bold: true, color: { argb: "FFFFFFFF" } });
  if (style === "note") Object.assign(font, { italic: true, color: { argb: "FF595959" } });
  if (style === "total") Object.assign(font, { bold: true });
  if (style === "link") Object.assign(font, { underline: true, color: { argb: "FF0563C1" } });
  // Named, so a program without Calibri falls back to a sans font for the headings too.
  font.name =
    typeof cell.value === "string" && /[\u1780-\u17ff]/.test(cell.value) ? KHMER_FONT : "Calibri";
  cell.font = font;
  const fill = FILL[style];
  if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
  if (style === "header") cell.alignment = { vertical: "middle", wrapText: true };
  if (style === "wrap") cell.alignment = { vertical: "top", wrapText: true };
  if (style === "center" || style === "warningCenter")
    cell.alignment = { vertical: "top", horizontal: "center" };
}
