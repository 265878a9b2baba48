/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { TextDecoder, TextEncoder } from "node:util";
import { en, type Catalogue } from "../../src/taskpane/i18n/en";
import { km } from "../../src/taskpane/i18n/km";
import { SETTINGS_KEY } from "../../src/taskpane/lib/settings";
import { isoDay } from "../../src/taskpane/lib/file-names";
import { FakeHost } from "./fake-host";
import { builtinFramework } from "../../src/model/builtin";
import { frameworkToTables } from "../../src/model/convert";
import type { PlannerTables } from "../../src/model/schema";

beforeAll(() => {
  // jsdom lacks these; Fluent's motion, the file readers and the download link use them.
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
    Object.defineProperty(URL, "createObjectURL", { value: () => "blob:fake", configurable: true });
  if (!URL.revokeObjectURL)
    Object.defineProperty(URL, "revokeObjectURL", { value: () => undefined, configurable: true });
});

beforeEach(() => localStorage.clear());

/** Renders the pane on a host and waits for its first read of the tables (Set up shows them). */
async function renderPane(host: FakeHost, language: "en" | "km" = "en") {
  const r = render(<App host={host} detect={false} language={language} asOfYear={2026} />);
  await screen.findByTestId("table-status");
  return r;
}

/** Opens a rule's group unless it is open already; returns the group's button. */
function openGroup(name: string) {
  const group = screen.getByRole("button", { name });
  if (group.getAttribute("aria-expanded") !== "true") fireEvent.click(group);
  return group;
}

async function openTab(name: string) {
  fireEvent.click(screen.getByRole("tab", { name }));
}

async function runCheck(t: Catalogue = en) {
  await openTab(t.tabCheck);
  fireEvent.click(await screen.findByRole("button", { name: t.runCheck }));
  return screen.findByTestId("check-results", {}, { timeout: 20_000 });
}

describe("Check", () => {
  test("shows the host's findings grouped by severity and rule, with counts", async () => {
    const host = FakeHost.despf();
    host.set("Measures", 3, "No.", "1"); // repeats row 1's No.
    host.set("Measures", 5, "Status", "Finished"); // no such status
    await renderPane(host);
    await runCheck();

    // The Validation sheet was rebuilt and the cells marked, through the host.
    expect(host.calls).toEqual(expect.arrayContaining(["applyPlan:Validation+marks"]));
    const errors = host.marked.filter((f) => f.severity === "error");
    const warnings = host.marked.filter((f) => f.severity === "warning");
    expect(errors.length).toBeGreaterThanOrEqual(2);

    expect(
      screen.getByRole("heading", { name: `${en.severityError} (${errors.length})` })
    ).toBeTruthy();
    expect(
      screen.getByRole("heading", { name: `${en.severityWarning} (${warnings.length})` })
    ).toBeTruthy();
    expect(screen.getByRole("button", { name: `${en["rule.key-duplicate"]} (1)` })).toBeTruthy();
    expect(screen.getByRole("button", { name: `${en["rule.status-unknown"]} (1)` })).toBeTruthy();
    expect(screen.getByRole("button", { name: `${en["rule.committee-count"]} (1)` })).toBeTruthy();
    expect(
      within(screen.getByTestId("finding-counts")).getByText(
        `${en.severityError}: ${errors.length}`
      )
    ).toBeTruthy();

    // The DGC count: both numbers.
    openGroup(`${en["rule.committee-count"]} (1)`);
    const dgc = await screen.findByText(
      /Digital Government Committee leads or co-leads 47 measures; the framework expects 60/
    );
    expect(dgc).toBeTruthy();
  });

  test("clicking a finding selects its cell through the host and says where it is", async () => {
    const host = FakeHost.despf("file");
    host.set("Measures", 3, "No.", "1");
    await renderPane(host);
    await runCheck();
    openGroup(`${en["rule.key-duplicate"]} (1)`);
    const finding = await screen.findByText(/No\. "1" is already used on row 2/); // sheet row 2 = data row 1
    fireEvent.click(finding);
    await waitFor(() =>
      expect(host.selected).toEqual([{ table: "Measures", row: 3, column: "No." }])
    );
    // Header in row 1, so data row 3 is sheet row 4; No. is column A.
    const where = await screen.findByTestId("finding-location");
    expect(where.textContent).toContain(en.locationFile("Measures!A4"));
    // The measure by No., short title and committee, right under the finding clicked.
    expect(where.textContent).toMatch(/Measure No\. 1, "Develop the law .*…", led by DGC\./);
    expect(where.closest("li")?.contains(finding)).toBe(true);
    // The line itself names the measure and gives the sheet's row (the cell), not the table's index.
    expect(finding.closest("button")?.textContent).toMatch(/^No\. 1 · Develop the law/);
    expect(finding.closest("button")?.textContent).toContain("Measures!A4");
    expect(finding.closest("button")?.textContent).not.toContain("row 3");
  });

  test("the committee filter keeps only the findings of that committee", async () => {
    const host = FakeHost.despf();
    await renderPane(host);
    await runCheck();
    const total = host.marked.length;
    fireEvent.change(screen.getByTestId("committee-filter"), { target: { value: "DSC" } });
    await screen.findByText(new RegExp(`of ${total}`));
    expect(screen.queryByRole("button", { name: `${en["rule.committee-count"]} (1)` })).toBeNull();
  });
});

describe("Language", () => {
  test("choosing Khmer in Settings changes the pane's strings and is remembered", async () => {
    const host = FakeHost.despf();
    render(<App host={host} detect={false} asOfYear={2026} />);
    await screen.findByTestId("table-status");
    await openTab(en.tabSettings);
    fireEvent.click(
      await screen.findByRole("radio", { name: en.languageKhmer }, { timeout: 30_000 })
    ); // the lazy view may take a while on a busy machine
    expect(await screen.findByRole("heading", { name: km.settingsHeading })).toBeTruthy();
    for (const k of [
      "tabSetup",
      "tabCheck",
      "tabSummary",
      "tabImportExport",
      "tabSettings",
    ] as const) {
      expect(screen.getByRole("tab", { name: km[k] })).toBeTruthy();
    }
    expect(screen.queryByRole("tab", { name: en.tabCheck })).toBeNull();
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? "{}").language).toBe("km");
    expect(document.documentElement.lang).toBe("km");

    // Findings are told in Khmer too.
    await runCheck(km);
    openGroup(`${km["rule.committee-count"]} (1)`);
    expect(
      await screen.findByText(/គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល ដឹកនាំ ឬសហដឹកនាំវិធានការចំនួន 47/)
    ).toBeTruthy();
  });

  test("a remembered language applies at start; the As of year shown is the workbook's, not a remembered one", async () => {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ language: "km", asOfYear: 2030 }));
    render(<App host={FakeHost.despf()} detect={false} />);
    expect(await screen.findByRole("heading", { name: km.setupHeading })).toBeTruthy();
    await screen.findByTestId("table-status");
    await openTab(km.tabSettings);
    expect((await screen.findByTestId("as-of-year")).getAttribute("value")).toBe("2026");
  });
});

describe("As of year", () => {
  test("Settings saves it into the workbook's Framework table; the next check counts from it", async () => {
    const host = FakeHost.despf("file");
    render(<App host={host} detect={false} language="en" />);
    await screen.findByTestId("table-status");
    await openTab(en.tabSettings);
    const input = await screen.findByTestId("as-of-year");
    fireEvent.change(input, { target: { value: "2031" } });
    fireEvent.click(screen.getByTestId("as-of-save"));
    await screen.findByText(en.asOfYearSaved(2031), { exact: false });
    expect(host.calls).toContain("writeTable:Framework");
    const row = (host.tables.Framework as { rows: unknown[][] }).rows.find(
      (r) => r[0] === "As of year"
    );
    expect(row?.[1]).toBe(2031);
    await runCheck();
    expect(host.marked.some((f) => f.rule === "overdue" && f.params.asOfYear === 2031)).toBe(true);
    // File mode: closing the tab now would lose the change, so the page asks first.
    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });

  test("the Khmer catalogue has every key of the English one, and is Khmer", () => {
    expect(Object.keys(km).sort()).toEqual(Object.keys(en).sort());
    const khmer = /[\u1780-\u17FF]/;
    const notKhmer = Object.entries(km).filter(([, v]) => {
      const text = typeof v === "function" ? (v as (...a: unknown[]) => string)(1, 2, 3) : v;
      return !khmer.test(text);
    });
    // Only the English language name and pure number templates may be without Khmer script.
    expect(notKhmer.map(([k]) => k).sort()).toEqual(["findingPlace", "statCompletedShare"].sort());
  });
});

describe("Errors", () => {
  test("an Office error shows as an error MessageBar with what to do next", async () => {
    const host = FakeHost.despf();
    host.failNextRead = Object.assign(new Error("The sheet is protected."), {
      code: "AccessDenied",
    });
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    render(<App host={host} detect={false} language="en" asOfYear={2026} />);
    const bar = await screen.findByTestId("error-bar");
    expect(bar.textContent).toContain(en.errorAccessDenied);
    expect(bar.textContent).toContain(en.errorAccessDeniedNext);
    expect(bar.textContent).toContain("AccessDenied");
    fireEvent.click(within(bar).getByRole("button", { name: en.dismiss }));
    await waitFor(() => expect(screen.queryByTestId("error-bar")).toBeNull());
    log.mockRestore();
  });

  test("checking a workbook without a Measures table says to create the tables", async () => {
    const host = FakeHost.despf();
    delete host.tables.Measures;
    await renderPane(host);
    await openTab(en.tabCheck);
    fireEvent.click(await screen.findByRole("button", { name: en.runCheck }));
    const bar = await screen.findByTestId("error-bar");
    expect(bar.textContent).toContain(en.errorNoMeasures);
    expect(bar.textContent).toContain(en.errorNoMeasuresNext);
    expect(host.calls.some((c) => c.startsWith("applyPlan"))).toBe(false);
  });
});

describe("Long work", () => {
  test("Cancel stops before anything is written", async () => {
    const host = FakeHost.despf();
    let release: () => void = () => undefined;
    await renderPane(host);
    await openTab(en.tabSummary);
    await screen.findByTestId("dashboard", {}, { timeout: 20_000 });
    host.gate = new Promise<void>((r) => (release = r));
    fireEvent.click(await screen.findByRole("button", { name: en.buildSummary }));
    const busy = await screen.findByTestId("busy");
    fireEvent.click(within(busy).getByRole("button", { name: en.cancel }));
    await act(async () => release());
    expect(await screen.findByText(en.cancelled)).toBeTruthy();
    expect(host.calls.filter((c) => c.startsWith("applyPlan"))).toEqual([]);
  });
});

describe("Summarise", () => {
  test("builds the owned sheets and shows the key numbers and the committee chart", async () => {
    const host = FakeHost.despf();
    host.set("Measures", 1, "Status", "Completed");
    host.set("Measures", 1, "Progress %", 100);
    await renderPane(host);
    await openTab(en.tabSummary);
    await screen.findByTestId("dashboard", {}, { timeout: 20_000 });
    fireEvent.click(screen.getByRole("button", { name: en.buildSummary }));
    expect(await screen.findByText(en.summaryBuilt, {}, { timeout: 20_000 })).toBeTruthy();
    expect(host.calls).toContain(
      "applyPlan:Summary,Briefing DGC,Briefing DEBC,Briefing DSC,Validation+marks"
    );
    expect(within(screen.getByTestId("stat-measures")).getByText("139")).toBeTruthy();
    expect(within(screen.getByTestId("stat-completed")).getByText("1%")).toBeTruthy();
    const rows = within(screen.getByTestId("committee-table")).getAllByRole("row");
    const dgc = rows.find((r) => r.textContent?.startsWith("DGC"));
    // The committee's full name is shown, not only in a tooltip.
    expect(dgc?.textContent).toBe("DGC Digital Government Committee6047");
    const bars = screen.getByTestId("committee-chart").querySelectorAll("[data-value]");
    expect([...bars].map((b) => b.getAttribute("data-value"))).toEqual(["47", "86", "13"]);

    // The status board: every measure once, in the fixed status colours, per goal and per committee.
    const board = screen.getByTestId("status-board");
    expect(within(board).getByTestId("status-total").textContent).toBe(en.measuresCount(139));
    const legend = within(board).getByTestId("status-legend").textContent ?? "";
    expect(legend).toContain(`${en["status.Completed"]}: 1`);
    expect(legend).toContain(`${en["status.Not started"]}: 138`);
    const completed = board.querySelector(
      '[data-testid="status-bar"] [data-status="Completed"]'
    ) as HTMLElement;
    expect(completed.style.backgroundColor).toBe("rgb(46, 125, 50)"); // palette green 2E7D32
    expect(within(board).getAllByTestId("goal-row").length).toBeGreaterThanOrEqual(5);
    expect(
      within(board)
        .getAllByTestId("committee-row")
        .map((r) => r.getAttribute("data-code"))
    ).toEqual(["DGC", "DEBC", "DSC"]);

    // One ministry's view: fewer measures, only its goals.
    const filter = within(board).getByTestId("institution-filter") as HTMLSelectElement;
    const ministry = [...filter.options]
      .map((o) => o.value)
      .find((v) => /Post and Telecommunications/.test(v))!;
    fireEvent.change(filter, { target: { value: ministry } });
    const total = Number(
      /\d+/.exec(within(board).getByTestId("status-total").textContent ?? "")![0]
    );
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(139);
  });

  test("a DGP workbook reads 'priority actions' and shows DGC alone", async () => {
    const host = new FakeHost(
      frameworkToTables(builtinFramework("dgp", 2026)) as PlannerTables,
      "excel"
    );
    await renderPane(host);
    await openTab(en.tabSummary);
    const board = await screen.findByTestId("status-board", {}, { timeout: 20_000 });
    expect(
      within(screen.getByTestId("stat-measures")).getByText(en.statPriorityActions)
    ).toBeTruthy();
    expect(within(board).getByTestId("status-total").textContent).toBe(en.priorityActionsCount(83));
    expect(
      within(board)
        .getAllByTestId("committee-row")
        .map((r) => r.getAttribute("data-code"))
    ).toEqual(["DGC"]);
    const rows = within(screen.getByTestId("committee-table")).getAllByRole("row");
    expect(rows.filter((r) => /^(DEBC|DSC)/.test(r.textContent ?? ""))).toHaveLength(0);
  });
});

describe("Import", () => {
  test("a CSV with other headers gives a dry-run report; Confirm merges through the host", async () => {
    const host = FakeHost.despf();
    await renderPane(host);
    await openTab(en.tabImportExport);
    const csv = [
      "Ref,Action,Committee in charge,Time frame,Current status",
      "140,A new measure,Committee on Digital Government,Short-trm,on track",
      ",,,,",
    ].join("\n");
    const file = new File([csv], "report.csv", { type: "text/csv" });
    fireEvent.change(await screen.findByTestId("import-input"), { target: { files: [file] } });
    const report = await screen.findByTestId("import-report", {}, { timeout: 20_000 });
    expect(within(report).getByTestId("report-mapped").textContent).toMatch(/RefNo\./);
    expect(within(report).getByTestId("report-normalised").textContent).toMatch(
      /Short-trm.*Short-term/
    );
    expect(within(report).getByTestId("report-added").textContent).toContain("A new measure");
    expect(host.calls.some((c) => c.startsWith("writeTable"))).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: en.confirmMerge }));
    expect(await screen.findByText(en.importDone(1, 0))).toBeTruthy();
    expect(host.calls).toContain("writeTable:Measures");
    expect(host.tables.Measures?.rows.length).toBe(140);
  });

  test("after Confirm, Undo import restores the table through the host, reports it and goes away", async () => {
    const host = FakeHost.despf();
    await renderPane(host);
    await openTab(en.tabImportExport);
    expect(screen.queryByRole("button", { name: en.undoImport })).toBeNull();
    const csv = ["No.,Measure", "1,Renamed by the import"].join("\n");
    fireEvent.change(await screen.findByTestId("import-input"), {
      target: { files: [new File([csv], "rename.csv", { type: "text/csv" })] },
    });
    await screen.findByTestId("import-report", {}, { timeout: 20_000 });
    fireEvent.click(screen.getByRole("button", { name: en.confirmMerge }));
    await screen.findByRole("button", { name: en.undoImport });
    expect(host.tables.Measures?.rows[0][3]).toBe("Renamed by the import");

    // It stays while the planner looks elsewhere.
    await openTab(en.tabSetup);
    await openTab(en.tabImportExport);
    fireEvent.click(await screen.findByRole("button", { name: en.undoImport }));
    expect(await screen.findByText(en.undoDone("Measures"))).toBeTruthy();
    expect(host.calls).toContain("restoreTable");
    expect(host.tables.Measures?.rows[0][3]).not.toBe("Renamed by the import");
    expect(host.tables.Measures?.rows).toHaveLength(139);
    expect(screen.queryByRole("button", { name: en.undoImport })).toBeNull();
  });
});

describe("Import errors", () => {
  test("a file without a usable header says what the file needs, and offers no chooser that is not there", async () => {
    const host = FakeHost.despf();
    await renderPane(host);
    await openTab(en.tabImportExport);
    const csv = ["alpha,beta,gamma", "1,2,3", "4,5,6"].join("\n");
    fireEvent.change(await screen.findByTestId("import-input"), {
      target: { files: [new File([csv], "no-header.csv", { type: "text/csv" })] },
    });
    const bar = await screen.findByTestId("error-bar", {}, { timeout: 20_000 });
    expect(bar.textContent).toContain(en.errorImportNoHeader);
    expect(bar.textContent).toContain("“alpha”");
    expect(bar.textContent).not.toMatch(/by hand/);
    expect(screen.queryByTestId("import-report")).toBeNull();
  });
});

describe("Import columns", () => {
  /** Measure 1 of the built-in tables, with a deadline under a header the finder does not know. */
  async function importDeadline(host: FakeHost) {
    await renderPane(host);
    await openTab(en.tabImportExport);
    const m = host.tables.Measures!;
    const measure = String(m.rows[0][m.headers.indexOf("Measure")]);
    const endYear = m.rows[0][m.headers.indexOf("End year")];
    expect(String(endYear)).not.toBe("2031");
    const csv = [
      "No.,Measure,Deadline set by ministry",
      `1,"${measure.replace(/"/g, '""')}",2031`,
    ].join("\n");
    fireEvent.change(await screen.findByTestId("import-input"), {
      target: { files: [new File([csv], "deadline.csv", { type: "text/csv" })] },
    });
    const report = await screen.findByTestId("import-report", {}, { timeout: 20_000 });
    // The column editor stays folded until asked for: the counts and Confirm come first.
    expect(within(report).queryByTestId("report-columns")).toBeNull();
    const actions = within(report).getByTestId("import-actions");
    expect(within(actions).getByRole("button", { name: en.confirmMerge })).toBeTruthy();
    expect(
      report.compareDocumentPosition(actions) & Node.DOCUMENT_POSITION_CONTAINED_BY
    ).toBeTruthy();
    expect(
      within(report).getByTestId("import-counts").compareDocumentPosition(actions) &
        Node.DOCUMENT_POSITION_FOLLOWING
    ).toBeTruthy();
    fireEvent.click(within(report).getByTestId("edit-columns"));
    await within(report).findByTestId("report-columns");
    return { report, measure };
  }

  const endYearList = () =>
    within(screen.getByTestId("report-columns")).getByRole("combobox", {
      name: "End year",
    }) as HTMLSelectElement;

  test("choosing the Deadline column for End year runs the dry run again, and Confirm writes that column", async () => {
    const host = FakeHost.despf();
    const { report } = await importDeadline(host);
    const columns = within(report).getByTestId("report-columns");
    expect(screen.getByRole("group", { name: en.columnsHeading })).toBe(columns);
    // Every Measures column has its list, preselected from the report.
    expect(within(columns).getAllByRole("combobox")).toHaveLength(15);
    expect(
      (within(columns).getByRole("combobox", { name: "No." }) as HTMLSelectElement).value
    ).toBe("0");
    expect(
      (within(columns).getByRole("combobox", { name: "Measure" }) as HTMLSelectElement).value
    ).toBe("1");
    // Not recognised: End year is not imported, the deadline is only kept as an extra column.
    const list = endYearList();
    expect(list.value).toBe("-1");
    expect([...list.options].map((o) => o.text)).toEqual([
      en.notImported,
      en.sourceColumnOption("A", "No."),
      en.sourceColumnOption("B", "Measure"),
      en.sourceColumnOption("C", "Deadline set by ministry"),
    ]);
    expect(within(report).getByTestId("report-mapped").textContent).toContain(en.keptAsExtra);
    expect(within(report).getByTestId("report-updated").textContent).not.toMatch(/End year/);

    fireEvent.change(list, { target: { value: "2" } });
    await waitFor(() => expect(endYearList().value).toBe("2"), { timeout: 20_000 });
    const mapped =
      within(screen.getByTestId("import-report")).getByTestId("report-mapped").textContent ?? "";
    expect(mapped).toMatch(/Deadline set by ministryEnd year/);
    expect(mapped).not.toContain(en.keptAsExtra);
    expect(screen.getByTestId("report-updated").textContent).toMatch(/End year.*2031/);
    expect(host.calls.some((c) => c.startsWith("writeTable"))).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: en.confirmMerge }));
    expect(await screen.findByText(en.importDone(0, 1))).toBeTruthy();
    const m = host.tables.Measures!;
    expect(String(m.rows[0][m.headers.indexOf("End year")])).toBe("2031");
    expect(m.headers).not.toContain("Deadline set by ministry");
    expect(m.rows).toHaveLength(139);
  });

  test("Replace uses the chosen columns too; leaving out No. is refused and keeps the last report", async () => {
    const host = FakeHost.despf();
    await importDeadline(host);
    fireEvent.change(endYearList(), { target: { value: "2" } });
    await waitFor(() => expect(endYearList().value).toBe("2"), { timeout: 20_000 });

    const no = within(screen.getByTestId("report-columns")).getByRole("combobox", {
      name: "No.",
    }) as HTMLSelectElement;
    fireEvent.change(no, { target: { value: "-1" } });
    const bar = await screen.findByTestId("error-bar");
    expect(bar.textContent).toContain(en.errorMapping);
    expect(no.value).toBe("0");
    expect(endYearList().value).toBe("2");

    fireEvent.click(screen.getByRole("button", { name: en.replaceAll }));
    fireEvent.click(await screen.findByRole("button", { name: en.replaceConfirm }));
    expect(await screen.findByText(en.replaceDone(1))).toBeTruthy();
    const m = host.tables.Measures!;
    expect(m.rows).toHaveLength(1);
    expect(String(m.rows[0][m.headers.indexOf("End year")])).toBe("2031");
  });
});

describe("Export", () => {
  test("in Excel, the .xlsx built from the tables opens as a new workbook through the host", async () => {
    const host = FakeHost.despf();
    await renderPane(host);
    await openTab(en.tabImportExport);
    fireEvent.click(await screen.findByRole("button", { name: en.exportXlsxFromTables }));
    expect(await screen.findByText(en.openedCopy, {}, { timeout: 20_000 })).toBeTruthy();
    expect(host.opened).toHaveLength(1);
    expect([...host.opened[0].subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip: an .xlsx
  });
});

describe("Export says only what really happened", () => {
  const PlatformType = {
    PC: "PC",
    OfficeOnline: "OfficeOnline",
    Mac: "Mac",
    iOS: "iOS",
    Android: "Android",
    Universal: "Universal",
  };
  let clicks: string[];
  beforeEach(() => {
    clicks = [];
    jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      clicks.push(this.download);
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    delete (globalThis as { Office?: unknown }).Office;
    delete (navigator as { clipboard?: unknown }).clipboard;
  });

  function onPlatform(platform: string): void {
    (globalThis as { Office?: unknown }).Office = {
      PlatformType,
      context: { diagnostics: { platform }, requirements: { isSetSupported: () => false } },
    };
  }

  test("in a browser or Excel on Windows, CSV is a download and the pane says it went to the downloads", async () => {
    await renderPane(FakeHost.despf("file"));
    await openTab(en.tabImportExport);
    fireEvent.click(await screen.findByRole("button", { name: en.exportCsv }));
    expect(
      await screen.findByText(
        en.exported(`policy-planner-measures-${isoDay(new Date())}.csv`),
        {},
        { timeout: 20_000 }
      )
    ).toBeTruthy();
    expect(clicks).toEqual([`policy-planner-measures-${isoDay(new Date())}.csv`]);
  });

  test("Excel on Mac: CSV goes to the clipboard (no dead download link), and the pane says so", async () => {
    onPlatform("Mac");
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: async (t: string) => void copied.push(t) },
      configurable: true,
    });
    await renderPane(FakeHost.despf());
    await openTab(en.tabImportExport);
    fireEvent.click(await screen.findByRole("button", { name: en.exportCsv }));
    expect(
      await screen.findByText(
        en.copiedNoDownload(`policy-planner-measures-${isoDay(new Date())}.csv`),
        {},
        { timeout: 20_000 }
      )
    ).toBeTruthy();
    expect(clicks).toEqual([]);
    expect(copied).toHaveLength(1);
    expect(copied[0].split(/\r?\n/)[0]).toMatch(/^No\.,Goal,Strategy,Measure/);
    expect(
      screen.queryByText(en.exported(`policy-planner-measures-${isoDay(new Date())}.csv`))
    ).toBeNull();
  });

  test("Excel on Mac without the clipboard: the JSON is shown to copy, and nothing claims it was saved", async () => {
    onPlatform("Mac");
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: () => Promise.reject(new Error("NotAllowedError")) },
      configurable: true,
    });
    await renderPane(FakeHost.despf());
    await openTab(en.tabImportExport);
    fireEvent.click(await screen.findByRole("button", { name: en.exportJson }));
    expect(
      await screen.findByText(
        en.toCopyNoDownload(`policy-planner-${isoDay(new Date())}.json`),
        {},
        { timeout: 20_000 }
      )
    ).toBeTruthy();
    const box = within(screen.getByTestId("text-to-copy")).getByRole(
      "textbox"
    ) as HTMLTextAreaElement;
    expect(JSON.parse(box.value).tables.Measures).toHaveLength(139);
    expect(clicks).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: en.toCopyClose }));
    expect(screen.queryByTestId("text-to-copy")).toBeNull();
  });

  test("Excel on Mac: Download workbook opens the file as a new workbook instead of a download that does nothing", async () => {
    onPlatform("Mac");
    const host = FakeHost.despf();
    await renderPane(host);
    await openTab(en.tabImportExport);
    fireEvent.click(await screen.findByRole("button", { name: en.exportXlsx }));
    expect(
      await screen.findByText(
        en.openedCopyNoDownload(`policy-planner-${isoDay(new Date())}.xlsx`),
        {},
        { timeout: 20_000 }
      )
    ).toBeTruthy();
    expect(host.calls.filter((c) => c === "exportXlsx" || c === "openCopy")).toEqual([
      "exportXlsx",
      "openCopy",
    ]);
    expect(clicks).toEqual([]);
  });

  test("Excel on the web: a copy too large for createWorkbook is downloaded instead, with the real limit explained", async () => {
    onPlatform("OfficeOnline");
    const host = FakeHost.despf();
    host.openCopy = async () => {
      throw Object.assign(new Error("too large"), { code: "CopyTooLarge" });
    };
    await renderPane(host);
    await openTab(en.tabImportExport);
    fireEvent.click(await screen.findByRole("button", { name: en.exportXlsxFromTables }));
    const notice = await screen.findByText(
      /more than Excel on the web can open as a new workbook/,
      {},
      { timeout: 20_000 }
    );
    expect(notice.textContent).toContain("limited to 5 MB");
    expect(notice.textContent).toContain(
      `policy-planner-${isoDay(new Date())}.xlsx was sent to your downloads instead`
    );
    expect(clicks).toEqual([`policy-planner-${isoDay(new Date())}.xlsx`]);
  });
});
