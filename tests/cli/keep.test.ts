import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { addCharts } from "../../src/io/xlsx-charts";
import { planner, tempDir } from "../helpers/cli";

const dir = tempDir();
const plain = join(dir, "plain.xlsx");
const withChart = join(dir, "with-chart.xlsx");
const REPORT = join(__dirname, "../fixtures/sources/openpyxl-report.xlsx");

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
        series: [{ name: "Start", nameRef: { sheet: "Measures", from: { row: 0, col: 8 }, to: { row: 0, col: 8 } }, values: ref(8), cache: [2021, 2021, 2021] }],
        anchor: { from: { row: 2, col: 16 }, to: { row: 18, col: 24 } },
      },
    },
  ]);
  writeFileSync(withChart, bytes);
});

test("a planner's own chart: planner refuses to save over the file", () => {
  const before = readFileSync(withChart);
  const r = planner("import", REPORT, "--into", withChart);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/has charts on sheet "Measures", which a file saved by planner cannot keep: write the result to another file with -o/);
  expect(readFileSync(withChart).equals(before)).toBe(true);
});

test("to another file it goes ahead and says what the copy lacks", () => {
  const r = planner("build", withChart, "-o", join(dir, "built.xlsx"));
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/note: .*built\.xlsx does not keep the charts on sheet "Measures"/);
});

test("the add-in's own Summary charts are rebuilt, so rebuilding over a built file is fine", () => {
  const built = join(dir, "again.xlsx");
  expect(planner("build", plain, "-o", built).status).toBe(0);
  const r = planner("build", built, "-o", built);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});
