/** Excel's serial date epoch (1899-12-30), in ms: serial n is this plus n days. */
export const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
export const DAY_MS = 86_400_000;

/**
 * The one meaning of a blank cell, everywhere (rules, counts, hosts, import): nothing, or text
 * of spaces only. A value a spreadsheet cannot show (NaN, an invalid date) is not blank: it is
 * there, and invalid (the rules report it).
 */
export function isBlank(cell: unknown): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === "string") return cell.trim() === "";
  return false;
}

/**
 * A cell that reads as no text: blank, or a value that shows as nothing (NaN, an invalid date).
 * What the framework reader and the rules' text checks skip; counting rows uses isBlank.
 */
export function readsAsEmpty(cell: unknown): boolean {
  return isBlank(cell) || cellText(cell) === "";
}

/** A row with nothing in it: every cell blank. */
export function isBlankRow(row: readonly unknown[]): boolean {
  return row.every(isBlank);
}

const MESSY_SPACE = /^\s|\s$|\s\s|[^\S ]/;

/** The cell as trimmed text ("" for blank); numbers as written, dates as ISO day. */
export function cellText(cell: unknown): string {
  if (typeof cell === "string") {
    // Most cells are already clean: skip the whitespace rewrite for them.
    return MESSY_SPACE.test(cell) ? cell.replace(/\s+/g, " ").trim() : cell;
  }
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "object") return "";
  return String(cell).replace(/\s+/g, " ").trim();
}

const KHMER_DIGIT = /[\u17e0-\u17e9]/g;

/**
 * Khmer digits (០–៩) as ASCII digits. The one place digits are folded: years, numbers and the
 * measure's No. are read through it, so import, rules and summary read "២០២១" as 2021 alike.
 */
export function foldDigits(text: string): string {
  return text.replace(KHMER_DIGIT, (d) => String(d.charCodeAt(0) - 0x17e0));
}

/**
 * The measure's number as one canonical text: Khmer digits folded, a whole number without
 * leading zeros or a trailing ".0" / "." ("១៣៩", "139.0", "0139", 139 → "139"); any other
 * No. ("1.1", "A-3") trimmed as written.
 */
export function measureNo(cell: unknown): string {
  const t = foldDigits(cellText(cell));
  const m = /^(\d+)(?:\.0*)?$/.exec(t);
  return m ? m[1].replace(/^0+(?=\d)/, "") : t;
}

/** The key measures are matched and checked for repeats by: measureNo, case-insensitive. */
export function measureNoKey(cell: unknown): string {
  return measureNo(cell).toLowerCase();
}

export function excelSerialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * DAY_MS));
}

export type YearRead =
  { kind: "blank" } | { kind: "year"; year: number } | { kind: "invalid"; text: string };

/**
 * Reads a year from a number (2025, or an Excel date serial), text with spaces ("  2025 ",
 * Khmer digits "២០២៥"), an ISO / day-month date text, or a Date.
 */
export function readYear(cell: unknown): YearRead {
  if (isBlank(cell)) return { kind: "blank" };
  if (cell instanceof Date) {
    return isNaN(cell.getTime())
      ? { kind: "invalid", text: "" }
      : { kind: "year", year: cell.getUTCFullYear() };
  }
  if (typeof cell === "number") return yearFromNumber(cell, String(cell));
  const text = cellText(cell);
  const compact = foldDigits(text).replace(/\s+/g, "");
  if (/^[+]?\d+(\.0+)?$/.test(compact)) return yearFromNumber(Number(compact), text);
  const iso = /^(\d{4})-\d{1,2}-\d{1,2}(?:[T ].*)?$/.exec(compact);
  if (iso) return { kind: "year", year: Number(iso[1]) };
  const dmy = /^\d{1,2}[/.-]\d{1,2}[/.-](\d{4})$/.exec(compact);
  if (dmy) return { kind: "year", year: Number(dmy[1]) };
  return { kind: "invalid", text };
}

function yearFromNumber(n: number, text: string): YearRead {
  if (!Number.isFinite(n)) return { kind: "invalid", text };
  if (Number.isInteger(n) && n >= 1000 && n <= 9999) return { kind: "year", year: n };
  // An Excel date serial between 1927 and 2173 stored as a number.
  if (n >= 10_000 && n <= 100_000)
    return { kind: "year", year: excelSerialToDate(n).getUTCFullYear() };
  return { kind: "invalid", text };
}

export type NumberRead =
  { kind: "blank" } | { kind: "number"; value: number } | { kind: "invalid"; text: string };

/** Reads a number: 40, "40", " 40 % ", "40,5", "៤០%". */
export function readNumber(cell: unknown): NumberRead {
  if (isBlank(cell)) return { kind: "blank" };
  if (typeof cell === "number")
    return Number.isFinite(cell)
      ? { kind: "number", value: cell }
      : { kind: "invalid", text: String(cell) };
  const text = cellText(cell);
  const compact = foldDigits(text)
    .replace(/\s+/g, "")
    .replace(/%$/, "")
    .replace(/^(-?\d+),(\d+)$/, "$1.$2");
  if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(compact)) return { kind: "number", value: Number(compact) };
  return { kind: "invalid", text };
}

/** A `;`-separated list (also tolerates newlines); blanks dropped. */
export function readList(cell: unknown): string[] {
  return cellText(typeof cell === "string" ? cell.replace(/[\r\n]+/g, ";") : cell)
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Case-, space- and punctuation-insensitive key for matching names. */
export function looseKey(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s\u200b\u00a0]+/g, " ")
    .replace(/[.,:;'"’`()]/g, "")
    .trim();
}
