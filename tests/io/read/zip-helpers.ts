/**
 * Zip building blocks for tests that need zips no well-behaved writer would make: lying
 * directories, zip bombs, hand-written workbooks. Node only (zlib), tests only.
 */
import { readFileSync } from "fs";
import * as path from "path";
import * as zlib from "zlib";
import JSZip from "jszip";

export const FIXTURES = path.join(__dirname, "../../fixtures/sources");

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

export interface RawEntry {
  name: string;
  /** Deflated bytes (method 8) or stored bytes (method 0). */
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  /** Size the directory declares (the truth unless a test lies). */
  uncompressedSize: number;
}

export function deflated(name: string, content: string | Uint8Array): RawEntry {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  return {
    name,
    data: zlib.deflateRawSync(bytes),
    method: 8,
    crc: zlib.crc32(bytes),
    uncompressedSize: bytes.length,
  };
}

/** Deflates `total` zero bytes without holding them: a real zip bomb entry. */
export async function deflatedZeros(name: string, total: number): Promise<RawEntry> {
  const chunk = Buffer.alloc(1 << 20);
  const d = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on("data", (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve) => d.on("end", () => resolve()));
  let crc = 0;
  for (let left = total; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = zlib.crc32(piece, crc);
    if (!d.write(piece)) await new Promise<void>((r) => d.once("drain", () => r()));
  }
  d.end();
  await done;
  return { name, data: Buffer.concat(out), method: 8, crc, uncompressedSize: total };
}

/** A zip from raw entries, local headers and central directory written by hand. */
export function buildZip(entries: RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.uncompressedSize >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(e.data));
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.uncompressedSize >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

/** The parts every minimal workbook needs, for a one-sheet workbook whose sheet XML is given. */
export function minimalWorkbookParts(
  sheetXml: string,
  sheetPath = "xl/worksheets/sheet1.xml"
): Record<string, string> {
  return {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/${sheetPath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="${sheetPath.replace(/^xl\//, "")}"/></Relationships>`,
    [sheetPath]: sheetXml,
  };
}

export async function zipParts(parts: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** An inline-string cell, as Google Sheets-like writers emit. */
export function inlineCell(ref: string, text: string): string {
  const esc = text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc}</t></is></c>`;
}
