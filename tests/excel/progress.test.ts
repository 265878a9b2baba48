/**
 * The Progress table in Excel: the Office host reads it in the same sync as the set-up tables,
 * so the reporting round appends to it (never a second Progress sheet), the period rules see it
 * and the Summary gets its status-by-period block — as the file host does.
 */
import { OfficeHost } from "../../src/excel/office-host";
import { importRun } from "../../src/host/returns";
import { buildSummary, checkWorkbook } from "../../src/host/operations";
import { planReturns } from "../../src/import/returns";
import { readRunSource } from "../../src/io/return-source";
import { returnWorkbookBytes } from "../../src/io/return-workbook";
import { builtinFramework } from "../../src/model/builtin";
import { TABLE_HEADERS, TABLE_NAMES } from "../../src/model/schema";
import { setupPlan } from "../../src/plan/setup";
import { RecordingExcel, seedTable } from "./recording-context";

let fake: RecordingExcel;
let uninstall: () => void;

beforeEach(() => {
  fake = new RecordingExcel();
  uninstall = fake.install();
});
afterEach(() => uninstall());

async function setUp(): Promise<OfficeHost> {
  const host = new OfficeHost();
  await host.applyPlan(setupPlan(builtinFramework("despf", 2026)));
  fake.syncs.length = 0;
  return host;
}

const PROGRESS_ROWS = [
  ["2026-Q1", "1", "On track", 40, "", "mptc-2026-Q1.xlsx", "2026-04-02 09:00 UTC"],
  ["2026-Q2", "1", "On track", 30, "", "mptc-2026-Q2.xlsx", "2026-07-02 09:00 UTC"],
  ["2026-Q7", "2", "Completed", 100, "", "mptc.xlsx", "2026-07-02 09:00 UTC"],
  ["2026-Q2", "999", "Delayed", 10, "", "mptc-2026-Q2.xlsx", "2026-07-02 09:00 UTC"],
];

test("readTables reads Progress in the one sync that reads the set-up tables", async () => {
  const host = await setUp();
  seedTable(fake.model, "Progress", "Progress", [...TABLE_HEADERS.Progress], PROGRESS_ROWS);
  const tables = await host.readTables();
  expect(fake.syncs.map((s) => s.error ?? "ok")).toEqual(["ok"]);
  // A blank cell reads as null.
  expect(tables.Progress?.rows).toEqual(
    PROGRESS_ROWS.map((r) => r.map((c) => (c === "" ? null : c)))
  );
  expect(tables.Progress?.location).toEqual({ sheet: "Progress", row: 0, col: 0 });
  expect(Object.keys(tables).sort()).toEqual([...TABLE_NAMES, "Progress"].sort());
});

test("without a Progress table: still one sync, and no Progress", async () => {
  const host = await setUp();
  const tables = await host.readTables();
  expect(fake.syncs.map((s) => s.error ?? "ok")).toEqual(["ok"]);
  expect(tables.Progress).toBeUndefined();
  expect(tables.Measures?.rows).toHaveLength(139);
});

test("a workbook missing a set-up table still finds Progress (list, then read those present)", async () => {
  seedTable(fake.model, "Measures", "Measures", ["No.", "Measure"], [["1", "A measure"]]);
  seedTable(fake.model, "Progress", "Progress", [...TABLE_HEADERS.Progress], PROGRESS_ROWS);
  const tables = await new OfficeHost().readTables();
  expect(Object.keys(tables).sort()).toEqual(["Measures", "Progress"]);
  expect(tables.Progress?.rows).toHaveLength(4);
});

test("the period rules and the Summary's period block see the Progress table in Excel", async () => {
  const host = await setUp();
  seedTable(fake.model, "Progress", "Progress", [...TABLE_HEADERS.Progress], PROGRESS_ROWS);
  const checked = await checkWorkbook(host, { asOfYear: 2026 });
  const rules = checked.findings.map((f) => `${f.rule}:${f.key}`);
  expect(rules).toEqual(
    expect.arrayContaining(["period-invalid:2", "progress-key-unknown:999", "progress-decrease:1"])
  );
  expect(checked.findings.find((f) => f.rule === "period-invalid")?.cell).toBe("Progress!A4");

  await buildSummary(host, { asOfYear: 2026 });
  const summary = fake.model.sheets.find((s) => s.name === "Summary")!;
  const text = [...summary.rows.values()].flat().map(String);
  expect(text).toContain("Measures per status, by reporting period (Progress table)");
  expect(text).toEqual(expect.arrayContaining(["2026-Q1", "2026-Q2"]));
});

/** A filled-in return of one institution for a period, as the bytes it comes back as. */
async function returnOf(
  host: OfficeHost,
  institution: string,
  period: string,
  edits: Record<string, number>
) {
  const plan = planReturns(await host.readTables(), {
    period,
    language: "en",
    created: "t",
    asOfYear: 2026,
  });
  const r = plan.returns.find((x) => x.institution === institution)!;
  const table = r.plan.sheets.find((s) => s.name === "Measures")!.tables[0];
  const pct = TABLE_HEADERS.Measures.indexOf("Progress %");
  for (const row of table.rows) if (String(row[0]) in edits) row[pct] = edits[String(row[0])];
  const name = `${r.fileName.replace(/\.xlsx$/, "")}.xlsx`;
  return readRunSource(name, await returnWorkbookBytes(r.plan));
}

test("two reporting rounds in Excel: the second appends to the Progress table the first created", async () => {
  const host = await setUp();
  const mptc = "Ministry of Post and Telecommunications";
  const run = async (period: string, edits: Record<string, number>) =>
    importRun(host, {
      sources: [await returnOf(host, mptc, period, edits)],
      mode: "merge",
      period: null,
      dryRun: false,
      recorded: `${period} UTC`,
      language: "en",
    });
  const first = await run("2026-Q1", { "1": 40 });
  const second = await run("2026-Q2", { "1": 30 });
  expect(first.progress?.added).toBeGreaterThan(0);
  expect(second.progress?.added).toBe(first.progress?.added);

  const progress = fake.model.tables.filter((t) => t.name.toLowerCase() === "progress");
  expect(progress).toHaveLength(1);
  expect(fake.model.sheets.filter((s) => /^progress/i.test(s.name))).toHaveLength(1);
  const rows = (await host.readTables()).Progress!.rows;
  const periods = new Set(rows.map((r) => r[0]));
  expect(periods).toEqual(new Set(["2026-Q1", "2026-Q2"]));
  expect(rows).toHaveLength(first.progress!.added + second.progress!.added);
  const one = rows.filter((r) => r[1] === "1" || r[1] === 1).map((r) => [r[0], r[3]]);
  expect(one).toEqual([
    ["2026-Q1", 40],
    ["2026-Q2", 30],
  ]);
  // Progress went down with no note: the period rule says so, in Excel as in files.
  const checked = await checkWorkbook(host, { asOfYear: 2026 });
  expect(checked.findings.some((f) => f.rule === "progress-decrease" && f.key === "1")).toBe(true);
}, 120_000);
