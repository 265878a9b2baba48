/**
 * Check as you type, on the recording fake of Excel: edits fire Table.onChanged, the re-check
 * reads only what changed and patches the Validation sheet; co-authors' changes between the
 * read and the write never leave a half-written sheet.
 */
import { AS_OF_YEAR, generateTables } from "../../bench/generate";
import { LiveCheck, parseRows, type LiveUpdate, type Scheduler } from "../../src/excel/live-check";
import { OfficeHost } from "../../src/excel/office-host";
import { checkWorkbook } from "../../src/host/operations";
import { tablesToFramework } from "../../src/model/convert";
import { TABLE_NAMES, type PlannerTables } from "../../src/model/schema";
import { setupPlan } from "../../src/plan/setup";
import { validate } from "../../src/rules/validate";
import { RecordingExcel, type V } from "./recording-context";

/** Timers run by the test: `due()` lists what is waiting, `run(ms)` fires it. */
class ManualScheduler implements Scheduler {
  timers: Array<{ ms: number; fn: () => void; live: boolean }> = [];
  after(ms: number, fn: () => void): () => void {
    const t = { ms, fn, live: true };
    this.timers.push(t);
    return () => void (t.live = false);
  }
  due(): number[] {
    return this.timers.filter((t) => t.live).map((t) => t.ms);
  }
  run(ms: number): void {
    const now = this.timers.filter((t) => t.live && t.ms === ms);
    for (const t of now) {
      t.live = false;
      t.fn();
    }
  }
}

interface Setup {
  fake: RecordingExcel;
  host: OfficeHost;
  live: LiveCheck;
  updates: LiveUpdate[];
  errors: string[];
  scheduler: ManualScheduler;
  uninstall: () => void;
}

async function setUp(measures: number, language: "en" | "km" = "en"): Promise<Setup> {
  const fake = new RecordingExcel();
  const uninstall = fake.install();
  const host = new OfficeHost();
  await host.applyPlan(setupPlan(tablesToFramework(generateTables(measures), AS_OF_YEAR)));
  const checked = await checkWorkbook(host, { asOfYear: AS_OF_YEAR, language });
  const updates: LiveUpdate[] = [];
  const errors: string[] = [];
  const scheduler = new ManualScheduler();
  const live = await LiveCheck.start(checked.tables, {
    asOfYear: AS_OF_YEAR,
    language,
    onUpdate: (u) => updates.push(u),
    onError: (e) => errors.push(e),
    scheduler,
  });
  return { fake, host, live, updates, errors, scheduler, uninstall };
}

/** Every cell (values and formulas) of the given sheets, as text. */
function cellsOf(fake: RecordingExcel, sheets: string[]): string {
  return JSON.stringify(
    sheets.map((n) => {
      const s = fake.model.sheet(n);
      return [
        n,
        [...s.rows.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([r, row]) => [r, row.join("\u0001")]),
        [...s.formulas.entries()].sort(),
      ];
    })
  );
}

function plannerSheets(fake: RecordingExcel): string[] {
  return [
    ...new Set(
      fake.model.tables
        .filter((t) => (TABLE_NAMES as readonly string[]).includes(t.name))
        .map((t) => t.sheet.name)
    ),
  ];
}

/** The Validation sheet's cells A:K as text. */
function validationCells(fake: RecordingExcel): string {
  const s = fake.model.sheet("Validation");
  const rows = [...s.rows.keys()].sort((a, b) => a - b);
  return JSON.stringify(
    rows
      .map((r) => Array.from({ length: 11 }, (_, c) => s.formulas.get(`${r},${c}`) ?? s.get(r, c)))
      .filter((r) => r.some((v) => v !== ""))
  );
}

/** What a full check (read everything, rebuild Validation) makes of the workbook as it is now. */
async function fullCheck(s: Setup): Promise<{ validation: string; tables: PlannerTables }> {
  const checked = await checkWorkbook(s.host, { asOfYear: AS_OF_YEAR, language: "en" });
  return { validation: validationCells(s.fake), tables: checked.tables };
}

function measuresColumn(fake: RecordingExcel, header: string): number {
  return fake.model.table("Measures").headers.indexOf(header);
}

describe("LiveCheck", () => {
  let s: Setup;
  afterEach(async () => {
    await s?.live.stop();
    s?.uninstall();
  });

  test("one Measures cell typed: one re-check in 2 syncs that updates findings, Validation and marks, no planner cell written", async () => {
    s = await setUp(200);
    const status = measuresColumn(s.fake, "Status");
    const before = cellsOf(s.fake, plannerSheets(s.fake));
    const validationBefore = validationCells(s.fake);
    const from = s.fake.syncs.length;
    await Promise.all(s.fake.typeInto("Measures", 7, status, [["Finished?"]]));
    expect(s.scheduler.due()).toEqual([500]);
    s.scheduler.run(500);
    await s.live.flush();
    const syncs = s.fake.since(from);
    expect(syncs.length).toBeLessThanOrEqual(2);
    expect(syncs.every((r) => !r.error)).toBe(true);
    expect(s.updates).toHaveLength(1);
    const found = s.updates[0].findings.filter((f) => f.rule === "status-unknown" && f.row === 8);
    expect(found).toHaveLength(1);
    // only the typed cell differs on the planner sheets
    const after = cellsOf(s.fake, plannerSheets(s.fake));
    expect(after).not.toEqual(before);
    s.fake.model
      .sheet(s.fake.model.table("Measures").sheet.name)
      .set(s.fake.model.table("Measures").top + 8, status, "Finished?");
    expect(cellsOf(s.fake, plannerSheets(s.fake))).toEqual(after);
    const patched = validationCells(s.fake);
    expect(patched).not.toEqual(validationBefore);
    expect(patched).toContain("Finished?");
    // the patched sheet is what a full check builds, and the findings what validate finds
    const full = await fullCheck(s);
    expect(patched).toEqual(full.validation);
    expect(s.updates[0].findings).toEqual(
      validate(full.tables, { asOfYear: AS_OF_YEAR, language: "en" })
    );
    // marks are conditional formats over the Validation sheet: still there, still ours
    const marks = s.fake.model
      .sheet(s.fake.model.table("Measures").sheet.name)
      .cfs.filter((c) => c.formula.includes("PolicyPlannerMark"));
    expect(marks).toHaveLength(3);
  });

  test("a 500-row paste is one re-check; rows inserted and deleted keep Validation equal to a full rebuild", async () => {
    s = await setUp(600);
    const t = s.fake.model.table("Measures");
    const rows: V[][] = t
      .body()
      .slice(0, 500)
      .map((r) => r.map((v, c) => (c === measuresColumn(s.fake, "Goal") ? "X" : v)));
    s.fake.typeInto("Measures", 50, 0, rows);
    s.fake.insertTableRows("Measures", 3, [t.body()[0], t.body()[1]]);
    s.fake.deleteTableRows("Measures", 100, 4);
    s.fake.typeInto("Measures", 0, measuresColumn(s.fake, "End year"), [[1999]]);
    const from = s.fake.syncs.length;
    expect(s.scheduler.due().filter((ms) => ms === 500).length).toBeGreaterThan(0);
    s.scheduler.run(500);
    await s.live.flush();
    expect(s.errors).toEqual([]);
    expect(s.updates).toHaveLength(1);
    // the rows heard of, not the table: one read, one write
    expect(s.fake.since(from).map((r) => r.error ?? "ok")).toEqual(["ok", "ok"]);
    const patched = validationCells(s.fake);
    const findings = s.updates[0].findings;
    expect(findings.filter((f) => f.rule === "goal-unknown").length).toBeGreaterThanOrEqual(490);
    const full = await fullCheck(s);
    expect(patched).toEqual(full.validation);
    expect(findings).toEqual(validate(full.tables, { asOfYear: AS_OF_YEAR, language: "en" }));
    // the table grew and shrank: the marks cover its body as it is now
    const m = s.fake.model.table("Measures");
    const marks = m.sheet.cfs.filter((c) => c.formula.includes("PolicyPlannerMark"));
    expect(marks.map((c) => c.box.r1)).toEqual([
      m.top + m.height,
      m.top + m.height,
      m.top + m.height,
    ]);
  });

  test("a reference table edit re-reads that table only and re-checks every measure against it", async () => {
    s = await setUp(50);
    s.fake.typeInto("Goals", 0, 0, [["I-renamed"]]);
    s.scheduler.run(500);
    await s.live.flush();
    const full = await fullCheck(s);
    expect(s.updates[0].findings).toEqual(
      validate(full.tables, { asOfYear: AS_OF_YEAR, language: "en" })
    );
    expect(
      s.updates[0].findings.some((f) => f.rule === "goal-unknown" && f.params.goal === "I")
    ).toBe(true);
  });

  test("a co-author's change is re-checked in memory; the sheet is written only if their add-in did not, after a grace time", async () => {
    s = await setUp(40);
    const validationBefore = validationCells(s.fake);
    const from = s.fake.syncs.length;
    s.fake.typeInto("Measures", 2, measuresColumn(s.fake, "Status"), [["Paused"]], "Remote");
    s.scheduler.run(500);
    await s.live.flush();
    expect(s.fake.since(from)).toHaveLength(1); // the read; no write
    expect(validationCells(s.fake)).toEqual(validationBefore);
    expect(s.updates[0]).toMatchObject({ remote: true, wrote: false });
    expect(s.updates[0].findings.some((f) => f.rule === "status-unknown" && f.row === 3)).toBe(
      true
    );
    // nobody wrote it in the grace time: this copy does
    expect(s.scheduler.due()).toContain(5000);
    s.scheduler.run(5000);
    await s.live.flush();
    expect(s.updates[1]).toMatchObject({ wrote: true });
    expect(validationCells(s.fake)).toEqual((await fullCheck(s)).validation);
  });

  test("two copies of the add-in: the one whose planner typed writes, the other finds the sheet already current", async () => {
    s = await setUp(40);
    const other: LiveUpdate[] = [];
    const otherScheduler = new ManualScheduler();
    const tables = (await fullCheck(s)).tables;
    const second = await LiveCheck.start(tables, {
      asOfYear: AS_OF_YEAR,
      language: "en",
      onUpdate: (u) => other.push(u),
      onError: () => undefined,
      scheduler: otherScheduler,
    });
    try {
      // Both copies hear the edit: the typing planner's as Local, the other copy's (in the co-author's Excel) as Remote.
      for (const h of s.fake.handlers.slice(7)) {
        const heard = h.handler;
        h.handler = (args) => heard({ ...(args as object), source: "Remote" });
      }
      s.fake.typeInto("Measures", 5, measuresColumn(s.fake, "Status"), [["Paused"]]);
      s.scheduler.run(500);
      await s.live.flush();
      otherScheduler.run(500);
      await second.flush();
      const written = validationCells(s.fake);
      expect(written).toContain("Paused");
      expect(s.updates.at(-1)?.wrote).toBe(true);
      // the second copy re-checked it too: the sheet's digest is already the one it computed, so it writes nothing, now or later
      expect(other.at(-1)).toMatchObject({ wrote: false, remote: true });
      expect(other.at(-1)?.findings).toEqual(s.updates.at(-1)?.findings);
      expect(otherScheduler.due()).toEqual([]);
      expect(validationCells(s.fake)).toEqual(written);
    } finally {
      await second.stop();
    }
  });

  test("a co-author deletes the Validation sheet between the read and the write: nothing half-written, one re-read and retry", async () => {
    s = await setUp(60);
    s.fake.typeInto("Measures", 1, measuresColumn(s.fake, "Status"), [["Paused"]]);
    const from = s.fake.syncs.length;
    s.fake.beforeSync = (i) => {
      if (i === from + 1) {
        const m = s.fake.model;
        m.sheets = m.sheets.filter((x) => x.name !== "Validation");
      }
    };
    s.scheduler.run(500);
    await s.live.flush();
    s.fake.beforeSync = undefined;
    const records = s.fake.since(from);
    // the write's first command, the look-up of the sheet by id, failed: nothing of the batch was written
    expect(records[1]).toMatchObject({ error: "ItemNotFound", failedAt: 0 });
    expect(s.errors).toEqual([]);
    expect(s.updates.at(-1)?.wrote).toBe(true);
    expect(validationCells(s.fake)).toEqual((await fullCheck(s)).validation);
  });

  test("a co-author renames the Measures table: a clear message, nothing written", async () => {
    s = await setUp(20);
    s.fake.typeInto("Measures", 1, measuresColumn(s.fake, "Status"), [["Paused"]]);
    s.fake.model.table("Measures").name = "Measures_old";
    const validationBefore = validationCells(s.fake);
    s.scheduler.run(500);
    await s.live.flush();
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatch(/Measures table is gone/);
    expect(validationCells(s.fake)).toEqual(validationBefore);
  });

  test("a column moved by someone else: the shape check sees it, the table is read again, findings stay right", async () => {
    s = await setUp(30);
    const t = s.fake.model.table("Measures");
    // swap the Goal and Strategy columns (headers and data), as a cut-and-paste of columns does
    const g = measuresColumn(s.fake, "Goal");
    const st = measuresColumn(s.fake, "Strategy");
    for (let r = t.top; r <= t.top + t.height; r++) {
      const a = t.sheet.get(r, t.left + g);
      t.sheet.set(r, t.left + g, t.sheet.get(r, t.left + st));
      t.sheet.set(r, t.left + st, a);
    }
    s.fake.typeInto("Measures", 0, g, [["I.A"]]);
    s.scheduler.run(500);
    await s.live.flush();
    expect(s.errors).toEqual([]);
    const full = await fullCheck(s);
    expect(s.updates.at(-1)?.findings).toEqual(
      validate(full.tables, { asOfYear: AS_OF_YEAR, language: "en" })
    );
  });

  test("the pane gaining focus finds an edit Excel did not report (small tables are read whole)", async () => {
    s = await setUp(30);
    const t = s.fake.model.table("Measures");
    t.sheet.set(t.top + 4, t.left + measuresColumn(s.fake, "Status"), "Unreported");
    s.live.paneFocused();
    s.scheduler.run(0);
    await s.live.flush();
    expect(s.updates.at(-1)?.findings.some((f) => f.rule === "status-unknown" && f.row === 4)).toBe(
      true
    );
    expect(validationCells(s.fake)).toContain("Unreported");
  });

  test("stop removes every handler", async () => {
    s = await setUp(10);
    expect(s.fake.handlers.length).toBe(7);
    await s.live.stop();
    expect(s.fake.handlers).toEqual([]);
    s.fake.typeInto("Measures", 0, 0, [["zz"]]);
    expect(s.scheduler.due()).toEqual([]);
  });

  test("event addresses: rows of a range, a cell, a whole-row address", () => {
    expect(parseRows("B5:D7")).toEqual({ first: 4, last: 6 });
    expect(parseRows("Measures!$C$9")).toEqual({ first: 8, last: 8 });
    expect(parseRows("5:7")).toEqual({ first: 4, last: 6 });
    expect(parseRows("A:C")).toBeNull();
  });
});

describe("the recording fake, as Excel, applies a batch up to the command that fails", () => {
  test("commands before the failing one stay applied, none after it runs", async () => {
    const fake = new RecordingExcel();
    const uninstall = fake.install();
    try {
      const ctx = new (await import("./recording-context")).FakeContext(fake);
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1").values = [["before"]];
      ctx.workbook.tables.getItem("NoSuchTable").load("name");
      ws.getRange("A2").values = [["after"]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
      expect(fake.model.sheet("Sheet1").get(0, 0)).toBe("before");
      expect(fake.model.sheet("Sheet1").get(1, 0)).toBe("");
      expect(fake.syncs.at(-1)).toMatchObject({ error: "ItemNotFound", failedAt: 1 });
    } finally {
      uninstall();
    }
  });
});
