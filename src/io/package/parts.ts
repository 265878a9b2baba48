import JSZip from "jszip";
import { FileReadError, WorkbookReadError } from "../read/errors";
import { inflateCapped, parseRelationships, relsPartOf, type Relationship } from "../read/package";
import { decodeXml, defaultNamespaceView } from "../read/xml";
import { WriteRefused } from "./refused";
import { DAMAGED, DEFAULT_ZIP_LIMITS, inspectZip, type ZipLimits } from "../read/zip";

const CT_PART = "[Content_Types].xml";

/**
 * An .xlsx package held as its zip: parts are inflated only when read (each capped at the size
 * the directory declared), and written back only when changed. Unchanged parts keep their
 * compressed bytes on save, so everything the planner owns nothing of is copied byte for byte.
 */
export class PackageParts {
  private readonly texts = new Map<string, string>();
  private readonly changed = new Set<string>();
  private readonly declared = new Map<string, number>();
  /** Prefixed parts whose default-namespace view is not exact: read, never written back. */
  private readonly inexact = new Set<string>();

  private constructor(
    private readonly zip: JSZip,
    limits: ZipLimits,
    entries: Array<{ name: string; uncompressedSize: number }>
  ) {
    this.fallbackCap = limits.maxUncompressedBytes;
    for (const e of entries) this.declared.set(e.name.replace(/^\/+/, ""), e.uncompressedSize);
  }

  private readonly fallbackCap: number;

  /** Checks the zip from its directory (not a zip, damaged, a zip bomb) before inflating anything. */
  static async open(
    bytes: Uint8Array,
    limits: ZipLimits = DEFAULT_ZIP_LIMITS
  ): Promise<PackageParts> {
    if (bytes.length === 0) throw new WorkbookReadError("The file is empty (0 bytes).");
    const entries = inspectZip(bytes, limits);
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes);
    } catch (e) {
      throw new WorkbookReadError(DAMAGED, { cause: e });
    }
    return new PackageParts(zip, limits, entries);
  }

  /** The zip entry of a part name (case-insensitive, as OPC part names are). */
  private entry(part: string): JSZip.JSZipObject | null {
    const exact = this.zip.file(part);
    if (exact) return exact;
    const key = part.toLowerCase();
    const found = Object.keys(this.zip.files).find(
      (n) => n.replace(/^\/+/, "").toLowerCase() === key && !this.zip.files[n].dir
    );
    return found ? this.zip.files[found] : null;
  }

  has(part: string): boolean {
    return this.texts.has(part) || this.entry(part) !== null;
  }

  names(): string[] {
    return Object.keys(this.zip.files).filter((n) => !this.zip.files[n].dir);
  }

  async text(part: string): Promise<string | null> {
    const cached = this.texts.get(part);
    if (cached !== undefined) return cached;
    const file = this.entry(part);
    if (!file) return null;
    try {
      // A UTF-16 part (some .NET tools write them) is written back as UTF-8: say so in its declaration.
      const raw = utf8Declaration(
        decodeXml(
          await inflateCapped(
            file,
            this.declared.get(file.name.replace(/^\/+/, "")) ?? this.fallbackCap
          )
        )
      );
      // Prefixed SpreadsheetML (the Open XML SDK's `<x:worksheet>`) is read and edited in the
      // default namespace; only a part that is changed is written back so, the same XML.
      const view = defaultNamespaceView(raw);
      if (view && !view.safe) this.inexact.add(part);
      const text = view ? view.text : raw;
      this.texts.set(part, text);
      return text;
    } catch (e) {
      if (e instanceof FileReadError) throw e;
      throw new WorkbookReadError(DAMAGED, { cause: e });
    }
  }

  async requireText(part: string): Promise<string> {
    const t = await this.text(part);
    if (t === null)
      throw new WorkbookReadError(DAMAGED, { cause: new Error(`part ${part} missing`) });
    return t;
  }

  set(part: string, text: string): void {
    if (this.inexact.has(part))
      throw new WriteRefused(
        `its part ${part} is written with XML namespace prefixes the planner cannot edit without risk of damaging it. Open the file in Excel and save it (Excel writes it plainly), then try again.`
      );
    const existing = this.entry(part);
    const name = existing ? existing.name : part;
    this.texts.set(part, text);
    this.changed.add(name);
    this.zip.file(name, text);
  }

  /** A part written as UTF-8 bytes (a large sheet built in chunks, never held as one string). */
  setXmlBytes(part: string, bytes: Uint8Array): void {
    const existing = this.entry(part);
    const name = existing ? existing.name : part;
    this.texts.delete(part);
    this.inexact.delete(part);
    this.changed.add(name);
    this.zip.file(name, bytes);
  }

  /** Copies a part from another package as it is (binary parts: pictures). */
  setBytes(part: string, bytes: Uint8Array): void {
    this.changed.add(part);
    this.zip.file(part, bytes);
  }

  remove(part: string): void {
    const file = this.entry(part);
    this.texts.delete(part);
    if (file) this.zip.remove(file.name);
  }

  wasChanged(part: string): boolean {
    return this.changed.has(part);
  }

  async relationships(part: string): Promise<Relationship[]> {
    const xml = await this.text(relsPartOf(part));
    return xml === null ? [] : parseRelationships(xml, part);
  }

  /** A part name not used yet: `xl/worksheets/sheet7.xml` from `xl/worksheets/sheet`, `.xml`. */
  freeName(prefix: string, suffix: string): string {
    const taken = new Set(this.names().map((n) => n.replace(/^\/+/, "").toLowerCase()));
    for (let i = 1; ; i++) {
      const name = `${prefix}${i}${suffix}`;
      if (!taken.has(name.toLowerCase())) return name;
    }
  }

  /** Adds (or replaces) a content-type override for a part. */
  async setContentType(part: string, type: string): Promise<void> {
    const xml = await this.requireText(CT_PART);
    const name = "/" + part.replace(/^\/+/, "");
    const without = xml.replace(
      new RegExp(`<Override\\b[^>]*PartName="${escapeRegex(name)}"[^>]*/>`, "i"),
      ""
    );
    this.set(
      CT_PART,
      without.replace(
        /<\/Types>\s*$/,
        () => `<Override PartName="${name}" ContentType="${type}"/></Types>`
      )
    );
  }

  async removeContentType(part: string): Promise<void> {
    const xml = await this.text(CT_PART);
    if (xml === null) return;
    const name = "/" + part.replace(/^\/+/, "");
    const next = xml.replace(
      new RegExp(`<Override\\b[^>]*PartName="${escapeRegex(name)}"[^>]*/>`, "i"),
      ""
    );
    if (next !== xml) this.set(CT_PART, next);
  }

  /** Changed parts deflated fast (level 1: pako in JavaScript is the build's largest cost at level 6). */
  async toBytes(): Promise<Uint8Array> {
    try {
      return await this.zip.generateAsync({
        type: "uint8array",
        compression: "DEFLATE",
        compressionOptions: { level: 1 },
      });
    } catch (e) {
      throw new WorkbookReadError(DAMAGED, { cause: e });
    }
  }
}

function utf8Declaration(text: string): string {
  return text.replace(/^(\s*<\?xml[^>]*?encoding\s*=\s*["'])utf-16(?:le|be)?(["'])/i, "$1UTF-8$2");
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
