/**
 * The Office host's side of issue 12, on the recording fake: owned sheets carry the
 * PolicyPlanner_Owned marker, and a table that gains columns moves what is beside it right
 * (Range.insert "Right") instead of writing over it.
 */
import { OfficeHost } from "../../src/excel/office-host";
import { buildSummary, setupWorkbook, checkWorkbook } from "../../src/host/operations";
import { TABLE_HEADERS } from "../../src/model/schema";
import { OWNED_MARKER } from "../../src/plan/owned-sheets";
import { RecordingExcel, SheetModel, seedTable } from "./recording-context";

let fake: RecordingExcel;
let uninstall: () => void;
beforeEach(() => {
  fake = new RecordingExcel();
  uninstall = fake.install();
});
afterEach(() => uninstall());

test("every rebuilt owned sheet carries the marker, once, after building twice", async () => {
  const host = new OfficeHost();
  await setupWorkbook(host, "despf", 2026);
  await buildSummary(host, { asOfYear: 2026 });
  await buildSummary(host, { asOfYear: 2026 });
  const owned = fake.model.sheets.filter((s) => /^(Summary|Briefing|Validation)/.test(s.name));
  expect(owned.length).toBeGreaterThanOrEqual(3);
  for (const sheet of owned)
    expect({ sheet: sheet.name, names: [...sheet.names.keys()] }).toEqual({
      sheet: sheet.name,
      names: [OWNED_MARKER],
    });
  expect([...fake.model.sheet("Measures").names.keys()]).toEqual([]);
});

test("an extra column moves the user's table beside the Measures table right, nothing overwritten", async () => {
  const headers = [...TABLE_HEADERS.Measures];
  const rows = ["1", "2", "3"].map((no) => [
    no,
    "I",
    "I.A",
    `Measure ${no}`,
    "DGC",
    "",
    "",
    "Short-term",
    2021,
    2025,
    "Not started",
    "",
    "",
    "",
    "",
  ]);
  const measures = seedTable(fake.model, "Measures", "Measures", headers, rows);
  seedTable(
    fake.model,
    "Measures",
    "Budget",
    ["Item", "Amount"],
    [
      ["Fibre", 1200],
      ["Audit", 50],
    ],
    0,
    headers.length + 1
  );
  const host = new OfficeHost();
  await host.writeTable({
    name: "Measures",
    headers: [...headers, "Budget line", "Owner"],
    rows: rows.map((r) => [...r, "BL-1", "Dara"]),
  });
  const budget = fake.model.table("Budget");
  expect(budget.left).toBe(headers.length + 3);
  expect(budget.headers).toEqual(["Item", "Amount"]);
  expect(budget.body()).toEqual([
    ["Fibre", 1200],
    ["Audit", 50],
  ]);
  expect(measures.width).toBe(headers.length + 2);
  expect(measures.headers.slice(-2)).toEqual(["Budget line", "Owner"]);
  expect(measures.body()[0].slice(-2)).toEqual(["BL-1", "Dara"]);
});

test("a taller table beside cannot be split: Excel refuses the insert and nothing is written", async () => {
  const headers = [...TABLE_HEADERS.Measures];
  const rows = [
    [
      "1",
      "I",
      "I.A",
      "One",
      "DGC",
      "",
      "",
      "Short-term",
      2021,
      2025,
      "Not started",
      "",
      "",
      "",
      "",
    ],
  ];
  seedTable(fake.model, "Measures", "Measures", headers, rows);
  seedTable(
    fake.model,
    "Measures",
    "Budget",
    ["Item", "Amount"],
    [
      ["Fibre", 1200],
      ["Audit", 50],
      ["Training", 300],
    ],
    0,
    headers.length + 1
  );
  const before = JSON.stringify([...fake.model.sheet("Measures").rows.entries()]);
  const e = await new OfficeHost()
    .writeTable({
      name: "Measures",
      headers: [...headers, "Budget line"],
      rows: rows.map((r) => [...r, "BL-1"]),
    })
    .catch((x: unknown) => x);
  expect((e as Error).message).toMatch(/Could not write the Measures table/);
  expect(fake.model.table("Budget").left).toBe(headers.length + 1);
  expect(JSON.stringify([...fake.model.sheet("Measures").rows.entries()])).toBe(before);
});

/** Everything the fake holds that a build could change: sheets in order, cells, names, tables. */
function state(): string {
  const m = fake.model;
  return JSON.stringify({
    sheets: m.sheets.map((s) => ({
      name: s.name,
      rows: [...s.rows.entries()],
      formulas: [...s.formulas.entries()],
      names: [...s.names.entries()],
      merges: s.merges,
      charts: s.charts.length,
    })),
    tables: m.tables.map((t) => [t.name, t.sheet.name, t.top, t.left, t.width, t.height]),
  });
}

describe("a planner's own sheet named as an owned sheet is refused, before anything is written", () => {
  test("the Measures table on a sheet named Summary: build refuses naming it, every measure kept", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", 2026);
    fake.model.sheet("Measures").name = "Summary";
    const measures = fake.model.tableValues("Measures");
    expect(measures.length).toBeGreaterThan(100);
    const before = state();
    const from = fake.syncs.length;
    const e = await buildSummary(host, { asOfYear: 2026 }).catch((x: unknown) => x);
    expect((e as Error).message).toBe(
      'Could not update the workbook: the sheet "Summary" is the planner\'s own (Policy Planner did not make it), so it is not replaced: rename that sheet, then run this again.'
    );
    expect(state()).toBe(before);
    expect(fake.model.tableValues("Measures")).toEqual(measures);
    // readTables, then applyPlan's one read: the refusal costs no extra sync and writes nothing
    expect(fake.syncs.length - from).toBe(2);
  });

  test("an unmarked Validation sheet of the planner's notes: the check refuses; once renamed, it builds", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", 2026);
    const mine = new SheetModel("Validation");
    mine.set(0, 0, "Checked by the ministry");
    mine.set(1, 1, "Signed: Dara, 12 May");
    fake.model.sheets.push(mine);
    const before = state();
    const e = await checkWorkbook(host).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(
      /the sheet "Validation" is the planner's own .* rename that sheet, then run this again\.$/
    );
    expect(state()).toBe(before);
    mine.name = "Ministry checks";
    await checkWorkbook(host);
    expect(fake.model.sheet("Ministry checks").get(1, 1)).toBe("Signed: Dara, 12 May");
    expect([...fake.model.sheet("Validation").names.keys()]).toEqual([OWNED_MARKER]);
  });

  test("a Summary sheet an older version wrote (its title in A1, no marker, no table) is rebuilt and marked", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", 2026);
    const old = new SheetModel("Summary");
    old.set(0, 0, "Summary — Digital Economy and Society Policy Framework");
    fake.model.sheets.push(old);
    await buildSummary(host, { asOfYear: 2026 });
    const summary = fake.model.sheet("Summary");
    expect(summary).not.toBe(old);
    expect([...summary.names.keys()]).toEqual([OWNED_MARKER]);
  });

  test("a Briefing sheet of the planner's own (no marker, not our title) is not retired", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", 2026);
    const notes = new SheetModel("Briefing");
    notes.set(0, 0, "Notes for the minister");
    fake.model.sheets.push(notes);
    await buildSummary(host, { asOfYear: 2026 });
    expect(fake.model.sheet("Briefing")).toBe(notes);
    expect(notes.get(0, 0)).toBe("Notes for the minister");
    expect(fake.model.sheets.some((s) => s.name === "Briefing DGC")).toBe(true);
  });

  test("a marked sheet is rebuilt in the same syncs as before: one read, one write", async () => {
    const host = new OfficeHost();
    await setupWorkbook(host, "despf", 2026);
    await buildSummary(host, { asOfYear: 2026 });
    const from = fake.syncs.length;
    await buildSummary(host, { asOfYear: 2026 });
    expect(fake.syncs.slice(from).map((s) => s.error ?? "ok")).toEqual(["ok", "ok", "ok"]);
  });
});

test("should Excel refuse calls queued on a null sheet, the read lists the sheets and still refuses", async () => {
  const host = new OfficeHost();
  await setupWorkbook(host, "despf", 2026);
  fake.nullChains = false;
  // The first build: no owned sheet yet, so the read falls back to listing (two more syncs).
  await buildSummary(host, { asOfYear: 2026 });
  expect([...fake.model.sheet("Summary").names.keys()]).toEqual([OWNED_MARKER]);
  fake.model.sheet("Summary").names.clear();
  fake.model.sheet("Summary").set(0, 0, "Our own summary");
  const before = state();
  const e = await buildSummary(host, { asOfYear: 2026 }).catch((x: unknown) => x);
  expect((e as Error).message).toMatch(/the sheet "Summary" is the planner's own/);
  expect(state()).toBe(before);
});

test("growing right and down with a table below in the way: Excel refuses the second insert, the first is undone, nothing moved", async () => {
  const headers = [...TABLE_HEADERS.Measures];
  const row = [
    "1",
    "I",
    "I.A",
    "One",
    "DGC",
    "",
    "",
    "Short-term",
    2021,
    2025,
    "Not started",
    0,
    "",
    "",
    "",
  ];
  seedTable(fake.model, "Measures", "Measures", headers, [row], 0, 1);
  // Goals starts left of Measures: moving what is below Measures would cut it.
  seedTable(fake.model, "Measures", "Goals", [...TABLE_HEADERS.Goals], [["I", "Goal one"]], 3, 0);
  fake.model.sheet("Measures").set(0, headers.length + 1, "beside");
  const before = state();
  const e = await new OfficeHost()
    .writeTable({
      name: "Measures",
      headers: [...headers, "Budget line"],
      rows: [
        [...row, "BL-1"],
        ["2", ...row.slice(1), "BL-2"],
      ],
    })
    .catch((x: unknown) => x);
  expect((e as Error).message).toMatch(/Could not write the Measures table: .*table/);
  // The hidden backup sheet is the planner's; everything else is as it was.
  fake.model.sheets = fake.model.sheets.filter((s) => s.name !== "PlannerBackup");
  expect(state()).toBe(before);
});
