import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { WorkbookReadError } from "../../../src/io/read/errors";
import {
  checkPackage,
  countCells,
  normaliseRelationships,
  relativeTarget,
  relativiseRelationships,
  resolveTarget,
  valuesOnlyWorksheet,
} from "../../../src/io/read/package";
import { cellValue, parseRef, readWorkbook } from "../../../src/io/read/workbook";
import {
  fixture,
  inlineCell,
  minimalWorkbookParts,
  NS_MAIN,
  NS_PKG,
  NS_REL,
  zipParts,
} from "./zip-helpers";

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
/** ExcelJS's load is typed with its own "Buffer" (an ArrayBuffer); JSZip underneath takes any bytes. */
const excelJsInput = (b: Uint8Array) => b as unknown as Parameters<ExcelJS.Xlsx["load"]>[0];

async function excelJsBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("openpyxl workbooks (absolute relationship targets)", () => {
  const bytes = fixture("openpyxl-table.xlsx");

  it("is the ExcelJS trap: the fixture has absolute targets and plain ExcelJS cannot load it", async () => {
    const zip = await JSZip.loadAsync(bytes);
    const rels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string");
    expect(rels).toContain('Target="/xl/tables/table1.xml"');
    await expect(new ExcelJS.Workbook().xlsx.load(excelJsInput(bytes))).rejects.toThrow(
      /reading 'name'/
    );
  });

  it("reads both tables by name, with their sheet and range", async () => {
    const wb = await readWorkbook(bytes);
    expect(Object.keys(wb.tables).sort()).toEqual(["Contacts", "Measures"]);
    const m = wb.tables.Measures;
    expect(m.sheet).toBe("Plan");
    expect(m.ref).toBe("A3:O6");
    expect(m.headers).toEqual([
      "No.",
      "Goal",
      "Strategy",
      "Measure",
      "Lead committee",
      "Other committees",
      "Institutions",
      "Timeframe",
      "Start year",
      "End year",
      "Status",
      "Progress %",
      "Indicator",
      "Target",
      "Notes",
    ]);
    expect(m.rows).toHaveLength(3);
    expect(m.rows[0].slice(0, 5)).toEqual([
      "1",
      "I",
      "I.A",
      "Build the national data centre",
      "DGC",
    ]);
    expect(m.rows[0][8]).toBe(2021);
    expect(m.rows[0][11]).toBe(40);
    expect(wb.tables.Contacts).toMatchObject({
      sheet: "Contacts",
      headers: ["Ministry", "Contact", "Phone"],
    });
    expect(wb.tables.Contacts.rows).toEqual([
      ["MPTC", "Sok Dara", "012 345 678"],
      ["MEF", "Chan Sophea", "098 765 432"],
    ]);
  });

  it("reads dates as Dates, hyperlinks as their text, and formulas without a cached value as blank", async () => {
    const m = (await readWorkbook(bytes)).tables.Measures;
    expect(m.rows[2][8]).toEqual(utc(2022, 1, 1));
    expect(m.rows[2][9]).toEqual(utc(2030, 12, 31));
    expect(m.rows[0][14]).toBe("see site");
    expect(m.rows[1][13]).toBeNull(); // "=1+1": openpyxl writes no result
    expect(m.rows[1][5]).toBeNull();
  });

  it("gives every sheet's values from A1, a merged banner in its first cell only", async () => {
    const wb = await readWorkbook(fixture("openpyxl-report.xlsx"));
    expect(wb.sheets.map((s) => s.name)).toEqual(["Report", "Instructions"]);
    const rows = wb.sheets[0].rows;
    expect(rows[0]).toEqual(["Ministry of Post and Telecommunications"]);
    expect(rows[2]).toEqual([]);
    expect(rows[3][0]).toBe("No");
    expect(rows[3][4]).toBe("Timefrme");
    expect(rows[4]).toEqual([
      1,
      "Build the national data centre",
      "Committee on Digital Government",
      "MPTC\nMEF",
      "Short-trm",
      "2021",
      "2025",
      "ongoing",
      "40%",
      "on schedule",
    ]);
    expect(rows[5][5]).toEqual(utc(2026, 1, 1));
    expect(rows[8]).toEqual([]); // a blank row stays a blank row: row numbers stay Excel's
    expect(rows).toHaveLength(13);
  });
});

describe("LibreOffice workbooks", () => {
  it("reads the cached results of formulas, and dates", async () => {
    const wb = await readWorkbook(fixture("libreoffice-table.xlsx"));
    const m = wb.tables.Measures;
    expect(m.sheet).toBe("Matrix");
    expect(m.headers).toEqual([
      "No.",
      "Measure",
      "Lead committee",
      "Timeframe",
      "Start year",
      "End year",
      "Status",
      "Progress %",
    ]);
    expect(m.rows[0][5]).toBe(2025); // =E4+4
    expect(m.rows[1][7]).toBe(20); // =10*2
    expect(m.rows[1][4]).toEqual(utc(2026, 1, 1));
    expect(wb.sheets[0].rows[0]).toEqual([
      "Matrix of policy measures (ExcelJS, saved again by LibreOffice)",
    ]);
  });

  it("keeps Khmer text and line breaks from a CSV LibreOffice converted", async () => {
    const rows = (await readWorkbook(fixture("libreoffice-khmer.xlsx"))).sheets[0].rows;
    expect(rows[2][0]).toBe("ល.រ");
    expect(rows[2][5]).toBe("ឆ្នាំចាប់ផ្តើម");
    expect(rows[4][3]).toBe("ក្រសួងប្រៃសណីយ៍និងទូរគមនាគមន៍\nក្រសួងសេដ្ឋកិច្ចនិងហិរញ្ញវត្ថុ");
    expect(rows[3][8]).toBe(0.4);
    expect(rows[4][5]).toEqual(utc(2026, 1, 1));
  });
});

describe("ExcelJS workbooks", () => {
  it("flattens rich text, hyperlinks, formulas, errors; keeps booleans; reads tables with a totals row", async () => {
    const bytes = await excelJsBytes((wb) => {
      const ws = wb.addWorksheet("Data");
      ws.getCell("A1").value = "Banner";
      ws.mergeCells("A1:D1");
      ws.addTable({
        name: "Measures",
        ref: "A3",
        headerRow: true,
        totalsRow: true,
        columns: [
          { name: "No." },
          { name: "Measure" },
          { name: "End year", totalsRowFunction: "max" },
          { name: "Done" },
        ],
        rows: [
          [
            "1",
            {
              richText: [
                { text: "Build " },
                { text: "data", font: { bold: true } },
                { text: " centre" },
              ],
            },
            { formula: "2020+5", result: 2025 },
            true,
          ],
          ["2", { text: "Open site", hyperlink: "https://example.org" }, { error: "#N/A" }, false],
        ],
      });
    });
    const wb = await readWorkbook(bytes);
    const m = wb.tables.Measures;
    expect(m.headers).toEqual(["No.", "Measure", "End year", "Done"]);
    expect(m.rows).toEqual([
      ["1", "Build data centre", 2025, true],
      ["2", "Open site", "#N/A", false],
    ]);
    expect(wb.sheets[0].rows[0]).toEqual(["Banner"]);
  });
});

describe("hand-written workbooks (Google Sheets-like and stranger)", () => {
  it("reads inline strings with no styles and no shared strings", async () => {
    const sheet =
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS_MAIN}"><sheetData>` +
      `<row r="1">${inlineCell("A1", "No.")}${inlineCell("B1", "Measure")}${inlineCell("C1", "Start year")}</row>` +
      `<row r="2">${inlineCell("A2", "7")}${inlineCell("B2", "Open data portal & API")}<c r="C2"><v>2024</v></c></row>` +
      `<row r="4"><c r="B4" t="b"><v>1</v></c><c r="C4"><v>45658</v></c></row>` +
      `</sheetData></worksheet>`;
    const wb = await readWorkbook(await zipParts(minimalWorkbookParts(sheet)));
    expect(wb.sheets).toEqual([
      {
        name: "Sheet1",
        merges: [],
        uncached: [],
        rows: [
          ["No.", "Measure", "Start year"],
          ["7", "Open data portal & API", 2024],
          [],
          [null, true, 45658],
        ],
      },
    ]);
    expect(wb.tables).toEqual({});
  });

  it("reads prefixed XML, absolute targets, an oddly named sheet part and a table without a header row", async () => {
    const x = (tag: string) => tag.replace(/<(\/?)(\w)/g, "<$1x:$2");
    const sheet =
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      x(
        `<sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>alpha</t></is></c><c r="C2"><v>1</v></c></row>`
      ) +
      x(
        `<row r="3"><c r="B3" t="inlineStr"><is><t>beta</t></is></c><c r="C3"><v>2</v></c></row></sheetData>`
      ) +
      `<x:tableParts count="1"><x:tablePart r:id="rIdT"/></x:tableParts><x:drawing r:id="rIdMissing"/></x:worksheet>`;
    const parts = minimalWorkbookParts(sheet, "xl/worksheets/Data.xml");
    parts["xl/workbook.xml"] =
      `<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="${NS_MAIN}" xmlns:rel="${NS_REL}"><x:sheets>` +
      `<x:sheet name="Données &amp; plan" sheetId="5" rel:id="rId1"/></x:sheets>` +
      `<x:definedNames><x:definedName name="_xlnm.Print_Area" localSheetId="0">#REF!</x:definedName></x:definedNames></x:workbook>`;
    parts["xl/_rels/workbook.xml.rels"] =
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="/xl/worksheets/Data.xml"/></Relationships>`;
    parts["xl/worksheets/_rels/Data.xml.rels"] =
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS_PKG}"><Relationship Id="rIdT" Type="${NS_REL}/table" Target="/xl/tables/t.xml"/></Relationships>`;
    parts["xl/tables/t.xml"] =
      `<?xml version="1.0" encoding="UTF-8"?><x:table xmlns:x="${NS_MAIN}" id="1" name="T1" displayName="Pairs" ref="B2:C3" headerRowCount="0">` +
      `<x:tableColumns count="2"><x:tableColumn id="1" name="Word"/><x:tableColumn id="2" name="Line_x000a_count"/></x:tableColumns></x:table>`;
    const wb = await readWorkbook(await zipParts(parts));
    expect(wb.sheets[0].name).toBe("Données & plan");
    expect(wb.sheets[0].rows).toEqual([[], [null, "alpha", 1], [null, "beta", 2]]);
    expect(wb.tables.Pairs).toEqual({
      name: "Pairs",
      sheet: "Données & plan",
      ref: "B2:C3",
      headers: ["Word", "Line\ncount"],
      rows: [
        ["alpha", 1],
        ["beta", 2],
      ],
    });
  });

  it("reads rows and cells written without their r reference", async () => {
    const sheet =
      `<worksheet xmlns="${NS_MAIN}"><sheetData>` +
      `<row><c t="inlineStr"><is><t>No.</t></is></c><c t="inlineStr"><is><t>Measure</t></is></c></row>` +
      `<row r="3"><c><v>1</v></c><c r="D3" t="inlineStr"><is><t>Build</t></is></c><c><v>5</v></c></row>` +
      `<row><c/><c><v>2</v></c></row></sheetData></worksheet>`;
    const wb = await readWorkbook(await zipParts(minimalWorkbookParts(sheet)));
    expect(wb.sheets[0].rows).toEqual([
      ["No.", "Measure"],
      [],
      [1, null, null, "Build", 5],
      [null, 2],
    ]);
  });

  it("reads a sheet named History, which ExcelJS itself refuses", async () => {
    const parts = minimalWorkbookParts(
      `<worksheet xmlns="${NS_MAIN}"><sheetData><row r="1">${inlineCell("A1", "x")}</row></sheetData></worksheet>`
    );
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace('name="Sheet1"', 'name="History"');
    const wb = await readWorkbook(await zipParts(parts));
    expect(wb.sheets).toEqual([{ name: "History", rows: [["x"]], merges: [], uncached: [] }]);
  });

  it("reads a UTF-16 worksheet part", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="${NS_MAIN}"><sheetData><row r="1">${inlineCell("A1", "វិធានការ")}</row></sheetData></worksheet>`;
    const parts: Record<string, string | Uint8Array> = minimalWorkbookParts("");
    parts["xl/worksheets/sheet1.xml"] = new Uint8Array([
      0xff,
      0xfe,
      ...Buffer.from(xml, "utf16le"),
    ]);
    const wb = await readWorkbook(await zipParts(parts));
    expect(wb.sheets[0].rows).toEqual([["វិធានការ"]]);
  });

  it("refuses a workbook whose only sheet is missing its part", async () => {
    const parts = minimalWorkbookParts("<worksheet/>");
    delete parts["xl/worksheets/sheet1.xml"];
    await expect(readWorkbook(await zipParts(parts))).rejects.toThrow(
      /^The file is damaged or incomplete/
    );
  });

  it("refuses broken worksheet XML with the damaged message, not ExcelJS's", async () => {
    const parts = minimalWorkbookParts(
      `<worksheet xmlns="${NS_MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`
    );
    parts["xl/sharedStrings.xml"] = "<sst><si><t>unclosed";
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
      "</Relationships>",
      `<Relationship Id="rId2" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
    );
    const e = await readWorkbook(await zipParts(parts)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect((e as Error).message).toMatch(/^The file is damaged or incomplete/);
  });

  it("refuses more cells than maxCells", async () => {
    await expect(readWorkbook(fixture("openpyxl-table.xlsx"), { maxCells: 20 })).rejects.toThrow(
      /more than 20 cells/
    );
  });
});

describe("package helpers", () => {
  it("resolves relative and absolute targets alike", () => {
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe(
      "xl/worksheets/sheet1.xml"
    );
    expect(resolveTarget("xl/workbook.xml", "/xl/worksheets/sheet1.xml")).toBe(
      "xl/worksheets/sheet1.xml"
    );
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../tables/table1.xml")).toBe(
      "xl/tables/table1.xml"
    );
    expect(resolveTarget("xl/worksheets/sheet1.xml", "..\\tables\\table%201.xml")).toBe(
      "xl/tables/table 1.xml"
    );
    expect(resolveTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
  });

  it("writes relative targets", () => {
    expect(relativeTarget("xl/worksheets/sheet1.xml", "xl/tables/table1.xml")).toBe(
      "../tables/table1.xml"
    );
    expect(relativeTarget("xl/workbook.xml", "xl/worksheets/sheet2.xml")).toBe(
      "worksheets/sheet2.xml"
    );
    expect(relativeTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
    const rels = `<Relationships><Relationship Id="rId1" Type="t" Target="/xl/tables/table1.xml"/><Relationship Id="rId2" Type="h" Target="https://x.org/a" TargetMode="External"/></Relationships>`;
    expect(relativiseRelationships(rels, "xl/worksheets/sheet1.xml")).toBe(
      `<Relationships><Relationship Id="rId1" Type="t" Target="../tables/table1.xml"/><Relationship Id="rId2" Type="h" Target="https://x.org/a" TargetMode="External"/></Relationships>`
    );
  });

  it("normaliseRelationships lets plain ExcelJS load an openpyxl workbook, tables included", async () => {
    const bytes = fixture("openpyxl-table.xlsx");
    const fixed = await normaliseRelationships(await checkPackage(bytes), bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(excelJsInput(fixed));
    expect(wb.getWorksheet("Plan")!.getTable("Measures")).toBeDefined();
    expect(wb.getWorksheet("Plan")!.getCell("D4").value).toBe("Build the national data centre");
    // Files without absolute targets come back untouched.
    const lo = fixture("libreoffice-table.xlsx");
    expect(await normaliseRelationships(await checkPackage(lo), lo)).toBe(lo);
  });

  it("cuts a worksheet after its sheetData and counts its cells", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const dec = (b: Uint8Array) => new TextDecoder().decode(b);
    const xml = `<worksheet><sheetData><row r="1"><c r="A1"/><c r="B1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><drawing r:id="rId1"/></worksheet>`;
    expect(dec(valuesOnlyWorksheet(enc(xml)))).toBe(
      `<worksheet><sheetData><row r="1"><c r="A1"/><c r="B1"><v>1</v></c></row></sheetData></worksheet>`
    );
    expect(
      dec(valuesOnlyWorksheet(enc(`<x:worksheet><x:sheetData/><x:cols/></x:worksheet>`)))
    ).toBe(`<x:worksheet><x:sheetData/></x:worksheet>`);
    expect(countCells(enc(xml))).toBe(2);
    expect(
      countCells(enc(`<x:row><x:c r="A1"><x:v>1</x:v></x:c><x:c r="B1"/><x:col/></x:row>`))
    ).toBe(2);
  });

  it("parses ranges", () => {
    expect(parseRef("A3:O6")).toEqual({ top: 3, left: 1, bottom: 6, right: 15 });
    expect(parseRef("$B$2:$AA$10")).toEqual({ top: 2, left: 2, bottom: 10, right: 27 });
    expect(parseRef("C5")).toEqual({ top: 5, left: 3, bottom: 5, right: 3 });
    expect(parseRef("nonsense")).toBeNull();
  });

  it("flattens ExcelJS values", () => {
    expect(cellValue({ formula: "A1", result: { error: "#DIV/0!" } })).toBe("#DIV/0!");
    expect(cellValue({ sharedFormula: "A1", result: 3 })).toBe(3);
    expect(cellValue({ text: { richText: [{ text: "a" }, { text: "b" }] }, hyperlink: "x" })).toBe(
      "ab"
    );
    expect(cellValue({ formula: "NOW()" })).toBeNull();
    expect(cellValue(NaN)).toBeNull();
  });
});

describe("mutated workbooks (property)", () => {
  const original = fixture("openpyxl-table.xlsx");

  it("either read or refused with WorkbookReadError, never anything else, never hanging", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (flips) => {
          const bytes = original.slice();
          for (const [at, xor] of flips) bytes[at] ^= xor;
          let timer: ReturnType<typeof setTimeout> | undefined;
          const timeout = new Promise<"hung">((resolve) => {
            timer = setTimeout(() => resolve("hung"), 10_000);
          });
          const outcome = await Promise.race([
            readWorkbook(bytes).then(
              () => "read" as const,
              (e: unknown) => (e instanceof WorkbookReadError ? ("refused" as const) : e)
            ),
            timeout,
          ]);
          clearTimeout(timer);
          expect(outcome === "read" || outcome === "refused").toBe(true);
        }
      ),
      { numRuns: 50, seed: 20260101 }
    );
  });

  it("also survives damage aimed at the zip structure (last 1 KB)", async () => {
    const tailStart = Math.max(0, original.length - 1024);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.integer({ min: tailStart, max: original.length - 1 }),
            fc.integer({ min: 1, max: 255 })
          ),
          { minLength: 1, maxLength: 4 }
        ),
        async (flips) => {
          const bytes = original.slice();
          for (const [at, xor] of flips) bytes[at] ^= xor;
          const outcome = await readWorkbook(bytes).then(
            () => "read",
            (e: unknown) => (e instanceof WorkbookReadError ? "refused" : e)
          );
          expect(["read", "refused"]).toContain(outcome);
        }
      ),
      { numRuns: 50, seed: 7 }
    );
  });
});
