/**
 * The package writer on files other programs wrote (openpyxl, and LibreOffice re-saves of
 * them): content around and between the tables — sign-off lines, a user's table beside, a
 * chart, a text box, a picture, a pivot table — survives build and import, byte for byte where
 * the planner owns nothing. Fixtures: tests/fixtures/planner/make-surrounded.py.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { buildSummary } from "../../src/host/operations";
import { importMeasures } from "../../src/host/import";
import { FileHost } from "../../src/io/file-host";
import { WriteRefused } from "../../src/io/package/growth";
import { readWorkbook } from "../../src/io/read/workbook";
import type { Cell } from "../../src/model/types";
import { OwnedSheetConflict, OWNED_MARKER } from "../../src/plan/owned-sheets";
import { hasSoffice, sofficeConvert } from "../helpers/soffice";

const FIX = join(__dirname, "../fixtures/planner");
const file = (name: string) => new Uint8Array(readFileSync(join(FIX, name)));

async function parts(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const [name, f] of Object.entries(zip.files))
    if (!f.dir) out.set(name.replace(/^\/+/, ""), await f.async("uint8array"));
  return out;
}

const text = (m: Map<string, Uint8Array>, name: string) => new TextDecoder().decode(m.get(name));

/** Parts that hold a planner table's sheet, the table itself, or are the workbook's shared parts. */
async function ownedParts(bytes: Uint8Array): Promise<Set<string>> {
  const m = await parts(bytes);
  const owned = new Set([
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
    "xl/styles.xml",
  ]);
  const planner = /^(Measures|Goals|Strategies|Committees|Timeframes|Responsibilities|Framework)$/;
  for (const [name, bytes] of m) {
    if (!/^xl\/tables\/.*\.xml$/.test(name)) continue;
    const t = new TextDecoder().decode(bytes);
    if (!planner.test(/displayName="([^"]*)"/.exec(t)?.[1] ?? "")) continue;
    owned.add(name);
    // The sheet whose relationships point at this table.
    for (const [rels, r] of m) {
      if (
        rels.startsWith("xl/worksheets/_rels/") &&
        new TextDecoder().decode(r).includes(name.split("/").pop()!)
      )
        owned.add(rels.replace("_rels/", "").replace(/\.rels$/, ""));
    }
  }
  return owned;
}

function rows(grid: Cell[][], from: number, to: number): Cell[][] {
  return grid.slice(from - 1, to).map((r) => r ?? []);
}

async function sheetValues(bytes: Uint8Array, sheet: string): Promise<Cell[][]> {
  const wb = await readWorkbook(bytes);
  return wb.sheets.find((s) => s.name === sheet)!.rows;
}

async function build(bytes: Uint8Array): Promise<Uint8Array> {
  const host = await FileHost.open(bytes);
  await buildSummary(host, { asOfYear: 2026 });
  return host.exportXlsx();
}

const NEW_ROWS: Cell[][] = [
  [
    "No.",
    "Goal",
    "Strategy",
    "Measure",
    "Lead committee",
    "Timeframe",
    "Start year",
    "End year",
    "Status",
  ],
  ["6", "I", "I.A", "Sixth", "DGC", "Medium-term", 2026, 2030, "On track"],
  ["7", "I", "I.A", "Seventh", "DGC", "Medium-term", 2026, 2030, "On track"],
];

async function importRows(bytes: Uint8Array, source: Cell[][]): Promise<Uint8Array> {
  const host = await FileHost.open(bytes);
  await importMeasures(host, {
    source: { rows: source, sheetName: "" },
    dryRun: false,
    mode: "merge",
    asOfYear: 2026,
  });
  return host.exportXlsx();
}

describe.each([
  ["openpyxl", () => file("surrounded.xlsx")],
  [
    "LibreOffice re-save",
    () =>
      hasSoffice()
        ? new Uint8Array(
            readFileSync(
              join(sofficeConvert(join(FIX, "surrounded.xlsx"), "xlsx"), "surrounded.xlsx")
            )
          )
        : file("surrounded.xlsx"),
  ],
])("%s: build and import keep what the planner does not own", (_who, original) => {
  let before: Uint8Array;
  beforeAll(() => {
    before = original();
  });

  test("build in place: every part outside the planner's is byte-identical", async () => {
    const after = await build(before);
    const [a, b] = [await parts(before), await parts(after)];
    const owned = await ownedParts(before);
    for (const [name, bytes] of a) {
      expect({ name, kept: b.has(name) }).toEqual({ name, kept: true });
      if (!owned.has(name))
        expect({ name, same: Buffer.from(b.get(name)!).equals(Buffer.from(bytes)) }).toEqual({
          name,
          same: true,
        });
    }
    expect(
      [...a.keys()].filter((n) => /pivot|drawing|chart|media/.test(n)).length
    ).toBeGreaterThanOrEqual(4);
    // The planner sheets' cells are the same too (the writer added marks and dropdowns only).
    expect(await sheetValues(after, "Measures")).toEqual(await sheetValues(before, "Measures"));
    const names = text(b, "xl/workbook.xml");
    const ownedSheets = [...names.matchAll(/<sheet [^>]*name="([^"]*)"/g)]
      .map((m) => m[1])
      .filter((n) => /^(Summary|Briefing|Validation)/.test(n));
    expect(ownedSheets.length).toBeGreaterThanOrEqual(3);
    expect(names.match(new RegExp(`name="${OWNED_MARKER}"`, "g"))).toHaveLength(ownedSheets.length);
  });

  test("import that grows the table: sign-off lines, merges and drawings below move down; the table beside and the chart stay", async () => {
    const after = await importRows(before, NEW_ROWS);
    const grid = await sheetValues(after, "Measures");
    const old = await sheetValues(before, "Measures");
    expect(rows(grid, 9, 10).map((r) => r[0])).toEqual(["6", "7"]);
    // Sign-off lines were rows 10 and 11: now 12 and 13.
    expect(rows(grid, 12, 13)).toEqual(rows(old, 10, 11));
    expect(grid[10]?.some((c) => c !== null) ?? false).toBe(false);
    // The Budget table beside (Q3:S6) is where it was.
    expect(rows(grid, 3, 6).map((r) => r.slice(16, 19))).toEqual(
      rows(old, 3, 6).map((r) => r.slice(16, 19))
    );
    const b = await parts(after);
    const sheet = text(b, "xl/worksheets/sheet1.xml");
    expect(sheet).toMatch(/<mergeCell ref="A12:D12"\/>/);
    const a = await parts(before);
    for (const [name, bytes] of a) {
      if (/^xl\/(pivot|media|charts)\//.test(name))
        expect({ name, same: Buffer.from(b.get(name)!).equals(Buffer.from(bytes)) }).toEqual({
          name,
          same: true,
        });
    }
    const budget = [...b.entries()].find(
      ([n, x]) =>
        n.startsWith("xl/tables/") && new TextDecoder().decode(x).includes('displayName="Budget"')
    )!;
    expect(new TextDecoder().decode(budget[1])).toMatch(/ref="Q3:S6"/);
  });
});

describe("growing over content that something refers to is refused, nothing changed", () => {
  test("a formula on another sheet refers to a sign-off line below the table", async () => {
    const host = await FileHost.open(file("refers.xlsx"));
    const e = await importMeasures(host, {
      source: { rows: NEW_ROWS, sheetName: "" },
      dryRun: false,
      mode: "merge",
      asOfYear: 2026,
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WriteRefused);
    expect((e as Error).message).toMatch(
      /the Measures table needs 2 more rows, but what lies below it \(Measures!A9:F11\) cannot be moved out of the way: the formula in Notes!B3 refers to it/
    );
  });

  test("an extra column would move the user's table that a pivot table reads", async () => {
    const source = NEW_ROWS.map((r, i) => [...r, i === 0 ? "Budget line" : "BL-1"]);
    const host = await FileHost.open(file("surrounded.xlsx"));
    const e = await importMeasures(host, {
      source: { rows: source, sheetName: "" },
      dryRun: false,
      mode: "merge",
      asOfYear: 2026,
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WriteRefused);
    expect((e as Error).message).toMatch(
      /needs 1 more column, but what lies beside it .* a pivot table's source data is in it/
    );
  });

  test("with nothing referring to it, the table beside moves right for the extra column", async () => {
    const source = NEW_ROWS.map((r, i) => [...r, i === 0 ? "Budget line" : "BL-1"]);
    const before = file("beside.xlsx");
    const after = await importRows(before, source);
    const grid = await sheetValues(after, "Measures");
    const old = await sheetValues(before, "Measures");
    expect(grid[2][15]).toBe("Budget line");
    expect(rows(grid, 3, 6).map((r) => r.slice(17, 20))).toEqual(
      rows(old, 3, 6).map((r) => r.slice(16, 19))
    );
    const b = await parts(after);
    const budget = [...b.values()]
      .map((x) => new TextDecoder().decode(x))
      .find((x) => x.includes('displayName="Budget"'))!;
    expect(budget).toMatch(/ref="R3:T6"/);
    const measures = [...b.values()]
      .map((x) => new TextDecoder().decode(x))
      .find((x) => x.includes('displayName="Measures"'))!;
    expect(measures).toMatch(/ref="A3:P10"/);
  });
});

describe("tables other programs make", () => {
  test("a Total row is kept, under the new rows, and what was below it moves down", async () => {
    const after = await importRows(file("totals.xlsx"), NEW_ROWS);
    const b = await parts(after);
    const table = [...b.values()]
      .map((x) => new TextDecoder().decode(x))
      .find((x) => x.includes('displayName="Measures"'))!;
    expect(table).toMatch(/ref="A1:O9"/);
    expect(table).toMatch(/totalsRowCount="1"/);
    const grid = await sheetValues(after, "Measures");
    expect(grid[8][0]).toBe("Total");
    expect(grid[10][0]).toBe("Signed: ____");
    const host = await FileHost.open(after);
    expect((await host.readTables()).Measures!.rows).toHaveLength(7);
  });

  test("a table over whole columns (A1:O1048576) is read and written as its used rows", async () => {
    const host = await FileHost.open(file("whole-columns.xlsx"));
    expect((await host.readTables()).Measures!.rows).toHaveLength(5);
    const after = await importRows(file("whole-columns.xlsx"), NEW_ROWS);
    const table = [...(await parts(after)).values()]
      .map((x) => new TextDecoder().decode(x))
      .find((x) => x.includes('displayName="Measures"'))!;
    expect(table).toMatch(/ref="A1:O8"/);
  });

  test("openpyxl reads every result back", async () => {
    const out = await build(await importRows(file("surrounded.xlsx"), NEW_ROWS));
    const path = join(require("node:os").tmpdir(), `planner-${process.pid}-check.xlsx`);
    require("node:fs").writeFileSync(path, out);
    const script = `import openpyxl,sys\nwb=openpyxl.load_workbook(sys.argv[1])\nws=wb['Measures']\nprint(len(ws._charts), sorted(ws.tables.keys()), 'Summary' in wb.sheetnames and 'Validation' in wb.sheetnames, ws['A12'].value)`;
    const printed = execFileSync("/usr/bin/python3", ["-c", script, path], {
      encoding: "utf8",
    }).trim();
    expect(printed).toBe("1 ['Budget', 'Measures'] True Prepared by: ____________________");
  });
});

describe("owned sheets carry the marker; a planner's sheet of the same name is never rebuilt", () => {
  async function withSheetRenamed(
    bytes: Uint8Array,
    from: string,
    to: string
  ): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync(bytes);
    const wb = await zip.file("xl/workbook.xml")!.async("string");
    zip.file("xl/workbook.xml", wb.replace(`name="${from}"`, `name="${to}"`));
    return zip.generateAsync({ type: "uint8array" });
  }

  test("a sheet named Summary that holds the Measures table: refused, nothing rebuilt", async () => {
    const bytes = await withSheetRenamed(file("surrounded.xlsx"), "Measures", "Summary");
    const host = await FileHost.open(bytes);
    const e = await buildSummary(host, { asOfYear: 2026 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OwnedSheetConflict);
    expect((e as Error).message).toMatch(
      /the sheet "Summary" is the planner's own .* rename that sheet/
    );
  });

  test("a planner's own Validation sheet (no marker, no table) is refused too", async () => {
    const bytes = await withSheetRenamed(file("surrounded.xlsx"), "Notes", "Validation");
    const e = await buildSummary(await FileHost.open(bytes), { asOfYear: 2026 }).catch(
      (x: unknown) => x
    );
    expect(e).toBeInstanceOf(OwnedSheetConflict);
  });

  test("sheets an older version built (no marker, our title in A1) are rebuilt and marked", async () => {
    const bytes = await build(file("surrounded.xlsx"));
    const built = await parts(bytes);
    const zip = await JSZip.loadAsync(bytes);
    const markers = (
      text(built, "xl/workbook.xml").match(new RegExp(`name="${OWNED_MARKER}"`, "g")) ?? []
    ).length;
    const sheets = (text(built, "xl/workbook.xml").match(/<sheet /g) ?? []).length;
    expect(markers).toBeGreaterThanOrEqual(3);
    const wb = text(built, "xl/workbook.xml").replace(
      new RegExp(`<definedName name="${OWNED_MARKER}"[^>]*>[^<]*</definedName>`, "g"),
      ""
    );
    zip.file("xl/workbook.xml", wb);
    const older = await zip.generateAsync({ type: "uint8array" });
    const again = await parts(await build(older));
    const names = text(again, "xl/workbook.xml");
    expect(names.match(new RegExp(`name="${OWNED_MARKER}"`, "g"))).toHaveLength(markers);
    expect((names.match(/<sheet /g) ?? []).length).toBe(sheets);
  });
});

describe("the FILE path never inflates before the size check", () => {
  test("a zip whose directory lies about its sizes is refused by the capped reader", async () => {
    const { buildZip, deflated, deflatedZeros, minimalWorkbookParts } =
      await import("./read/zip-helpers");
    const liar = await deflatedZeros("xl/workbook.xml", 300 * 1024 * 1024);
    const p = minimalWorkbookParts("<worksheet/>");
    delete p["xl/workbook.xml"];
    const zip = buildZip([
      ...Object.entries(p).map(([n, c]) => deflated(n, c)),
      { ...liar, uncompressedSize: 1000 },
    ]);
    const e = await FileHost.open(zip).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/expands beyond .* its directory declares/);
  });
});
