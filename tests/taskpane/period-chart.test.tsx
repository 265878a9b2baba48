/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from "@testing-library/react";
import { TextDecoder, TextEncoder } from "node:util";
import { TABLE_HEADERS, type TableData } from "../../src/model/schema";
import { periodHistory } from "../../src/summary/periods";
import { App } from "../../src/taskpane/App";
import { PeriodChart } from "../../src/taskpane/components/PeriodChart";
import { I18nContext } from "../../src/taskpane/i18n";
import { en } from "../../src/taskpane/i18n/en";
import { km } from "../../src/taskpane/i18n/km";
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
});

/** A Progress table: rows of [Period, No., Status, Progress %], the later periods first (order must not matter). */
function progress(rows: Array<[string, string, string, number | ""]>): TableData {
  return {
    name: "Progress",
    headers: [...TABLE_HEADERS.Progress],
    rows: rows.map(([period, no, status, pct]) => [period, no, status, pct, "", "mptc.xlsx", "t"]),
  };
}

const TABLE = progress([
  ["2026-Q2", "1", "On track", 40],
  ["2026-Q2", "2", "Completed", 100],
  ["2026-Q2", "3", "Delayed", 10],
  ["2026-Q2", "4", "On track", 20],
  ["2026-Q1", "1", "Not started", 0],
  ["2026-Q1", "2", "On track", 70],
  ["2026-Q1", "2", "At risk", 60], // the period's last row for No. 2 is its value
]);

function columns(): HTMLElement[] {
  return within(screen.getByTestId("period-chart"))
    .getAllByRole("listitem")
    .filter((li) => li.hasAttribute("data-period"));
}

function parts(column: HTMLElement): Record<string, number> {
  return Object.fromEntries(
    [...column.querySelectorAll<HTMLElement>("[data-count]")].map((p) => [
      p.dataset.status,
      Number(p.dataset.count),
    ])
  );
}

test("one stacked column per period, earliest first, with the Summary sheet's counts per status", () => {
  render(<PeriodChart history={periodHistory(TABLE)} />);
  const cols = columns();
  expect(cols.map((c) => c.dataset.period)).toEqual(["2026-Q1", "2026-Q2"]);
  expect(cols.map((c) => c.dataset.total)).toEqual(["2", "4"]);
  expect(parts(cols[0])).toEqual({ "Not started": 1, "At risk": 1 });
  expect(parts(cols[1])).toEqual({ Completed: 1, "On track": 2, Delayed: 1 });
  // The fullest period is the full height; the other in proportion.
  const height = (c: HTMLElement) =>
    parseFloat((c.querySelector("[data-count]")!.parentElement as HTMLElement).style.height);
  expect(height(cols[1])).toBe(140);
  expect(height(cols[0])).toBe(70);
  // The palette of the sheets: Completed green, Delayed red.
  const colour = (c: HTMLElement, s: string) =>
    (c.querySelector(`[data-status="${s}"]`) as HTMLElement).style.backgroundColor;
  expect(colour(cols[1], "Completed")).toBe("rgb(46, 125, 50)");
  expect(colour(cols[1], "Delayed")).toBe("rgb(198, 40, 40)");
  expect(cols[1].getAttribute("aria-label")).toBe(
    en.periodColumnLabel("2026-Q2", 4, "Completed 1, On track 2, Delayed 1")
  );
});

test("in Khmer the columns are described in Khmer", () => {
  render(
    <I18nContext.Provider value={{ language: "km", t: km }}>
      <PeriodChart history={periodHistory(TABLE)} />
    </I18nContext.Provider>
  );
  const label = columns()[1].getAttribute("aria-label") ?? "";
  expect(label).toBe(
    km.periodColumnLabel(
      "2026-Q2",
      4,
      `${km["status.Completed"]} 1, ${km["status.On track"]} 2, ${km["status.Delayed"]} 1`
    )
  );
  expect(label).toContain("បានបញ្ចប់");
  expect(screen.getByTestId("period-chart").textContent).toContain(km.periodChartNote(2));
});

test("without a Progress period there is no chart", () => {
  const { container } = render(<PeriodChart history={periodHistory(progress([]))} />);
  expect(container.innerHTML).toBe("");
});

test.each([
  ["en", en],
  ["km", km],
] as const)(
  "the Summary view shows status by period from the workbook's Progress table (%s)",
  async (language, t) => {
    const host = FakeHost.despf("file");
    host.tables.Progress = { ...TABLE, location: { sheet: "Progress", row: 0, col: 0 } };
    render(<App host={host} detect={false} language={language} asOfYear={2026} />);
    await screen.findByTestId("table-status");
    fireEvent.click(screen.getByRole("tab", { name: t.tabSummary }));
    const chart = await screen.findByTestId("period-chart", {}, { timeout: 20_000 });
    expect(screen.getByRole("heading", { name: t.periodHeading })).toBeTruthy();
    expect(columns().map((c) => c.dataset.period)).toEqual(["2026-Q1", "2026-Q2"]);
    expect(chart.textContent).toContain(t["status.Delayed"]);
  },
  60_000
);

test("the Summary view of a workbook without Progress has no period chart", async () => {
  const host = FakeHost.despf("file");
  render(<App host={host} detect={false} language="en" asOfYear={2026} />);
  await screen.findByTestId("table-status");
  fireEvent.click(screen.getByRole("tab", { name: en.tabSummary }));
  await screen.findByTestId("status-board", {}, { timeout: 20_000 });
  expect(screen.queryByTestId("period-chart")).toBeNull();
  expect(screen.queryByRole("heading", { name: en.periodHeading })).toBeNull();
}, 60_000);
