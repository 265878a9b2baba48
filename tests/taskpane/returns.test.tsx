/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { TextDecoder, TextEncoder } from "node:util";
import { planReturns } from "../../src/import/returns";
import { returnWorkbookBytes } from "../../src/io/return-workbook";
import { TABLE_HEADERS } from "../../src/model/schema";
import { App } from "../../src/taskpane/App";
import { en } from "../../src/taskpane/i18n/en";
import { FakeHost } from "./fake-host";

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
  if (!URL.createObjectURL)
    Object.defineProperty(URL, "createObjectURL", {
      value: () => "blob:fake",
      configurable: true,
      writable: true,
    });
  if (!URL.revokeObjectURL)
    Object.defineProperty(URL, "revokeObjectURL", { value: () => undefined, configurable: true });
});

/** A filled-in return of the built-in DESPF, as a File the planner picks. */
async function returnFile(
  host: FakeHost,
  institution: string,
  name: string,
  edits: Record<string, Record<string, string | number>>
): Promise<File> {
  const plan = planReturns(await host.readTables(), {
    period: "2026-Q2",
    language: "en",
    created: "t",
    asOfYear: 2026,
  });
  const r = plan.returns.find((x) => x.institution === institution)!;
  const table = r.plan.sheets.find((s) => s.name === "Measures")!.tables[0];
  for (const row of table.rows)
    for (const [h, v] of Object.entries(edits[String(row[0])] ?? {}))
      row[TABLE_HEADERS.Measures.indexOf(h)] = v;
  return new File([(await returnWorkbookBytes(r.plan)) as BlobPart], name, {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}

test("two returns in at once: the dry run shows the conflict and the invalid value beside Confirm; Confirm writes Measures and Progress", async () => {
  const host = FakeHost.despf("file");
  const mptc = await returnFile(
    host,
    "Ministry of Post and Telecommunications",
    "mptc-2026-Q2.xlsx",
    { "1": { "Progress %": 40, Status: "On track" }, "2": { "Progress %": 120 } }
  );
  const mef = await returnFile(host, "Ministry of Economy and Finance", "mef-2026-Q2.xlsx", {
    "1": { "Progress %": 60, Status: "On track" },
  });
  render(<App host={host} detect={false} language="en" asOfYear={2026} />);
  await screen.findByTestId("table-status");
  fireEvent.click(screen.getByRole("tab", { name: en.tabImportExport }));
  fireEvent.change(await screen.findByTestId("returns-input", {}, { timeout: 20_000 }), {
    target: { files: [mptc, mef] },
  });

  const report = await screen.findByTestId("run-report", {}, { timeout: 60_000 });
  expect(within(report).getByTestId("run-conflicts").textContent).toBe(
    `No. 1, Progress %: mptc-2026-Q2.xlsx 40 · mef-2026-Q2.xlsx 60 — ${en.conflictKept("40", true)}`
  );
  expect(within(report).getByTestId("run-findings").textContent).toBe(
    `${en.severityOne("error")} · ${en["rule.progress-invalid"]} · No. 2: Progress "120" is not a number from 0 to 100.`
  );
  expect(within(report).getByText(en.runPreviewHeading(2))).toBeTruthy();
  expect(within(report).getByTestId("run-progress").textContent).toBe(
    en.runProgress(219, "2026-Q2", 0)
  );
  expect(within(report).getByTestId("run-confirm")).toBeTruthy();
  expect(host.calls.some((c) => c.startsWith("writeTable") || c.startsWith("applyPlan"))).toBe(
    false
  );

  fireEvent.click(within(report).getByTestId("run-confirm"));
  await waitFor(() => expect(document.body.textContent).toContain(en.runDone(2, 219)), {
    timeout: 30_000,
  });
  expect(host.calls).toContain("writeTable:Measures");
  expect(host.calls).toContain("applyPlan:Progress");
  const progress = host.plans.find((p) => p.sheets[0]?.name === "Progress")!.sheets[0].tables[0];
  expect(progress.rows).toHaveLength(219);
  expect(host.tables.Measures!.rows[0].slice(10, 12)).toEqual(["On track", 40]);
}, 120_000);

test("returns out: every institution's return in one zip download, generic entries counted", async () => {
  const host = FakeHost.despf("file");
  const blobs: Blob[] = [];
  const original = URL.createObjectURL;
  URL.createObjectURL = (b: Blob | MediaSource) => (blobs.push(b as Blob), "blob:fake");
  try {
    render(<App host={host} detect={false} language="en" asOfYear={2026} />);
    await screen.findByTestId("table-status");
    fireEvent.click(screen.getByRole("tab", { name: en.tabImportExport }));
    fireEvent.change(await screen.findByTestId("returns-period", {}, { timeout: 20_000 }), {
      target: { value: "2026-H3" },
    });
    expect((screen.getByTestId("returns-out") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId("returns-period"), { target: { value: "2026-Q2" } });
    fireEvent.click(screen.getByTestId("returns-out"));
    await waitFor(
      () =>
        expect(document.body.textContent).toMatch(
          /Downloaded policy-planner-returns-2026-Q2-\d{4}-\d{2}-\d{2}\.zip: 31 returns\. 1 generic entry gets no return\./
        ),
      { timeout: 60_000 }
    );
    expect(blobs.some((b) => b.type === "application/zip" && b.size > 31 * 5000)).toBe(true);
    expect(host.calls.some((c) => c.startsWith("writeTable") || c.startsWith("applyPlan"))).toBe(
      false
    );
  } finally {
    URL.createObjectURL = original;
  }
}, 120_000);
