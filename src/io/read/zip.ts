import { sizeText, WorkbookReadError } from "./errors";

/**
 * A look at a zip's central directory, without inflating anything: what an .xlsx claims to
 * hold and how big it claims it will be. Everything that can be refused from the directory
 * alone (not a zip, truncated, a zip bomb) is refused here, before JSZip or ExcelJS see the bytes.
 */

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipLimits {
  /** Refuse when the entries together would inflate to more than this. */
  maxUncompressedBytes: number;
  /** Refuse an entry over `ratioMinBytes` that inflates more than this many times its stored size. */
  maxRatio: number;
  ratioMinBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  // A build at 150 000 measures inflates to ~270 MB: our own output must open again.
  maxUncompressedBytes: 512 * 1024 * 1024,
  maxRatio: 500,
  ratioMinBytes: 10 * 1024 * 1024,
  maxEntries: 20_000,
};

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const EOCD_SIZE = 22;

export const NOT_A_WORKBOOK =
  "This file is not an Excel workbook (.xlsx). Open it in Excel (or LibreOffice) and save it as an Excel Workbook (.xlsx), or save the sheet as CSV UTF-8.";
export const DAMAGED =
  "The file is damaged or incomplete: it ends too early or parts of it cannot be read. If it came by e-mail or download, get it again; if it opens in Excel, save it again as .xlsx.";

export function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06] as const;
/** OLE2 compound file: an old .xls, or an .xlsx encrypted with a password. */
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** Why a file that is no zip cannot be a workbook, in the planner's words. */
export function notZipMessage(bytes: Uint8Array): string {
  if (startsWith(bytes, OLE_MAGIC)) {
    return "This file is an old-format Excel workbook (.xls) or a password-protected workbook. Open it in Excel, remove any password, and save it as an Excel Workbook (.xlsx).";
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    return "This file is a PDF, not an Excel workbook (.xlsx). Import needs the measures as a spreadsheet (.xlsx or CSV).";
  }
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38])
  ) {
    return "This file is a picture, not an Excel workbook (.xlsx). Import needs the measures as a spreadsheet (.xlsx or CSV).";
  }
  return NOT_A_WORKBOOK;
}

class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  u64(at: number): number {
    const lo = this.view.getUint32(at, true);
    const hi = this.view.getUint32(at + 4, true);
    return hi * 0x1_0000_0000 + lo;
  }
  has(at: number, size: number): boolean {
    return at >= 0 && at + size <= this.bytes.length;
  }
}

function damaged(detail: string): WorkbookReadError {
  return new WorkbookReadError(DAMAGED, { cause: new Error(detail) });
}

function findEocd(r: Reader): number {
  const last = r.length - EOCD_SIZE;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (r.bytes[at] === 0x50 && r.bytes[at + 1] === 0x4b && r.u32(at) === SIG_EOCD) {
      // The comment must fit in what is left of the file; else this is a stray signature.
      if (at + EOCD_SIZE + r.u16(at + 20) <= r.length) return at;
    }
  }
  return -1;
}

const utf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

/**
 * Reads the central directory. Throws WorkbookReadError for anything that is not a sane,
 * complete zip whose declared sizes stay within the limits.
 */
export function inspectZip(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS
): ZipEntryInfo[] {
  if (!startsWith(bytes, ZIP_MAGIC) && !startsWith(bytes, EMPTY_ZIP_MAGIC)) {
    throw new WorkbookReadError(notZipMessage(bytes));
  }
  const r = new Reader(bytes);
  const eocd = findEocd(r);
  if (eocd < 0) throw damaged("no end of central directory record");

  let count = r.u16(eocd + 10);
  let cdSize = r.u32(eocd + 12);
  let cdOffset = r.u32(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (!r.has(loc, 20) || r.u32(loc) !== SIG_ZIP64_LOCATOR) throw damaged("zip64 locator missing");
    const rec = r.u64(loc + 8);
    if (!r.has(rec, 56) || r.u32(rec) !== SIG_ZIP64_EOCD) throw damaged("zip64 end record missing");
    count = r.u64(rec + 32);
    cdSize = r.u64(rec + 40);
    cdOffset = r.u64(rec + 48);
  }
  if (cdOffset + cdSize > eocd || !r.has(cdOffset, cdSize))
    throw damaged("central directory outside the file");
  if (count > limits.maxEntries) {
    throw new WorkbookReadError(
      `The file holds ${count} parts, more than any workbook needs (limit ${limits.maxEntries}); it is refused as a possible zip bomb.`
    );
  }
  // Each directory entry takes at least 46 bytes: a count the directory cannot hold is a lie.
  if (count * 46 > cdSize) throw damaged("entry count larger than the central directory");

  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (!r.has(at, 46) || r.u32(at) !== SIG_CENTRAL)
      throw damaged(`central directory entry ${i} broken`);
    const flags = r.u16(at + 8);
    const method = r.u16(at + 10);
    let compressedSize = r.u32(at + 20);
    let uncompressedSize = r.u32(at + 24);
    const nameLen = r.u16(at + 28);
    const extraLen = r.u16(at + 30);
    const commentLen = r.u16(at + 32);
    let localOffset = r.u32(at + 42);
    const end = at + 46 + nameLen + extraLen + commentLen;
    if (end > cdOffset + cdSize)
      throw damaged(`central directory entry ${i} overruns the directory`);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLen);
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    // ZIP64 extended information: the 8-byte sizes replace the 0xFFFFFFFF ones, in order.
    let x = at + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = r.u16(x);
      const size = r.u16(x + 2);
      if (id === 0x0001) {
        let p = x + 4;
        const pEnd = Math.min(p + size, xEnd);
        if (uncompressedSize === 0xffffffff && p + 8 <= pEnd) {
          uncompressedSize = r.u64(p);
          p += 8;
        }
        if (compressedSize === 0xffffffff && p + 8 <= pEnd) {
          compressedSize = r.u64(p);
          p += 8;
        }
        if (localOffset === 0xffffffff && p + 8 <= pEnd) localOffset = r.u64(p);
      }
      x += 4 + size;
    }
    if (!r.has(localOffset, 30) || r.u32(localOffset) !== SIG_LOCAL)
      throw damaged(`local header of ${name} missing`);
    const dataEnd =
      localOffset + 30 + r.u16(localOffset + 26) + r.u16(localOffset + 28) + compressedSize;
    if (dataEnd > cdOffset) throw damaged(`data of ${name} runs into the central directory`);
    if (method !== 0 && method !== 8) {
      throw new WorkbookReadError(
        "The file is packed in a way Excel workbooks never are (an unusual zip compression). Open it in Excel or LibreOffice and save it again as .xlsx."
      );
    }
    if (flags & 0x1) {
      throw new WorkbookReadError(
        "The file's contents are encrypted. Open it with its password in Excel, remove the password, and save it as .xlsx."
      );
    }
    const isDir = name.endsWith("/");
    if (!isDir) {
      if (uncompressedSize > limits.ratioMinBytes) {
        const ratio = uncompressedSize / Math.max(1, compressedSize);
        if (ratio > limits.maxRatio) {
          throw new WorkbookReadError(
            `The file would expand to ${sizeText(uncompressedSize)} from ${sizeText(compressedSize)} (${Math.round(ratio)} times): no real workbook compresses like that. It is refused as a possible zip bomb.`
          );
        }
      }
      total += uncompressedSize;
      if (total > limits.maxUncompressedBytes) {
        const all = sumDeclared(r, at, i, count, cdOffset + cdSize, total);
        throw new WorkbookReadError(
          `The file would expand to ${sizeText(all)}, more than the ${sizeText(limits.maxUncompressedBytes)} a workbook may take here. It is refused (it may be a zip bomb); if it is a real workbook, split it or remove pictures and unused sheets.`
        );
      }
      entries.push({ name, method, compressedSize, uncompressedSize });
    }
    at = end;
  }
  return entries;
}

/** The declared total, for the message only: the rest of the directory, read leniently. */
function sumDeclared(
  r: Reader,
  at: number,
  i: number,
  count: number,
  cdEnd: number,
  soFar: number
): number {
  let total = soFar;
  let p = at + 46 + r.u16(at + 28) + r.u16(at + 30) + r.u16(at + 32);
  for (let k = i + 1; k < count && r.has(p, 46) && p < cdEnd && r.u32(p) === SIG_CENTRAL; k++) {
    const size = r.u32(p + 24);
    if (size !== 0xffffffff) total += size;
    p += 46 + r.u16(p + 28) + r.u16(p + 30) + r.u16(p + 32);
  }
  return total;
}
