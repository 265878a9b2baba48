import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { planner, tempDir } from "../helpers/cli";

const dir = tempDir();
const target = join(dir, "despf.xlsx");
const REPORT = join(__dirname, "../fixtures/sources/openpyxl-report.xlsx");

type Row = Record<string, string | number | null>;

function measures(file: string): Row[] {
  const out = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  expect(planner("export", file, "--format", "json", "-o", out).status).toBe(0);
  return (JSON.parse(readFileSync(out, "utf8")) as { tables: { Measures: Row[] } }).tables.Measures;
}

beforeAll(() => {
  expect(planner("new", "--framework", "despf", "-o", target).status).toBe(0);
});

test("a dry run reports mapped columns, normalisations, additions, updates and rejections, and writes nothing", () => {
  const before = readFileSync(target);
  const r = planner("import", REPORT, "--into", target, "--dry-run");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("dry run, nothing written");
  expect(r.stdout).toContain('Lead committee ← "Comittee" (column C)');
  expect(r.stdout).toContain('row 5, Timeframe: "Short-trm" → "Short-term"');
  expect(r.stdout).toContain('row 5, Progress %: "40%" → "40"');
  expect(r.stdout).toMatch(/Added: 2 \(2, 140\)/); // row 12 repeats No. 2: kept, and said so
  expect(r.stdout).toMatch(/Updated: 4/);
  expect(r.stdout).toMatch(/Rejected: 2\n {2}Row 7: .*\n {2}Row 8: .*no No\..*\n/);
  expect(r.stdout).toContain("No. 2 appears on source rows 6, 12: every row is kept");
  expect(r.stdout).toContain("Skipped sheet “Instructions”: no header row");
  expect(readFileSync(target).equals(before)).toBe(true);
});

test("the import merges by No.: every existing row kept, updates applied, the new measure added", () => {
  const out = join(dir, "merged.xlsx");
  const r = planner("import", REPORT, "--into", target, "-o", out);
  expect(r.status).toBe(0);
  const rows = measures(out);
  expect(rows).toHaveLength(141);
  const byNo = new Map(rows.map((m) => [String(m["No."]), m]));
  expect(byNo.get("1")).toMatchObject({
    Measure: "Build the national data centre",
    "Lead committee": "DGC",
    Timeframe: "Short-term",
    Status: "On track",
    "Progress %": 40,
  });
  expect(byNo.get("140")).toMatchObject({
    Measure: "A new measure the ministry proposes",
    "Lead committee": "DSC",
    Status: "Not started",
  });
  expect(byNo.get("139")!.Measure).toBe(measures(target)[138].Measure);
  // Importing the same file again changes nothing more.
  const again = planner("import", REPORT, "--into", out, "--dry-run");
  expect(again.stdout).toMatch(/Added: 0\nUpdated: 0/);
});

test("--format json gives the whole report as one object", () => {
  const r = planner("import", REPORT, "--into", target, "--dry-run", "--format", "json");
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout) as {
    dryRun: boolean;
    report: { added: string[]; rejected: unknown[]; extraColumns: string[]; result?: unknown };
  };
  expect(json.dryRun).toBe(true);
  expect(json.report.added).toEqual(["2", "140"]);
  expect(json.report.rejected).toHaveLength(2);
  expect(json.report.extraColumns).toEqual(["Remarks from ministry"]);
  expect(json.report.result).toBeUndefined();
});

test("a CSV with other headers imports the same way", () => {
  const csv = join(dir, "ministry.csv");
  writeFileSync(
    csv,
    "\uFEFFMeasure No;Policy measure;Responsible committee;Timeframe;From;To;Current status\r\n141;Open data portal;Committee on Digital Government;Short-term;2024;2025;Completed\r\n"
  );
  const r = planner("import", csv, "--into", target, "--dry-run");
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/Added: 1 \(141\)/);
});

describe("bad input: exit 2, one clear message, the workbook unchanged", () => {
  const cases: Array<[string, (f: string) => void, RegExp]> = [
    ["an empty file", (f) => writeFileSync(f, ""), /empty/i],
    [
      "not a zip",
      (f) => writeFileSync(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4])),
      /not an Excel workbook|not a/i,
    ],
    [
      "a truncated workbook",
      (f) => writeFileSync(f, readFileSync(REPORT).subarray(0, 3000)),
      /damaged|incomplete/i,
    ],
    [
      "no recognisable header",
      (f) => writeFileSync(f, "colour,size\nred,3\n"),
      /no column for|header/i,
    ],
  ];
  test.each(cases)("%s", (_name, make, message) => {
    const source = join(
      dir,
      `bad-${_name.replace(/\W+/g, "-")}${_name.includes("header") ? ".csv" : ".xlsx"}`
    );
    make(source);
    const copy = join(dir, "target-copy.xlsx");
    copyFileSync(target, copy);
    const before = readFileSync(copy);
    const r = planner("import", source, "--into", copy);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(copy).equals(before)).toBe(true);
  });
});
