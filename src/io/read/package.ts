import JSZip from "jszip";
import {
  DAMAGED,
  DEFAULT_ZIP_LIMITS,
  inspectZip,
  NOT_A_WORKBOOK,
  type ZipEntryInfo,
  type ZipLimits,
} from "./zip";
import { FileReadError, sizeText, WorkbookReadError } from "./errors";
import {
  decodeOoxmlEscapes,
  decodeXml,
  defaultNamespaceView,
  escapeXml,
  parseAttributes,
  relationshipId,
  startTags,
  toUtf8Xml,
} from "./xml";

/**
 * The workbook package (OPC) as we read it ourselves: which sheets there are, where their
 * parts live, which tables sit on which sheet. Relationship targets may be relative
 * ("worksheets/sheet1.xml", Excel, LibreOffice) or absolute ("/xl/worksheets/sheet1.xml",
 * openpyxl); both resolve to the same part name here.
 */

export interface Relationship {
  id: string;
  /** The type URI's last segment: "worksheet", "table", "officeDocument", … */
  type: string;
  /** The resolved part name (no leading slash), or the raw target when external. */
  target: string;
  external: boolean;
}

export interface PackageTable {
  /** displayName (what formulas and the Name Manager call it), else name. */
  name: string;
  ref: string;
  headerRowCount: number;
  totalsRowCount: number;
  /** tableColumn names, OOXML escapes decoded. */
  columns: string[];
}

export interface PackageSheet {
  name: string;
  /** Part name of the worksheet XML. */
  path: string;
  tables: PackageTable[];
  /** Merged ranges ("A3:A9"), read before the values-only copy drops them. */
  merges: string[];
}

export interface WorkbookPackage {
  sheets: PackageSheet[];
  date1904: boolean;
  /** Inflated parts ExcelJS needs: worksheets (values only), shared strings, styles. */
  sheetXml: Uint8Array[];
  sharedStrings: Uint8Array | null;
  styles: Uint8Array | null;
  /** `<c>` elements over all worksheets: what ExcelJS would build. */
  cellCount: number;
}

export interface PackageLimits extends ZipLimits {
  maxCells: number;
}

const TYPE_SUFFIX = /[^/]*$/;

/** Part name of a relationship target seen from `sourcePart` ("" for the package root). */
export function resolveTarget(sourcePart: string, target: string): string {
  let t = target.trim().replace(/\\/g, "/");
  try {
    t = decodeURI(t);
  } catch {
    // A malformed %-escape: keep the target as written.
  }
  const segments = t.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") segments.pop();
    else segments.push(seg);
  }
  return segments.join("/");
}

/** The relative target that reaches part `to` from part `from` (both part names). */
export function relativeTarget(from: string, to: string): string {
  const fromDir = from.split("/").slice(0, -1);
  const toParts = to.replace(/^\/+/, "").split("/");
  let common = 0;
  while (
    common < fromDir.length &&
    common < toParts.length - 1 &&
    fromDir[common] === toParts[common]
  )
    common++;
  return [...fromDir.slice(common).map(() => ".."), ...toParts.slice(common)].join("/");
}

/** Rewrites every absolute internal target of a .rels part to a relative one. */
export function relativiseRelationships(relsXml: string, sourcePart: string): string {
  return relsXml.replace(
    /<((?:[\w.-]+:)?Relationship)(\s[^>]*)>/g,
    (whole: string, tag: string, rest: string) => {
      const attrs = parseAttributes(rest);
      if ((attrs.TargetMode ?? "").toLowerCase() === "external") return whole;
      const target = attrs.Target;
      if (!target || !target.trim().startsWith("/")) return whole;
      const rel = relativeTarget(sourcePart, resolveTarget(sourcePart, target));
      return `<${tag}${rest.replace(/(\sTarget\s*=\s*)(["'])[^"']*\2/, `$1"${escapeXml(rel)}"`)}>`;
    }
  );
}

/** The .rels part that holds the relationships of `part`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export function parseRelationships(xml: string, sourcePart: string): Relationship[] {
  return startTags(xml, "Relationship").map((a) => {
    const external = (a.TargetMode ?? "").toLowerCase() === "external";
    const target = a.Target ?? "";
    return {
      id: a.Id ?? "",
      type: (TYPE_SUFFIX.exec(a.Type ?? "") ?? [""])[0],
      target: external ? target : resolveTarget(sourcePart, target),
      external,
    };
  });
}

function damaged(cause: unknown): WorkbookReadError {
  return new WorkbookReadError(DAMAGED, { cause });
}

/** The part of JSZip's object API that its typings leave out: a pausable inflating stream. */
interface InflatingStream {
  on(event: "data", cb: (chunk: Uint8Array) => void): InflatingStream;
  on(event: "error", cb: (e: Error) => void): InflatingStream;
  on(event: "end", cb: () => void): InflatingStream;
  pause(): InflatingStream;
  resume(): InflatingStream;
}
interface StreamableZipObject {
  internalStream(type: "uint8array"): InflatingStream;
}

/**
 * Inflates one part, stopping as soon as it grows past the size the directory declared:
 * a directory that lies (a zip bomb with honest-looking sizes) costs at most one chunk.
 */
export function inflateCapped(file: JSZip.JSZipObject, declared: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let settled = false;
    let stream: InflatingStream;
    try {
      stream = (file as unknown as StreamableZipObject).internalStream("uint8array");
    } catch (e) {
      reject(damaged(e));
      return;
    }
    stream
      .on("data", (chunk) => {
        if (settled) return;
        size += chunk.length;
        if (size > declared) {
          settled = true;
          stream.pause();
          reject(
            new WorkbookReadError(
              `The file is damaged or crafted: its part "${file.name}" expands beyond the ${sizeText(declared)} its directory declares. It is refused (it may be a zip bomb).`
            )
          );
          return;
        }
        chunks.push(chunk);
      })
      .on("error", (e) => {
        if (settled) return;
        settled = true;
        reject(damaged(e));
      })
      .on("end", () => {
        if (settled) return;
        settled = true;
        if (chunks.length === 1) {
          resolve(chunks[0]);
          return;
        }
        const out = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          out.set(c, at);
          at += c.length;
        }
        resolve(out);
      })
      .resume();
  });
}

class PartReader {
  private readonly byKey = new Map<string, JSZip.JSZipObject>();
  private readonly declared = new Map<string, number>();

  constructor(
    zip: JSZip,
    entries: ZipEntryInfo[],
    private readonly fallbackCap: number
  ) {
    for (const e of entries) this.declared.set(partKey(e.name), e.uncompressedSize);
    for (const [name, file] of Object.entries(zip.files)) {
      if (!file.dir) this.byKey.set(partKey(name), file);
    }
  }

  has(part: string): boolean {
    return this.byKey.has(partKey(part));
  }

  async bytes(part: string): Promise<Uint8Array | null> {
    const key = partKey(part);
    const file = this.byKey.get(key);
    if (!file) return null;
    return inflateCapped(file, this.declared.get(key) ?? this.fallbackCap);
  }

  async text(part: string): Promise<string | null> {
    const b = await this.bytes(part);
    return b === null ? null : decodeXml(b);
  }
}

/** OPC part names are case-insensitive; zip entry names may carry a leading slash. */
function partKey(name: string): string {
  return name.replace(/^\/+/, "").toLowerCase();
}

/**
 * Opens the zip, checks it, and reads the workbook's structure. Throws WorkbookReadError with
 * a planner-readable message for anything it cannot use.
 */
export async function openPackage(
  bytes: Uint8Array,
  limits: PackageLimits
): Promise<WorkbookPackage> {
  const entries = inspectZip(bytes, limits);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw damaged(e);
  }
  const parts = new PartReader(zip, entries, limits.maxUncompressedBytes);

  const rootRelsXml = await parts.text("_rels/.rels");
  const rootRels = rootRelsXml === null ? [] : parseRelationships(rootRelsXml, "");
  let workbookPath =
    rootRels.find((r) => r.type === "officeDocument" && !r.external)?.target ?? "xl/workbook.xml";
  if (!parts.has(workbookPath) && parts.has("xl/workbook.xml")) workbookPath = "xl/workbook.xml";
  if (!parts.has(workbookPath)) throw new WorkbookReadError(notWorkbookZipMessage(parts));
  if (/\.bin$/i.test(workbookPath)) {
    throw new WorkbookReadError(
      "This file is an Excel Binary Workbook (.xlsb). Open it in Excel and save it as an Excel Workbook (.xlsx)."
    );
  }

  const workbookXml = (await parts.text(workbookPath)) ?? "";
  const workbookRelsXml = (await parts.text(relsPartOf(workbookPath))) ?? "";
  const workbookRels = new Map(
    parseRelationships(workbookRelsXml, workbookPath).map((r) => [r.id, r])
  );
  const pr = startTags(workbookXml, "workbookPr")[0] ?? {};
  const date1904 = pr.date1904 === "1" || pr.date1904 === "true";

  const sheets: PackageSheet[] = [];
  const sheetXml: Uint8Array[] = [];
  let cellCount = 0;
  for (const s of startTags(workbookXml, "sheet")) {
    const rid = relationshipId(s);
    const rel = rid === undefined ? undefined : workbookRels.get(rid);
    // Chart sheets, dialog and macro sheets hold no cells to import.
    if (!rel || rel.external || rel.type !== "worksheet") continue;
    const raw = await parts.bytes(rel.target);
    if (raw === null) throw damaged(new Error(`worksheet part ${rel.target} missing`));
    const xml = addMissingCellRefs(valuesOnlyWorksheet(unprefixMainNamespace(toUtf8Xml(raw))));
    cellCount += countCells(xml);
    if (cellCount > limits.maxCells) {
      throw new WorkbookReadError(
        `The workbook holds more than ${limits.maxCells.toLocaleString("en-US")} cells, more than import can take at once. Copy the measures into a smaller workbook (or save that sheet as CSV UTF-8) and import that.`
      );
    }
    sheets.push({
      name: s.name ?? `Sheet${sheets.length + 1}`,
      path: rel.target,
      tables: await readTables(parts, rel.target),
      merges: mergedRanges(raw),
    });
    sheetXml.push(xml);
  }
  if (sheets.length === 0) {
    throw new WorkbookReadError(
      "This workbook has no worksheets with cells in it (only chart sheets, or none at all)."
    );
  }

  const rels = [...workbookRels.values()];
  const sharedPath = rels.find((r) => r.type === "sharedStrings" && !r.external)?.target;
  const stylesPath = rels.find((r) => r.type === "styles" && !r.external)?.target;
  const sharedStrings = sharedPath ? await parts.bytes(sharedPath) : null;
  const styles = stylesPath ? await parts.bytes(stylesPath) : null;
  return {
    sheets,
    date1904,
    sheetXml,
    sharedStrings: sharedStrings && unprefixMainNamespace(toUtf8Xml(sharedStrings)),
    styles: styles && unprefixMainNamespace(toUtf8Xml(styles)),
    cellCount,
  };
}

function notWorkbookZipMessage(parts: PartReader): string {
  if (parts.has("content.xml") && parts.has("mimetype")) {
    return "This file is an OpenDocument file (.ods), not an Excel workbook. Open it in LibreOffice or Excel and save it as an Excel Workbook (.xlsx).";
  }
  if (parts.has("word/document.xml"))
    return "This file is a Word document, not an Excel workbook (.xlsx).";
  if (parts.has("ppt/presentation.xml"))
    return "This file is a PowerPoint presentation, not an Excel workbook (.xlsx).";
  return NOT_A_WORKBOOK;
}

async function readTables(parts: PartReader, sheetPath: string): Promise<PackageTable[]> {
  const relsXml = await parts.text(relsPartOf(sheetPath));
  if (relsXml === null) return [];
  const out: PackageTable[] = [];
  for (const rel of parseRelationships(relsXml, sheetPath)) {
    if (rel.external || rel.type !== "table") continue;
    const xml = await parts.text(rel.target);
    if (xml === null) continue;
    const t = startTags(xml, "table")[0];
    if (!t || !t.ref) continue;
    const int = (v: string | undefined, dflt: number) => {
      const n = Number(v);
      return v !== undefined && Number.isInteger(n) && n >= 0 ? n : dflt;
    };
    out.push({
      name: t.displayName || t.name || rel.target,
      ref: t.ref,
      headerRowCount: int(t.headerRowCount, 1),
      totalsRowCount: int(t.totalsRowCount, 0),
      columns: startTags(xml, "tableColumn").map((c) => decodeOoxmlEscapes(c.name ?? "")),
    });
  }
  return out;
}

const LT = 0x3c;
const GT = 0x3e;

function lastIndexOfAscii(bytes: Uint8Array, text: string, from = bytes.length - 1): number {
  const first = text.charCodeAt(0);
  outer: for (let i = Math.min(from, bytes.length - text.length); i >= 0; i--) {
    if (bytes[i] !== first) continue;
    for (let k = 1; k < text.length; k++) if (bytes[i + k] !== text.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

const EMPTY_SHEET = new TextEncoder().encode(
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
);

/** The `<mergeCell ref>` ranges of a worksheet: they follow its `sheetData`, so only the tail is decoded. */
export function mergedRanges(bytes: Uint8Array): string[] {
  const at = lastIndexOfAscii(bytes, "sheetData");
  if (at < 0) return [];
  const tail = new TextDecoder("utf-8").decode(bytes.subarray(at));
  return startTags(tail, "mergeCell").flatMap((a) => (a.ref ? [a.ref] : []));
}

/**
 * The worksheet cut after its `sheetData`: what follows (hyperlinks, drawings, table parts,
 * merges, conditional formats, extensions) points at relationships and parts we do not give
 * ExcelJS, and is where its reader breaks on other programs' files. Values need none of it.
 * Merged ranges go too, so a merged banner's text stays in its first cell only, as in Excel.
 */
export function valuesOnlyWorksheet(bytes: Uint8Array): Uint8Array {
  const at = lastIndexOfAscii(bytes, "sheetData");
  if (at < 0) return EMPTY_SHEET;
  let end = at;
  while (end < bytes.length && bytes[end] !== GT) end++;
  if (end >= bytes.length) return bytes; // truncated XML: ExcelJS will say so
  // The root's closing tag is the last "</" of the part.
  let close = bytes.length - 1;
  while (close > end && !(bytes[close] === LT && bytes[close + 1] === 0x2f)) close--;
  if (close <= end) return bytes;
  let closeEnd = close;
  while (closeEnd < bytes.length && bytes[closeEnd] !== GT) closeEnd++;
  const tail = bytes.subarray(close, closeEnd + 1);
  const out = new Uint8Array(end + 1 + tail.length);
  out.set(bytes.subarray(0, end + 1), 0);
  out.set(tail, end + 1);
  return out;
}

function firstTagHasRef(text: string, tag: string): boolean {
  const m = new RegExp(`<${tag}(?=[\\s/>])([^>]*)>`).exec(text);
  return !m || /\sr\s*=/.test(m[1]);
}

function columnLetters(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * Rows and cells may leave out their `r` reference (the format allows it: the next row, the
 * next column); ExcelJS cannot read them so. Fills them in, only for parts that need it.
 */
export function addMissingCellRefs(bytes: Uint8Array): Uint8Array {
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 64 * 1024));
  if (firstTagHasRef(head, "row") && firstTagHasRef(head, "c")) return bytes;
  const text = new TextDecoder("utf-8").decode(bytes);
  let row = 0;
  let col = 0;
  const fixed = text.replace(
    /<(row|c)(?=[\s/>])([^>]*?)(\/?)>/g,
    (whole: string, tag: string, attrs: string, close: string) => {
      if (tag === "row") {
        const r = /\sr\s*=\s*["'](\d+)["']/.exec(attrs);
        row = r ? Number(r[1]) : row + 1;
        col = 0;
        return r ? whole : `<row r="${row}"${attrs}${close}>`;
      }
      const r = /\sr\s*=\s*["']\$?([A-Za-z]{1,3})\$?\d+["']/.exec(attrs);
      if (r) {
        col = 0;
        for (const ch of r[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
        return whole;
      }
      col++;
      return `<c r="${columnLetters(col)}${Math.max(row, 1)}"${attrs}${close}>`;
    }
  );
  return new TextEncoder().encode(fixed);
}

/** Counts `<c …>` elements (any prefix) without decoding the XML. */
export function countCells(bytes: Uint8Array): number {
  let n = 0;
  const len = bytes.length;
  for (let i = 0; i < len; i++) {
    if (bytes[i] !== LT) continue;
    let j = i + 1;
    // Skip a namespace prefix ("x:").
    let k = j;
    while (k < len && k - j < 12 && isNameByte(bytes[k])) k++;
    if (k < len && bytes[k] === 0x3a /* : */) j = k + 1;
    if (bytes[j] === 0x63 /* c */) {
      const next = bytes[j + 1];
      if (
        next === 0x20 ||
        next === GT ||
        next === 0x2f ||
        next === 0x09 ||
        next === 0x0a ||
        next === 0x0d
      )
        n++;
    }
  }
  return n;
}

function isNameByte(b: number): boolean {
  return (
    (b >= 0x61 && b <= 0x7a) ||
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x30 && b <= 0x39) ||
    b === 0x5f ||
    b === 0x2d
  );
}

/**
 * A part whose SpreadsheetML elements carry a prefix (`<x:worksheet xmlns:x="…/main">`, as
 * the .NET Open XML SDK writes) rewritten with the default namespace: ExcelJS matches element
 * names literally (exceljs/exceljs#1437). Parts already in the default namespace come back as
 * they are. Reading only: a rewrite that is not exact (defaultNamespaceView's `safe`) still
 * gives the values.
 */
export function unprefixMainNamespace(bytes: Uint8Array): Uint8Array {
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 4096));
  if (!/^\uFEFF?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<[A-Za-z_][\w.-]*:/.test(head)) return bytes;
  const view = defaultNamespaceView(new TextDecoder("utf-8").decode(bytes));
  return view ? new TextEncoder().encode(view.text) : bytes;
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** The ExcelJS sheet name of the i-th (0-based) worksheet; real names can upset its validation. */
export function excelJsSheetName(i: number): string {
  return `S${i + 1}`;
}

/**
 * A minimal package for ExcelJS: workbook, relative relationships, worksheets named as
 * ExcelJS expects (xl/worksheets/sheetN.xml), shared strings and styles. Stored, not
 * deflated: ExcelJS inflates it again, and storing costs only a CRC.
 */
export async function excelJsPackage(pkg: WorkbookPackage): Promise<Uint8Array> {
  const zip = new JSZip();
  const wbPath = "xl/workbook.xml";
  const rels: string[] = [];
  const sheets: string[] = [];
  pkg.sheetXml.forEach((xml, i) => {
    const path = `xl/worksheets/sheet${i + 1}.xml`;
    zip.file(path, xml);
    rels.push(
      `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="${relativeTarget(wbPath, path)}"/>`
    );
    sheets.push(`<sheet name="${excelJsSheetName(i)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  });
  let next = pkg.sheetXml.length + 1;
  if (pkg.sharedStrings) {
    zip.file("xl/sharedStrings.xml", pkg.sharedStrings);
    rels.push(
      `<Relationship Id="rId${next++}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`
    );
  }
  if (pkg.styles) {
    zip.file("xl/styles.xml", pkg.styles);
    rels.push(`<Relationship Id="rId${next++}" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  }
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="${wbPath}"/></Relationships>`
  );
  zip.file(
    wbPath,
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      (pkg.date1904 ? '<workbookPr date1904="1"/>' : "<workbookPr/>") +
      `<sheets>${sheets.join("")}</sheets></workbook>`
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`
  );
  try {
    return await zip.generateAsync({ type: "uint8array", compression: "STORE" });
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw damaged(e);
  }
}

/**
 * Checks a zip from its central directory (not a zip, truncated, zip bomb: WorkbookReadError)
 * and opens it with JSZip, inflating nothing.
 */
export async function checkPackage(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS
): Promise<JSZip> {
  inspectZip(bytes, limits);
  try {
    return await JSZip.loadAsync(bytes);
  } catch (e) {
    throw damaged(e);
  }
}

/** No real .rels part comes near this; a bigger one is refused rather than inflated. */
const MAX_RELS_BYTES = 16 * 1024 * 1024;

/**
 * The workbook with every absolute relationship target made relative, for code that must load
 * all of a workbook into ExcelJS (to edit and save it), not only its values: ExcelJS 4.4 throws
 * "Cannot read properties of undefined (reading 'name')" on openpyxl's "/xl/tables/table1.xml".
 * Unchanged parts keep their compressed bytes; `bytes` come back as they are when nothing
 * needed rewriting. `zip` is `bytes` opened by checkPackage.
 */
export async function normaliseRelationships(zip: JSZip, bytes: Uint8Array): Promise<Uint8Array> {
  let changed = false;
  try {
    for (const [name, file] of Object.entries(zip.files)) {
      if (file.dir || !/\.rels$/i.test(name)) continue;
      const xml = decodeXml(await inflateCapped(file, MAX_RELS_BYTES));
      // "xl/worksheets/_rels/sheet1.xml.rels" holds the relationships of "xl/worksheets/sheet1.xml".
      const source = name.replace(/^\/+/, "").replace(/(^|\/)_rels\/([^/]*)\.rels$/i, "$1$2");
      const fixed = relativiseRelationships(xml, source);
      if (fixed !== xml) {
        zip.file(name, fixed);
        changed = true;
      }
    }
    if (!changed) return bytes;
    return await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw damaged(e);
  }
}
