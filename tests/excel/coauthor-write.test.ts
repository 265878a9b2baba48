/**
 * Co-authors between the planner's read and its write (writeTable: import, undo, As of year):
 * the write batch's first commands are look-ups that fail before anything is written; the host
 * then reads again and tries once more, or says clearly that nothing was written.
 */
import { AS_OF_YEAR, generateTables } from "../../bench/generate";
import { OfficeHost } from "../../src/excel/office-host";
import { tablesToFramework } from "../../src/model/convert";
import type { TableData } from "../../src/model/schema";
import { setupPlan } from "../../src/plan/setup";
import { RecordingExcel } from "./recording-context";

let fake: RecordingExcel;
let uninstall: () => void;
let host: OfficeHost;

beforeEach(async () => {
  fake = new RecordingExcel();
  uninstall = fake.install();
  host = new OfficeHost();
  await host.applyPlan(setupPlan(tablesToFramework(generateTables(20), AS_OF_YEAR)));
});
afterEach(() => uninstall());

/** Runs `change` just before the next `times` write batches (those that start with the shape look-ups). */
function coauthorBeforeWrite(change: () => void, times = 1): void {
  let left = times;
  fake.beforeSync = (_i, labels) => {
    if (left > 0 && labels.includes("TableColumn.load")) {
      left--;
      change();
    }
  };
}

async function measuresToWrite(): Promise<TableData> {
  const t = (await host.readTables()).Measures;
  if (!t) throw new Error("no Measures");
  return {
    ...t,
    rows: t.rows.map((r, i) =>
      i === 0 ? r.map((c, j) => (j === 3 ? "Rewritten by the import" : c)) : r
    ),
  };
}

test("a column renamed between the read and the write: the first batch stops at its look-ups, the retry writes the whole table", async () => {
  const table = await measuresToWrite();
  const backupBefore = fake.model.sheets.some((s) => s.name === "PlannerBackup");
  const from = fake.syncs.length;
  coauthorBeforeWrite(() => {
    const t = fake.model.table("Measures");
    t.sheet.set(t.top, t.left + t.headers.indexOf("Notes"), "Remarks");
  });
  await host.writeTable(table);
  const records = fake.since(from);
  const failed = records.find((r) => r.error);
  expect(failed).toMatchObject({ error: "ItemNotFound" });
  // the failing command is one of the look-ups queued first: 1 table + 1 sheet + 15 columns + 1 row
  expect(failed?.failedAt).toBeLessThan(18);
  expect(backupBefore).toBe(false);
  expect(records.filter((r) => !r.error).length).toBeGreaterThanOrEqual(2);
  const t = fake.model.table("Measures");
  expect(t.headers).toEqual(table.headers);
  expect(t.body()[0][3]).toBe("Rewritten by the import");
  expect(t.height).toBe(table.rows.length);
});

test("rows deleted by a co-author between the read and the write: no half write, the retry reads the new size", async () => {
  const table = await measuresToWrite();
  const from = fake.syncs.length;
  coauthorBeforeWrite(() => fake.deleteTableRows("Measures", 0, 3, "Remote"));
  await host.writeTable(table);
  const failed = fake.since(from).find((r) => r.error);
  expect(failed).toMatchObject({ error: "ItemNotFound" });
  expect(failed?.failedAt).toBeLessThan(18);
  const t = fake.model.table("Measures");
  expect(t.height).toBe(table.rows.length);
  expect(t.body()[0][3]).toBe("Rewritten by the import");
});

test("the table deleted by a co-author: a clear message, nothing written", async () => {
  const table = await measuresToWrite();
  coauthorBeforeWrite(() => {
    const m = fake.model;
    m.tables = m.tables.filter((x) => x.name !== "Measures");
  });
  await expect(host.writeTable(table)).rejects.toThrow(/no Measures table/);
  expect(fake.model.sheets.some((s) => s.name === "PlannerBackup")).toBe(false);
});

test("changed again on the retry: the message says nothing was written", async () => {
  const table = await measuresToWrite();
  let n = 0;
  coauthorBeforeWrite(() => {
    const t = fake.model.table("Measures");
    t.sheet.set(t.top, t.left + t.headers.length - 1, `Renamed ${++n}`);
  }, 2);
  await expect(host.writeTable(table)).rejects.toThrow(/Nothing was written/);
  expect(fake.model.sheets.some((s) => s.name === "PlannerBackup")).toBe(false);
  expect(fake.model.table("Measures").body()[0][3]).not.toBe("Rewritten by the import");
});
