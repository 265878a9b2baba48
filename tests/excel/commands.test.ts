/**
 * @jest-environment jsdom
 */
import { OfficeHost } from "../../src/excel/office-host";
import { setupWorkbook } from "../../src/host/operations";
import { RecordingExcel } from "./recording-context";

let fake: RecordingExcel;
let uninstall: () => void;

beforeEach(() => {
  fake = new RecordingExcel();
  uninstall = fake.install();
});
afterEach(() => uninstall());

function event(): { completed: jest.Mock; source: { id: string } } {
  return { completed: jest.fn(), source: { id: "PP.Validate" } };
}

function dialogMessage(url: string): { title: string; lines: string[]; ok: boolean } {
  const u = new URL(url);
  expect(u.searchParams.has("dialog")).toBe(true);
  return JSON.parse(u.searchParams.get("m") ?? "");
}

test("registers validate and refreshSummary with Office.actions.associate", async () => {
  await jest.isolateModulesAsync(async () => {
    await import("../../src/commands/commands");
  });
  expect([...fake.associated.keys()].sort()).toEqual(["refreshSummary", "validate"]);
});

test("validate: checks the workbook, shows the counts, brings Validation to the front, completes", async () => {
  const { validate } = await import("../../src/commands/commands");
  await setupWorkbook(new OfficeHost(), "despf", 2026);
  const e = event();
  await validate(e as unknown as Office.AddinCommands.Event);
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(fake.model.sheets.map((s) => s.name)).toContain("Validation");
  expect(fake.model.active).toBe("Validation");
  const msg = dialogMessage(fake.dialogs[0]);
  expect(msg.ok).toBe(true);
  expect(msg.title).toBe("Validation finished");
  expect(msg.lines[0]).toMatch(/^\d+ errors, \d+ warnings, \d+ notes\.$/);
});

test("refreshSummary: rebuilds the owned sheets and says so, in Khmer when Office speaks Khmer", async () => {
  const { refreshSummary } = await import("../../src/commands/commands");
  await setupWorkbook(new OfficeHost(), "despf", 2026);
  fake.displayLanguage = "km-KH";
  const e = event();
  await refreshSummary(e as unknown as Office.AddinCommands.Event);
  expect(e.completed).toHaveBeenCalledTimes(1);
  for (const s of ["Summary", "Briefing DGC", "Validation"])
    expect(fake.model.sheets.map((x) => x.name)).toContain(s);
  expect(fake.model.active).toBe("Summary");
  const msg = dialogMessage(fake.dialogs[0]);
  expect(msg.title).toMatch(/[\u1780-\u17ff]/);
});

test("a failure is shown in the dialog and the command still completes", async () => {
  const { validate } = await import("../../src/commands/commands");
  await setupWorkbook(new OfficeHost(), "despf", 2026);
  fake.model.sheet("Measures").protected = true;
  const e = event();
  await validate(e as unknown as Office.AddinCommands.Event);
  expect(e.completed).toHaveBeenCalledTimes(1);
  const msg = dialogMessage(fake.dialogs[0]);
  expect(msg.ok).toBe(false);
  expect(msg.lines[0]).toContain(
    "A sheet is protected: unprotect Measures (Review ▸ Unprotect Sheet) and try again."
  );
});

test("completes even when the dialog cannot open", async () => {
  const { refreshSummary } = await import("../../src/commands/commands");
  const office = (
    globalThis as unknown as { Office: { context: { ui: { displayDialogAsync: unknown } } } }
  ).Office;
  office.context.ui.displayDialogAsync = (_u: string, _o: unknown, cb: (r: unknown) => void) =>
    cb({ status: "failed", error: { code: 12007, message: "A dialog is already open" } });
  const e = event();
  await refreshSummary(e as unknown as Office.AddinCommands.Event);
  expect(e.completed).toHaveBeenCalledTimes(1);
});

test("validate refuses a workbook without a Measures table: a clear message, nothing written", async () => {
  const { validate } = await import("../../src/commands/commands");
  const e = event();
  await validate(e as unknown as Office.AddinCommands.Event);
  expect(e.completed).toHaveBeenCalledTimes(1);
  expect(fake.model.sheets.map((s) => s.name)).not.toContain("Validation");
  const msg = dialogMessage(fake.dialogs[0]);
  expect(msg.ok).toBe(false);
  expect(msg.lines[0]).toContain("no Measures table");
});

describe("Office's 5 minutes, counted from invocation", () => {
  const T0 = 1_800_000_000_000;
  let now = T0;
  beforeEach(() => {
    now = T0;
    jest.spyOn(Date, "now").mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  /** Makes each Excel.run take `ms` of the command's clock. */
  function slowExcel(ms: number): void {
    const excel = (globalThis as unknown as { Excel: { run: (b: unknown) => Promise<unknown> } })
      .Excel;
    const run = excel.run;
    excel.run = async (batch) => {
      now += ms;
      return run(batch);
    };
  }

  /** A dialog that stays open until the command closes it; returns what happened to it. */
  function stickyDialog(): { urls: string[]; closed: number } {
    const seen = { urls: [] as string[], closed: 0 };
    const office = (
      globalThis as unknown as { Office: { context: { ui: { displayDialogAsync: unknown } } } }
    ).Office;
    office.context.ui.displayDialogAsync = (url: string, _o: unknown, cb: (r: unknown) => void) => {
      seen.urls.push(url);
      cb({
        status: "succeeded",
        value: { addEventHandler: () => undefined, close: () => seen.closed++ },
      });
    };
    return seen;
  }

  test("the dialog closes when the 5 minutes from the button press are nearly up, not 4 minutes after the work", async () => {
    const { validate, commandDeadline } = await import("../../src/commands/commands");
    await setupWorkbook(new OfficeHost(), "despf", 2026);
    const dialog = stickyDialog();
    const delays: number[] = [];
    const realSetTimeout = global.setTimeout;
    jest.spyOn(global, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
      if ((ms ?? 0) > 60_000) {
        delays.push(ms ?? 0);
        return realSetTimeout(fn, 0); // run the command's own timer at once
      }
      return realSetTimeout(fn, ms);
    }) as typeof setTimeout);
    now = T0;
    slowExcel(40_000); // the checks take a while on a big workbook
    const e = event();
    await validate(e as unknown as Office.AddinCommands.Event);
    expect(dialog.urls).toHaveLength(1);
    expect(delays).toHaveLength(1);
    // closed at the deadline measured from T0, whatever the work took
    expect(now + delays[0]).toBe(commandDeadline(T0));
    expect(commandDeadline(T0) - T0).toBeLessThan(5 * 60 * 1000);
    expect(dialog.closed).toBe(1);
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  test("work that used up the time: no dialog, and the command completes at once", async () => {
    const { refreshSummary } = await import("../../src/commands/commands");
    await setupWorkbook(new OfficeHost(), "despf", 2026);
    const dialog = stickyDialog();
    slowExcel(2 * 60 * 1000); // several Excel.run calls: well past 4.5 minutes in all
    const e = event();
    await refreshSummary(e as unknown as Office.AddinCommands.Event);
    expect(now - T0).toBeGreaterThan(4.5 * 60 * 1000);
    expect(dialog.urls).toEqual([]);
    expect(e.completed).toHaveBeenCalledTimes(1);
    expect(fake.model.sheets.map((s) => s.name)).toContain("Summary");
  });
});
