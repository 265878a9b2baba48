/**
 * The package writer renders owned sheets (Summary, Briefing per committee, Validation)
 * straight from their plans (src/io/package/owned-writer.ts). The same plans rendered by
 * ExcelJS (XlsxBook.renderSheets, the way they were written before) are the reference: read
 * back by ExcelJS and by LibreOffice, both give the same cells, formats, merges, widths,
 * heights, panes, print setup, page breaks, charts and names, on the built-in DESPF workbook
 * in English and in Khmer.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildSummary, setupWorkbook } from "../../src/host/operations";
import { FileHost } from "../../src/io/file-host";
import { PackageBook } from "../../src/io/package/package-book";
import { PackageParts } from "../../src/io/package/parts";
import { XlsxBook } from "../../src/io/xlsx-book";
import { readWorkbook } from "../../src/io/read/workbook";
import { resolveAsOfYear } from "../../src/model/as-of";
import type { Language } from "../../src/model/types";
import { OWNED_MARKER, ownedSheetsPlan } from "../../src/plan/owned-sheets";
import type { PlanCell, WorkbookPlan } from "../../src/plan/types";
import { validate } from "../../src/rules/validate";
import { hasSoffice, sofficeSheetsAsCsv } from "../helpers/soffice";

async function despfWorkbook(): Promise<Uint8Array> {
  const host = FileHost.blank();
  await setupWorkbook(host, "despf", 2026);
  return host.exportXlsx();
}

async function ownedPlan(bytes: Uint8Array, language: Language): Promise<WorkbookPlan> {
  const tables = await (await PackageBook.open(bytes)).readTables();
  const asOfYear = resolveAsOfYear(tables, 2026);
  const findings = validate(tables, { asOfYear, language });
  return ownedSheetsPlan(tables, findings, { asOfYear, language });
}

/** Direct: the package writer as it is. Reference: the same plan rendered by ExcelJS and moved in. */
async function renderBoth(source: Uint8Array, plan: WorkbookPlan) {
  const write = async (ownedSheetsViaExcelJs: boolean) => {
    const book = await PackageBook.open(source, { ownedSheetsViaExcelJs });
    await book.applyPlan(plan);
    return book.toBytes();
  };
  return { plan, direct: await write(false), reference: await write(true) };
}

async function bothRenderings(language: Language) {
  const source = await despfWorkbook();
  return renderBoth(source, await ownedPlan(source, language));
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

const json = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** Every cell holding a value or a format: value, number format, font, fill, alignment. */
function cells(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const style = {
        numFmt: cell.numFmt || undefined,
        font: json(cell.font),
        fill: json(cell.fill),
        alignment: json(cell.alignment),
      };
      // An empty string and a blank cell are one thing to the planner and to Excel.
      const raw = cell.isMerged && cell.master !== cell ? null : json(cell.value);
      const value = raw === "" ? null : raw;
      if (value === null && !style.numFmt && !style.font && !style.fill && !style.alignment) return;
      out[cell.address] = { value, ...style };
    })
  );
  return out;
}

function layout(ws: ExcelJS.Worksheet) {
  const rows: Record<number, number | undefined> = {};
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    if (row.height) rows[n] = row.height;
  });
  const absolute = (a?: string) => a?.replace(/\$/g, "");
  const p = ws.pageSetup;
  return {
    merges: [...((ws.model as { merges?: string[] }).merges ?? [])].sort(),
    widths: Array.from({ length: ws.columnCount }, (_, i) => ws.getColumn(i + 1).width),
    rows,
    views: ws.views.map((v) => ({
      state: v.state,
      xSplit: (v as ExcelJS.WorksheetViewFrozen).xSplit,
      ySplit: (v as ExcelJS.WorksheetViewFrozen).ySplit,
      topLeftCell: (v as ExcelJS.WorksheetViewFrozen).topLeftCell,
    })),
    // Without a print setup ExcelJS writes its defaults (portrait, fit 1×1 — off): none is written here.
    page: {
      orientation: p.orientation ?? "portrait",
      paperSize: p.paperSize,
      fitToPage: p.fitToPage,
      fitToWidth: p.fitToPage ? p.fitToWidth : undefined,
      fitToHeight: p.fitToPage ? p.fitToHeight : undefined,
      margins: p.margins,
      printArea: absolute(p.printArea),
      printTitlesRow: absolute(p.printTitlesRow),
    },
    headerFooter: { odd: ws.headerFooter?.oddHeader, foot: ws.headerFooter?.oddFooter },
  };
}

/** Per sheet name: its page breaks, and its charts (anchor and chart part) in drawing order. */
async function sheetParts(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (p: string) => (await zip.file(p)?.async("string")) ?? "";
  const resolve = (from: string, target: string) => {
    const parts = from.split("/").slice(0, -1);
    for (const seg of target.split("/")) {
      if (seg === "..") parts.pop();
      else if (seg !== ".") parts.push(seg);
    }
    return parts.join("/");
  };
  const relsOf = async (part: string) => {
    const i = part.lastIndexOf("/");
    const xml = await read(`${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`);
    return new Map(
      [...xml.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*\bTarget="([^"]+)"/g)].map((m) => [
        m[1],
        resolve(part, m[2]),
      ])
    );
  };
  const wbRels = await relsOf("xl/workbook.xml");
  const out: Record<string, unknown> = {};
  for (const m of (await read("xl/workbook.xml")).matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])![1];
    const path = wbRels.get(/\br:id="([^"]*)"/.exec(m[0])![1])!;
    const xml = await read(path);
    const breaks = [...xml.matchAll(/<brk\b[^>]*\bid="(\d+)"/g)].map((b) => Number(b[1]));
    const charts: unknown[] = [];
    const drawingRid = /<drawing\b[^>]*r:id="([^"]+)"/.exec(xml)?.[1];
    if (drawingRid) {
      const drawing = (await relsOf(path)).get(drawingRid)!;
      const dRels = await relsOf(drawing);
      for (const a of (await read(drawing)).matchAll(
        /<xdr:twoCellAnchor>([\s\S]*?)<\/xdr:twoCellAnchor>/g
      )) {
        const place = a[1].match(/<xdr:(?:col|row)>\d+</g);
        const name = /cNvPr id="\d+" name="([^"]*)"/.exec(a[1])?.[1];
        const chart = dRels.get(/r:id="([^"]+)"/.exec(a[1])![1])!;
        charts.push({ place, name, chart: await read(chart) });
      }
    }
    out[name] = { breaks, charts };
  }
  return out;
}

/** The workbook's defined names as written: name, sheet scope, formula. */
async function names(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  return [...xml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)]
    .map((m) => `${m[1].trim()} ${m[2].replace(/\$/g, "")}`)
    .sort();
}

describe.each<Language>(["en", "km"])("owned sheets written from their plans (%s)", (language) => {
  let r: Awaited<ReturnType<typeof bothRenderings>>;
  let direct: ExcelJS.Workbook;
  let reference: ExcelJS.Workbook;

  beforeAll(async () => {
    r = await bothRenderings(language);
    direct = await load(r.direct);
    reference = await load(r.reference);
  });

  it("give the cells, formats and layout ExcelJS gave the same plans", () => {
    expect(r.plan.sheets.length).toBeGreaterThanOrEqual(3);
    for (const sheet of r.plan.sheets) {
      const a = direct.getWorksheet(sheet.name)!;
      const b = reference.getWorksheet(sheet.name)!;
      expect(a).toBeDefined();
      const got = cells(a);
      expect(Object.keys(got).length).toBeGreaterThan(10);
      expect(got).toEqual(cells(b));
      expect(layout(a)).toEqual(layout(b));
    }
  });

  it("give the same charts, page breaks and owned markers", async () => {
    const a = await sheetParts(r.direct);
    const b = await sheetParts(r.reference);
    let charts = 0;
    for (const sheet of r.plan.sheets) {
      expect(a[sheet.name]).toEqual(b[sheet.name]);
      charts += (a[sheet.name] as { charts: unknown[] }).charts.length;
    }
    expect(charts).toBeGreaterThan(0);
    const written = await names(r.direct);
    expect(written).toEqual(await names(r.reference));
    expect(written.filter((n) => n.includes(OWNED_MARKER))).toHaveLength(r.plan.sheets.length);
    expect(written.filter((n) => n.includes("Print_Area"))).toHaveLength(r.plan.sheets.length);
  });

  it("read the same in LibreOffice", () => {
    if (!hasSoffice()) return;
    const dir = mkdtempSync(join(tmpdir(), "owned-writer-"));
    writeFileSync(join(dir, "direct.xlsx"), r.direct);
    writeFileSync(join(dir, "reference.xlsx"), r.reference);
    const a = sofficeSheetsAsCsv(join(dir, "direct.xlsx"));
    const b = sofficeSheetsAsCsv(join(dir, "reference.xlsx"));
    for (const sheet of r.plan.sheets) {
      expect(a[sheet.name]).toBeDefined();
      expect(a[sheet.name]).toEqual(b[sheet.name]);
    }
  });
});

/** ExcelJS drops the bell and writes "_x0041_" bare (Excel would show "A"): the OOXML escapes keep both. */
const CONTROL_TEXT = "bell\u0007 and _x0041_";

/** What the DESPF sheets do not hold: unsorted and repeated cells, merges over blanks and values, dates, booleans, control characters. */
function oddPlan(): WorkbookPlan {
  const cells: PlanCell[] = [
    { row: 3, col: 2, value: "later first", style: "note" },
    { row: 0, col: 0, value: "Title", style: "title" },
    { row: 0, col: 0, value: "Title again" },
    { row: 1, col: 0, value: new Date(Date.UTC(2026, 2, 31)) },
    { row: 1, col: 1, value: true, style: "center" },
    { row: 1, col: 2, value: null, formula: "1/0" },
    { row: 1, col: 3, value: 7, formula: "3+4", numberFormat: "0.0" },
    { row: 2, col: 0, value: "ខ្មែរ plain" },
    { row: 2, col: 1, value: "wrapped & <b>", style: "wrap" },
    { row: 5, col: 5, value: CONTROL_TEXT },
    { row: 2, col: 2, value: "hidden under the merge" },
    { row: 2, col: 4, value: "go", link: "'Odd'!A1" },
    { row: 4, col: 0, value: 12.5, numberFormat: "+0;-0;0", style: "warningCenter" },
  ];
  return {
    sheets: [
      {
        name: "Odd",
        owned: true,
        cells,
        tables: [],
        charts: [],
        columnWidths: [20, 9, 12, 14],
        rowHeights: { 2: 40, 6: 30 },
        freeze: { rows: 2, cols: 1 },
        merges: [{ from: { row: 2, col: 1 }, to: { row: 3, col: 2 } }],
        tabColor: "FF00B050",
      },
    ],
  };
}

describe("an owned sheet with what the built-in sheets do not hold", () => {
  it("is written as ExcelJS wrote it", async () => {
    const r = await renderBoth(await despfWorkbook(), oddPlan());
    const [a, b] = [await load(r.direct), await load(r.reference)];
    const got = cells(a.getWorksheet("Odd")!);
    const want = cells(b.getWorksheet("Odd")!);
    delete got.F6;
    delete want.F6;
    expect(got).toEqual(want);
    const read = await readWorkbook(r.direct);
    expect(read.sheets.find((x) => x.name === "Odd")!.rows[5][5]).toBe(CONTROL_TEXT);
    expect(layout(a.getWorksheet("Odd")!)).toEqual(layout(b.getWorksheet("Odd")!));
    expect(Object.keys(got)).toEqual(expect.arrayContaining(["A1", "A2", "B3", "C4", "E3", "A5"]));
    expect(a.getWorksheet("Odd")!.properties.tabColor).toEqual({ argb: "FF00B050" });
    expect(await names(r.direct)).toEqual(await names(r.reference));
  });
});

describe("build", () => {
  it("renders owned sheets without ExcelJS, and a rebuild never reads the sheets it replaces", async () => {
    const render = jest.spyOn(XlsxBook.prototype, "renderSheets");
    const first = await FileHost.open(await despfWorkbook());
    await buildSummary(first, { asOfYear: 2026 });
    const built = await first.exportXlsx();
    expect(render).not.toHaveBeenCalled();
    render.mockRestore();

    const zip = await JSZip.loadAsync(built);
    const wbRels = (await zip.file("xl/_rels/workbook.xml.rels")!.async("string")) ?? "";
    const wb = (await zip.file("xl/workbook.xml")!.async("string")) ?? "";
    const owned = [
      ...wb.matchAll(/<sheet\b[^>]*name="(Summary|Briefing [^"]*|Validation)"[^>]*r:id="([^"]+)"/g),
    ].map((m) => "xl/" + new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(wbRels)![1]);
    expect(owned.length).toBeGreaterThanOrEqual(3);

    const read = jest.spyOn(PackageParts.prototype, "text");
    const again = await FileHost.open(built);
    await buildSummary(again, { asOfYear: 2026 });
    const rebuilt = await again.exportXlsx();
    const partsRead = read.mock.calls.map((c) => c[0]);
    read.mockRestore();
    for (const path of owned) expect(partsRead).not.toContain(path);
    expect(await names(rebuilt)).toEqual(await names(built));
  });
});
