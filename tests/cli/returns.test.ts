import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { planner, tempDir } from "../helpers/cli";
import { hasSoffice, sofficeConvert } from "../helpers/soffice";

const dir = tempDir("returns-");
const planned = join(dir, "despf.xlsx");
const out2 = join(dir, "ret-q2");
const MPTC = "Ministry-of-Post-and-Telecommunications";
const MEF = "Ministry-of-Economy-and-Finance";
const EDIT = join(__dirname, "../fixtures/returns/edit-return.py");

type Row = Record<string, string | number | null>;

/** A return edited with openpyxl, as a ministry's script would. */
function openpyxlEdit(from: string, to: string, ...ops: string[]): string {
  const r = spawnSync("/usr/bin/python3", [EDIT, from, to, ...ops], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openpyxl edit failed: ${r.stderr}`);
  return to;
}

function tables(file: string): Record<string, Row[]> {
  const json = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  expect(planner("export", file, "--format", "json", "-o", json).status).toBe(0);
  return (JSON.parse(readFileSync(json, "utf8")) as { tables: Record<string, Row[]> }).tables;
}

beforeAll(() => {
  expect(planner("new", "--framework", "despf", "-o", planned).status).toBe(0);
  const r = planner("returns", planned, "--by", "institution", "-o", out2, "--period", "2026-Q2");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/Relevant Ministries and Institutions: 72 measure\(s\)/);
});

test("returns out: one protected workbook per institution, generic entries listed and given none", async () => {
  const files = readdirSync(out2).sort();
  expect(files).toHaveLength(31);
  expect(files).toContain(`${MPTC}-2026-Q2.xlsx`);
  expect(files.every((f) => /^[A-Za-z0-9-]+\.xlsx$/.test(f))).toBe(true);
  expect(files.some((f) => /Relevant/i.test(f) && !/General-Departments/.test(f))).toBe(false);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(out2, `${MPTC}-2026-Q2.xlsx`));
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Instructions", "Measures", "Return"]);
  const ws = wb.getWorksheet("Measures")!;
  const protection = (ws as unknown as { sheetProtection: Record<string, unknown> | null })
    .sheetProtection;
  expect(protection).toMatchObject({ sheet: true });
  expect(protection?.hashValue).toBeUndefined(); // no password
  const headers = (ws.getRow(1).values as unknown[]).slice(1);
  const col = (h: string) => headers.indexOf(h) + 1;
  expect(ws.getCell(2, col("No.")).value).toBe("1");
  for (const h of ["Status", "Progress %", "Indicator", "Target", "Notes"])
    expect(ws.getCell(2, col(h)).protection?.locked).toBe(false);
  for (const h of ["No.", "Goal", "Measure", "Institutions"])
    expect(ws.getCell(2, col(h)).protection?.locked).not.toBe(false);
  expect(ws.getCell(2, col("Status")).dataValidation).toMatchObject({
    type: "list",
    formulae: ['"Not started,On track,At risk,Delayed,Completed"'],
  });
  expect(ws.actualRowCount).toBe(121); // header + the 120 measures naming MPTC
  const ret = wb.getWorksheet("Return")!;
  expect([2, 3, 4].map((r) => [ret.getCell(r, 1).value, ret.getCell(r, 2).value])).toEqual([
    ["Institution", "Ministry of Post and Telecommunications"],
    ["Period", "2026-Q2"],
    ["Framework", "Digital Economy and Society Policy Framework 2021–2035"],
  ]);
});

test("Khmer instructions with --lang km", async () => {
  const km = join(dir, "ret-km");
  expect(
    planner(
      "returns",
      planned,
      "--by",
      "institution",
      "-o",
      km,
      "--period",
      "2026-H1",
      "--lang",
      "km"
    ).status
  ).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(km, `${MEF}-2026-H1.xlsx`));
  expect(String(wb.getWorksheet("Instructions")!.getCell(1, 1).value)).toBe("របាយការណ៍វឌ្ឍនភាព");
});

describe("returns in", () => {
  const mptc = join(dir, "mptc-2026-Q2.xlsx");
  let mef = "";

  beforeAll(() => {
    openpyxlEdit(
      join(out2, `${MPTC}-2026-Q2.xlsx`),
      mptc,
      "set",
      "1",
      "Progress %",
      "40",
      "set",
      "1",
      "Status",
      "On track",
      "set",
      "2",
      "Progress %",
      "120"
    );
    // MEF's return: edited with openpyxl, then saved by LibreOffice (the file LibreOffice wrote is the one sent back).
    const edited = openpyxlEdit(
      join(out2, `${MEF}-2026-Q2.xlsx`),
      join(dir, "mef-2026-Q2.xlsx"),
      "set",
      "1",
      "Progress %",
      "60",
      "set",
      "1",
      "Status",
      "On track"
    );
    mef = hasSoffice() ? join(sofficeConvert(edited, "xlsx"), "mef-2026-Q2.xlsx") : edited;
  });

  test("the dry run lists the conflict and the invalid value, and writes nothing", () => {
    const before = readFileSync(planned);
    const r = planner("import", mptc, mef, "--into", planned, "--dry-run", "--format", "json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as {
      dryRun: boolean;
      report: {
        conflicts: unknown[];
        findings: Array<Record<string, unknown>>;
        updated: unknown[];
        added: unknown[];
        rejected: unknown[];
      };
    };
    expect(json.dryRun).toBe(true);
    expect(json.report.conflicts).toEqual([
      {
        no: "1",
        column: "Progress %",
        values: [
          { source: "mptc-2026-Q2.xlsx", value: 40 },
          { source: "mef-2026-Q2.xlsx", value: 60 },
        ],
        kept: 40,
        rule: "lead-institution",
      },
    ]);
    expect(json.report.findings).toEqual([
      expect.objectContaining({
        rule: "progress-invalid",
        severity: "error",
        key: "2",
        table: "Measures",
        column: "Progress %",
      }),
    ]);
    expect(json.report.added).toEqual([]);
    expect(json.report.rejected).toEqual([]);
    expect(readFileSync(planned).equals(before)).toBe(true);
  });

  test("the import keeps the latest values in Measures and one Progress row per reported measure; a later period adds rows, a re-import replaces its own", () => {
    const q2 = join(dir, "q2.xlsx");
    expect(planner("import", mptc, mef, "--into", planned, "-o", q2).status).toBe(0);
    const after2 = tables(q2);
    expect(after2.Measures.find((m) => m["No."] === "1")).toMatchObject({
      Status: "On track",
      "Progress %": 40,
    });
    expect(after2.Progress).toHaveLength(120 + 99);
    expect(new Set(after2.Progress.map((p) => p.Period))).toEqual(new Set(["2026-Q2"]));
    expect(
      after2.Progress.filter((p) => p["No."] === "1").map((p) => [p.Source, p["Progress %"]])
    ).toEqual([
      ["mptc-2026-Q2.xlsx", 40],
      ["mef-2026-Q2.xlsx", 40],
    ]);

    const out3 = join(dir, "ret-q3");
    expect(
      planner("returns", q2, "--by", "institution", "-o", out3, "--period", "2026-Q3").status
    ).toBe(0);
    const mptc3 = openpyxlEdit(
      join(out3, `${MPTC}-2026-Q3.xlsx`),
      join(dir, "mptc-2026-Q3.xlsx"),
      "set",
      "1",
      "Progress %",
      "30",
      "set",
      "1",
      "Status",
      "At risk"
    );
    const q3 = join(dir, "q3.xlsx");
    const r = planner("import", mptc3, "--into", q2, "-o", q3);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /progress-decrease: Progress, row 220, No\. 1: Progress of No\. 1 went down from 40 % \(2026-Q2\) to 30 % \(2026-Q3\)/
    );
    const after3 = tables(q3);
    expect(after3.Progress.slice(0, 219)).toEqual(after2.Progress);
    expect(
      after3.Progress.slice(219).every(
        (p) => p.Period === "2026-Q3" && p.Source === "mptc-2026-Q3.xlsx"
      )
    ).toBe(true);
    expect(after3.Progress).toHaveLength(219 + 120);

    const again = join(dir, "q3-again.xlsx");
    expect(planner("import", mptc3, "--into", q3, "-o", again).status).toBe(0);
    const after4 = tables(again);
    expect(after4.Progress).toHaveLength(219 + 120);
    expect(after4.Progress.slice(0, 219)).toEqual(after2.Progress);
  });

  test("a bad return refuses the whole run with one clear message, exit 2 and nothing written", () => {
    const dgp = join(dir, "dgp.xlsx");
    const dgpReturns = join(dir, "ret-dgp");
    expect(planner("new", "--framework", "dgp", "-o", dgp).status).toBe(0);
    expect(
      planner("returns", dgp, "--by", "institution", "-o", dgpReturns, "--period", "2026-Q2").status
    ).toBe(0);
    const foreign = join(dir, "dgp-mef.xlsx");
    copyFileSync(join(dgpReturns, `${MEF}-2026-Q2.xlsx`), foreign);
    const restructured = openpyxlEdit(
      join(out2, `${MEF}-2026-Q2.xlsx`),
      join(dir, "mef-restructured.xlsx"),
      "drop-column",
      "Status"
    );
    const unknown = openpyxlEdit(
      join(out2, `${MEF}-2026-Q2.xlsx`),
      join(dir, "mef-unknown.xlsx"),
      "institution",
      "Ministry of Magic"
    );
    const cases: Array<[string, RegExp]> = [
      [
        foreign,
        /dgp-mef\.xlsx: this return is for the framework “Digital Government Policy 2022–2035”, not for this workbook's/,
      ],
      [
        restructured,
        /mef-restructured\.xlsx: the return's Measures sheet was changed \(column “Status” missing from the header row\)/,
      ],
      [
        unknown,
        /mef-unknown\.xlsx: this return is for “Ministry of Magic”, an institution that no measure of this workbook names/,
      ],
    ];
    for (const [bad, message] of cases) {
      const out = join(dir, `never-${Math.random().toString(36).slice(2)}.xlsx`);
      const r = planner("import", mptc, bad, "--into", planned, "-o", out);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
    const period = planner("import", mptc, "--into", planned, "--period", "2026-Q3", "--dry-run");
    expect(period.status).toBe(2);
    expect(period.stderr).toMatch(/this return is for the period 2026-Q2, but --period is 2026-Q3/);
  });
});
