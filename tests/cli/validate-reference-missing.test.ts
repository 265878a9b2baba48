/**
 * Issue 12 item 16: a workbook with no reference tables and nonsense codes does not validate
 * clean. openpyxl writes a lone Measures table; `planner validate` names each missing reference
 * table once, and still checks committees, timeframes and years against the built-in ones.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { planner, tempDir } from "../helpers/cli";

const dir = tempDir();

/** openpyxl writes a workbook whose only table is Measures, its codes nonsense. */
function loneMeasuresWorkbook(): string {
  const file = join(dir, "lone-measures.xlsx");
  const script = `
import sys
from openpyxl import Workbook
from openpyxl.worksheet.table import Table
wb = Workbook()
ws = wb.active
ws.title = "Plan"
ws.append(["No.", "Goal", "Strategy", "Measure", "Lead committee", "Other committees", "Institutions", "Timeframe", "Start year", "End year", "Status", "Progress %"])
ws.append(["1", "Q", "Q.9", "Do something", "ZZ", "Ministry of Nothing", "Ministry of Nothing", "whenever", 1900, 2999, "On track", 10])
ws.append(["2", "Q", "Q.9", "Do another thing", "DGC", "Committee on Digital Security", "MPTC", "Short-term", 2021, 2025, "Completed", 100])
ws.add_table(Table(displayName="Measures", ref="A1:L3"))
wb.save(sys.argv[1])
`;
  const r = spawnSync("/usr/bin/python3", ["-c", script, file], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return file;
}

interface JsonFinding {
  rule: string;
  severity: string;
  table: string;
  row: number | null;
  column: string | null;
  cell?: string;
  message: string;
}

test("a lone Measures table with nonsense codes: reference-missing per table, the invalid codes, exit 1", () => {
  const file = loneMeasuresWorkbook();
  const r = planner("validate", file, "--format", "json", "--as-of", "2026");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(1); // DESIGN.md: 1 = errors found
  const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
  expect(findings.map((f) => [f.rule, f.severity, f.row, f.column])).toEqual([
    ["reference-missing", "error", null, "Goal"],
    ["reference-missing", "error", null, "Strategy"],
    ["reference-missing", "error", null, "Lead committee"],
    ["reference-missing", "error", null, "Timeframe"],
    ["committee-unknown", "error", 1, "Lead committee"],
    ["committee-unknown", "error", 1, "Other committees"],
    ["timeframe-unknown", "error", 1, "Timeframe"],
    ["year-out-of-period", "error", 1, "Start year"],
    ["year-out-of-period", "error", 1, "End year"],
  ]);
  // Table-wide findings sit on the header cell of the column that points into the missing table.
  expect(findings.slice(0, 4).map((f) => f.cell)).toEqual([
    "Plan!B1",
    "Plan!C1",
    "Plan!E1",
    "Plan!H1",
  ]);
  expect(findings[0].message).toMatch(/^The workbook has no Goals table/);
  expect(findings[4].message).toMatch(/"ZZ" is not .* built-in committee \(DGC, DEBC, DSC\)/);
  expect(findings[7].message).toMatch(
    /Start year 1900 is outside the framework period \(2000–2100\)/
  );
  expect(findings[8].message).toMatch(/End year 2999/);

  const text = planner("validate", file, "--as-of", "2026");
  expect(text.status).toBe(1);
  expect(text.stdout).toMatch(/9 errors/);
  expect(text.stdout).toMatch(/no Committees table/);
});
