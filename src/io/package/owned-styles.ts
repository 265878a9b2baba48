/**
 * The cell formats of the owned sheets, appended to the workbook's styles.xml: one per plan
 * style, number format, Khmer text and top alignment (the rows of wrapped text). Each is the
 * format xlsx-styles.ts gives an ExcelJS cell, written as ExcelJS writes it, so a sheet
 * rendered here looks exactly as one rendered through ExcelJS did.
 */
import type { CellStyle } from "../../plan/types";
import { KHMER_FONT } from "../xlsx-styles";
import { escapeXml } from "../read/xml";
import type { Styles } from "./styles";

/** Number formats Excel knows by id (ExcelJS's table): written as the id, as ExcelJS does. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "# ?/?": 12,
  "# ??/??": 13,
  "mm-dd-yy": 14,
  "d-mmm-yy": 15,
  "d-mmm": 16,
  "mmm-yy": 17,
  "h:mm AM/PM": 18,
  "h:mm:ss AM/PM": 19,
  "h:mm": 20,
  "h:mm:ss": 21,
  'm/d/yy "h":mm': 22,
};

/** A date with no number format of its own shows as ExcelJS shows it. */
export const DEFAULT_DATE_FORMAT = "mm-dd-yy";

/** The font, fill and border of a cell ExcelJS gave no style (its workbook's defaults). */
const PLAIN_FONT =
  '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';
const PLAIN_BORDER = "<border><left/><right/><top/><bottom/><diagonal/></border>";

const FILL: Partial<Record<CellStyle, string>> = {
  header: "FF1F4E79",
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  warningCenter: "FFFFEB9C",
  info: "FFDDEBF7",
  total: "FFF2F2F2",
};

interface Font {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  color?: string;
  name: string;
}

/** applyCellStyle's font (xlsx-styles.ts). */
function styleFont(style: CellStyle, khmer: boolean): Font {
  const name = khmer ? KHMER_FONT : "Calibri";
  switch (style) {
    case "title":
      return { bold: true, size: 16, color: "FF1F4E79", name };
    case "subtitle":
      return { bold: true, size: 12, color: "FF1F4E79", name };
    case "header":
      return { bold: true, color: "FFFFFFFF", name };
    case "note":
      return { italic: true, color: "FF595959", name };
    case "total":
      return { bold: true, name };
    case "link":
      return { underline: true, color: "FF0563C1", name };
    default:
      return { name };
  }
}

function fontXml(f: Font): string {
  return (
    "<font>" +
    (f.bold ? "<b/>" : "") +
    (f.italic ? "<i/>" : "") +
    (f.underline ? "<u/>" : "") +
    (f.color ? `<color rgb="${f.color}"/>` : "") +
    (f.size ? `<sz val="${f.size}"/>` : "") +
    `<name val="${escapeXml(f.name)}"/></font>`
  );
}

interface Alignment {
  horizontal?: string;
  vertical?: string;
  wrapText?: boolean;
}

function styleAlignment(style: CellStyle | undefined): Alignment | null {
  if (style === "header") return { vertical: "middle", wrapText: true };
  if (style === "wrap") return { vertical: "top", wrapText: true };
  if (style === "center" || style === "warningCenter")
    return { vertical: "top", horizontal: "center" };
  return null;
}

function alignmentXml(a: Alignment): string {
  // ExcelJS writes "middle" as Excel's "center".
  const vertical = a.vertical === "middle" ? "center" : a.vertical;
  return (
    "<alignment" +
    (a.horizontal ? ` horizontal="${a.horizontal}"` : "") +
    (vertical ? ` vertical="${vertical}"` : "") +
    (a.wrapText ? ' wrapText="1"' : "") +
    "/>"
  );
}

export interface OwnedFormat {
  style?: CellStyle;
  numberFormat?: string;
  /** A string with Khmer letters (its font is Khmer UI). */
  khmer: boolean;
  /** In a row of set height, holding a value: read from the top. */
  top: boolean;
}

/** cellXfs indexes of owned-sheet formats, each appended once. */
export class OwnedStyles {
  private readonly cache = new Map<string, number>();

  constructor(private readonly styles: Styles) {}

  xf(f: OwnedFormat): number {
    const key = `${f.style ?? ""}|${f.numberFormat ?? ""}|${f.khmer ? 1 : 0}|${f.top ? 1 : 0}`;
    let id = this.cache.get(key);
    if (id === undefined) {
      id = this.build(f);
      this.cache.set(key, id);
    }
    return id;
  }

  private build(f: OwnedFormat): number {
    const font: Font | null = f.style
      ? styleFont(f.style, f.khmer)
      : f.khmer
        ? { name: KHMER_FONT }
        : null;
    const fill = f.style ? FILL[f.style] : undefined;
    let alignment = styleAlignment(f.style);
    if (f.top) alignment = { ...alignment, vertical: "top" };
    const numFmt = f.numberFormat;
    if (!font && !fill && !alignment && !numFmt) return 0;
    const s = this.styles;
    const numFmtId = numFmt === undefined ? 0 : (BUILTIN_FORMATS[numFmt] ?? s.numFmtId(numFmt));
    const fontId = s.append("fonts", "font", font ? fontXml(font) : PLAIN_FONT);
    const fillId = fill
      ? s.append(
          "fills",
          "fill",
          `<fill><patternFill patternType="solid"><fgColor rgb="${fill}"/></patternFill></fill>`
        )
      : 0;
    const borderId = s.append("borders", "border", PLAIN_BORDER);
    const applied =
      (numFmtId ? ' applyNumberFormat="1"' : "") +
      (font ? ' applyFont="1"' : "") +
      (fill ? ' applyFill="1"' : "") +
      (alignment ? ' applyAlignment="1"' : "");
    const open = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}`;
    return s.append(
      "cellXfs",
      "xf",
      alignment ? `${open}>${alignmentXml(alignment)}</xf>` : `${open}/>`
    );
  }
}
