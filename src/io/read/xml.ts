/**
 * Just enough XML for the small package parts we read ourselves (relationships, workbook,
 * tables): start tags and their attributes, with any namespace prefix. Worksheet XML is
 * ExcelJS's to parse.
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
