import ExcelJS from "exceljs";
import { readImportSource } from "../../src/io/import-source";
import {
  CsvReadError,
  FileReadError,
  ImportSourceError,
  WorkbookReadError,
} from "../../src/io/read/errors";
import {
  buildZip,
  deflatedZeros,
  fixture,
  minimalWorkbookParts,
  deflated,
} from "./read/zip-helpers";

const enc = (s: string) => new TextEncoder().encode(s);

async function failure(name: string, bytes: Uint8Array): Promise<FileReadError> {
  try {
    await readImportSource(name, bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(FileReadError);
    return e as FileReadError;
  }
  throw new Error(`${name} was accepted`);
}

describe("readImportSource picks what to import", () => {
  it("takes the table named Measures, header row first", async () => {
    const s = await readImportSource("plan.xlsx", fixture("openpyxl-table.xlsx"));
    expect(s.sheetName).toBe("Plan");
    expect(s.rows[0][0]).toBe("No.");
    expect(s.rows).toHaveLength(4);
  });

  it("takes the sheet whose header row scores best", async () => {
    expect((await readImportSource("report.xlsx", fixture("openpyxl-report.xlsx"))).sheetName).toBe(
      "Report"
    );
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Cover").addRows([["Progress report"], ["No.", "Measure"]]);
    wb.addWorksheet("Data").addRows([
      ["Title"],
      ["No.", "Measure", "Status", "Timeframe"],
      ["1", "Build", "Done", "Short-term"],
    ]);
    const s = await readImportSource("two.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(s.sheetName).toBe("Data");
    expect(s.rows[2]).toEqual(["1", "Build", "Done", "Short-term"]);
  });

  it("reads a LibreOffice workbook and a CSV", async () => {
    expect(
      (await readImportSource("khmer.xlsx", fixture("libreoffice-khmer.xlsx"))).rows[2][0]
    ).toBe("ល.រ");
    const csv = await readImportSource("khmer-report.csv", fixture("khmer-report.csv"));
    expect(csv.sheetName).toBe("khmer-report");
    expect(csv.rows[2][1]).toBe("វិធានការ");
  });

  it("goes by the bytes, not the name: a workbook called .csv is a workbook", async () => {
    const s = await readImportSource("misnamed.csv", fixture("openpyxl-table.xlsx"));
    expect(s.sheetName).toBe("Plan");
  });
});

describe("readImportSource: bad input, each a clear message", () => {
  it("an empty file", async () => {
    const e = await failure("empty.xlsx", new Uint8Array(0));
    expect(e.message).toBe("The file “empty.xlsx” is empty (0 bytes).");
  });

  it("a PNG, whatever its name", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    for (const name of ["measures.xlsx", "measures.csv", "measures"]) {
      const e = await failure(name, png);
      expect(e).toBeInstanceOf(WorkbookReadError);
      expect(e.message).toMatch(/picture, not an Excel workbook/);
    }
  });

  it("text named .xlsx", async () => {
    const e = await failure("measures.xlsx", enc("No.,Measure\n1,x\n"));
    expect(e.message).toMatch(/^This file is not an Excel workbook \(\.xlsx\)/);
  });

  it("a truncated workbook", async () => {
    const whole = fixture("openpyxl-report.xlsx");
    const e = await failure("report.xlsx", whole.subarray(0, whole.length >> 1));
    expect(e.message).toMatch(/^The file is damaged or incomplete/);
  });

  it("a zip bomb", async () => {
    const parts = minimalWorkbookParts("<worksheet/>");
    delete parts["xl/worksheets/sheet1.xml"];
    const bomb = buildZip([
      ...Object.entries(parts).map(([n, c]) => deflated(n, c)),
      await deflatedZeros("xl/worksheets/sheet1.xml", 300 * 1024 * 1024),
    ]);
    const e = await failure("bomb.xlsx", bomb);
    expect(e.message).toMatch(/^The file would expand to 300 MB/);
  });

  it("a CSV with a quote never closed", async () => {
    const e = await failure("measures.csv", enc('No.,Measure\n1,"Build\n2,Broadband\n'));
    expect(e).toBeInstanceOf(CsvReadError);
    expect(e.message).toMatch(/^Line 2 opens a quote/);
  });

  it("a CSV in Windows-1252 with non-ASCII letters", async () => {
    const bytes = new Uint8Array([
      ...enc("No.;Mesure\r\n1;Cr"),
      0xe9,
      ...enc("er un r"),
      0xe9,
      ...enc("seau\r\n"),
    ]);
    const e = await failure("mesures.csv", bytes);
    expect(e).toBeInstanceOf(CsvReadError);
    expect(e.message).toMatch(/^This CSV is not UTF-8/);
  });

  it("a workbook with no recognisable header, naming its sheets and what it saw", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").addRows([
      ["Line", "Amount"],
      ["Rice", 12],
    ]);
    wb.addWorksheet("Notes").addRows([["Call MPTC"]]);
    const e = await failure("budget.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(e).toBeInstanceOf(ImportSourceError);
    expect(e.message).toMatch(/^No sheet of this workbook \(“Budget”, “Notes”\) has a header row/);
    expect(e.message).toContain("“Line”, “Amount”, “Rice”, “12”, “Call MPTC”");
  });

  it("an old .xls", async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = await failure("old.xls", ole);
    expect(e.message).toMatch(/\.xls\) or a password-protected workbook/);
  });
});
