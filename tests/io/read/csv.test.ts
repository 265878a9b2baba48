import fc from "fast-check";
import {
  CsvReadError,
  csvCellText,
  detectDelimiter,
  parseCsv,
  writeCsv,
} from "../../../src/io/csv";
import type { Cell } from "../../../src/model/types";
import { fixture } from "./zip-helpers";

const enc = (s: string) => new TextEncoder().encode(s);
const BOM = [0xef, 0xbb, 0xbf];
const withBom = (s: string) => new Uint8Array([...BOM, ...enc(s)]);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("parseCsv", () => {
  it("reads comma CSV with and without a BOM, numbers as text, empty fields as null", () => {
    const expected = [
      ["No.", "Measure", "Progress %"],
      ["1", "Build", "40"],
      ["2", null, "-5"],
    ];
    expect(parseCsv(enc("No.,Measure,Progress %\n1,Build,40\n2,,-5\n"))).toEqual(expected);
    expect(parseCsv(withBom("No.,Measure,Progress %\r\n1,Build,40\r\n2,,-5"))).toEqual(expected);
  });

  it("detects semicolons from the header line, ignoring quoted parts", () => {
    expect(parseCsv(enc('No.;"Measure, in full";Year\r\n1;Build, then run;2025\r\n'))).toEqual([
      ["No.", "Measure, in full", "Year"],
      ["1", "Build, then run", "2025"],
    ]);
    expect(detectDelimiter('"a;b;c",d\n')).toBe(",");
    expect(detectDelimiter("Title only\nNo.;Measure;X\n")).toBe(";");
    expect(detectDelimiter("")).toBe(",");
    expect(detectDelimiter("No.\tMeasure, text\tStatus\n")).toBe("\t");
  });

  it("reads quoted fields with separators, doubled quotes and new lines inside", () => {
    const csv =
      'No.,Measure,Institutions\r\n1,"Say ""hello"", then go","MPTC\r\nMEF"\r\n2,plain,"a\nb"\n';
    expect(parseCsv(enc(csv))).toEqual([
      ["No.", "Measure", "Institutions"],
      ["1", 'Say "hello", then go', "MPTC\r\nMEF"],
      ["2", "plain", "a\nb"],
    ]);
  });

  it("handles CR-only line ends, blank lines, a trailing separator and an unterminated quote", () => {
    expect(parseCsv(enc("a,b\rc,d\r"))).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseCsv(enc("a,b\n\nc,"))).toEqual([["a", "b"], [null], ["c", null]]);
  });

  it("refuses a quote that is never closed, naming its line, instead of swallowing the rest", () => {
    const text =
      'No.,Measure,Notes\r\n1,Build,"ok"\r\n2,"Broadband,needs budget\r\n3,Digital ID,\r\n4,Cyber law,\r\n';
    expect(() => parseCsv(enc(text))).toThrow(CsvReadError);
    expect(() => parseCsv(enc(text))).toThrow(
      /^Line 3 opens a quote \("\) that is never closed, so the 3 line\(s\) after it would all fall into one cell: “2,"Broadband,needs budget”/
    );
    // A quoted value over several lines that is closed is no error.
    expect(parseCsv(enc('No.,Measure\n1,"two\nlines"\n'))).toEqual([
      ["No.", "Measure"],
      ["1", "two\nlines"],
    ]);
  });

  it("reads the Khmer fixture", () => {
    const rows = parseCsv(fixture("khmer-report.csv"));
    expect(rows[2]).toEqual([
      "ល.រ",
      "វិធានការ",
      "គណៈកម្មាធិការ",
      "ក្រសួង-ស្ថាប័ន",
      "រយៈពេល",
      "ឆ្នាំចាប់ផ្តើម",
      "ឆ្នាំបញ្ចប់",
      "ស្ថានភាព",
      "វឌ្ឍនភាព",
    ]);
    expect(rows[4][3]).toBe("ក្រសួងប្រៃសណីយ៍និងទូរគមនាគមន៍\nក្រសួងសេដ្ឋកិច្ចនិងហិរញ្ញវត្ថុ");
    expect(rows).toHaveLength(6);
  });

  it("returns no rows for an empty or blank file", () => {
    expect(parseCsv(new Uint8Array(0))).toEqual([]);
    expect(parseCsv(withBom("  \r\n"))).toEqual([]);
  });

  it("reads UTF-16 (with a BOM, both byte orders, and without one), tab-separated as Excel's “Unicode Text”", () => {
    const s = "No.\tMeasure\r\n1\tវិធានការ\r\n";
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(s, "utf16le")]);
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(s, "utf16le").swap16()]);
    const bare = new Uint8Array(Buffer.from(s, "utf16le"));
    for (const b of [le, be, bare]) {
      expect(parseCsv(b)).toEqual([
        ["No.", "Measure"],
        ["1", "វិធានការ"],
      ]);
    }
    expect(() => parseCsv(new Uint8Array([0xff, 0xfe, 0x41]))).toThrow(/UTF-16.*damaged/);
  });

  it("reads LibreOffice's tab-separated UTF-8 and UTF-16 LE exports like the comma CSV", () => {
    const comma = parseCsv(fixture("khmer-report.csv"));
    for (const file of ["libreoffice-khmer-tab.csv", "libreoffice-khmer-utf16.csv"]) {
      const rows = parseCsv(fixture(file));
      expect(rows[2]).toEqual(comma[2]);
      expect(rows[4][3]).toBe(comma[4][3]);
    }
    const be = Buffer.from(fixture("libreoffice-khmer-utf16.csv")).swap16(); // the same text, big endian
    expect(parseCsv(new Uint8Array(be))[2]).toEqual(comma[2]);
  });

  it("refuses Windows-1252 with non-ASCII bytes, naming the line", () => {
    // "Ministère" and "Ré" in Windows-1252: è = 0xE8, é = 0xE9.
    const bytes = new Uint8Array([
      ...enc("No.,Measure\r\n1,Minist"),
      0xe8,
      ...enc("re\r\n2,R"),
      0xe9,
      ...enc("seau\r\n"),
    ]);
    let error: unknown;
    try {
      parseCsv(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvReadError);
    expect((error as Error).message).toMatch(/^This CSV is not UTF-8/);
    expect((error as Error).message).toMatch(/CSV UTF-8/);
    expect((error as Error).message).toMatch(/line 2/);
  });
});

describe("writeCsv", () => {
  it("writes UTF-8 with a BOM and CRLF", () => {
    const out = writeCsv([
      ["No.", "Measure"],
      ["1", "វិធានការ"],
    ]);
    expect([...out.subarray(0, 3)]).toEqual(BOM);
    expect(text(out.subarray(3))).toBe("No.,Measure\r\n1,វិធានការ\r\n");
  });

  it("quotes separators, quotes, new lines and edge spaces (RFC 4180)", () => {
    const out = text(
      writeCsv([["a,b", 'say "hi"', "two\nlines", " pad", "x;y", "plain"]]).subarray(3)
    );
    expect(out).toBe('"a,b","say ""hi""","two\nlines"," pad","x;y",plain\r\n');
  });

  it("neutralises formula injection in text, never in numbers", () => {
    const out = text(
      writeCsv([["=SUM(A1:A9)", "+1", "-1", "@cmd", "\tx", "\rx", -5, 3.5, "a=b"]]).subarray(3)
    );
    expect(out).toBe(`'=SUM(A1:A9),'+1,'-1,'@cmd,'\tx,"'\rx",-5,3.5,a=b\r\n`);
    expect(csvCellText('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
  });

  it("writes dates as yyyy-mm-dd, booleans, and blanks", () => {
    const out = text(
      writeCsv([[new Date(Date.UTC(2025, 0, 31)), true, false, null, NaN]]).subarray(3)
    );
    expect(out).toBe("2025-01-31,TRUE,FALSE,,\r\n");
  });

  it("round-trips text through parseCsv (property)", () => {
    const safe = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 20 })
      .filter((s) => !/^[=+\-@\t\r]/.test(s) && s.trim() === s && s.trim() !== "");
    fc.assert(
      fc.property(
        fc.array(fc.array(safe, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 10 }),
        (rows) => {
          const back = parseCsv(writeCsv(rows as Cell[][]));
          expect(back).toEqual(rows);
        }
      ),
      { numRuns: 200 }
    );
  });

  it("parseCsv reads any UTF-8 text, or refuses it as not UTF-8 — nothing else (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        try {
          expect(Array.isArray(parseCsv(enc(s)))).toBe(true);
        } catch (e) {
          // Text that is a quarter NUL bytes reads as UTF-16 (or is refused); a quote never closed is refused, naming its line.
          expect(e).toBeInstanceOf(CsvReadError);
          expect((e as Error).message).toMatch(
            /^This CSV is not UTF-8|^Line \d+ opens a quote|UTF-16/
          );
        }
      }),
      { numRuns: 300 }
    );
  });
});
