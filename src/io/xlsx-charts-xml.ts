/** Small XML and OPC-package helpers for xlsx-charts.ts (string based, no DOM). */

export const NS = {
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
} as const;

/** Characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- matching the control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/**
 * Escapes text for element content and double-quoted attribute values, dropping characters XML
 * cannot hold. Apostrophes stay as they are ('Sheet name'!A1 reads as Excel writes it).
 */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, "").replace(/[&<>"]/g, (ch) => ESCAPES[ch]);
}

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] !== "#") return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e] ?? "";
    return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

export interface XmlElement {
  /** Qualified name as written ("xdr:wsDr"), and without its prefix ("wsDr"). */
  name: string;
  local: string;
  /** The whole tag text and where it starts in the document. */
  tag: string;
  start: number;
  /** 0 for the root (its start and end tags), 1 for its children, … */
  depth: number;
  closing: boolean;
  selfClosing: boolean;
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

/** Start and end tags in document order (comments, PIs and CDATA skipped). */
export function scanElements(xml: string): XmlElement[] {
  const out: XmlElement[] = [];
  let depth = 0;
  for (const m of xml.matchAll(TOKEN)) {
    if (m[2] === undefined) continue;
    const closing = m[1] === "/";
    const selfClosing = !closing && m[3].endsWith("/");
    if (closing) depth--;
    const local = m[2].slice(m[2].indexOf(":") + 1);
    out.push({ name: m[2], local, tag: m[0], start: m.index ?? 0, depth, closing, selfClosing });
    if (!closing && !selfClosing) depth++;
  }
  return out;
}

/** The attributes of one start tag, values unescaped. */
export function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([^\s=<>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs.set(m[1], unescapeXml(m[2] ?? m[3] ?? ""));
  }
  return attrs;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

export function relationships(relsXml: string): Relationship[] {
  return scanElements(relsXml)
    .filter((e) => e.local === "Relationship" && !e.closing)
    .map((e) => {
      const a = attributes(e.tag);
      return { id: a.get("Id") ?? "", type: a.get("Type") ?? "", target: a.get("Target") ?? "" };
    });
}

/** Adds a relationship with a fresh rId; returns the new XML and that id. */
export function addRelationship(
  relsXml: string,
  type: string,
  target: string
): { xml: string; id: string } {
  const taken = new Set(relationships(relsXml).map((r) => r.id));
  let n = 1;
  while (taken.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
  const open = relsXml.replace(
    /<Relationships\b((?:[^>"']|"[^"]*"|'[^']*')*?)\s*\/>/,
    "<Relationships$1></Relationships>"
  );
  if (!/<\/Relationships>/.test(open)) throw new Error("addCharts: malformed relationships part");
  return { xml: open.replace(/<\/Relationships>\s*$/, `${rel}</Relationships>`), id };
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf("/");
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

function normalise(parts: string[]): string {
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** A relationship target (relative to the source part, or absolute "/xl/…") as a zip path. */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith("/")) return normalise(target.split("/"));
  const dir = fromPart.split("/").slice(0, -1);
  return normalise([...dir, ...target.split("/")]);
}

/** The relative target from one part to another: ("xl/worksheets/s.xml", "xl/drawings/d.xml") → "../drawings/d.xml". */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}
