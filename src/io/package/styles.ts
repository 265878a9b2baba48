/**
 * styles.xml, only ever appended to: every sheet points at its indexes, so an index that exists
 * keeps its meaning. New formats go at the end of their list (an equal one is reused).
 */
import { startTags } from "../read/xml";

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

function isDateCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

const LISTS = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
] as const;
type ListName = (typeof LISTS)[number];

function listRe(list: string): RegExp {
  return new RegExp(`<${list}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${list}>)`);
}

function items(xml: string, list: string, item: string): string[] {
  const block = listRe(list).exec(xml);
  if (!block || !block[1]) return [];
  const re = new RegExp(`<${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, "g");
  return block[1].match(re) ?? [];
}

export class Styles {
  constructor(public xml: string) {}

  /** cellXfs indexes whose number format shows a date. */
  dateStyles(): Set<number> {
    const custom = new Map(
      startTags(xml(this), "numFmt").map((f) => [Number(f.numFmtId), f.formatCode ?? ""])
    );
    const out = new Set<number>();
    items(this.xml, "cellXfs", "xf").forEach((xf, i) => {
      const id = Number(startTags(xf, "xf")[0]?.numFmtId ?? 0);
      if (BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && isDateCode(custom.get(id)!)))
        out.add(i);
    });
    return out;
  }

  list(list: ListName, item: string): string[] {
    return items(this.xml, list, item);
  }

  /** Appends `entry` to a list (creating the list in its schema place), or finds an equal one: its index. */
  append(list: ListName, item: string, entry: string): number {
    const existing = items(this.xml, list, item);
    const found = existing.indexOf(entry);
    if (found >= 0) return found;
    const block = listRe(list).exec(this.xml);
    const count = existing.length + 1;
    if (block) {
      const open = /^<[^>]*?(\/?)>/.exec(block[0])!;
      const openTag = open[0]
        .replace(/\/>$/, ">")
        .replace(/\scount="\d*"/, "")
        .replace(/^<(\w+)/, `<$1 count="${count}"`);
      const body = (block[1] ?? "") + entry;
      this.xml =
        this.xml.slice(0, block.index) +
        `${openTag}${body}</${list}>` +
        this.xml.slice(block.index + block[0].length);
    } else {
      const element = `<${list} count="1">${entry}</${list}>`;
      const after = LISTS.slice(LISTS.indexOf(list) + 1)
        .map((l) => new RegExp(`<${l}\\b`).exec(this.xml))
        .find((m) => m);
      const at = after ? after.index : this.xml.lastIndexOf("</");
      this.xml = this.xml.slice(0, at) + element + this.xml.slice(at);
    }
    return count - 1;
  }

  /** A custom number format's id (added when new). */
  numFmtId(code: string): number {
    const formats = startTags(this.xml, "numFmt");
    const same = formats.find((f) => f.formatCode === code);
    if (same) return Number(same.numFmtId);
    const id = Math.max(163, ...formats.map((f) => Number(f.numFmtId) || 0)) + 1;
    this.append("numFmts", "numFmt", `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  /** The number format id of the cell format `index` (0, General, for none). */
  numFmtOf(index: number | null): number {
    const xf = items(this.xml, "cellXfs", "xf")[index ?? 0] ?? "";
    return Number(startTags(xf, "xf")[0]?.numFmtId ?? 0);
  }

  /** The cellXfs index of `base` with another number format. */
  withNumFmt(base: number | null, numFmtId: number): number {
    const xfs = items(this.xml, "cellXfs", "xf");
    const xf = xfs[base ?? 0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const next = setAttr(setAttr(xf, "numFmtId", String(numFmtId)), "applyNumberFormat", "1");
    return this.append("cellXfs", "xf", next);
  }

  /** A differential format with a solid fill (conditional formats). */
  fillDxf(argb: string): number {
    return this.append(
      "dxfs",
      "dxf",
      `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${argb}"/></patternFill></fill></dxf>`
    );
  }

  /**
   * The cell format `index` of another styles part, appended here with its font, fill, border
   * and number format: how a sheet built elsewhere keeps its look.
   */
  importXf(from: Styles, index: number): number {
    const xf = from.list("cellXfs", "xf")[index];
    if (!xf) return 0;
    const a = startTags(xf, "xf")[0] ?? {};
    let next = xf;
    const fontId = this.append(
      "fonts",
      "font",
      from.list("fonts", "font")[Number(a.fontId ?? 0)] ?? "<font/>"
    );
    const fillId = this.importFill(from, Number(a.fillId ?? 0));
    const borderId = this.append(
      "borders",
      "border",
      from.list("borders", "border")[Number(a.borderId ?? 0)] ?? "<border/>"
    );
    let numFmtId = Number(a.numFmtId ?? 0);
    if (numFmtId >= 164) {
      const code = startTags(from.xml, "numFmt").find(
        (f) => Number(f.numFmtId) === numFmtId
      )?.formatCode;
      numFmtId = code === undefined ? 0 : this.numFmtId(code);
    }
    next = setAttr(next, "fontId", String(fontId));
    next = setAttr(next, "fillId", String(fillId));
    next = setAttr(next, "borderId", String(borderId));
    next = setAttr(next, "numFmtId", String(numFmtId));
    next = setAttr(next, "xfId", "0");
    return this.append("cellXfs", "xf", next);
  }

  /** Fills 0 and 1 are reserved (none, gray125): those keep their index. */
  private importFill(from: Styles, id: number): number {
    if (id <= 1) return id;
    return this.append("fills", "fill", from.list("fills", "fill")[id] ?? "<fill/>");
  }
}

function xml(s: Styles): string {
  return s.xml;
}

function escapeAttr(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Sets an attribute on an element's start tag. */
export function setAttr(element: string, name: string, value: string): string {
  const open = /^<[^>]*?(\/?)>/.exec(element);
  if (!open) return element;
  const re = new RegExp(`\\s${name}\\s*=\\s*"[^"]*"`);
  const tag = re.test(open[0])
    ? open[0].replace(re, () => ` ${name}="${value}"`)
    : open[0].replace(/\s*(\/?)>$/, (_m, close: string) => ` ${name}="${value}"${close}>`);
  return tag + element.slice(open[0].length);
}
