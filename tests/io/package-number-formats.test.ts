/**
 * The file host reapplies the planner tables' number formats (plan/setup.ts: Start year, End
 * year and Progress % as whole numbers) to an existing table it writes, as the Office host does
 * with Range.numberFormat: on a workbook openpyxl wrote with years formatted as dates and
 * progress as a two-decimal percentage, an import leaves every body cell of those columns "0",
 * each cell's other formatting (bold) kept, and cells outside the table as they were.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importMeasures } from "../../src/host/import";
import { FileHost } from "../../src/io/file-host";
import { TABLE_HEADERS } from "../../src/model/schema";

const PY = "/usr/bin/python3";

const WRITE = `
import openpyxl, sys
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table, TableStyleInfo
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Measures"
headers = sys.argv[2].split("|")
ws.append(headers)
ws.append(["1", "I", "I.A", "One", "DGC", None, None, "Short-term", 2021, 2025, "On track", 40, None, None, None])
ws.append(["2", "I", "I.A", "Two", "DGC", None, None, "Short-term", 2022, 2026, "Not started", 0, None, None, None])
for row in (2, 3):
    ws.cell(row, 9).number_format = "yyyy-mm-dd"
    ws.cell(row, 10).number_format = "yyyy-mm-dd"
    ws.cell(row, 12).number_format = "0.00%"
ws.cell(2, 9).font = Font(bold=True)
t = Table(displayName="Measures", ref="A1:O3")
t.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
ws.add_table(t)
ws["Q2"] = 2024
ws["Q2"].number_format = "yyyy-mm-dd"
wb.save(sys.argv[1])
`;

const READ = `
import openpyxl, sys, json
ws = openpyxl.load_workbook(sys.argv[1])["Measures"]
out = {}
for ref in ("I2", "J2", "L2", "I3", "J3", "L3", "I4", "J4", "L4", "Q2", "K2"):
    out[ref] = [ws[ref].number_format, ws[ref].value]
out["bold"] = ws["I2"].font.b
print(json.dumps(out, default=str))
`;

test("an import reapplies whole-number formats to years and Progress %, keeping the rest of each cell's style", async () => {
  const dir = mkdtempSync(join(tmpdir(), "planner-numfmt-"));
  const input = join(dir, "in.xlsx");
  execFileSync(PY, ["-c", WRITE, input, TABLE_HEADERS.Measures.join("|")]);
  const host = await FileHost.open(new Uint8Array(readFileSync(input)));
  await importMeasures(host, {
    source: {
      rows: [
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
        ["3", "I", "I.A", "Three", "DGC", "Short-term", 2023, 2027, "On track"],
      ],
      sheetName: "",
    },
    dryRun: false,
    mode: "merge",
    asOfYear: 2026,
  });
  const output = join(dir, "out.xlsx");
  writeFileSync(output, await host.exportXlsx());
  const read = JSON.parse(execFileSync(PY, ["-c", READ, output], { encoding: "utf8" })) as Record<
    string,
    unknown
  >;
  expect(read).toEqual({
    I2: ["0", 2021],
    J2: ["0", 2025],
    L2: ["0", 40],
    I3: ["0", 2022],
    J3: ["0", 2026],
    L3: ["0", 0],
    I4: ["0", 2023],
    J4: ["0", 2027],
    L4: ["0", null],
    // outside the table, and a column without a planner format: as they were
    Q2: ["yyyy-mm-dd", expect.anything()],
    K2: ["General", "On track"],
    bold: true,
  });
});
