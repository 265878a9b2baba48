import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { join } from "node:path";
import { addCharts } from "../../src/io/xlsx-charts";
import { planner, tempDir } from "../helpers/cli";

const dir = tempDir();
const plain = join(dir, "plain.xlsx");
const withChart = join(dir, "with-chart.xlsx");
const REPORT = join(__dirname, "../fixtures/sources/openpyxl-report.xlsx");

async function part(file: string, name: string): Promise<string> {
  return (await JSZip.loadAsync(readFileSync(file))).file(name)!.async("string");
}

beforeAll(async () => {
  expect(planner("new", "-o", plain).status).toBe(0);
  // A planner's own chart on the Measures sheet: what ExcelJS cannot carry through a save.
  const ref = (col: number) => ({ sheet: "Measures", from: { row: 1, col }, to: { row: 3, col } });
  const bytes = await addCharts(new Uint8Array(readFileSync(plain)), [
    {
      sheet: "Measures",
      chart: {
        name: "Mine",
        type: "column",
        title: "My chart",
        categories: ref(0),
        categoryCache: ["1", "2", "3"],
        series: [
          {
            name: "Start",
            nameRef: { sheet: "Measures", from: { row: 0, col: 8 }, to: { row: 0, col: 8 } },
            values: ref(8),
            cache: [2021, 2021, 2021],
          },
        ],
        anchor: { from: { row: 2, col: 16 }, to: { row: 18, col: 24 } },
      },
    },
  ]);
  writeFileSync(withChart, bytes);
});

test("a planner's own chart on the Measures sheet survives an in-place import and build, byte for byte", async () => {
  const chartBefore = await part(withChart, "xl/charts/chart1.xml");
  const r = planner("import", REPORT, "--into", withChart);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const b = planner("build", withChart, "-o", withChart);
  expect(b.stderr).toBe("");
  expect(b.status).toBe(0);
  expect(await part(withChart, "xl/charts/chart1.xml")).toBe(chartBefore);
});

test("the add-in's own Summary charts are rebuilt, so rebuilding over a built file is fine", () => {
  const built = join(dir, "again.xlsx");
  expect(planner("build", plain, "-o", built).status).toBe(0);
  const r = planner("build", built, "-o", built);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});

describe("refusals: exit 2, one line naming the file and what to do, the file untouched", () => {
  const FIX = join(__dirname, "../fixtures/planner");
  const copy = (name: string) => {
    const path = join(dir, `copy-${name}`);
    copyFileSync(join(FIX, name), path);
    return path;
  };
  const oneLine = (stderr: string) => expect(stderr.trim().split("\n")).toHaveLength(1);

  test("import whose growth would move cells a formula refers to", () => {
    const into = copy("refers.xlsx");
    const before = readFileSync(into);
    const source = join(dir, "add2.csv");
    writeFileSync(
      source,
      "No.,Goal,Strategy,Measure,Lead committee,Timeframe,Start year,End year,Status\n6,I,I.A,Sixth,DGC,Medium-term,2026,2030,On track\n7,I,I.A,Seventh,DGC,Medium-term,2026,2030,On track\n"
    );
    const r = planner("import", source, "--into", into);
    expect(r.status).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(
      /copy-refers\.xlsx: the Measures table needs 2 more rows, .* the formula in Notes!B3 refers to it\. Move that content/
    );
    expect(r.stdout).toBe("");
    expect(readFileSync(into).equals(before)).toBe(true);
  });

  test("build over a workbook whose own sheet is called Summary", async () => {
    const path = join(dir, "own-summary.xlsx");
    const zip = await JSZip.loadAsync(readFileSync(join(FIX, "surrounded.xlsx")));
    const wb = await zip.file("xl/workbook.xml")!.async("string");
    zip.file("xl/workbook.xml", wb.replace('name="Notes"', 'name="Summary"'));
    writeFileSync(path, await zip.generateAsync({ type: "uint8array" }));
    const before = readFileSync(path);
    const r = planner("build", path, "-o", path);
    expect(r.status).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(
      /own-summary\.xlsx: the sheet "Summary" is the planner's own .* rename that sheet, then run this again\./
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test("export --format csv over the workbook itself", () => {
    const path = copy("surrounded.xlsx");
    const before = readFileSync(path);
    const r = planner("export", path, "--format", "csv", "-o", path);
    expect(r.status).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(
      /would replace .*copy-surrounded\.xlsx with CSV text; write it to another file with -o/
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  test("new -o over a file that exists", () => {
    const path = copy("surrounded.xlsx");
    const before = readFileSync(path);
    const r = planner("new", "-o", path);
    expect(r.status).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(
      /already exists: choose another file name with -o, or delete that file first/
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
