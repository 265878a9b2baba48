import type ExcelJS from "exceljs";
import type { Cell } from "../model/types";

/** An ExcelJS cell value as a plain Cell: formulas give their cached result, rich text its text. */
export function fromExcelJs(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText))
      return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return null;
      if (typeof result === "object" && !(result instanceof Date)) return null; // an error result
      return result as Cell;
    }
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("hyperlink" in value) return String((value as { hyperlink: string }).hyperlink);
    if ("error" in value) return null;
  }
  return String(value);
}

/** A Cell as ExcelJS takes it. */
export function toExcelJs(cell: Cell): ExcelJS.CellValue {
  if (typeof cell === "number" && !Number.isFinite(cell)) return null;
  return cell;
}
