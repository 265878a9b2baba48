import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { join } from "node:path";
import { planner, tempDir } from "../helpers/cli";
import { hasSoffice, sofficeConvert } from "../helpers/soffice";

const dir = tempDir();
const OPENPYXL = join(__dirname, "../fixtures/planner/openpyxl-planner.xlsx");

type JsonFinding = {
  rule: string;
  severity: string;
  table: string;
  row: number | null;
  column: string | null;
  key: string | null;
  message: string;
};

function findings(...args: string[]): { status: number; findings: JsonFinding[] } {
  const r = planner("validate", ...args, "--format", "json");
  expect(r.stderr).toBe("");
  expect(r.stdout.trim().split("\n")).toHaveLength(1);
  return {
    status: r.status,
    findings: (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings,
  };
}

const brief = (f: JsonFinding) => [f.rule, f.table, f.row, f.column];

describe("planner validate", () => {
  test("a workbook openpyxl wrote, with planted defects: exactly those findings, exit 1", () => {
    const r = findings(OPENPYXL);
    expect(r.status).toBe(1);
    expect(r.findings.map(brief)).toEqual([
      ["measure-count", "Framework", 5, "Value"],
      ["committee-count", "Committees", 1, "Expected measures"],
      ["key-duplicate", "Measures", 3, "No."],
      ["strategy-goal-mismatch", "Measures", 4, "Strategy"],
      ["committee-unknown", "Measures", 5, "Lead committee"],
      ["overdue", "Measures", 5, "End year"],
      ["not-started-late", "Measures", 5, "Start year"],
      ["year-order", "Measures", 7, "Start year"],
      ["progress-status-mismatch", "Measures", 7, "Progress %"],
      ["committee-lead-repeated", "Measures", 8, "Other committees"],
      ["timeframe-unknown", "Measures", 8, "Timeframe"],
      ["status-unknown", "Measures", 8, "Status"],
      ["progress-invalid", "Measures", 8, "Progress %"],
    ]);
    expect(r.findings[1].message).toBe(
      "Digital Government Committee leads or co-leads 4 measures; the framework expects 3."
    );
  });

  test("without --as-of the workbook's Framework As of year counts, then the JSON gives sheet rows and cells too", () => {
    const file = join(dir, "as-of-2031.xlsx");
    expect(planner("new", "--framework", "despf", "--as-of", "2031", "-o", file).status).toBe(0);
    const own = findings(file).findings as Array<
      JsonFinding & { sheetRow?: number; cell?: string }
    >;
    const at2026 = findings(file, "--as-of", "2026").findings;
    const overdue = (list: JsonFinding[]) => list.filter((f) => f.rule === "overdue").length;
    expect(overdue(own)).toBeGreaterThan(overdue(at2026));
    expect(planner("validate", file).stdout).toMatch(/\(as of 2031\)/);
    const m = own.find((f) => f.table === "Measures")!;
    expect(m.sheetRow).toBe(m.row! + 1);
    expect(m.cell).toMatch(new RegExp(`^Measures![A-O]${m.row! + 1}$`));
  });

  test("--as-of overrides the Framework table's As of year", () => {
    const late = findings(OPENPYXL, "--as-of", "2021").findings.map((f) => f.rule);
    expect(late).not.toContain("overdue");
    expect(late).not.toContain("not-started-late");
  });

  test("the built-in DESPF workbook: the only finding is the documents' own DGC discrepancy (47 vs 60)", () => {
    const file = join(dir, "despf.xlsx");
    expect(planner("new", "--framework", "despf", "-o", file).status).toBe(0);
    const r = findings(file, "--as-of", "2021");
    expect(r.status).toBe(0);
    expect(r.findings.map(brief)).toEqual([
      ["committee-count", "Committees", 1, "Expected measures"],
    ]);
    expect(r.findings[0].message).toContain("47");
    expect(r.findings[0].message).toContain("60");
  });

  test("the built-in DGP workbook has no finding at its start", () => {
    const file = join(dir, "dgp.xlsx");
    expect(planner("new", "--framework", "dgp", "-o", file).status).toBe(0);
    expect(findings(file, "--as-of", "2022")).toEqual({ status: 0, findings: [] });
  });

  (hasSoffice() ? test : test.skip)(
    "the same findings after LibreOffice has saved the workbook",
    () => {
      const src = join(dir, "planted.xlsx");
      copyFileSync(OPENPYXL, src);
      const out = sofficeConvert(src, "xlsx");
      const saved = join(
        out,
        readdirSync(out).find((f) => f.endsWith(".xlsx"))!
      );
      expect(findings(saved).findings.map(brief)).toEqual(findings(OPENPYXL).findings.map(brief));
    }
  );

  test("text report groups by severity and rule, in Khmer too", () => {
    const en = planner("validate", OPENPYXL);
    expect(en.status).toBe(1);
    expect(en.stdout).toMatch(/^openpyxl-planner\.xlsx: 7 errors, 5 warnings, 1 info/);
    expect(en.stdout).toMatch(
      /Errors \(7\)\n {2}key-duplicate \(1\)\n {4}Measures!A4, No\. 2 "Duplicate number": /
    );
    const km = planner("validate", OPENPYXL, "--lang", "km");
    expect(km.stdout).toContain("កំហុស (7)");
    expect(km.stdout).toContain("គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល");
  });

  test("a CSV keeps rows an import would reject, for the rules to report", () => {
    const csv = join(dir, "keys.csv");
    const row = (no: string, measure: string) =>
      `${no},I,I.A,${measure},DGC,Short-term,2021,2025,Not started`;
    writeFileSync(
      csv,
      [
        "No.,Goal,Strategy,Measure,Lead committee,Timeframe,Start year,End year,Status",
        row("1", "One"),
        row("", "No number"),
        row("1", "Again"),
        row("2", ""),
      ].join("\n") + "\n"
    );
    const r = findings(csv, "--as-of", "2021");
    expect(r.status).toBe(1);
    expect(r.findings.filter((f) => f.table === "Measures").map(brief)).toEqual([
      ["key-missing", "Measures", 2, "No."],
      ["key-duplicate", "Measures", 3, "No."],
      ["required-missing", "Measures", 4, "Measure"],
    ]);
  });

  test("unusable input: exit 2 with one clear line", () => {
    const csv = planner("validate", join(__dirname, "../fixtures/sources/khmer-report.csv"));
    expect(csv.status).toBe(1); // a CSV is the Measures table: usable, and this one has errors
    const notZip = join(dir, "fake.xlsx");
    copyFileSync(join(__dirname, "../fixtures/sources/khmer-report.csv"), notZip);
    const r = planner("validate", notZip);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/fake\.xlsx: .*not an Excel workbook|fake\.xlsx: .*xlsx/i);
    const noTable = planner(
      "validate",
      join(__dirname, "../fixtures/sources/openpyxl-report.xlsx")
    );
    expect(noTable.status).toBe(2);
    expect(noTable.stderr).toMatch(/no Measures table/);
  });
});

test("export --format json writes a No. stored as a number as text, the key it is", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Measures").addTable({
    name: "Measures",
    ref: "A1",
    columns: [{ name: "No." }, { name: "Measure" }],
    rows: [
      [1, "First"],
      ["2a", "Second"],
    ],
  });
  const file = join(dir, "numeric-no.xlsx");
  await wb.xlsx.writeFile(file);
  const out = join(dir, "numeric-no.json");
  expect(planner("export", file, "--format", "json", "-o", out).status).toBe(0);
  const json = JSON.parse(readFileSync(out, "utf8")) as {
    tables: { Measures: Array<Record<string, unknown>> };
  };
  expect(json.tables.Measures.map((m) => m["No."])).toEqual(["1", "2a"]);
});
