/** @jest-environment jsdom */
/** Check as I type in the pane: on by default in Excel, the list follows an edit, the switch removes the handlers. */
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { TextDecoder, TextEncoder } from "node:util";
import { AS_OF_YEAR, generateTables } from "../../bench/generate";
import { OfficeHost } from "../../src/excel/office-host";
import { tablesToFramework } from "../../src/model/convert";
import { setupPlan } from "../../src/plan/setup";
import { App } from "../../src/taskpane/App";
import { en } from "../../src/taskpane/i18n/en";
import { SETTINGS_KEY } from "../../src/taskpane/lib/settings";
import { RecordingExcel } from "../excel/recording-context";

let fake: RecordingExcel;
let uninstall: () => void;

beforeAll(() => {
  const g = globalThis as { TextDecoder?: unknown; TextEncoder?: unknown };
  if (!g.TextDecoder) g.TextDecoder = TextDecoder;
  if (!g.TextEncoder) g.TextEncoder = TextEncoder;
  if (!window.matchMedia) {
    Object.defineProperty(window, "matchMedia", {
      value: (query: string) => ({
        matches: false,
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }),
    });
  }
});

beforeEach(async () => {
  localStorage.clear();
  fake = new RecordingExcel();
  uninstall = fake.install();
  await new OfficeHost().applyPlan(setupPlan(tablesToFramework(generateTables(30), AS_OF_YEAR)));
});

afterEach(() => uninstall());

async function checkInExcel(): Promise<void> {
  render(<App host={new OfficeHost()} detect={false} language="en" asOfYear={AS_OF_YEAR} />);
  await screen.findByTestId("table-status", {}, { timeout: 30_000 }); // the first read of the tables is done
  fireEvent.click(screen.getByRole("tab", { name: en.tabCheck }));
  const run = await screen.findByRole("button", { name: en.runCheck });
  await waitFor(() => expect((run as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(run);
  await screen.findByTestId("check-results", {}, { timeout: 20_000 });
}

test("after a check, an edit in Excel shows up in the findings without pressing Check", async () => {
  await checkInExcel();
  await waitFor(() => expect(fake.handlers.length).toBe(7), { timeout: 30_000 });
  expect(screen.queryByText(/Wobbly/)).toBeNull();
  const t = fake.model.table("Measures");
  fake.typeInto("Measures", 2, t.headers.indexOf("Status"), [["Wobbly"]]);
  await waitFor(() => expect(screen.getAllByText(/Wobbly/).length).toBeGreaterThan(0), {
    timeout: 30_000,
  });
  // the Validation sheet followed it too
  const v = fake.model.sheet("Validation");
  expect([...v.formulas.values()].some((f) => f.includes("Wobbly"))).toBe(true);
}, 30_000);

test("the Settings switch (on by default) removes the handlers and is remembered", async () => {
  await checkInExcel();
  await waitFor(() => expect(fake.handlers.length).toBe(7), { timeout: 30_000 });
  fireEvent.click(screen.getByRole("tab", { name: en.tabSettings }));
  const sw = await screen.findByRole("switch", { name: en.checkAsYouType });
  expect((sw as HTMLInputElement).checked).toBe(true);
  fireEvent.click(sw);
  await waitFor(() => expect(fake.handlers).toEqual([]), { timeout: 30_000 });
  expect(JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? "{}")).toMatchObject({
    checkAsYouType: false,
  });
}, 30_000);
