import type { Cell } from "../model/types";
import { CsvReadError } from "./read/errors";

export { CsvReadError } from "./read/errors";

const NOT_UTF8 =
  "This CSV is not UTF-8, so its letters (Khmer, accents) would come out garbled. In Excel use File › Save As › “CSV UTF-8 (Comma delimited)”; in LibreOffice choose the character set “Unicode (UTF-8)” when saving as CSV.";

/**
 * Parses a CSV file into rows of text cells. UTF-8 with or without a byte order mark, or UTF-16
 * (little or big endian: Excel's "Unicode Text"); fields separated by commas, semicolons or tabs
 * (whichever the first line with any uses most, outside quotes); RFC 4180 quoting with embedded
 * separators, quotes and newlines; CRLF, LF or CR line ends. Every value stays text (numbers
 * too: the importer decides what they are); empty fields are null. Another encoding, or a quote
 * that is never closed, throws CsvReadError naming the line rather than turning into mojibake
 * or swallowing the rest of the file into one cell.
 */
export function parseCsv(bytes: Uint8Array): Cell[][] {
  const text = decodeUtf8(bytes);
  if (text.trim() === "") return [];
  return parseCsvText(text);
}

function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return decodeUtf16(bytes.subarray(2), "utf-16le");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return decodeUtf16(bytes.subarray(2), "utf-16be");
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  // UTF-16 without a byte order mark: every other byte of ASCII text is zero (odd bytes: little endian).
  const probe = bytes.subarray(start, start + 4096);
  let even = 0;
  let odd = 0;
  probe.forEach((b, i) => {
    if (b === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  });
  if (probe.length >= 4 && (even + odd) * 4 >= probe.length) {
    if (odd * 4 >= probe.length && even === 0) return decodeUtf16(bytes, "utf-16le");
    if (even * 4 >= probe.length && odd === 0) return decodeUtf16(bytes, "utf-16be");
    throw new CsvReadError(`${NOT_UTF8} (This file looks like UTF-16.)`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
  } catch (e) {
    const at = firstInvalidUtf8(bytes, start);
    const where = at === null ? "" : ` (the first bad byte is on line ${lineOf(bytes, start, at)})`;
    throw new CsvReadError(`${NOT_UTF8}${where}`, { cause: e });
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (e) {
    throw new CsvReadError(
      `This CSV says it is UTF-16 (“Unicode Text”) but is damaged: an odd number of bytes or a broken character. Save it again as “CSV UTF-8 (Comma delimited)”.`,
      { cause: e }
    );
  }
}

function lineOf(bytes: Uint8Array, start: number, at: number): number {
  let line = 1;
  for (let i = start; i < at; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Index of the first byte that breaks UTF-8, or null. */
function firstInvalidUtf8(bytes: Uint8Array, start: number): number | null {
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return null;
}

const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The separator: comma, semicolon or tab, counted outside quotes on the first line that has any. */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  let commas = 0;
  let semis = 0;
  let tabs = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === COMMA) commas++;
    else if (c === SEMICOLON) semis++;
    else if (c === TAB) tabs++;
    else if (c === LF || c === CR) {
      if (commas + semis + tabs > 0) break;
    }
    if (i > 1_000_000) break;
  }
  return tabs > commas && tabs > semis ? "\t" : semis > commas ? ";" : ",";
}

function parseCsvText(text: string): Cell[][] {
  const delim = detectDelimiter(text).charCodeAt(0);
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  const n = text.length;
  let i = 0;
  const endRow = () => {
    rows.push(row);
    row = [];
  };
  while (i < n) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      // Quoted field: "" is a quote; the field ends at a quote not followed by another.
      let out = "";
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw unclosedQuote(text, i);
        out += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          out += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the separator belongs to the field (lenient).
      let k = j;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === delim || c === LF || c === CR) break;
        k++;
      }
      value = out + text.slice(j, k);
      i = k;
    } else {
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === delim || c === LF || c === CR) break;
        k++;
      }
      value = text.slice(i, k);
      i = k;
    }
    row.push(value === "" ? null : value);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      if (i >= n) row.push(null);
      continue;
    }
    // Line end: CRLF, LF or CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    endRow();
  }
  if (row.length > 0) endRow();
  return rows;
}

/** A quote opened at `at` and never closed: everything after it would be one cell. */
function unclosedQuote(text: string, at: number): CsvReadError {
  let line = 1;
  for (let k = text.indexOf("\n"); k >= 0 && k < at; k = text.indexOf("\n", k + 1)) line++;
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  const lineEnd = text.indexOf("\n", at);
  const shown = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, "");
  const rest = text.slice(at).split("\n").length - 1;
  return new CsvReadError(
    `Line ${line} opens a quote (") that is never closed, so the ${rest} line(s) after it would all fall into one cell: “${shown.length > 80 ? `${shown.slice(0, 77)}…` : shown}”. Close the quote (or double it, "", for a quote inside a value) and import again.`
  );
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text, before quoting. Text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function csvCellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell instanceof Date) return isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  const text = String(cell);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",;\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes rows as CSV for Excel: UTF-8 with a byte order mark (so Excel reads Khmer right),
 * CRLF line ends, RFC 4180 quoting, formula injection neutralised (text starting with
 * = + - @ tab or CR gets a leading '), numbers as numbers, dates as yyyy-mm-dd.
 */
export function writeCsv(rows: Cell[][]): Uint8Array {
  const lines = rows.map((r) => r.map((c) => quote(csvCellText(c))).join(","));
  const body = new TextEncoder().encode(lines.map((l) => `${l}\r\n`).join(""));
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf], 0);
  out.set(body, 3);
  return out;
}
