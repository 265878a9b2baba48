import { WorkbookReadError } from "../../../src/io/read/errors";
import { readWorkbook } from "../../../src/io/read/workbook";
import { DEFAULT_ZIP_LIMITS, inspectZip } from "../../../src/io/read/zip";
import {
  buildZip,
  deflated,
  deflatedZeros,
  fixture,
  minimalWorkbookParts,
  type RawEntry,
} from "./zip-helpers";

async function refusal(bytes: Uint8Array): Promise<WorkbookReadError> {
  try {
    await readWorkbook(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookReadError);
    return e as WorkbookReadError;
  }
  throw new Error("readWorkbook accepted the file");
}

describe("inspectZip: the central directory of real files", () => {
  it.each([
    "openpyxl-table.xlsx",
    "openpyxl-report.xlsx",
    "libreoffice-table.xlsx",
    "libreoffice-khmer.xlsx",
  ])("lists the parts of %s", (name) => {
    const entries = inspectZip(fixture(name));
    const names = entries.map((e) => e.name);
    expect(names).toContain("xl/workbook.xml");
    expect(names.some((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))).toBe(true);
    for (const e of entries) expect(e.uncompressedSize).toBeGreaterThanOrEqual(0);
  });
});

describe("files that are no workbook", () => {
  it("refuses an empty file", async () => {
    const e = await refusal(new Uint8Array(0));
    expect(e.message).toMatch(/empty/);
  });

  it("refuses a PNG", async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const e = await refusal(png);
    expect(e.message).toMatch(/picture, not an Excel workbook/);
  });

  it("refuses text", async () => {
    const e = await refusal(new TextEncoder().encode("No.,Measure\n1,Build\n"));
    expect(e.message).toMatch(/^This file is not an Excel workbook \(\.xlsx\)/);
  });

  it("explains an old .xls (or an encrypted workbook)", async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = await refusal(ole);
    expect(e.message).toMatch(/old-format Excel workbook \(\.xls\) or a password-protected/);
  });

  it("refuses a zip that holds no workbook (an .ods-like package)", async () => {
    const zip = buildZip([
      deflated("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
      deflated("content.xml", "<office/>"),
    ]);
    const e = await refusal(zip);
    expect(e.message).toMatch(/OpenDocument/);
  });

  it("refuses a zip of something else", async () => {
    const e = await refusal(buildZip([deflated("readme.txt", "hello")]));
    expect(e.message).toMatch(/not an Excel workbook/);
  });
});

describe("damaged files", () => {
  it("refuses a real workbook cut in half, with a clear message", async () => {
    const whole = fixture("openpyxl-table.xlsx");
    const e = await refusal(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(e.message).toMatch(/^The file is damaged or incomplete/);
    expect(e.message).not.toMatch(/jszip|corrupted zip|End of data/i);
  });

  it.each([0.1, 0.9, 0.99])("refuses a workbook cut at %p of its length", async (f) => {
    const whole = fixture("libreoffice-table.xlsx");
    const e = await refusal(whole.subarray(0, Math.floor(whole.length * f)));
    expect(e.message).toMatch(/damaged or incomplete/);
  });

  it("refuses a directory that points past the file", () => {
    const zip = buildZip([deflated("xl/workbook.xml", "<workbook/>")]);
    const broken = zip.slice();
    const eocd = broken.length - 22;
    new DataView(broken.buffer).setUint32(eocd + 16, 999_999, true);
    expect(() => inspectZip(broken)).toThrow(/damaged or incomplete/);
  });

  it("refuses an unusual compression method", () => {
    const e = deflated("xl/workbook.xml", "<workbook/>");
    const zip = buildZip([{ ...e, method: 0 }]);
    // method 12 (bzip2) in both headers
    const view = new DataView(zip.buffer);
    view.setUint16(8, 12, true);
    const cd = view.getUint32(zip.length - 22 + 16, true);
    view.setUint16(cd + 10, 12, true);
    expect(() => inspectZip(zip)).toThrow(/packed in a way Excel workbooks never are/);
  });
});

describe("zip bombs", () => {
  let bomb: RawEntry;
  beforeAll(async () => {
    bomb = await deflatedZeros("xl/worksheets/sheet1.xml", 500 * 1024 * 1024);
  });

  it("refuses a real 500 MB entry from its directory, fast and without inflating", async () => {
    const parts = minimalWorkbookParts("<worksheet/>");
    delete parts["xl/worksheets/sheet1.xml"];
    const zip = buildZip([...Object.entries(parts).map(([n, c]) => deflated(n, c)), bomb]);
    expect(zip.length).toBeLessThan(1024 * 1024); // about 0.5 MB on disk
    const e = await refusal(zip);
    expect(e.message).toMatch(/^The file would expand to 500 MB/);
    expect(e.message).toMatch(/zip bomb/);
    // Refused by the synchronous directory check, which has no way to inflate anything.
    expect(() => inspectZip(zip)).toThrow(/^The file would expand to 500 MB/);
  });

  it("refuses an entry whose compression ratio no workbook has, under the size limit", async () => {
    const e = await deflatedZeros("xl/worksheets/sheet1.xml", 100 * 1024 * 1024);
    const parts = minimalWorkbookParts("<worksheet/>");
    delete parts["xl/worksheets/sheet1.xml"];
    const zip = buildZip([...Object.entries(parts).map(([n, c]) => deflated(n, c)), e]);
    await expect(readWorkbook(zip)).rejects.toThrow(/no real workbook compresses like that/);
  });

  it("refuses a directory that declares more than the limit (a crafted size)", () => {
    const small = deflated("xl/worksheets/sheet1.xml", "<worksheet/>");
    const zip = buildZip([{ ...small, uncompressedSize: 0xfffffff0 }]);
    expect(() => inspectZip(zip)).toThrow(/would expand to 4096 MB/);
  });

  it("stops inflating a part that outgrows the size its directory declares", async () => {
    const liar = await deflatedZeros("xl/workbook.xml", 20 * 1024 * 1024);
    const parts = minimalWorkbookParts("<worksheet/>");
    delete parts["xl/workbook.xml"];
    const zip = buildZip([
      ...Object.entries(parts).map(([n, c]) => deflated(n, c)),
      { ...liar, uncompressedSize: 1000 },
    ]);
    const e = await refusal(zip);
    expect(e.message).toMatch(/expands beyond .* its directory declares/);
  });

  it("honours a lower limit from the caller", async () => {
    const e = await readWorkbook(fixture("openpyxl-table.xlsx"), {
      maxUncompressedBytes: 10_000,
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect((e as Error).message).toMatch(/^The file would expand to \d+ KB, more than the 10 KB/);
  });

  it("refuses a zip with absurdly many parts", () => {
    const entries = Array.from({ length: 30 }, (_, i) => deflated(`p${i}.xml`, "<a/>"));
    expect(() => inspectZip(buildZip(entries), { ...DEFAULT_ZIP_LIMITS, maxEntries: 20 })).toThrow(
      /30 parts/
    );
  });
});

describe("file size", () => {
  it("refuses a file over maxBytes before reading it", async () => {
    const e = await readWorkbook(fixture("openpyxl-table.xlsx"), { maxBytes: 1000 }).catch(
      (x: unknown) => x
    );
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect((e as Error).message).toMatch(/^The file is 8 KB, more than the 1 KB import accepts/);
  });
});
