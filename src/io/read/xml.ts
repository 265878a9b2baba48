/**
 * Just enough XML for the small package parts we read ourselves (relationships, workbook,
 * tables): start tags and their attributes, with any namespace prefix. Worksheet XML is
 * ExcelJS's to parse (in the default namespace: see defaultNamespaceView).
 */

export type Attributes = Record<string, string>;

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X"
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return ENTITY[body] ?? whole;
  });
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** OOXML's escape for characters XML cannot hold in names: `_x000A_` is a newline. */
export function decodeOoxmlEscapes(text: string): string {
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  );
}

/** Attributes keyed by their local name (prefix dropped) and, when prefixed, also by the full name. */
export function parseAttributes(source: string): Attributes {
  const out: Attributes = {};
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source)) !== null) {
    const value = unescapeXml(m[2] ?? m[3] ?? "");
    const full = m[1];
    const colon = full.indexOf(":");
    if (colon >= 0) {
      out[full] = value;
      const local = full.slice(colon + 1);
      if (!(local in out)) out[local] = value;
    } else {
      out[full] = value;
    }
  }
  return out;
}

/** Every start (or empty) tag with this local name, in document order. */
export function startTags(xml: string, localName: string): Attributes[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(?=[\\s/>])([^>]*)>`, "g");
  const out: Attributes[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) out.push(parseAttributes(m[1]));
  return out;
}

/** The relationship id attribute (`r:id`, whatever the prefix is called). */
export function relationshipId(attrs: Attributes): string | undefined {
  for (const [k, v] of Object.entries(attrs)) {
    if (k.includes(":") && k.endsWith(":id")) return v;
  }
  return undefined;
}

/** Decodes a part's bytes as text: UTF-8, or UTF-16 when it says so with a byte order mark. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8").decode(bytes);
}

/** True when a part is UTF-16 (ExcelJS reads every part as UTF-8). */
export function isUtf16(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  );
}

/** A UTF-16 part re-encoded as UTF-8 with its declaration corrected. */
export function toUtf8Xml(bytes: Uint8Array): Uint8Array {
  if (!isUtf16(bytes)) return bytes;
  const text = decodeXml(bytes).replace(
    /^(<\?xml[^>]*encoding\s*=\s*["'])utf-16(["'])/i,
    "$1UTF-8$2"
  );
  return new TextEncoder().encode(text);
}

/** The namespaces whose parts we read and edit as text, matching element names literally. */
const OWN_NAMESPACES = new Set([
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  "http://schemas.openxmlformats.org/package/2006/relationships",
  "http://schemas.openxmlformats.org/package/2006/content-types",
]);

const PREFIXED_ROOT =
  /^\uFEFF?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*(?=[\s/>])([^>]*)>/;

const ROOT_NAME = /^\uFEFF?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<[A-Za-z_][\w.-]*/;

export interface NamespaceView {
  /** The part with its root's prefix dropped from every element, the namespace made the default. */
  text: string;
  /**
   * False when the rewrite may not mean the same XML: the prefix is bound again further in, or
   * the part holds elements in no namespace or in another default namespace, which the new
   * default would capture. Such a part may be read, never edited and written back.
   */
  safe: boolean;
}

/**
 * A part whose root element carries a prefix bound to SpreadsheetML, relationships or content
 * types (`<x:worksheet xmlns:x="…/spreadsheetml/2006/main">`, as the .NET Open XML SDK writes)
 * as the same XML in the default namespace, which Excel writes and which ExcelJS and our own
 * readers and editors match literally. The prefix stays declared (attributes may use it).
 * Null when the part is not so prefixed.
 */
export function defaultNamespaceView(text: string): NamespaceView | null {
  const root = PREFIXED_ROOT.exec(text.slice(0, 4096));
  if (!root) return null;
  const prefix = root[1];
  const p = prefix.replace(/[.-]/g, "\\$&");
  const decl = new RegExp(`\\sxmlns:${p}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(root[2]);
  const ns = decl ? (decl[1] ?? decl[2]) : undefined;
  if (ns === undefined || !OWN_NAMESPACES.has(ns)) return null;
  const bindings = text.match(new RegExp(`\\sxmlns:${p}\\s*=`, "g"))?.length ?? 0;
  const defaults = [...text.matchAll(/\sxmlns\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map(
    (m) => m[1] ?? m[2]
  );
  const rootDefault = /\sxmlns\s*=/.test(root[2]);
  const unprefixed = /<[A-Za-z_][\w.-]*(?=[\s/>])/.test(text);
  const safe =
    bindings === 1 &&
    defaults.every((d) => d === ns) &&
    (defaults.length === 0 || rootDefault) &&
    (!unprefixed || rootDefault);
  let out = text.replace(new RegExp(`<(/?)${p}:(?=[A-Za-z_])`, "g"), "<$1");
  if (!rootDefault) {
    const end = ROOT_NAME.exec(out)![0].length;
    out = `${out.slice(0, end)} xmlns="${escapeXml(ns)}"${out.slice(end)}`;
  }
  return { text: out, safe };
}
