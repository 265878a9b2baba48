/**
 * The package writer on (1) notes and hyperlinks around a table that grows: they move with
 * their cells, as Excel moves them; and (2) SpreadsheetML written with a namespace prefix
 * (`<x:worksheet xmlns:x="…/main">`, the .NET Open XML SDK's form): read, built and imported
 * into in place, everything the planner does not own kept byte for byte.
 * Fixtures: tests/fixtures/planner/make-notes.py (openpyxl; LibreOffice re-saves in the test).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { importMeasures } from "../../src/host/import";
import { buildSummary } from "../../src/host/operations";
import { FileHost } from "../../src/io/file-host";
import { WriteRefused } from "../../src/io/package/growth";
import { moveVmlShapes } from "../../src/io/package/notes";
import { checkPackage, normaliseRelationships } from "../../src/io/read/package";
import { readWorkbook } from "../../src/io/read/workbook";
import { defaultNamespaceView } from "../../src/io/read/xml";
import type { Cell } from "../../src/model/types";
import { planner, tempDir } from "../helpers/cli";
import { hasSoffice, sofficeConvert } from "../helpers/soffice";

const FIX = join(__dirname, "../fixtures/planner");
const file = (name: string) => new Uint8Array(readFileSync(join(FIX, name)));
const dir = tempDir("planner-notes-");

/** The file as LibreOffice saves it again (.xlsx). */
function libreOfficeResave(bytes: Uint8Array, name: string): Uint8Array {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return new Uint8Array(readFileSync(join(sofficeConvert(path, "xlsx"), name)));
}

/** Each note and hyperlink of the Measures sheet by cell, with the value the cell shows, read by ExcelJS. */
async function notesAndLinks(bytes: Uint8Array): Promise<Record<string, string>> {
  const wb = new ExcelJS.Workbook();
  // openpyxl's absolute relationship targets upset ExcelJS (see normaliseRelationships).
  const clean = await normaliseRelationships(await checkPackage(bytes), bytes);
  await wb.xlsx.load(clean as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  const out: Record<string, string> = {};
  wb.getWorksheet("Measures")!.eachRow((row) =>
    row.eachCell((c) => {
      const shown = c.text;
      const note = c.note
        ? typeof c.note === "string"
          ? c.note
          : (c.note.texts ?? []).map((t) => t.text).join("")
        : null;
      if (note) out[`${c.address} note`] = `${shown} | ${note.trim()}`;
      if (c.hyperlink) out[`${c.address} link`] = `${shown} | ${c.hyperlink}`;
    })
  );
  return out;
}

const HEADERS = [
  "No.",
  "Goal",
  "Strategy",
  "Measure",
  "Lead committee",
  "Timeframe",
  "Start year",
  "End year",
  "Status",
];
const row = (no: string) => [no, "I", "I.A", `Measure ${no}`, "DGC", "Medium-term", 2026, 2030];

/** Two new measures and an extra column: the table grows down over the sign-off lines and right over Budget. */
const GROW: Cell[][] = [
  [...HEADERS, "Budget line"],
  [...row("6"), "On track", "BL-6"],
  [...row("7"), "On track", "BL-7"],
];

async function importRows(bytes: Uint8Array, rows: Cell[][]): Promise<Uint8Array> {
  const host = await FileHost.open(bytes);
  await importMeasures(host, {
    source: { rows, sheetName: "" },
    dryRun: false,
    mode: "merge",
    asOfYear: 2026,
  });
  return host.exportXlsx();
}

async function build(bytes: Uint8Array): Promise<Uint8Array> {
  const host = await FileHost.open(bytes);
  await buildSummary(host, { asOfYear: 2026 });
  return host.exportXlsx();
}

async function parts(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const [name, f] of Object.entries(zip.files))
    if (!f.dir) out.set(name.replace(/^\/+/, ""), await f.async("uint8array"));
  return out;
}

/** What the notes and hyperlinks are before growth: after it, the same, two rows down (or one column right). */
const BEFORE = {
  "A1 note":
    "Ministry of Post and Telecommunications — measures 2026 | Title agreed with the Minister",
  "A1 link": "Ministry of Post and Telecommunications — measures 2026 | https://example.org/plan",
  "R4 note": "1200 | From the 2026 budget law",
  "Q5 link": "Training | https://example.org/training",
  "A10 link": "Prepared by: ____________________ | #'Notes'!A1",
  "A11 link": "Approved by: ____________________ | https://example.org/approved",
  "F11 note": "Date: | Check the date with the Secretariat",
};
const GROWN_TABLES = { Budget: "R3:T6", Measures: "A3:P10" };
const AFTER = {
  "A1 note": BEFORE["A1 note"],
  "A1 link": BEFORE["A1 link"],
  "S4 note": BEFORE["R4 note"],
  "R5 link": BEFORE["Q5 link"],
  "A12 link": BEFORE["A10 link"],
  "A13 link": BEFORE["A11 link"],
  "F13 note": BEFORE["F11 note"],
};

describe.each([
  ["openpyxl", () => file("notes.xlsx")],
  [
    "LibreOffice re-save",
    () => (hasSoffice() ? libreOfficeResave(file("notes.xlsx"), "notes.xlsx") : file("notes.xlsx")),
  ],
])("%s: notes and hyperlinks move with their cells when the table grows", (_who, original) => {
  let before: Uint8Array;
  beforeAll(() => {
    before = original();
  });

  test("two rows and a column: each note and hyperlink stays on the cell content it was on", async () => {
    expect(readOpenpyxl(before).marks).toEqual(BEFORE);
    const after = await importRows(before, GROW);
    expect(readOpenpyxl(after)).toEqual({ marks: AFTER, tables: GROWN_TABLES });
    // LibreOffice reads them there too (its own re-save of our file, read by openpyxl and ExcelJS).
    if (hasSoffice()) {
      const resaved = libreOfficeResave(after, "grown.xlsx");
      expect(readOpenpyxl(resaved).marks).toEqual(AFTER);
      expect(await notesAndLinks(resaved)).toEqual(external(AFTER));
    }
  });
});

test("a hyperlink over cells the table would only partly move is refused, nothing changed", async () => {
  const zip = await JSZip.loadAsync(file("notes.xlsx"));
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  zip.file("xl/worksheets/sheet1.xml", sheet.replace('ref="A11"', 'ref="A11:Q11"'));
  const bytes = await zip.generateAsync({ type: "uint8array" });
  const e = await importRows(
    bytes,
    GROW.map((r) => r.slice(0, 9))
  ).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(WriteRefused);
  expect((e as Error).message).toMatch(/a hyperlink over A11:Q11 reaches into it/);
});

test("a legacy form control (a VML button) anchored below the table is refused, nothing changed", async () => {
  const zip = await JSZip.loadAsync(file("notes.xlsx"));
  const vml = await zip.file("xl/drawings/commentsDrawing1.vml")!.async("string");
  // The shape on F11 (row 10, column 5 counted from 0) made a button, as Excel's Forms controls are.
  const button = vml.replace(
    /ObjectType="Note"(>(?:(?!ClientData>)[\s\S])*?<(\w+:)?Row>10<\/\2Row><\2Column>5<)/,
    'ObjectType="Button"$1'
  );
  expect(button).not.toBe(vml);
  zip.file("xl/drawings/commentsDrawing1.vml", button);
  const e = await importRows(await zip.generateAsync({ type: "uint8array" }), GROW).catch(
    (x: unknown) => x
  );
  expect(e).toBeInstanceOf(WriteRefused);
  expect((e as Error).message).toMatch(/a form control or legacy shape is anchored in it/);
});

describe("prefixed SpreadsheetML (the Open XML SDK's <x:worksheet>)", () => {
  const prefixed = () => file("prefixed.xlsx");

  test("the fixture really is prefixed, and LibreOffice and openpyxl read it", async () => {
    const p = await parts(prefixed());
    for (const name of ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml"])
      expect(new TextDecoder().decode(p.get(name)!)).toMatch(/^<x:\w+ xmlns:x="[^"]*main"/);
    expect(readOpenpyxl(prefixed())).toEqual({
      marks: BEFORE,
      tables: { Budget: "Q3:S6", Measures: "A3:O8" },
    });
    if (hasSoffice())
      expect(await notesAndLinks(libreOfficeResave(prefixed(), "prefixed.xlsx"))).toEqual(
        external(BEFORE)
      );
  });

  test("read: the same tables and values as the unprefixed workbook", async () => {
    const [a, b] = [await readWorkbook(prefixed()), await readWorkbook(file("notes.xlsx"))];
    expect(a.sheets.map((s) => [s.name, s.rows])).toEqual(b.sheets.map((s) => [s.name, s.rows]));
    expect(Object.keys(a.tables)).toEqual(Object.keys(b.tables));
    const host = await FileHost.open(prefixed());
    expect((await host.readTables()).Measures!.rows).toHaveLength(5);
  });

  test("build in place: every part outside the planner's byte-identical; edited parts well-formed", async () => {
    const before = prefixed();
    const after = await build(before);
    const [a, b] = [await parts(before), await parts(after)];
    // The planner owns the workbook's sheet list and names, the Measures sheet's dropdowns and
    // marks, and appends to styles: those are written back (in the default namespace).
    const owned = new Set([
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "[Content_Types].xml",
      "xl/styles.xml",
      ...(await plannerTableSheets(a)),
    ]);
    for (const [name, bytes] of a) {
      expect({ name, kept: b.has(name) }).toEqual({ name, kept: true });
      if (!owned.has(name))
        expect({ name, same: Buffer.from(b.get(name)!).equals(Buffer.from(bytes)) }).toEqual({
          name,
          same: true,
        });
    }
    for (const [name, bytes] of b)
      if (/\.(xml|rels)$/.test(name) && !Buffer.from(bytes).equals(Buffer.from(a.get(name) ?? [])))
        expect({ name, wellFormed: wellFormed(bytes) }).toEqual({ name, wellFormed: true });
    const [x, y] = [await readWorkbook(before), await readWorkbook(after)];
    for (const s of x.sheets)
      expect({ sheet: s.name, rows: y.sheets.find((t) => t.name === s.name)?.rows }).toEqual({
        sheet: s.name,
        rows: s.rows,
      });
    expect(y.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Summary", "Validation"]));
    expect(readOpenpyxl(after).marks).toEqual(BEFORE);
  });

  test.each([
    ["openpyxl's", () => prefixed()],
    [
      "LibreOffice's (shared strings, its own VML), prefixed the same way and relationships and content types too,",
      async () =>
        withPrefix(
          hasSoffice() ? libreOfficeResave(file("notes.xlsx"), "notes.xlsx") : file("notes.xlsx")
        ),
    ],
  ])(
    "%s file: an import that grows the table, then build: notes, links and sign-off lines move; LibreOffice opens it",
    async (_who, source) => {
      const before = await source();
      expect(
        new TextDecoder().decode((await parts(before)).get("xl/worksheets/sheet1.xml"))
      ).toMatch(/<x:worksheet /);
      const after = await build(await importRows(before, GROW));
      const grid = (await readWorkbook(after)).sheets.find((s) => s.name === "Measures")!.rows;
      expect(grid.slice(8, 10).map((r) => r[0])).toEqual(["6", "7"]);
      expect(grid[2][15]).toBe("Budget line");
      expect(grid[11][0]).toBe("Prepared by: ____________________");
      expect(grid[12][5]).toBe("Date:");
      expect(grid[3].slice(17, 20)).toEqual(["Fibre", 1200, "Budget"]);
      expect(readOpenpyxl(after)).toEqual({ marks: AFTER, tables: GROWN_TABLES });
      // Every other sheet's cells as they were; every part the growth did not touch byte for byte.
      const [x, y] = [await readWorkbook(before), await readWorkbook(after)];
      for (const s of x.sheets.filter((t) => t.name !== "Measures"))
        expect({ sheet: s.name, rows: y.sheets.find((t) => t.name === s.name)?.rows }).toEqual({
          sheet: s.name,
          rows: s.rows,
        });
      const [a, b] = [await parts(before), await parts(after)];
      const measuresParts =
        /^xl\/(worksheets\/(_rels\/)?sheet1\.xml|tables\/|comments|drawings\/(vml|comments))/;
      const owned = new Set(await plannerTableSheets(a));
      for (const [name, bytes] of a) {
        if (owned.has(name) || measuresParts.test(name)) continue;
        if (
          /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|\[Content_Types\]\.xml|xl\/styles\.xml)$/.test(
            name
          )
        )
          continue;
        expect({ name, same: Buffer.from(b.get(name)!).equals(Buffer.from(bytes)) }).toEqual({
          name,
          same: true,
        });
      }
      if (hasSoffice()) {
        const resaved = libreOfficeResave(after, "prefixed-grown.xlsx");
        expect(readOpenpyxl(resaved).marks).toEqual(AFTER);
        expect(await notesAndLinks(resaved)).toEqual(external(AFTER));
        const sheets = (await readWorkbook(resaved)).sheets.map((s) => s.name);
        expect(sheets).toEqual(
          expect.arrayContaining(["Measures", "Notes", "Summary", "Validation"])
        );
      }
    }
  );

  test("a prefixed sheet in UTF-16 (as .NET's XmlWriter may write it): edited, written back as UTF-8 that says so", async () => {
    const zip = await JSZip.loadAsync(prefixed());
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const utf16 = '<?xml version="1.0" encoding="utf-16"?>' + sheet.replace(/^<\?xml[^>]*\?>/, "");
    zip.file(
      "xl/worksheets/sheet1.xml",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, "utf16le")])
    );
    const before = await zip.generateAsync({ type: "uint8array" });
    expect((await readWorkbook(before)).sheets[0].rows).toEqual(
      (await readWorkbook(prefixed())).sheets[0].rows
    );
    const after = await importRows(before, GROW);
    const written = (await parts(after)).get("xl/worksheets/sheet1.xml")!;
    expect(wellFormed(written)).toBe(true);
    expect(new TextDecoder().decode(written.subarray(0, 60))).toMatch(/encoding="UTF-8"/);
    expect(readOpenpyxl(after)).toEqual({ marks: AFTER, tables: GROWN_TABLES });
  });

  test("a prefixed part that cannot be rewritten exactly: refused, exit 2, the file untouched", async () => {
    const zip = await JSZip.loadAsync(prefixed());
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    // An extension in its own default namespace: giving the sheet a default namespace would capture it.
    zip.file(
      "xl/worksheets/sheet1.xml",
      sheet.replace(
        /<\/x:worksheet>$/,
        '<x:extLst><x:ext uri="{00000000-0000-0000-0000-000000000001}"><data xmlns="urn:example:tool"/></x:ext></x:extLst></x:worksheet>'
      )
    );
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const e = await build(bytes).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WriteRefused);
    const path = join(dir, "odd-prefix.xlsx");
    writeFileSync(path, bytes);
    const copy = join(dir, "odd-prefix-copy.xlsx");
    copyFileSync(path, copy);
    const r = planner("build", path, "-o", path);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      /odd-prefix\.xlsx: .*xl\/worksheets\/sheet1\.xml is written with XML namespace prefixes .* save it/
    );
    expect(readFileSync(path).equals(readFileSync(copy))).toBe(true);
  });
});

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/**
 * Every part in the SpreadsheetML default namespace rewritten with the prefix x:, as make-notes.py
 * does; relationships and content types too, with ns0: (as Python's ElementTree writes them).
 */
async function withPrefix(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const spaces: Array<[string, string]> = [
    [MAIN, "x"],
    ["http://schemas.openxmlformats.org/package/2006/relationships", "ns0"],
    ["http://schemas.openxmlformats.org/package/2006/content-types", "ns0"],
  ];
  for (const [name, f] of Object.entries(zip.files)) {
    if (f.dir || !/\.(xml|rels)$/.test(name)) continue;
    const xml = await f.async("string");
    const space = spaces.find(([ns]) => xml.slice(0, 600).includes(`xmlns="${ns}"`));
    if (!space) continue;
    const [ns, p] = space;
    zip.file(
      name,
      xml
        .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, `<$1${p}:$2`)
        .replace(`xmlns="${ns}"`, `xmlns:${p}="${ns}"`)
    );
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The worksheet parts that hold a planner table (their dropdowns and marks are the planner's). */
async function plannerTableSheets(m: Map<string, Uint8Array>): Promise<string[]> {
  const planner = /^(Measures|Goals|Strategies|Committees|Timeframes|Responsibilities|Framework)$/;
  const out: string[] = [];
  for (const [name, bytes] of m) {
    if (!/^xl\/tables\/.*\.xml$/.test(name)) continue;
    const t = new TextDecoder().decode(bytes);
    if (!planner.test(/displayName="([^"]*)"/.exec(t)?.[1] ?? "")) continue;
    for (const [rels, r] of m)
      if (
        rels.startsWith("xl/worksheets/_rels/") &&
        new TextDecoder().decode(r).includes(name.split("/").pop()!)
      )
        out.push(rels.replace("_rels/", "").replace(/\.rels$/, ""));
  }
  return out;
}

/** Well-formed XML, by xmllint (libxml2), a reader that is not ours. */
function wellFormed(bytes: Uint8Array): boolean {
  try {
    execFileSync("xmllint", ["--noout", "-"], { input: bytes, stdio: ["pipe", "ignore", "pipe"] });
    return true;
  } catch {
    return false;
  }
}

/**
 * Each note and hyperlink of the Measures sheet by cell ("F11 note": "Date: | Check the date…"),
 * with the value the cell shows, and its tables' ranges, read by openpyxl.
 */
function readOpenpyxl(bytes: Uint8Array): {
  marks: Record<string, string>;
  tables: Record<string, string>;
} {
  const path = join(dir, `openpyxl-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path, bytes);
  const script = [
    "import json, openpyxl, sys, warnings",
    "warnings.simplefilter('ignore')",
    "ws = openpyxl.load_workbook(sys.argv[1])['Measures']",
    "out = {}",
    "for row in ws.iter_rows():",
    "    for c in row:",
    "        shown = '' if c.value is None else str(c.value)",
    "        if c.comment: out[c.coordinate + ' note'] = shown + ' | ' + c.comment.text.strip()",
    "        h = c.hyperlink",
    "        if h: out[c.coordinate + ' link'] = shown + ' | ' + (h.target or '#' + (h.location or ''))",
    "tables = {n: r for n, r in sorted(ws.tables.items())}",
    "print(json.dumps({'marks': out, 'tables': tables}, ensure_ascii=False))",
  ].join("\n");
  return JSON.parse(
    execFileSync("/usr/bin/python3", ["-c", script, path], { encoding: "utf8" })
  ) as {
    marks: Record<string, string>;
    tables: Record<string, string>;
  };
}

/** ExcelJS does not read a hyperlink to a place in the workbook (location only). */
const external = (m: Record<string, string>) =>
  Object.fromEntries(Object.entries(m).filter(([, v]) => !v.includes(" | #")));

describe("defaultNamespaceView", () => {
  const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";

  test("prefixed SpreadsheetML and relationships read in the default namespace, the prefix still declared", () => {
    const v = defaultNamespaceView(
      `<?xml version="1.0"?>\n<x:worksheet xmlns:x="${MAIN}" x:odd="1"><x:sheetData><x:row r="1"/></x:sheetData></x:worksheet>`
    );
    expect(v).toEqual({
      text: `<?xml version="1.0"?>\n<worksheet xmlns="${MAIN}" xmlns:x="${MAIN}" x:odd="1"><sheetData><row r="1"/></sheetData></worksheet>`,
      safe: true,
    });
    expect(wellFormed(new TextEncoder().encode(v!.text))).toBe(true);
    expect(
      defaultNamespaceView(
        `<ns0:Relationships xmlns:ns0="${RELS}"><ns0:Relationship Id="a"/></ns0:Relationships>`
      )?.text
    ).toBe(
      `<Relationships xmlns="${RELS}" xmlns:ns0="${RELS}"><Relationship Id="a"/></Relationships>`
    );
  });

  test("parts in the default namespace, or prefixed with another namespace, are left alone", () => {
    expect(defaultNamespaceView(`<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`)).toBeNull();
    expect(defaultNamespaceView(`<xdr:wsDr xmlns:xdr="urn:drawing"/>`)).toBeNull();
  });

  test("not exact: the prefix bound again inside, or elements the new default would capture", () => {
    expect(
      defaultNamespaceView(
        `<x:worksheet xmlns:x="${MAIN}"><x:a xmlns:x="urn:other"/></x:worksheet>`
      )?.safe
    ).toBe(false);
    expect(
      defaultNamespaceView(`<x:worksheet xmlns:x="${MAIN}"><plain/></x:worksheet>`)?.safe
    ).toBe(false);
    expect(
      defaultNamespaceView(
        `<x:worksheet xmlns:x="${MAIN}"><x:e><d xmlns="urn:o"/></x:e></x:worksheet>`
      )?.safe
    ).toBe(false);
  });
});

test("Excel's VML note shapes: Row, Column and Anchor move; shapes outside stay", () => {
  const shape = (row: number, col: number) =>
    `<v:shape id="_x0000_s${row}" type="#_x0000_t202"><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:Anchor>\n ${col + 1}, 15, ${row}, 2, ${col + 3}, 15, ${row + 4}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`;
  const vml = `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel">${shape(2, 0)}${shape(10, 5)}</xml>`;
  const region = { top: 9, left: 1, bottom: 1_048_576, right: 16 };
  const moved = shape(12, 5)
    .replace("_s12", "_s10")
    .replace("\n 6, 15, 12, 2, 8, 15, 16, 16", "6, 15, 12, 2, 8, 15, 16, 16");
  expect(moveVmlShapes(vml, region, 2, 0)).toBe(
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel">${shape(2, 0)}${moved}</xml>`
  );
});
