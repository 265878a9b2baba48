/** Issue 12 item 18: a Measures table whose headers were renamed gives one column-missing finding, not one per row. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { planner, tempDir } from "../helpers/cli";

const dir = tempDir();

/** openpyxl writes a Measures table of `rows` measures whose Goal and End year headers were renamed. */
function renamedHeadersWorkbook(rows: number): string {
  const file = join(dir, "renamed-headers.xlsx");
  const script = `
import sys
from openpyxl import Workbook
from openpyxl.worksheet.table import Table, TableStyleInfo
wb = Workbook()
ws = wb.active
ws.title = "Measures"
ws.append(["No.", "Goal code", "Strategy", "Measure", "Lead committee", "Other committees", "Institutions", "Timeframe", "Start year", "Finish", "Status", "Progress %"])
n = int(sys.argv[2])
for i in range(1, n + 1):
    ws.append([str(i), "G1", "S1", "Measure %d" % i, "DGC", "", "", "Medium-term", 2026, 2030, "On track", 10])
t = Table(displayName="Measures", ref="A1:L%d" % (n + 1))
t.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
ws.add_table(t)
wb.save(sys.argv[1])
`;
  const r = spawnSync("/usr/bin/python3", ["-c", script, file, String(rows)], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return file;
}

test("renamed headers: one column-missing finding naming every absent column, no required-missing per row", () => {
  const file = renamedHeadersWorkbook(300);
  const r = planner("validate", file, "--format", "json");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(1);
  const findings = (
    JSON.parse(r.stdout) as {
      findings: Array<{
        rule: string;
        severity: string;
        table: string;
        row: number | null;
        message: string;
        column: string | null;
      }>;
    }
  ).findings;
  // The workbook holds only Measures: besides the one column-missing, the reference tables its
  // measures point into are missing (Goals is not among them: no column holds goals now).
  expect(findings.map((f) => [f.rule, f.severity, f.table, f.row, f.column])).toEqual([
    ["column-missing", "error", "Measures", null, null],
    ["reference-missing", "error", "Measures", null, "Strategy"],
    ["reference-missing", "error", "Measures", null, "Lead committee"],
    ["reference-missing", "error", "Measures", null, "Timeframe"],
  ]);
  expect(findings[1].message).toMatch(/^The workbook has no Strategies table/);
  expect(findings[0].message).toMatch(/no Goal, End year columns/);

  const text = planner("validate", file);
  expect(text.stdout).toMatch(/4 errors/);
  expect(text.stdout).toMatch(/Goal, End year/);
  const km = planner("validate", file, "--lang", "km");
  expect(km.stdout).toMatch(/គោលដៅ \(Goal\)/);
});
