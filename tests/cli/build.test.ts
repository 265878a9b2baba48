import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { planner, tempDir } from "../helpers/cli";
import { hasSoffice, parseCsvText, sofficeConvert, sofficeSheetsAsCsv } from "../helpers/soffice";
import { cachedFormulas } from "../helpers/xlsx-xml";

const dir = tempDir();
const source = join(dir, "despf.xlsx");
const built = join(dir, "built.xlsx");
const ARTEFACTS = resolve(__dirname, "../../test-results");

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  return wb;
}

/** Every formula cell of a sheet with its cached result, by A1 address. */
function formulas(ws: ExcelJS.Worksheet): Map<string, unknown> {
  const out = new Map<string, unknown>();
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value as { formula?: string; result?: unknown } | null;
      if (v && typeof v === "object" && "formula" in v && v.formula)
        out.set(cell.address, v.result);
    })
  );
  return out;
}

beforeAll(() => {
  expect(planner("new", "--framework", "despf", "-o", source).status).toBe(0);
  const r = planner("build", source, "-o", built, "--as-of", "2026");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(
    /Wrote .*built\.xlsx: Summary, Briefing and Validation \(0 errors, 145 warnings, 0 info\)/
  );
});

test("ExcelJS reopens the built workbook: the planner tables plus live Summary formulas with cached values", async () => {
  const wb = await load(built);
  expect(wb.worksheets.map((w) => w.name)).toEqual(
    expect.arrayContaining([
      "Measures",
      "Goals",
      "Strategies",
      "Committees",
      "Timeframes",
      "Responsibilities",
      "Framework",
      "Summary",
      "Briefing DGC",
      "Briefing DEBC",
      "Briefing DSC",
      "Validation",
    ])
  );
  expect(formulas(wb.getWorksheet("Summary")!).size).toBeGreaterThan(100);
  const cached = await cachedFormulas(built, "Summary");
  expect(cached.size).toBeGreaterThan(100);
  const total = [...cached.values()].find((c) =>
    c.formula.startsWith('COUNTIFS(Measures[Lead committee],"DGC")+')
  );
  expect(total).toEqual({
    formula: expect.stringContaining('Measures[Other committees],"*DGC*"'),
    cached: "47",
  });
  expect(wb.getWorksheet("Briefing DGC")!.pageSetup).toMatchObject({
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    printTitlesRow: "6:6",
    paperSize: 9,
  });
  expect(wb.getWorksheet("Briefing DGC")!.headerFooter.oddHeader).toBe(
    "&LDigital Government Committee&RAs of 2026"
  );
  expect(wb.getWorksheet("Summary")!.pageSetup).toMatchObject({
    orientation: "landscape",
    paperSize: 9,
  });
  expect(wb.getWorksheet("Summary")!.pageSetup.printTitlesRow).toBeUndefined();
});

test("the package holds five native charts on the Summary sheet, in the status colours, with labels and axis titles", async () => {
  const zip = await JSZip.loadAsync(readFileSync(built));
  const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
  expect(charts).toHaveLength(5);
  const xml = await Promise.all(charts.map((c) => zip.file(c)!.async("string")));
  const kinds = xml.map((x) => (/<c:(barChart|pieChart|lineChart)>/.exec(x) ?? [])[1]);
  expect(kinds.sort()).toEqual(["barChart", "barChart", "barChart", "barChart", "lineChart"]);
  // Not started (every DESPF measure) in grey on the status charts; counted beside expected.
  expect(xml.filter((x) => x.includes('<a:srgbClr val="9E9E9E"/>')).length).toBe(2);
  expect(xml.some((x) => x.includes("<c:v>Expected</c:v>") && x.includes("<c:v>60</c:v>"))).toBe(
    true
  );
  expect(xml.filter((x) => x.includes('<c:showVal val="1"/>')).length).toBe(4);
  expect(
    xml.every(
      (x) => x.includes("<c:title><c:tx><c:rich><a:bodyPr") && /<c:valAx>.*<c:title>/.test(x)
    )
  ).toBe(true);
});

test("rebuilding replaces only the owned sheets", async () => {
  const again = join(dir, "again.xlsx");
  expect(planner("build", built, "-o", again, "--as-of", "2026").status).toBe(0);
  const wb = await load(again);
  const names = wb.worksheets.map((w) => w.name);
  expect(new Set(names).size).toBe(names.length);
  expect(
    names.filter((n) => n === "Summary" || n === "Validation" || n.startsWith("Briefing"))
  ).toHaveLength(5);
  const zip = await JSZip.loadAsync(readFileSync(again));
  expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(
    5
  );
});

(hasSoffice() ? test : test.skip)(
  "LibreOffice recalculates the Summary to exactly our cached values",
  async () => {
    const cached = await cachedFormulas(built, "Summary");
    const grid = parseCsvText(sofficeSheetsAsCsv(built, true).Summary);
    const mismatches: string[] = [];
    for (const [address, { formula, cached: value }] of cached) {
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const shown = grid[Number(m[2]) - 1]?.[col] ?? "";
      const got = shown.endsWith("%") ? String(Number(shown.slice(0, -1)) / 100) : shown; // CSV shows formatted values
      const same =
        value !== "" && !isNaN(Number(value))
          ? Math.abs(Number(got) - Number(value)) < 1e-6
          : got === value;
      if (!same) mismatches.push(`${address} ${formula}: cached ${value}, LibreOffice ${got}`);
    }
    expect(mismatches).toEqual([]);
    expect(cached.size).toBeGreaterThan(100);
  }
);

(hasSoffice() ? test : test.skip)(
  "LibreOffice renders the Summary charts and the Briefing; a page is kept as an artefact",
  () => {
    const copy = join(dir, "briefing.xlsx");
    copyFileSync(built, copy);
    const out = sofficeConvert(copy, "pdf");
    const pdf = join(out, "briefing.pdf");
    expect(existsSync(pdf)).toBe(true);
    const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).stdout;
    for (const title of [
      "Measures per committee",
      "Measures per goal and timeframe",
      "Measures per status",
      "Measures active per year",
      "Status by committee",
      "Digital Government Committee — measures",
    ]) {
      expect(text).toContain(title);
    }
    const pages = text.split("\f");
    const summaryPage = pages.findLastIndex((p) => p.includes("Measures per status")) + 1; // the charts follow the blocks
    mkdirSync(ARTEFACTS, { recursive: true });
    const r = spawnSync("pdftoppm", [
      "-png",
      "-r",
      "70",
      "-f",
      String(summaryPage),
      "-l",
      String(summaryPage),
      "-singlefile",
      pdf,
      join(ARTEFACTS, "summary-charts"),
    ]);
    expect(r.status).toBe(0);
    expect(readdirSync(ARTEFACTS)).toContain("summary-charts.png");
  }
);
