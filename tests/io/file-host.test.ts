import ExcelJS from "exceljs";
import { buildSummary, checkWorkbook, setupWorkbook } from "../../src/host/operations";
import { FileHost } from "../../src/io/file-host";
import type { XlsxBook } from "../../src/io/xlsx-book";
import { TABLE_HEADERS, TABLE_NAMES } from "../../src/model/schema";
import { x14Rules } from "../helpers/xlsx-xml";

async function reopen(host: FileHost): Promise<FileHost> {
  return FileHost.open(await host.exportXlsx());
}

async function excelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  return wb;
}

describe("file host setup", () => {
  test("creates the seven tables with the contract headers and the built-in rows", async () => {
    const host = FileHost.blank();
    await setupWorkbook(host, "dgp", 2026);
    const tables = await (await reopen(host)).readTables();
    expect(Object.keys(tables).sort()).toEqual([...TABLE_NAMES].sort());
    for (const name of TABLE_NAMES)
      expect(tables[name]!.headers.slice(0, TABLE_HEADERS[name].length)).toEqual([
        ...TABLE_HEADERS[name],
      ]);
    expect(tables.Measures!.rows).toHaveLength(83);
    expect(tables.Goals!.rows.map((r) => r[0])).toEqual(["G1", "G2", "G3", "G4"]);
  });

  test("is idempotent and never drops a planner's rows or extra columns", async () => {
    const host = FileHost.blank();
    await setupWorkbook(host, "despf", 2026);
    const tables = await host.readTables();
    const measures = tables.Measures!;
    // The planner edits: a status, an extra column, a new measure of their own.
    const headers = [...measures.headers, "Budget (USD)"];
    const rows = measures.rows.map((r, i) => [
      ...r.slice(0, 10),
      i === 0 ? "On track" : r[10],
      ...r.slice(11),
      i === 0 ? 125000 : null,
    ]);
    rows.push([
      "140",
      "I",
      "I.A",
      "A ministry's own measure",
      "DGC",
      "",
      "",
      "Short-term",
      2026,
      2027,
      "Not started",
      10,
      "",
      "",
      "",
      5000,
    ]);
    await host.writeTable({ name: "Measures", headers, rows });

    const again = await reopen(host);
    await setupWorkbook(again, "despf", 2026);
    await setupWorkbook(again, "despf", 2026);
    const after = (await (await reopen(again)).readTables()).Measures!;
    expect(after.headers).toEqual(headers);
    expect(after.rows).toHaveLength(140);
    expect(after.rows[0][10]).toBe("On track");
    expect(after.rows[0][15]).toBe(125000);
    expect(after.rows[139].slice(0, 4)).toEqual(["140", "I", "I.A", "A ministry's own measure"]);
  });

  test("adds a missing contract column to an existing table, keeping its rows", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("My measures");
    ws.addTable({
      name: "Measures",
      ref: "B3",
      columns: [{ name: "No." }, { name: "Measure" }, { name: "Owner" }],
      rows: [
        ["1", "First", "Sokha"],
        ["2", "Second", "Dara"],
      ],
    });
    const host = await FileHost.open(new Uint8Array(await wb.xlsx.writeBuffer()));
    await setupWorkbook(host, "despf", 2026);
    const m = (await (await reopen(host)).readTables()).Measures!;
    expect(m.location).toEqual({ sheet: "My measures", row: 2, col: 1 });
    expect(m.headers.slice(0, 3)).toEqual(["No.", "Measure", "Owner"]);
    expect(m.headers).toEqual(expect.arrayContaining([...TABLE_HEADERS.Measures]));
    expect(m.rows.map((r) => r.slice(0, 3))).toEqual([
      ["1", "First", "Sokha"],
      ["2", "Second", "Dara"],
    ]);
  });

  test("dropdowns guard the Measures columns that take codes", async () => {
    const host = FileHost.blank();
    await setupWorkbook(host, "despf", 2026);
    const wb = await excelJs(await host.exportXlsx());
    const ws = wb.getWorksheet("Measures")!;
    expect(ws.getCell("B2").dataValidation).toMatchObject({
      type: "list",
      formulae: ["Goals!$A$2:$A$7"],
    });
    expect(ws.getCell("E140").dataValidation).toMatchObject({
      type: "list",
      formulae: ["Committees!$A$2:$A$4"],
    });
    expect(ws.getCell("K2").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"Not started,On track,At risk,Delayed,Completed"'],
    });
    expect(ws.getCell("L2").dataValidation).toMatchObject({ type: "decimal", formulae: [0, 100] });
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });
});

describe("file host owned sheets", () => {
  test("building twice replaces Summary, Briefing and Validation, keeping the planner tables", async () => {
    const host = FileHost.blank();
    await setupWorkbook(host, "despf", 2026);
    await buildSummary(host, { asOfYear: 2026 });
    const once = await host.exportXlsx();
    const again = await FileHost.open(once);
    await buildSummary(again, { asOfYear: 2026 });
    const wb = await excelJs(await again.exportXlsx());
    const names = wb.worksheets.map((w) => w.name);
    expect(names.filter((n) => n === "Summary")).toHaveLength(1);
    expect(names).toEqual(
      expect.arrayContaining([
        "Summary",
        "Briefing DGC",
        "Briefing DEBC",
        "Briefing DSC",
        "Validation",
        "Measures",
      ])
    );
    expect((await again.readTables()).Measures!.rows).toHaveLength(139);
  });

  test("an old single Briefing sheet is replaced by the per-committee sheets; a Briefing sheet holding a table is the planner's", async () => {
    const host = FileHost.blank();
    await setupWorkbook(host, "despf", 2026);
    (host.book as XlsxBook).wb.addWorksheet("Briefing").getCell("A1").value =
      "Digital Government Committee — measures";
    await buildSummary(host, { asOfYear: 2026 });
    let names = (await excelJs(await host.exportXlsx())).worksheets.map((w) => w.name);
    expect(names).not.toContain("Briefing");
    expect(names).toContain("Briefing DGC");

    const mine = FileHost.blank();
    await setupWorkbook(mine, "despf", 2026);
    const sheet = (mine.book as XlsxBook).wb.addWorksheet("Briefing");
    sheet.addTable({
      name: "MyNotes",
      ref: "A1",
      headerRow: true,
      style: { theme: "TableStyleLight1" },
      columns: [{ name: "Note" }],
      rows: [["keep me"]],
    });
    await buildSummary(mine, { asOfYear: 2026 });
    const wb = await excelJs(await mine.exportXlsx());
    names = wb.worksheets.map((w) => w.name);
    expect(names).toContain("Briefing");
    expect(wb.getWorksheet("Briefing")!.getCell("A2").value).toBe("keep me");
  });

  test("the Validation sheet lists the findings with links and keys that the marks read", async () => {
    const host = FileHost.blank();
    await setupWorkbook(host, "despf", 2021);
    const { findings } = await checkWorkbook(host, { asOfYear: 2021 });
    expect(findings.map((f) => f.rule)).toEqual(["committee-count"]);
    const wb = await excelJs(await host.exportXlsx());
    const v = wb.getWorksheet("Validation")!;
    const rows: unknown[][] = [];
    v.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const finding = rows.find((r) => r.includes("committee-count"))!;
    expect(finding).toContain("Committees");
    expect(finding).toContain("Committees!$E$2");
    // The marks refer to the Validation sheet: written in the x14 extension, as Excel does (xlsx-marks.ts).
    const marks = await x14Rules(await host.exportXlsx(), "Committees");
    expect(marks.length).toBeGreaterThanOrEqual(3);
    for (const m of marks) expect(m.formula).toContain("Validation!$H:$H");
  });

  test("checkWorkbook and buildSummary mark in their applyPlan; markFindings is the same path; marks are replaced, not added", async () => {
    const host = FileHost.blank();
    await setupWorkbook(host, "despf", 2021);
    // the planner's own format, kept
    (host.book as XlsxBook).wb.getWorksheet("Measures")!.addConditionalFormatting({
      ref: "K2:K9",
      rules: [{ type: "expression", priority: 9, formulae: ['$K2="Delayed"'] }],
    });
    const plans: boolean[] = [];
    const applyPlan = host.applyPlan.bind(host);
    host.applyPlan = async (plan, progress) => {
      plans.push(plan.marks === true);
      return applyPlan(plan, progress);
    };
    await checkWorkbook(host, { asOfYear: 2021 });
    await buildSummary(host, { asOfYear: 2021 });
    await host.applyPlan({ sheets: [], marks: true });
    expect(plans).toEqual([true, true, true]);
    // three rules (error, warning, info) per planner table, on the table's sheet
    const tables = Object.values(await host.readTables());
    const bytes = await host.exportXlsx();
    const wb = await excelJs(bytes);
    for (const sheetName of new Set(tables.map((t) => t.location!.sheet))) {
      const ours = (await x14Rules(bytes, sheetName)).filter((r) =>
        r.formula.includes("PolicyPlannerMark")
      );
      const expected = 3 * tables.filter((t) => t.location!.sheet === sheetName).length;
      expect({ sheetName, marks: ours.length }).toEqual({ sheetName, marks: expected });
    }
    const mine = (
      wb.getWorksheet("Measures") as unknown as { conditionalFormattings: Array<{ ref: string }> }
    ).conditionalFormattings.filter((c) => c.ref === "K2:K9");
    expect(mine).toHaveLength(1);
  });
});

describe("file host restoreTable", () => {
  test("puts back the table the last writeTable replaced, rows and extra columns exactly; null before any write", async () => {
    const host = FileHost.blank();
    await setupWorkbook(host, "despf", 2026);
    expect(await host.restoreTable()).toBeNull();
    const original = (await host.readTables()).Measures!;
    const headers = [...original.headers, "Budget (USD)"];
    await host.writeTable({
      name: "Measures",
      headers,
      rows: original.rows.map((r, i) => [...r, i === 0 ? 125000 : null]),
    });
    const before = (await host.readTables()).Measures!;

    await host.writeTable({
      name: "Measures",
      headers: [...TABLE_HEADERS.Measures],
      rows: [
        [
          "1",
          "I",
          "I.A",
          "Imported",
          "DGC",
          "",
          "",
          "Short-term",
          2026,
          2027,
          "On track",
          10,
          "",
          "",
          "",
        ],
      ],
    });
    expect((await host.readTables()).Measures!.rows).toHaveLength(1);
    expect(await host.restoreTable()).toBe("Measures");
    const after = (await (await reopen(host)).readTables()).Measures!;
    expect(after.headers).toEqual(headers);
    expect(after.rows).toEqual(before.rows);
    // the restore is a write too: restoring again brings the import back
    expect(await host.restoreTable()).toBe("Measures");
    expect((await host.readTables()).Measures!.rows.map((r) => r[3])).toEqual(["Imported"]);
  });
});
