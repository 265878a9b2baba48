import {
  BACKUP_SHEET,
  CopyTooLargeError,
  CREATE_WORKBOOK_WEB_MAX_BYTES,
  MARK_TAG,
  NO_COMPRESSED_FILE,
  OfficeHost,
  WEB_REQUEST_LIMIT_BYTES,
} from "../../src/excel/office-host";
import { buildSummary, checkWorkbook, setupWorkbook } from "../../src/host/operations";
import { builtinFramework } from "../../src/model/builtin";
import { TABLE_HEADERS, TABLE_NAMES, type TableData } from "../../src/model/schema";
import type { Cell } from "../../src/model/types";
import { VALIDATION_KEY_COLUMN, VALIDATION_SEVERITY_COLUMN } from "../../src/plan/marks";
import { setupPlan } from "../../src/plan/setup";
import type { PlanSheet, WorkbookPlan } from "../../src/plan/types";
import {
  FakeContext,
  RecordingExcel,
  seedTable,
  stats,
  SheetModel,
  type WorkbookModel,
} from "./recording-context";

const AS_OF = 2026;
let fake: RecordingExcel;
let uninstall: () => void;

beforeEach(() => {
  fake = new RecordingExcel();
  uninstall = fake.install();
});
afterEach(() => uninstall());

/** Cells as readTables gives them back: "" is blank. */
const norm = (rows: Cell[][]) =>
  rows.map((r) => r.map((c) => (c === "" || c === undefined ? null : c)));

/** Everything a planner could see of the workbook, for before/after comparisons. */
function picture(m: WorkbookModel) {
  const sheet = (s: SheetModel) => ({
    name: s.name,
    visibility: s.visibility,
    rows: [...s.rows.entries()]
      .sort((a, b) => a[0] - b[0])
      // eslint-disable-next-line no-control-regex -- U+0001 joins the cells: a character no cell holds
      .map(([r, v]) => [r, v.join("\u0001").replace(/\u0001+$/, "")]),
    formulas: [...s.formulas.entries()].sort(),
    numberFormats: [...s.numberFormats.entries()].sort(),
    validations: s.validations.map((v) => JSON.stringify(v)).sort(),
    cfs: s.cfs.map((c) => JSON.stringify({ ...c, id: "" })).sort(),
    merges: [...s.merges].sort(),
    freeze: s.freeze,
  });
  return {
    sheets: m.sheets.map(sheet),
    tables: m.tables.map((t) => ({
      name: t.name,
      sheet: t.sheet.name,
      top: t.top,
      left: t.left,
      width: t.width,
      height: t.height,
      style: t.style,
    })),
  };
}

describe("setup", () => {
  test("on an empty workbook creates the seven tables with their headers and rows", async () => {
    const plan = setupPlan(builtinFramework("despf", AS_OF));
    await new OfficeHost().applyPlan(plan);
    expect(fake.model.tables.map((t) => t.name).sort()).toEqual([...TABLE_NAMES].sort());
    for (const sheet of plan.sheets) {
      const table = sheet.tables[0];
      const t = fake.model.table(table.name);
      expect(t.sheet.name).toBe(sheet.name);
      expect(t.headers).toEqual(table.headers);
      expect(norm(t.body())).toEqual(norm(table.rows));
    }
    expect(fake.model.table("Measures").height).toBe(139);
    // text stays text: the No. "1" is not turned into the number 1
    expect(fake.model.table("Measures").body()[0][0]).toBe("1");
    // events are back on
    expect(fake.model.enableEvents).toBe(true);
  });

  test("applies number formats and dropdowns resolved from the source tables' addresses", async () => {
    const m = fake.model;
    // Goals lives elsewhere, lower down, with three goals: the dropdown must point there.
    seedTable(
      m,
      "Ref data",
      "Goals",
      ["Code", "Goal", "Goal (Khmer)"],
      [
        ["I", "One", ""],
        ["II", "Two", ""],
        ["III", "Three", ""],
      ],
      4,
      2
    );
    await setupWorkbook(new OfficeHost(), "despf", AS_OF);
    const measures = m.sheet("Measures");
    const rule = (col: string) =>
      measures.validations.find((v) => v.box.c0 === TABLE_HEADERS.Measures.indexOf(col));
    expect(rule("Goal")?.rule).toEqual({
      list: { inCellDropDown: true, source: "='Ref data'!$C$6:$C$8" },
    });
    expect(rule("Goal")?.box).toEqual({ r0: 1, c0: 1, r1: 139, c1: 1 });
    expect(rule("Strategy")?.rule).toEqual({
      list: { inCellDropDown: true, source: "=Strategies!$A$2:$A$17" },
    });
    expect(rule("Status")?.rule).toEqual({
      list: { inCellDropDown: true, source: "Not started,On track,At risk,Delayed,Completed" },
    });
    expect(rule("Start year")?.rule).toEqual({
      wholeNumber: { formula1: 1900, formula2: 2200, operator: "Between" },
    });
    expect(rule("Progress %")?.rule).toEqual({
      decimal: { formula1: 0, formula2: 100, operator: "Between" },
    });
    expect(measures.numberFormats.get("1,8")).toBe("0");
    expect(measures.numberFormats.get("139,9")).toBe("0");
    expect(measures.freeze).toEqual({ rows: 1, cols: 1 });
    // the existing Goals table kept its own three rows
    expect(m.table("Goals").height).toBe(3);
  });

  test("re-running setup changes nothing", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    const before = picture(fake.model);
    const from = fake.syncs.length;
    await setupWorkbook(host, "despf", AS_OF);
    expect(picture(fake.model)).toEqual(before);
    expect(stats(fake.since(from)).syncs).toBe(2);
  });

  test("re-running setup keeps a planner's extra column and rows", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    // The planner adds a column and a row of their own.
    const t = fake.model.table("Measures");
    t.sheet.set(0, 15, "My notes");
    t.sheet.set(5, 15, "call the ministry");
    t.width = 16;
    t.sheet.set(140, 0, "140");
    t.sheet.set(140, 3, "A measure of our own");
    t.height = 140;
    const values = fake.model.tableValues("Measures");
    await setupWorkbook(host, "despf", AS_OF);
    expect(fake.model.tableValues("Measures")).toEqual(values);
    expect(fake.model.table("Measures").headers[15]).toBe("My notes");
    // the planner's row gets the dropdowns too
    expect(t.sheet.validations.find((v) => v.box.c0 === 1)?.box).toEqual({
      r0: 1,
      c0: 1,
      r1: 140,
      c1: 1,
    });
  });

  test("appends missing contract columns and fills only tables without data", async () => {
    const m = fake.model;
    seedTable(
      m,
      "Measures",
      "Measures",
      ["No.", "Goal", "Measure", "Extra"],
      [["7", "I", "Keep me", "x"]]
    );
    seedTable(m, "Goals", "Goals", ["Code", "Goal", "Goal (Khmer)"], [["", "", ""]]); // a new table's one blank row
    await setupWorkbook(new OfficeHost(), "despf", AS_OF);
    const measures = m.table("Measures");
    expect(measures.headers).toEqual([
      "No.",
      "Goal",
      "Measure",
      "Extra",
      ...TABLE_HEADERS.Measures.filter((h) => !["No.", "Goal", "Measure"].includes(h)),
    ]);
    expect(measures.height).toBe(1);
    expect(measures.body()[0].slice(0, 4)).toEqual(["7", "I", "Keep me", "x"]);
    expect(m.table("Goals").height).toBe(6);
    expect(m.table("Goals").body()[0][0]).toBe("I");
  });

  test("creates a missing table on a new sheet when a user's sheet has its name", async () => {
    const m = fake.model;
    m.sheets.push(
      Object.assign(new (m.sheets[0].constructor as new (n: string) => SheetModel)("Goals"), {})
    );
    m.sheet("Goals").set(0, 0, "my own notes");
    await setupWorkbook(new OfficeHost(), "despf", AS_OF);
    expect(m.table("Goals").sheet.name).toBe("Goals (2)");
    expect(m.sheet("Goals").get(0, 0)).toBe("my own notes");
    const measures = m.sheet("Measures");
    expect(measures.validations.find((v) => v.box.c0 === 1)?.rule).toEqual({
      list: { inCellDropDown: true, source: "='Goals (2)'!$A$2:$A$7" },
    });
  });

  test("stops before writing when a planner sheet is protected", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    fake.model.sheet("Measures").protected = true;
    const before = picture(fake.model);
    const from = fake.syncs.length;
    await expect(setupWorkbook(host, "despf", AS_OF)).rejects.toThrow(
      "A sheet is protected: unprotect Measures (Review ▸ Unprotect Sheet) and try again."
    );
    expect(fake.since(from)).toHaveLength(1); // the read only
    expect(picture(fake.model)).toEqual(before);
  });
});

describe("readTables", () => {
  test("returns what setup wrote, with locations", async () => {
    const host = new OfficeHost();
    const plan = setupPlan(builtinFramework("dgp", AS_OF));
    await host.applyPlan(plan);
    const from = fake.syncs.length;
    const tables = await host.readTables();
    expect(fake.since(from)).toHaveLength(1);
    for (const sheet of plan.sheets) {
      const t = tables[sheet.tables[0].name as keyof typeof tables] as TableData;
      expect(t.headers).toEqual(sheet.tables[0].headers);
      expect(norm(t.rows)).toEqual(norm(sheet.tables[0].rows));
      expect(t.location).toEqual({ sheet: sheet.name, row: 0, col: 0 });
    }
  });

  test("reads big tables in blocks under the payload budget, in order", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [
      String(i + 1),
      "I",
      "I.A",
      `Measure ${i + 1} ${"ការកសាង".repeat(i % 7)}`,
    ]);
    seedTable(fake.model, "Measures", "Measures", ["No.", "Goal", "Strategy", "Measure"], rows);
    const budget = 64 * 1024;
    const from = fake.syncs.length;
    const tables = await new OfficeHost({ payloadBudget: budget }).readTables();
    expect(tables.Measures?.rows).toEqual(rows);
    const s = stats(fake.since(from));
    expect(s.syncs).toBeGreaterThan(5);
    // the first read carries the structure and a window of WINDOW_ROWS rows; the rest stay near the budget
    for (const r of fake.since(from).slice(3)) expect(r.responseBytes).toBeLessThan(2 * budget);
  });

  test("a one-row blank table reads as empty", async () => {
    seedTable(fake.model, "Goals", "Goals", ["Code", "Goal", "Goal (Khmer)"], []);
    const tables = await new OfficeHost().readTables();
    expect(tables.Goals?.rows).toEqual([]);
    expect(tables.Measures).toBeUndefined();
  });
});

function ownedPlan(title: string, withPrint = true): PlanSheet {
  return {
    name: "Summary",
    owned: true,
    cells: [
      { row: 0, col: 0, value: title, style: "title" },
      { row: 2, col: 0, value: "Measures", style: "header" },
      { row: 2, col: 1, value: "Count", style: "header" },
      { row: 3, col: 0, value: "Total" },
      { row: 3, col: 1, value: 139, formula: 'COUNTIFS(Measures[No.],"<>")', numberFormat: "0" },
      { row: 4, col: 0, value: "Not started" },
      {
        row: 4,
        col: 1,
        value: 139,
        formula: 'COUNTIFS(Measures[Status],"Not started")',
        numberFormat: "0",
      },
      { row: 5, col: 0, value: "001" },
      { row: 6, col: 0, value: "Go to measure 1", link: "'Measures'!A2", style: "link" },
      { row: 7, col: 0, value: "សេចក្តីសង្ខេប", style: "note" },
    ],
    tables: [
      {
        name: "SummaryCommittees",
        topLeft: { row: 10, col: 0 },
        headers: ["Committee", "Measures"],
        rows: [
          ["DGC", 60],
          ["DEBC", 40],
        ],
        style: "TableStyleLight9",
      },
    ],
    charts: [
      {
        name: "ByStatus",
        type: "column",
        title: "Measures by status",
        categories: { sheet: "Summary", from: { row: 4, col: 0 }, to: { row: 4, col: 0 } },
        categoryCache: ["Not started"],
        series: [
          {
            name: "Count",
            nameRef: { sheet: "Summary", from: { row: 2, col: 1 }, to: { row: 2, col: 1 } },
            values: { sheet: "Summary", from: { row: 4, col: 1 }, to: { row: 4, col: 1 } },
            cache: [139],
          },
        ],
        anchor: { from: { row: 2, col: 4 }, to: { row: 16, col: 10 } },
      },
    ],
    columnWidths: [30, 12],
    freeze: { rows: 3, cols: 0 },
    merges: [{ from: { row: 0, col: 0 }, to: { row: 0, col: 3 } }],
    print: withPrint
      ? {
          area: { from: { row: 0, col: 0 }, to: { row: 12, col: 3 } },
          landscape: true,
          fitToWidth: true,
          repeatRows: { from: 2, to: 2 },
        }
      : undefined,
    tabColor: "FF1F4E79",
  };
}

describe("owned sheets", () => {
  test("are built whole: formulas as formulas, links, merges, tables, charts, freeze, print", async () => {
    await setupWorkbook(new OfficeHost(), "despf", AS_OF);
    const plan: WorkbookPlan = { sheets: [ownedPlan("Summary one")] };
    const from = fake.syncs.length;
    await new OfficeHost().applyPlan(plan);
    expect(fake.since(from)).toHaveLength(2);
    const s = fake.model.sheet("Summary");
    expect(s.get(0, 0)).toBe("Summary one");
    expect(s.formulas.get("3,1")).toBe('=COUNTIFS(Measures[No.],"<>")');
    expect(s.formulas.get("6,0")).toBe(`=HYPERLINK("#'Measures'!A2","Go to measure 1")`);
    expect(s.get(5, 0)).toBe("001"); // text kept as text
    expect(s.numberFormats.get("3,1")).toBe("0");
    expect(s.merges).toEqual(["A1:D1"]);
    expect(fake.model.table("SummaryCommittees").body()).toEqual([
      ["DGC", 60],
      ["DEBC", 40],
    ]);
    expect(s.charts).toEqual([
      {
        type: "ColumnClustered",
        source: "Summary!B5",
        seriesBy: "Columns",
        name: "ByStatus",
        title: "Measures by status",
        position: ["E3", "K17"],
        series: [{ name: "Count", values: "Summary!B5", categories: "Summary!A5" }],
      },
    ]);
    expect(s.freeze).toEqual({ rows: 3, cols: 0 });
    expect(s.pageLayout).toEqual({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1 },
      printArea: "A1:D13",
      titleRows: "$3:$3",
    });
    expect(s.tabColor).toBe("#1F4E79");
    expect(
      s.formats.some(
        (f) => f.address === "A8" && f.prop === "format.font.name" && f.value === "Khmer UI"
      )
    ).toBe(true);
    expect(
      s.formats
        .filter((f) => f.prop === "format.fill.color" && f.value === "#1F4E79")
        .map((f) => f.address)
    ).toEqual(["A3:B3"]);
  });

  test("are deleted and rebuilt in the same tab position", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    await host.applyPlan({ sheets: [ownedPlan("First")] });
    // the planner moves Summary to the front and types into it
    const m = fake.model;
    const s = m.sheet("Summary");
    m.sheets.splice(m.sheets.indexOf(s), 1);
    m.sheets.unshift(s);
    s.set(50, 5, "typed by hand");
    const second = ownedPlan("Second");
    second.cells = second.cells.filter((c) => c.row !== 5);
    await host.applyPlan({ sheets: [second] });
    const rebuilt = m.sheet("Summary");
    expect(m.sheets[0]).toBe(rebuilt);
    expect(rebuilt).not.toBe(s);
    expect(rebuilt.get(0, 0)).toBe("Second");
    expect(rebuilt.get(50, 5)).toBe("");
    expect(rebuilt.get(5, 0)).toBe("");
    expect(m.tables.filter((t) => t.name === "SummaryCommittees")).toHaveLength(1);
    expect(rebuilt.charts).toHaveLength(1);
  });

  test("skip print settings without error where ExcelApi 1.9 is missing", async () => {
    fake.apiVersion = "1.8";
    await new OfficeHost().applyPlan({ sheets: [ownedPlan("Old Excel")] });
    const s = fake.model.sheet("Summary");
    expect(s.pageLayout).toEqual({});
    expect(s.formulas.get("3,1")).toBe('=COUNTIFS(Measures[No.],"<>")');
  });
});

describe("marks", () => {
  const tagged = (s: SheetModel) => s.cfs.filter((c) => c.formula.includes(MARK_TAG));

  test("are cleared and re-added; the planner's own formats are kept", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    const measures = fake.model.sheet("Measures");
    measures.cfs.push({
      id: "mine",
      type: "Custom",
      box: { r0: 1, c0: 10, r1: 139, c1: 10 },
      formula: '=$K2="Delayed"',
      fill: "#FF0000",
    });
    measures.cfs.push({
      id: "bars",
      type: "DataBar",
      box: { r0: 1, c0: 11, r1: 139, c1: 11 },
      formula: "",
    });
    await checkWorkbook(host, { asOfYear: AS_OF });
    await checkWorkbook(host, { asOfYear: AS_OF });
    const ours = tagged(measures);
    expect(ours).toHaveLength(3);
    expect(ours.map((c) => c.fill)).toEqual(["#FFC7CE", "#FFEB9C", "#DDEBF7"]); // error first: highest priority
    for (const cf of ours) {
      expect(cf.box).toEqual({ r0: 1, c0: 0, r1: 139, c1: 14 });
      const k = VALIDATION_KEY_COLUMN;
      const sev = VALIDATION_SEVERITY_COLUMN;
      expect(cf.formula).toMatch(
        new RegExp(
          `^=AND\\(COUNTIFS\\(Validation!\\$${k}:\\$${k},"Measures!"&ADDRESS\\(ROW\\(\\),COLUMN\\(\\)\\),Validation!\\$${sev}:\\$${sev},"(error|warning|info)"\\)>0,N\\("PolicyPlannerMark"\\)=0\\)$`
        )
      );
    }
    expect(measures.cfs.map((c) => c.id)).toEqual(expect.arrayContaining(["mine", "bars"]));
    for (const name of TABLE_NAMES) expect(tagged(fake.model.table(name).sheet)).toHaveLength(3);
    const from = fake.syncs.length;
    await host.applyPlan({ sheets: [], marks: true });
    expect(fake.since(from)).toHaveLength(2);
    expect(tagged(measures)).toHaveLength(3);
  });

  test("checkWorkbook and buildSummary mark in their applyPlan: one read, one write sync", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    const measures = fake.model.sheet("Measures");
    measures.cfs.push({
      id: "mine",
      type: "Custom",
      box: { r0: 1, c0: 10, r1: 139, c1: 10 },
      formula: '=$K2="Delayed"',
      fill: "#FF0000",
    });
    let from = fake.syncs.length;
    await checkWorkbook(host, { asOfYear: AS_OF }); // no Validation sheet yet: the plan makes it
    expect(fake.since(from)).toHaveLength(3);
    for (const name of TABLE_NAMES) expect(tagged(fake.model.table(name).sheet)).toHaveLength(3);
    // the actions queued in each sync
    const batches: string[][] = [];
    let queued: string[] = [];
    const realEnqueue = FakeContext.prototype.enqueue;
    const realSync = FakeContext.prototype.sync;
    const onEnqueue = jest.spyOn(FakeContext.prototype, "enqueue").mockImplementation(function (
      this: FakeContext,
      label,
      args,
      run,
      writes
    ) {
      queued.push(label);
      realEnqueue.call(this, label, args, run, writes);
    });
    const onSync = jest.spyOn(FakeContext.prototype, "sync").mockImplementation(function (
      this: FakeContext
    ) {
      batches.push(queued);
      queued = [];
      return realSync.call(this);
    });
    from = fake.syncs.length;
    try {
      await buildSummary(host, { asOfYear: AS_OF });
    } finally {
      onEnqueue.mockRestore();
      onSync.mockRestore();
    }
    expect(fake.since(from)).toHaveLength(3);
    expect(batches).toHaveLength(3);
    // the old marks deleted first, the sheets rebuilt, then the new marks added: all in the write sync
    const ops = batches[2];
    expect(ops).toEqual(
      expect.arrayContaining([
        "ConditionalFormat.delete",
        "ConditionalFormatCollection.add",
        "WorksheetCollection.add",
      ])
    );
    expect(ops.indexOf("ConditionalFormat.delete")).toBeLessThan(
      ops.indexOf("WorksheetCollection.add")
    );
    expect(ops.lastIndexOf("WorksheetCollection.add")).toBeLessThan(
      ops.indexOf("ConditionalFormatCollection.add")
    );
    for (const b of batches.slice(0, 2))
      expect(b.filter((l) => l.startsWith("ConditionalFormat"))).toEqual([]);
    for (const name of TABLE_NAMES) expect(tagged(fake.model.table(name).sheet)).toHaveLength(3);
    expect(measures.cfs.map((c) => c.id)).toContain("mine");
  });

  test("a protected planner sheet stops the marking before anything is written", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    await checkWorkbook(host, { asOfYear: AS_OF });
    fake.model.sheet("Goals").protected = true;
    const before = picture(fake.model);
    await expect(checkWorkbook(host, { asOfYear: AS_OF })).rejects.toThrow(
      "A sheet is protected: unprotect Goals"
    );
    expect(picture(fake.model)).toEqual(before);
  });

  test("without a Validation sheet only remove the old marks", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    await checkWorkbook(host, { asOfYear: AS_OF });
    const m = fake.model;
    m.sheets.splice(m.sheets.indexOf(m.sheet("Validation")), 1);
    await host.applyPlan({ sheets: [], marks: true });
    expect(tagged(m.sheet("Measures"))).toHaveLength(0);
  });
});

describe("select", () => {
  beforeEach(async () => {
    await setupWorkbook(new OfficeHost(), "despf", AS_OF);
    fake.model.active = "Goals";
  });

  test("activates the sheet and selects the cell of (table, data row, column) in one sync", async () => {
    const from = fake.syncs.length;
    await new OfficeHost().select({ table: "Measures", row: 5, column: "Lead committee" });
    expect(fake.since(from)).toHaveLength(1);
    expect(fake.model.active).toBe("Measures");
    expect(fake.model.selection).toBe("Measures!E6");
  });

  test("header cells, whole rows, and columns spelt with other case and spacing", async () => {
    const host = new OfficeHost();
    await host.select({ table: "Strategies", row: null, column: "Goal" });
    expect(fake.model.selection).toBe("Strategies!B1");
    await host.select({ table: "Measures", row: 3, column: null });
    expect(fake.model.selection).toBe("Measures!A4:O4");
    await host.select({ table: "Measures", row: 3, column: "lead  COMMITTEE" });
    expect(fake.model.selection).toBe("Measures!E4");
    await expect(host.select({ table: "Measures", row: 3, column: "Budget" })).rejects.toThrow(
      'The Measures table has no column "Budget".'
    );
  });
});

describe("writeTable", () => {
  const goals = (n: number): TableData => ({
    name: "Goals",
    headers: ["Code", "Goal", "Goal (Khmer)"],
    rows: Array.from({ length: n }, (_, i) => [`G${i + 1}`, `Goal ${i + 1}`, "គោលដៅ"]),
  });

  for (const api of ["1.18", "1.8"]) {
    test(`keeps a backup, grows and shrinks the table without overwriting below (ExcelApi ${api})`, async () => {
      fake.apiVersion = api;
      const host = new OfficeHost();
      await setupWorkbook(host, "despf", AS_OF);
      const m = fake.model;
      const before = m.tableValues("Goals");
      m.sheet("Goals").set(20, 0, "note below the table");
      await host.writeTable(goals(12));
      expect(m.tableValues("Goals")).toEqual([["Code", "Goal", "Goal (Khmer)"], ...goals(12).rows]);
      expect(m.sheet("Goals").get(26, 0)).toBe("note below the table");
      const backup = m.sheet(BACKUP_SHEET);
      expect(backup.visibility).toBe("Hidden");
      expect(backup.get(0, 0)).toBe("Policy Planner backup");
      expect(backup.get(0, 1)).toBe("Goals");
      expect([0, 1, 2, 3, 4, 5, 6].map((r) => [0, 1, 2].map((c) => backup.get(2 + r, c)))).toEqual(
        before
      );
      // the dropdowns that list goal codes follow the table
      const goalRule = m.sheet("Measures").validations.find((v) => v.box.c0 === 1);
      expect(goalRule?.rule).toEqual({
        list: { inCellDropDown: true, source: "=Goals!$A$2:$A$13" },
      });

      await host.writeTable(goals(2));
      expect(m.tableValues("Goals")).toEqual([["Code", "Goal", "Goal (Khmer)"], ...goals(2).rows]);
      expect(m.sheet("Goals").get(16, 0)).toBe("note below the table");
      expect(m.sheet("Goals").get(3, 0)).toBe("");

      const restored = await host.restoreTable();
      expect(restored).toBe("Goals");
      expect(m.tableValues("Goals")).toEqual([["Code", "Goal", "Goal (Khmer)"], ...goals(12).rows]);
    });
  }

  test("refuses when the planner has a sheet of their own named PlannerBackup, and writes nothing", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    const m = fake.model;
    const theirs = new SheetModel(BACKUP_SHEET);
    m.sheets.push(theirs);
    theirs.set(0, 0, "Backup of last year's numbers");
    theirs.set(4, 2, 1234);
    const goalsBefore = m.tableValues("Goals");
    await expect(host.writeTable(goals(12))).rejects.toThrow(
      /its own sheet named "PlannerBackup".*Rename that sheet/
    );
    expect(m.tableValues("Goals")).toEqual(goalsBefore);
    expect([theirs.get(0, 0), theirs.get(4, 2)]).toEqual(["Backup of last year's numbers", 1234]);
  });

  test("adds and removes columns to match the headers given", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    await host.writeTable({
      name: "Timeframes",
      headers: ["Timeframe", "From year", "To year", "Source"],
      rows: [["Short-term", 2021, 2025, "DESPF"]],
    });
    expect(fake.model.tableValues("Timeframes")).toEqual([
      ["Timeframe", "From year", "To year", "Source"],
      ["Short-term", 2021, 2025, "DESPF"],
    ]);
    await host.writeTable({
      name: "Timeframes",
      headers: ["Timeframe", "From year", "To year"],
      rows: [["Long-term", 2031, 2035]],
    });
    expect(fake.model.tableValues("Timeframes")).toEqual([
      ["Timeframe", "From year", "To year"],
      ["Long-term", 2031, 2035],
    ]);
  });

  test("syncs twice (read, write) where Range.copyFrom and Table.resize exist", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    const from = fake.syncs.length;
    await host.writeTable(goals(40));
    expect(fake.since(from)).toHaveLength(2);
  });

  test("restoreTable puts back the Measures table an import replaced, extra column and all; null without a backup", async () => {
    const host = new OfficeHost();
    expect(await host.restoreTable()).toBeNull();
    await setupWorkbook(host, "despf", AS_OF);
    const m = fake.model;
    const t = m.table("Measures");
    t.sheet.set(0, 15, "Budget (USD)");
    t.sheet.set(1, 15, 125000);
    t.width = 16;
    const before = m.tableValues("Measures");
    const imported: TableData = {
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
    };
    await host.writeTable(imported);
    expect(m.tableValues("Measures")).toHaveLength(2);
    expect(await host.restoreTable()).toBe("Measures");
    expect(m.tableValues("Measures")).toEqual(before);
    // the restore is itself a write: the import is now the backup
    expect(m.sheet(BACKUP_SHEET).get(3, 3)).toBe("Imported");
  });

  test("refuses a table the workbook does not have", async () => {
    await expect(new OfficeHost().writeTable(goals(1))).rejects.toThrow(
      'The workbook has no Goals table: run "Set up workbook" first.'
    );
  });
});

describe("exportXlsx", () => {
  test("reads every 4 MB slice and closes the file", async () => {
    const bytes = await new OfficeHost().exportXlsx();
    expect(bytes.length).toBe(fake.fileBytes.length);
    expect(Buffer.from(bytes).equals(Buffer.from(fake.fileBytes))).toBe(true);
    expect(fake.fileClosed).toBe(1);
  });

  test("closes the file when a slice fails", async () => {
    const office = (
      globalThis as unknown as { Office: { context: { document: { getFileAsync: unknown } } } }
    ).Office;
    office.context.document.getFileAsync = (_t: string, _o: unknown, cb: (r: unknown) => void) =>
      cb({
        status: "succeeded",
        value: {
          sliceCount: 2,
          getSliceAsync: (_i: number, done: (r: unknown) => void) =>
            done({ status: "failed", error: { code: 5001, message: "Internal error" } }),
          closeAsync: () => fake.fileClosed++,
        },
      });
    await expect(new OfficeHost().exportXlsx()).rejects.toThrow(
      "Could not export the workbook: Internal error"
    );
    expect(fake.fileClosed).toBe(1);
  });

  test("says to use the Export tab where CompressedFile is missing", async () => {
    fake.compressedFile = false;
    await expect(new OfficeHost().exportXlsx()).rejects.toThrow(NO_COMPRESSED_FILE);
    expect(NO_COMPRESSED_FILE).toMatch(/Export tab/);
  });
});

describe("openAsNewWorkbook", () => {
  test("hands the bytes to Excel.createWorkbook once, as base64; openCopy is the same path", async () => {
    const created: string[] = [];
    (
      globalThis as unknown as { Excel: { createWorkbook?: (b64: string) => Promise<void> } }
    ).Excel.createWorkbook = async (b64) => {
      created.push(b64);
    };
    const bytes = fake.fileBytes.subarray(0, 100_003);
    await new OfficeHost().openAsNewWorkbook(bytes);
    expect(created).toEqual([Buffer.from(bytes).toString("base64")]);
    await new OfficeHost().openCopy(Uint8Array.of(0x50, 0x4b, 0x03, 0x04));
    expect(created).toEqual([Buffer.from(bytes).toString("base64"), "UEsDBA=="]);
  });

  test("on the web, a copy whose base64 request would pass 5 MB is refused before createWorkbook, with the real limit", async () => {
    const created: number[] = [];
    (
      globalThis as unknown as { Excel: { createWorkbook?: (b64: string) => Promise<void> } }
    ).Excel.createWorkbook = async (b64) => {
      created.push(b64.length);
    };
    const office = (
      globalThis as unknown as {
        Office: { context: { diagnostics?: unknown }; PlatformType?: unknown };
      }
    ).Office;
    office.PlatformType = { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS" };
    office.context.diagnostics = { platform: "OfficeOnline" };
    // The largest file that fits: its request (base64, 4 chars per 3 bytes) stays under 5 MB.
    const fits = fake.fileBytes.subarray(0, CREATE_WORKBOOK_WEB_MAX_BYTES);
    await new OfficeHost().openAsNewWorkbook(fits);
    expect(created[0]).toBeLessThan(WEB_REQUEST_LIMIT_BYTES);
    expect(CREATE_WORKBOOK_WEB_MAX_BYTES).toBeGreaterThan(3_600_000); // ~3.7 MB
    const big = fake.fileBytes.subarray(0, 4_200_000);
    const err = await new OfficeHost().openAsNewWorkbook(big).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CopyTooLargeError);
    expect((err as CopyTooLargeError).code).toBe("CopyTooLarge");
    expect((err as Error).message).toBe(
      "The copy is 4.2 MB: more than Excel on the web can open as a new workbook. Its requests are limited to 5 MB and the file travels as text a third larger, so about 3.7 MB is the most it takes. Download the file instead."
    );
    expect((err as Error).message).not.toMatch(/smaller files/);
    expect(created).toHaveLength(1);
    // Excel desktop has no such request limit: the same file opens there.
    office.context.diagnostics = { platform: "PC" };
    await new OfficeHost().openAsNewWorkbook(big);
    expect(created).toEqual([created[0], Math.ceil(big.length / 3) * 4]);
  });
});

describe("buildSummary", () => {
  test("rebuilds Summary, a Briefing per committee and Validation with their charts; an old Briefing sheet goes", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", AS_OF);
    // What earlier versions built: no marker, their title in A1.
    const old = new SheetModel("Briefing");
    old.set(0, 0, "Digital Government Committee — measures");
    fake.model.sheets.push(old);
    await buildSummary(host, { asOfYear: AS_OF });
    await buildSummary(host, { asOfYear: AS_OF });
    const names = fake.model.sheets.map((s) => s.name);
    for (const n of ["Summary", "Briefing DGC", "Briefing DEBC", "Briefing DSC", "Validation"])
      expect(names.filter((x) => x === n)).toHaveLength(1);
    expect(names).not.toContain("Briefing");
    const charts = fake.model.sheets.flatMap((s) => s.charts);
    expect(charts.length).toBeGreaterThan(0);
    // charts.add makes one series per column (per row with "Rows"): each chart must end with only
    // the plan's series, every one set from its ranges (a row of years is added by rows).
    for (const c of charts) {
      for (const series of c.series) expect(series.values && series.categories).toBeTruthy();
      const [from, to] = c.source.split("!")[1].split(":");
      const oneRow =
        to !== undefined && from.replace(/[A-Z]+/, "") === to.replace(/[A-Z]+/, "") && from !== to;
      expect(c.seriesBy).toBe(oneRow ? "Rows" : "Columns");
    }
    // Briefing: wrapped measure text and its row heights, as the file host writes them.
    const briefing = fake.model.sheet("Briefing DGC").formats;
    expect(briefing.some((f) => f.prop === "format.wrapText" && f.value === true)).toBe(true);
    expect(
      briefing.some(
        (f) =>
          f.prop === "format.rowHeight" &&
          typeof f.value === "number" &&
          /^A(\d+):XFD\1$/.test(f.address)
      )
    ).toBe(true);
    expect(briefing.some((f) => f.prop === "format.verticalAlignment" && f.value === "Top")).toBe(
      true
    );
    const line = charts.find((c) => c.type === "Line");
    expect(line?.seriesBy).toBe("Columns");
    expect(line?.series.length).toBe(new Set(line?.series.map((x) => x.name)).size);
    // The palette on every status series, data labels, axis titles.
    const byCommittee = charts.find((c) => c.name === "SummaryStatusByCommittee");
    expect(byCommittee?.type).toBe("BarStacked");
    expect(byCommittee?.series).toEqual([
      expect.objectContaining({
        name: "Not started",
        color: "#9E9E9E",
        dataLabels: true,
        labelFormat: "0;-0;;@",
      }),
    ]);
    expect(byCommittee?.axisTitles).toEqual({ category: "Committee", value: "Measures" });
    const status = charts.find((c) => c.name === "SummaryStatus");
    expect(status?.series[0].pointColors).toEqual([
      "#9E9E9E",
      "#1565C0",
      "#F9A825",
      "#C62828",
      "#2E7D32",
      "#6D4C41",
    ]);
    // Print: A4, margins, footer with page numbers, the Briefing's header naming its committee.
    const dgc = fake.model.sheet("Briefing DGC").pageLayout;
    expect(dgc).toMatchObject({ paperSize: "A4", orientation: "Landscape", titleRows: "$6:$6" });
    expect(dgc.headerFooter).toMatchObject({
      leftHeader: "Digital Government Committee",
      rightFooter: "Page &P of &N",
    });
    expect(dgc.margins?.topMargin).toBeCloseTo(43.2);
    expect(dgc.margins?.leftMargin).toBeCloseTo(36);
    const summary = fake.model.sheet("Summary").pageLayout;
    expect(summary.paperSize).toBe("A4");
    expect(summary.breaks?.length).toBeGreaterThan(0);
    expect(summary.titleRows).toBeUndefined();
  });

  test("keeps a finding message longer than 255 characters in its HYPERLINK (Excel refuses longer text constants)", async () => {
    await setupWorkbook(new OfficeHost(), "despf", AS_OF);
    const long = `${"ក".repeat(300)} "quoted" ${"x".repeat(300)}`;
    const plan: WorkbookPlan = {
      sheets: [
        {
          ...ownedPlan("t"),
          tables: [],
          charts: [],
          cells: [{ row: 0, col: 0, value: long, link: "'Measures'!A2", style: "link" }],
        },
      ],
    };
    await new OfficeHost().applyPlan(plan);
    const f = fake.model.sheet("Summary").formulas.get("0,0") ?? "";
    const text = [...f.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
    expect(text.every((t) => t.length <= 255)).toBe(true);
    expect(text.slice(1).join("")).toBe(long);
  });

  test("quotes a source sheet named like a cell in a dropdown's list source", async () => {
    seedTable(fake.model, "FY2025", "Goals", ["Code", "Goal", "Goal (Khmer)"], [["I", "One", ""]]);
    await setupWorkbook(new OfficeHost(), "despf", AS_OF);
    const goal = fake.model
      .sheet("Measures")
      .validations.find((v) => v.box.c0 === TABLE_HEADERS.Measures.indexOf("Goal"));
    expect(goal?.rule).toEqual({ list: { inCellDropDown: true, source: "='FY2025'!$A$2:$A$2" } });
  });
});
