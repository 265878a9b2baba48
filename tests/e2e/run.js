#!/usr/bin/env node
/*
 * End-to-end tests of the task pane in a real browser: Debian's Chromium driven by
 * playwright-core, the built pane (dist/) served by a tiny Node http server on a random port,
 * real clicks, a real file upload and a real download, reopened with ExcelJS.
 *
 *   npm run build && node tests/e2e/run.js          (npm test does both)
 *
 * Env: PP_DIST (default dist/), PP_CHROMIUM (default /usr/bin/chromium), PP_ONLY (substring of
 * test names to run). Screenshots go to test-results/. The last line is "N passed, M failed";
 * the exit code is non-zero when a test fails.
 */
"use strict";

const fs = require("fs");
const JSZip = require("jszip");
const http = require("http");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { chromium } = require("playwright-core");
const ExcelJS = require("exceljs");

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.resolve(process.env.PP_DIST || path.join(ROOT, "dist"));
const OUT = path.join(ROOT, "test-results");
const CHROMIUM = process.env.PP_CHROMIUM || "/usr/bin/chromium";
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "pp-e2e-"));
const AS_OF = 2026;

// The pane's own catalogues, so the tests click what a planner reads (tsx compiles the .ts).
const { require: tsxRequire } = require("tsx/cjs/api");
const { en } = tsxRequire("../../src/taskpane/i18n/en.ts", __filename);
const { km } = tsxRequire("../../src/taskpane/i18n/km.ts", __filename);

// ---------------------------------------------------------------------------------------------
// A tiny static server for dist/

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, "") || "taskpane.html";
    const file = path.resolve(dir, rel);
    if (
      !file.startsWith(dir + path.sep) ||
      !fs.existsSync(file) ||
      fs.statSync(file).isDirectory()
    ) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// ---------------------------------------------------------------------------------------------
// Fixtures

/** The built-in DESPF workbook, written by the project's CLI (or its modules via tsx). */
function makeDespf() {
  const out = path.join(TMP, "despf.xlsx");
  const cli = spawnSync(
    "npx",
    ["tsx", "src/cli/main.ts", "new", "--framework", "despf", "--as-of", String(AS_OF), "-o", out],
    {
      cwd: ROOT,
      encoding: "utf8",
    }
  );
  if (cli.status === 0 && fs.existsSync(out)) return out;
  const direct = spawnSync(
    "npx",
    ["tsx", "tests/e2e/make-workbook.ts", "despf", out, String(AS_OF)],
    { cwd: ROOT, encoding: "utf8" }
  );
  if (direct.status !== 0 || !fs.existsSync(out)) {
    throw new Error(
      `could not write the DESPF workbook:\nCLI: ${cli.stderr}\nmodules: ${direct.stderr}`
    );
  }
  console.log("  (the CLI could not run; wrote the DESPF workbook through the modules)");
  return out;
}

/** A ministry's progress report: other headers, variant spellings, one new row, bad rows. */
function makeCsv() {
  const out = path.join(TMP, "ministry-report.csv");
  const despf = JSON.parse(fs.readFileSync(path.join(ROOT, "src/model/data/despf.json"), "utf8"));
  const text = (no) => despf.measures.find((m) => m.no === no).measure;
  const rows = [
    [
      "Ref",
      "Action",
      "Committee in charge",
      "Ministry",
      "Time frame",
      "From",
      "To",
      "Current status",
      "% complete",
      "Remarks",
    ],
    [
      "1",
      text("1"),
      "Committee on Digital Government",
      "Ministry of Post and Telecommunications",
      "Short- to Long-term (Regularly implemented)",
      "2021",
      "2035",
      "On track",
      "40%",
      "reviewed",
    ],
    [
      "2",
      text("2"),
      "DGC",
      "Ministry of Post and Telecommunications",
      "Short-trm",
      "2021",
      "2025",
      "completed",
      "100",
      "",
    ],
    [
      "140",
      "Open a national digital skills observatory",
      "DEBC",
      "MoEYS; MPTC",
      "Medium-term",
      "2026",
      "2030",
      "Not started",
      "",
      "new",
    ],
    ["", "", "", "", "", "", "", "", "", "a row without number or measure"],
    [
      "1",
      "The same number again",
      "DSC",
      "MPTC",
      "Long-term",
      "2031",
      "2035",
      "Not started",
      "",
      "",
    ],
  ];
  const csv =
    rows
      .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))
      .join("\r\n") + "\r\n";
  fs.writeFileSync(out, csv, "utf8");
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers

async function newPage(browser, base, { width = 360, height = 860, language } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    acceptDownloads: true,
    locale: "en-US",
  });
  if (language) {
    await context.addInitScript((l) => {
      try {
        localStorage.setItem(
          "policy-planner.settings.v1",
          JSON.stringify({ language: l, asOfYear: 2026 })
        );
      } catch {}
    }, language);
  } else {
    await context.addInitScript(() => {
      try {
        if (!sessionStorage.getItem("pp-e2e")) {
          localStorage.setItem("policy-planner.settings.v1", JSON.stringify({ asOfYear: 2026 }));
          sessionStorage.setItem("pp-e2e", "1");
        }
      } catch {}
    });
  }
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/taskpane.html`, { waitUntil: "domcontentloaded" });
  return { context, page, errors };
}

async function shot(page, name) {
  fs.mkdirSync(OUT, { recursive: true });
  await page.waitForTimeout(150); // let the last paint settle (progress bar leaves, fonts load)
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

async function tab(page, t, key) {
  await page.getByRole("tab", { name: t[key], exact: true }).click();
}

async function openWorkbook(page, t, file) {
  await page.getByTestId("open-workbook-input").setInputFiles(file);
  const notice = page.getByTestId("notice-bar");
  await notice.waitFor({ timeout: 60_000 });
  const text = await notice.innerText();
  expect(
    text.includes(t.openedFile(path.basename(file), 139)),
    `after opening, the notice says "${text}"`
  );
}

async function runCheck(page, t) {
  await tab(page, t, "tabCheck");
  await page.getByRole("heading", { name: t.checkHeading }).waitFor();
  await page.getByRole("button", { name: t.runCheck }).click();
  await page.getByTestId("check-results").waitFor({ timeout: 60_000 });
}

/** Opens a rule's group (Accordion) and returns its findings' buttons. */
async function ruleFindings(page, t, rule) {
  const header = page.getByRole("button", {
    name: new RegExp(`^${escapeRe(t[`rule.${rule}`])} \\(\\d+\\)$`),
  });
  await header.first().waitFor();
  if ((await header.first().getAttribute("aria-expanded")) !== "true") await header.first().click();
  const list = page.locator(`[data-rule="${rule}"]`);
  await list.waitFor();
  return list.getByTestId("finding");
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function download(page, t, name) {
  const bar = page.getByTestId("download-bar");
  await bar.waitFor({ timeout: 60_000 });
  const [dl] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    bar.getByRole("button", { name: t.downloadWorkbook }).click(),
  ]);
  const file = path.join(TMP, name);
  await dl.saveAs(file);
  return { file, suggested: dl.suggestedFilename() };
}

async function checkWorkbookFile(file) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const names = wb.worksheets.map((w) => w.name);
  for (const s of ["Summary", "Briefing DGC", "Validation", "Measures"])
    expect(
      names.includes(s),
      `the downloaded workbook has no ${s} sheet (it has ${names.join(", ")})`
    );
  let measures = null;
  for (const ws of wb.worksheets) {
    const tables = ws.tables || {};
    for (const key of Object.keys(tables)) {
      const tb = tables[key];
      const model = tb.table || tb.model || tb;
      if (String(model.name || key).toLowerCase() !== "measures") continue;
      const ref = model.tableRef || model.ref;
      const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
      expect(m, `Measures table ref "${ref}" unreadable`);
      measures = Number(m[4]) - Number(m[2]) - (model.totalsRow ? 1 : 0);
    }
  }
  expect(measures !== null, "the downloaded workbook has no Measures table");
  expect(measures === 139, `the Measures table has ${measures} rows, not 139`);
  return { names, measures };
}

async function noHorizontalScroll(page) {
  return page.evaluate(() => {
    const d = document.documentElement;
    return { scroll: Math.max(d.scrollWidth, document.body.scrollWidth), client: d.clientWidth };
  });
}

// ---------------------------------------------------------------------------------------------
// The tests

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

/** The planner's day, in one language: open, check, click a finding, summarise, download. */
async function plannerFlow(ctx, t, lang) {
  const { page, errors } = await newPage(ctx.browser, ctx.base, {
    language: lang === "km" ? "km" : undefined,
  });
  try {
    if (lang === "km") {
      // Reached through Settings in the Khmer test proper; here the stored choice applies.
      await page.getByRole("heading", { name: t.setupHeading }).waitFor();
    } else {
      await page.getByRole("heading", { name: en.setupHeading }).waitFor();
    }
    await openWorkbook(page, t, ctx.despf);
    const status = await page.getByTestId("table-status").innerText();
    expect(status.includes(t.measuresCount(139)), `the Set up view lists the tables: ${status}`);
    await shot(page, `setup-${lang}`);

    await runCheck(page, t);
    const counts = await page.getByTestId("finding-counts").innerText();
    expect(counts.includes(t.severityWarning), `counts: ${counts}`);
    const dgc = (await ruleFindings(page, t, "committee-count")).filter({
      hasText: lang === "km" ? "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល" : "Digital Government Committee",
    });
    expect(
      (await dgc.count()) === 1,
      "one committee-count finding names the Digital Government Committee"
    );
    const text = await dgc.innerText();
    expect(
      /\b47\b/.test(text) && /\b60\b/.test(text),
      `the DGC finding gives both numbers: "${text}"`
    );
    await dgc.click();
    const where = await page.getByTestId("finding-location").innerText();
    expect(where.includes("Committees!E2"), `clicking the DGC finding shows its cell: "${where}"`);
    // A finding on a measure row: its Measures cell.
    const measureFinding = page
      .getByTestId("finding")
      .filter({ hasText: /Measures![A-O]\d+/ })
      .first();
    if ((await measureFinding.count()) === 0) {
      const header = page.getByRole("button", {
        name: new RegExp(`^${escapeRe(t["rule.not-started-late"])} \\(\\d+\\)$`),
      });
      if (await header.count()) await header.click();
    }
    await page
      .getByTestId("finding")
      .filter({ hasText: /Measures![A-O]\d+/ })
      .first()
      .click();
    const where2 = await page.getByTestId("finding-location").innerText();
    expect(
      /Measures![A-O]\d+/.test(where2),
      `clicking a measure finding shows a Measures cell: "${where2}"`
    );
    // Filter by committee: DSC's findings do not include DGC's count.
    await page.getByTestId("committee-filter").selectOption("DSC");
    expect(
      (await page
        .getByTestId("finding")
        .filter({
          hasText:
            lang === "km" ? "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល ដឹកនាំ" : "Digital Government Committee leads",
        })
        .count()) === 0,
      "the DSC filter hides the DGC count finding"
    );
    await page.getByTestId("committee-filter").selectOption("");
    await shot(page, `check-${lang}`);

    await tab(page, t, "tabSummary");
    await page.getByRole("button", { name: t.buildSummary }).click();
    await page
      .getByTestId("notice-bar")
      .filter({ hasText: t.summaryBuilt })
      .waitFor({ timeout: 60_000 });
    const measures = await page.getByTestId("stat-measures").innerText();
    expect(measures.includes("139"), `dashboard measures: ${measures}`);
    const committees = await page.getByTestId("committee-table").innerText();
    expect(
      /DGC[^\n]*?\s+60\s+47/.test(committees),
      `dashboard per committee: ${committees.replace(/\s+/g, " ")}`
    );
    expect(
      (await page.getByTestId("committee-chart").locator("[data-value]").count()) === 3,
      "the chart has a bar per committee"
    );
    await shot(page, `summary-${lang}`);

    // The briefing deck: a real download of a .pptx whose charts are chart parts, not pictures.
    const [deckDl] = await Promise.all([
      page.waitForEvent("download", { timeout: 120_000 }),
      page.getByTestId("briefing-deck").click(),
    ]);
    const deckFile = path.join(TMP, `deck-${lang}.pptx`);
    await deckDl.saveAs(deckFile);
    expect(
      /-briefing-\d{4}-\d{2}-\d{2}\.pptx$/.test(deckDl.suggestedFilename()),
      `deck name ${deckDl.suggestedFilename()}`
    );
    const deckZip = await JSZip.loadAsync(fs.readFileSync(deckFile));
    const deckCharts = Object.keys(deckZip.files).filter((n) =>
      /^ppt\/charts\/chart\d+\.xml$/.test(n)
    );
    expect(deckCharts.length >= 3, `the deck has native chart parts (${deckCharts.length})`);
    expect(
      Object.keys(deckZip.files).filter((n) => n.startsWith("ppt/media/") && !n.endsWith("/"))
        .length === 0,
      "the deck's charts are not pictures"
    );
    await page
      .getByTestId("notice-bar")
      .filter({ hasText: deckDl.suggestedFilename() })
      .waitFor({ timeout: 30_000 });

    const { file, suggested } = await download(page, t, `downloaded-${lang}.xlsx`);
    expect(suggested.endsWith(".xlsx"), `download name ${suggested}`);
    await checkWorkbookFile(file);

    await tab(page, t, "tabImportExport");
    await page.getByRole("heading", { name: t.importHeading }).waitFor();
    await shot(page, `import-export-${lang}`);
    await tab(page, t, "tabSettings");
    await page.getByRole("heading", { name: t.settingsHeading }).waitFor();
    await shot(page, `settings-${lang}`);
    expect(errors.length === 0, `page errors: ${errors.join("; ")}`);
  } finally {
    await page.context().close();
  }
}

test("1. English: open DESPF workbook, check, DGC 47 vs 60, click a finding, build summary, download", async (ctx) => {
  await plannerFlow(ctx, en, "en");
});

test("2. Khmer: switch language in Settings, then the same flow in Khmer", async (ctx) => {
  const { page, context } = await newPage(ctx.browser, ctx.base);
  try {
    await page.getByRole("heading", { name: en.setupHeading }).waitFor();
    await tab(page, en, "tabSettings");
    await page.getByRole("radio", { name: en.languageKhmer }).check();
    await page.getByRole("heading", { name: km.settingsHeading }).waitFor();
    for (const key of ["tabSetup", "tabCheck", "tabSummary", "tabImportExport", "tabSettings"]) {
      expect(
        (await page.getByRole("tab", { name: km[key], exact: true }).count()) === 1,
        `the ${key} tab reads "${km[key]}"`
      );
    }
    expect((await page.evaluate(() => document.documentElement.lang)) === "km", "html lang is km");
    // The choice is remembered.
    await page.reload({ waitUntil: "domcontentloaded" });
    await page
      .getByRole("heading", { name: km.settingsHeading })
      .or(page.getByRole("heading", { name: km.setupHeading }))
      .first()
      .waitFor();
    await tab(page, km, "tabSetup");
    await page.getByRole("heading", { name: km.setupHeading }).waitFor();
    expect(
      (await page.getByRole("button", { name: km.openWorkbook }).count()) === 1,
      "the Open button is in Khmer"
    );
    // Khmer glyphs render in a Khmer font (not boxes): the heading's font is a Khmer one.
    const font = await page
      .getByRole("heading", { name: km.setupHeading })
      .evaluate((el) => getComputedStyle(el).fontFamily);
    expect(/Khmer/i.test(font), `Khmer heading font: ${font}`);
  } finally {
    await context.close();
  }
  await plannerFlow(ctx, km, "km");
});

test("3. At 320 px wide no view scrolls sideways (English and Khmer)", async (ctx) => {
  for (const lang of ["en", "km"]) {
    const t = lang === "km" ? km : en;
    const { page, context } = await newPage(ctx.browser, ctx.base, {
      width: 320,
      height: 700,
      language: lang,
    });
    try {
      await page.getByRole("heading", { name: t.setupHeading }).waitFor();
      const bad = [];
      const measure = async (where) => {
        const m = await noHorizontalScroll(page);
        if (m.scroll > m.client) bad.push(`${where}: ${m.scroll} > ${m.client}`);
      };
      await measure("start");
      await openWorkbook(page, t, ctx.despf);
      await measure("setup");
      await shot(page, `narrow-setup-${lang}`);
      await runCheck(page, t);
      await ruleFindings(page, t, "committee-count");
      await measure("check");
      await shot(page, `narrow-check-${lang}`);
      await tab(page, t, "tabSummary");
      await page.getByTestId("dashboard").waitFor({ timeout: 60_000 });
      await measure("summary");
      await shot(page, `narrow-summary-${lang}`);
      await tab(page, t, "tabImportExport");
      await page.getByTestId("import-input").setInputFiles(ctx.csv);
      await page.getByTestId("import-report").waitFor({ timeout: 60_000 });
      await measure("import");
      await shot(page, `narrow-import-${lang}`);
      await tab(page, t, "tabSettings");
      await measure("settings");
      expect(bad.length === 0, `horizontal scroll at 320 px: ${bad.join("; ")}`);
    } finally {
      await context.close();
    }
  }
});

test("4. Import a CSV with other headers: dry-run report, then confirm the merge", async (ctx) => {
  const { page, context } = await newPage(ctx.browser, ctx.base, { width: 420 });
  try {
    await page.getByRole("heading", { name: en.setupHeading }).waitFor();
    await openWorkbook(page, en, ctx.despf);
    await tab(page, en, "tabImportExport");
    await page.getByTestId("import-input").setInputFiles(ctx.csv);
    const report = page.getByTestId("import-report");
    await report.waitFor({ timeout: 60_000 });
    const mapped = await page.getByTestId("report-mapped").innerText();
    for (const [from, to] of [
      ["Ref", "No."],
      ["Committee in charge", "Lead committee"],
      ["Time frame", "Timeframe"],
      ["Current status", "Status"],
    ]) {
      expect(
        new RegExp(`${escapeRe(from)}\\s+${escapeRe(to)}`).test(mapped),
        `mapped ${from} → ${to}: ${mapped.replace(/\s+/g, " ")}`
      );
    }
    const normalised = await page.getByTestId("report-normalised").innerText();
    expect(
      /Short-trm[\s\S]*Short-term/.test(normalised),
      `the typo is normalised: ${normalised.replace(/\s+/g, " ")}`
    );
    const added = await page.getByTestId("report-added").innerText();
    expect(added.includes("140"), `row 140 is added: ${added.replace(/\s+/g, " ")}`);
    const updated = await page.getByTestId("report-updated").innerText();
    expect(
      /\b1\b/.test(updated) && /On track/.test(updated),
      `measure 1 is updated: ${updated.replace(/\s+/g, " ")}`
    );
    const rejected = await page.getByTestId("report-rejected").innerText();
    expect(
      /\(\d+\)/.test(rejected) && !/\(0\)/.test(rejected),
      `some rows are rejected: ${rejected.replace(/\s+/g, " ")}`
    );
    await shot(page, "import-report-en");

    // Replace asks again; cancelling changes nothing.
    await page.getByRole("button", { name: en.replaceAll }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    expect((await dialog.innerText()).includes(en.replaceDialogTitle), "the Replace dialog asks");
    await shot(page, "import-replace-dialog-en");
    await dialog.getByRole("button", { name: en.cancel }).click();
    await dialog.waitFor({ state: "hidden" });

    await page.getByRole("button", { name: en.confirmMerge }).click();
    const notice = page.getByTestId("notice-bar");
    await notice.waitFor({ timeout: 60_000 });
    const text = await notice.innerText();
    expect(/Imported: [1-9]\d* added, [1-9]\d* updated/.test(text), `after the merge: ${text}`);
    await tab(page, en, "tabSetup");
    const status = await page.getByTestId("table-status").innerText();
    expect(
      /1[45]\d measures/.test(status),
      `the Measures table grew: ${status.replace(/\s+/g, " ")}`
    );

    // Undo import puts the table back as it was.
    await tab(page, en, "tabImportExport");
    await page.getByRole("button", { name: en.undoImport }).click();
    await page
      .getByTestId("notice-bar")
      .getByText(en.undoDone("Measures"))
      .waitFor({ timeout: 60_000 });
    expect(
      (await page.getByRole("button", { name: en.undoImport }).count()) === 0,
      "the Undo button goes away"
    );
    await tab(page, en, "tabSetup");
    const restored = await page.getByTestId("table-status").innerText();
    expect(
      /\b139 measures/.test(restored),
      `the Measures table is back to 139 rows: ${restored.replace(/\s+/g, " ")}`
    );
  } finally {
    await context.close();
  }
});

test("5. A file that is no workbook shows an error MessageBar with what to do next", async (ctx) => {
  const bad = path.join(TMP, "not-a-workbook.xlsx");
  fs.writeFileSync(bad, "this is plain text, not a workbook");
  const { page, context } = await newPage(ctx.browser, ctx.base);
  try {
    await page.getByRole("heading", { name: en.setupHeading }).waitFor();
    await page.getByTestId("open-workbook-input").setInputFiles(bad);
    const bar = page.getByTestId("error-bar");
    await bar.waitFor({ timeout: 30_000 });
    const text = await bar.innerText();
    expect(
      text.includes(en.errorFileRead) && text.includes(en.errorFileReadNext),
      `error bar: ${text}`
    );
    await shot(page, "error-en");
  } finally {
    await context.close();
  }
});

test("6. office.js that never answers does not hold the pane back, nor switch it to file mode unasked", async (ctx) => {
  const context = await ctx.browser.newContext({ viewport: { width: 360, height: 700 } });
  try {
    await context.route("https://appsforoffice.microsoft.com/**", () => {
      /* never answered */
    });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${ctx.base}/taskpane.html`, { waitUntil: "commit" });
    await page.getByRole("heading", { name: en.setupHeading }).waitFor({ timeout: 5000 });
    const shown = Date.now() - t0;
    expect(shown < 5000, `heading after ${shown} ms`);
    // Still waiting for Excel after a few seconds: it says so and offers file mode, never switches by itself.
    await page.getByTestId("office-slow").waitFor({ timeout: 15_000 });
    expect(
      (await page.getByTestId("office-slow").textContent()).includes(en.officeSlow),
      "says Excel is slow"
    );
    expect(
      (await page.getByTestId("mode").textContent()).includes(en.modeConnecting),
      "still connecting"
    );
    await page.getByTestId("skip-connecting").click();
    await page.getByRole("button", { name: en.openWorkbook }).waitFor({ timeout: 15_000 });
    expect(
      (await page.getByTestId("mode").textContent()).includes(en.modeFile),
      "file mode once asked"
    );
  } finally {
    await context.close();
  }
});

async function inView(locator) {
  const box = await locator.boundingBox();
  const vp = locator.page().viewportSize();
  return box !== null && box.y >= 0 && box.y + box.height <= vp.height;
}

test("7. Clicking the 40th finding of a long group shows its location right there, in view", async (ctx) => {
  const { page, context } = await newPage(ctx.browser, ctx.base, { width: 350, height: 700 });
  try {
    await page.getByRole("heading", { name: en.setupHeading }).waitFor();
    await openWorkbook(page, en, ctx.despf);
    await runCheck(page, en);
    const findings = await ruleFindings(page, en, "not-started-late");
    expect(
      (await findings.count()) >= 40,
      `at least 40 not-started-late findings (${await findings.count()})`
    );
    const fortieth = findings.nth(39);
    await fortieth.scrollIntoViewIfNeeded();
    const text = await fortieth.innerText();
    expect(
      /^No\. \S+ · /.test(text) && /Measures![A-O]\d+/.test(text),
      `the line names its measure and cell: "${text}"`
    );
    await fortieth.click();
    const where = page.getByTestId("finding-location");
    await where.waitFor();
    expect((await where.count()) === 1, "one location box");
    expect(await inView(where), "the location is in view after the click");
    const said = await where.innerText();
    const cell = /Measures![A-O](\d+)/.exec(text)[1];
    expect(
      said.includes(`Measures!`) && said.includes(cell),
      `the location names the same sheet row ${cell}: "${said}"`
    );
    // It sits under the finding clicked, not above the list.
    const box = await where.boundingBox();
    const fbox = await fortieth.boundingBox();
    expect(box.y >= fbox.y + fbox.height - 1, "the location is right under the finding");
    await shot(page, "finding-40-location-en");
  } finally {
    await context.close();
  }
});

test("8. The As of year set in Settings is saved in the workbook and is what planner validate reads", async (ctx) => {
  const { page, context } = await newPage(ctx.browser, ctx.base);
  try {
    await page.getByRole("heading", { name: en.setupHeading }).waitFor();
    await openWorkbook(page, en, ctx.despf);
    await tab(page, en, "tabSettings");
    const input = page.getByTestId("as-of-year");
    expect(
      (await input.inputValue()) === String(AS_OF),
      `Settings shows the workbook's year ${AS_OF}`
    );
    await input.fill("2031");
    await page.getByTestId("as-of-save").click();
    await page
      .getByTestId("notice-bar")
      .filter({ hasText: en.asOfYearSaved(2031) })
      .waitFor({ timeout: 60_000 });
    const { file, suggested } = await download(page, en, "as-of-2031.xlsx");
    expect(
      /^despf-\d{4}-\d{2}-\d{2}\.xlsx$/.test(suggested),
      `the download is named <name>-<date>.xlsx: ${suggested}`
    );
    const cli = spawnSync("npx", ["tsx", "src/cli/main.ts", "validate", file], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(
      /\(as of 2031\)/.test(cli.stdout),
      `planner validate reads 2031 from the file: ${cli.stdout.split("\n")[0]} ${cli.stderr}`
    );
    const before = spawnSync("npx", ["tsx", "src/cli/main.ts", "validate", ctx.despf], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(
      /\(as of 2026\)/.test(before.stdout),
      `the original still says 2026: ${before.stdout.split("\n")[0]}`
    );
  } finally {
    await context.close();
  }
});

test("9. Import: Confirm is a few Tabs from the file button; Replace's dialog opens on Cancel and gives focus back", async (ctx) => {
  const { page, context } = await newPage(ctx.browser, ctx.base, { width: 350, height: 700 });
  try {
    await page.getByRole("heading", { name: en.setupHeading }).waitFor();
    await openWorkbook(page, en, ctx.despf);
    await tab(page, en, "tabImportExport");
    await page.getByTestId("import-input").setInputFiles(ctx.csv);
    await page.getByTestId("import-report").waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: en.chooseImportFile }).focus();
    let tabs = 0;
    for (; tabs < 6; tabs++) {
      if (
        await page.evaluate(
          () =>
            document.activeElement &&
            document.activeElement.getAttribute("data-testid") === "import-confirm"
        )
      )
        break;
      await page.keyboard.press("Tab");
    }
    expect(tabs <= 3, `Confirm reached in ${tabs} Tab presses`);
    expect(await inView(page.getByTestId("import-confirm")), "Confirm is in view");
    await shot(page, "import-keyboard-confirm-en");
    // Scrolled down to the details, Confirm stays in reach (sticky).
    await page.getByTestId("report-mapped").scrollIntoViewIfNeeded();
    expect(
      await inView(page.getByTestId("import-confirm")),
      "Confirm stays in view while the details scroll"
    );

    await page.keyboard.press("Tab"); // Replace…
    const replace = page.getByRole("button", { name: en.replaceAll });
    expect(
      await replace.evaluate((el) => el === document.activeElement),
      "Tab goes on to Replace…"
    );
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    await page.waitForFunction(
      () =>
        document.activeElement &&
        document.activeElement.getAttribute("data-testid") === "confirm-dialog-cancel",
      null,
      { timeout: 5000 }
    );
    await shot(page, "import-replace-dialog-focus-en");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await page.waitForFunction(
      (name) => document.activeElement && document.activeElement.textContent === name,
      en.replaceAll,
      { timeout: 5000 }
    );
  } finally {
    await context.close();
  }
});

test("10. Every view at 320 px, English and Khmer: one row of tabs (screenshots in test-results/)", async (ctx) => {
  for (const lang of ["en", "km"]) {
    const t = lang === "km" ? km : en;
    const { page, context } = await newPage(ctx.browser, ctx.base, {
      width: 320,
      height: 720,
      language: lang,
    });
    try {
      await page.getByRole("heading", { name: t.setupHeading }).waitFor();
      const oneRow = async (where) => {
        const tops = await page
          .getByRole("tab")
          .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
        expect(
          tops.length === 5 && new Set(tops).size === 1,
          `${where} (${lang}): the tabs sit on one row: ${tops.join(", ")}`
        );
        const m = await noHorizontalScroll(page);
        expect(
          m.scroll <= m.client,
          `${where} (${lang}): no sideways scroll (${m.scroll} > ${m.client})`
        );
      };
      await tab(page, t, "tabCheck");
      await page.getByTestId("no-workbook").waitFor();
      await oneRow("empty check");
      await shot(page, `w320-empty-check-${lang}`);
      await tab(page, t, "tabSetup");
      await openWorkbook(page, t, ctx.despf);
      await oneRow("setup");
      await shot(page, `w320-setup-${lang}`);
      await runCheck(page, t);
      await ruleFindings(page, t, "overdue");
      await page.getByTestId("finding").first().click();
      await oneRow("check");
      await shot(page, `w320-check-${lang}`);
      await tab(page, t, "tabSummary");
      await page.getByTestId("status-board").waitFor({ timeout: 60_000 });
      await oneRow("summary");
      const expected = page.getByRole("columnheader", { name: t.expectedColumn });
      const lines = await expected.evaluate((el) =>
        Math.round(
          el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || "20")
        )
      );
      expect(lines <= 2, `the Expected header is not broken into pieces (${lines} lines)`);
      await shot(page, `w320-summary-${lang}`);
      await tab(page, t, "tabImportExport");
      await page.getByTestId("import-input").setInputFiles(ctx.csv);
      await page.getByTestId("import-report").waitFor({ timeout: 60_000 });
      await oneRow("import");
      await shot(page, `w320-import-${lang}`);
      await tab(page, t, "tabSettings");
      await page.getByRole("heading", { name: t.settingsHeading }).waitFor();
      await oneRow("settings");
      await shot(page, `w320-settings-${lang}`);
    } finally {
      await context.close();
    }
  }
});

/**
 * Edits a return as a ministry would, in another program (openpyxl): on its Measures sheet, for
 * each No. given, the cells of the headers given. Tables, protection and dropdowns stay as
 * openpyxl keeps them.
 */
function editReturn(from, to, edits) {
  const script = `
import json, sys, openpyxl
src, dst, edits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
wb = openpyxl.load_workbook(src)
ws = wb["Measures"]
headers = [c.value for c in ws[1]]
no = headers.index("No.")
for row in ws.iter_rows(min_row=2):
    key = str(row[no].value)
    for header, value in edits.get(key, {}).items():
        row[headers.index(header)].value = value
wb.save(dst)
`;
  const r = spawnSync("/usr/bin/python3", ["-c", script, from, to, JSON.stringify(edits)], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`openpyxl could not edit ${from}: ${r.stderr}`);
  return to;
}

/** The Return table's settings of a return workbook (Institution, Period, …), read with ExcelJS. */
async function returnSettings(bytes) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet("Return");
  expect(ws, "a return has a Return sheet");
  const settings = {};
  ws.eachRow((row, i) => {
    if (i > 1) settings[String(row.getCell(1).value)] = String(row.getCell(2).value ?? "");
  });
  const measures = wb.getWorksheet("Measures");
  expect(measures, "a return has a Measures sheet");
  expect(
    measures.sheetProtection && measures.sheetProtection.sheet,
    "its Measures sheet is protected"
  );
  return settings;
}

test("11. Reporting round: returns out (.zip), two returns in at once, conflict and invalid value before Confirm, status by period", async (ctx) => {
  const { page, context, errors } = await newPage(ctx.browser, ctx.base, { width: 360 });
  try {
    await page.getByRole("heading", { name: en.setupHeading }).waitFor();
    await openWorkbook(page, en, ctx.despf);
    await tab(page, en, "tabImportExport");
    const panel = page.getByTestId("returns-panel");
    await panel.waitFor({ timeout: 60_000 });
    await page.getByTestId("returns-period").fill("2026-Q2");

    // Returns out: one .zip, one return workbook per institution.
    const [zipDl] = await Promise.all([
      page.waitForEvent("download", { timeout: 120_000 }),
      page.getByTestId("returns-out").click(),
    ]);
    expect(
      /-returns-2026-Q2-\d{4}-\d{2}-\d{2}\.zip$/.test(zipDl.suggestedFilename()),
      `zip name ${zipDl.suggestedFilename()}`
    );
    const zipFile = path.join(TMP, "returns.zip");
    await zipDl.saveAs(zipFile);
    const zip = await JSZip.loadAsync(fs.readFileSync(zipFile));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    expect(names.length >= 20, `the zip holds a return per institution (${names.length} files)`);
    expect(
      names.every((n) => n.endsWith(".xlsx")),
      `only .xlsx files in the zip: ${names.join(", ")}`
    );
    const byInstitution = new Map();
    for (const n of names) {
      const bytes = await zip.files[n].async("nodebuffer");
      const settings = await returnSettings(bytes);
      expect(settings.Period === "2026-Q2", `${n} is for 2026-Q2 (${settings.Period})`);
      expect(
        !byInstitution.has(settings.Institution),
        `${n} and ${byInstitution.get(settings.Institution)} are both for ${settings.Institution}`
      );
      byInstitution.set(settings.Institution, n);
    }
    const notice = await page.getByTestId("notice-bar").innerText();
    expect(
      notice.includes(`${names.length} returns`),
      `the notice counts the returns in the zip (${names.length}): ${notice}`
    );
    await shot(page, "returns-out-en");

    // Two returns back, edited in another program: MPTC (lead of No. 1) and MEF disagree on
    // No. 1's progress; MPTC sends 150 for No. 2.
    const mptcName = byInstitution.get("Ministry of Post and Telecommunications");
    const mefName = byInstitution.get("Ministry of Economy and Finance");
    expect(mptcName && mefName, "MPTC and MEF each have a return");
    const unzip = async (n, to) => {
      fs.writeFileSync(to, await zip.files[n].async("nodebuffer"));
      return to;
    };
    const mptc = editReturn(
      await unzip(mptcName, path.join(TMP, "mptc-in.xlsx")),
      path.join(TMP, "mptc-2026-Q2.xlsx"),
      {
        1: { Status: "On track", "Progress %": 40, Notes: "network tender signed" },
        2: { "Progress %": 150 },
      }
    );
    const mef = editReturn(
      await unzip(mefName, path.join(TMP, "mef-in.xlsx")),
      path.join(TMP, "mef-2026-Q2.xlsx"),
      { 1: { Status: "On track", "Progress %": 60 } }
    );
    await page.getByTestId("returns-input").setInputFiles([mptc, mef]);
    const report = page.getByTestId("run-report");
    await report.waitFor({ timeout: 120_000 });
    const conflicts = await report.getByTestId("run-conflicts").innerText();
    expect(
      /No\. 1, Progress %/.test(conflicts) &&
        /mptc-2026-Q2\.xlsx 40/.test(conflicts) &&
        /mef-2026-Q2\.xlsx 60/.test(conflicts) &&
        conflicts.includes(en.conflictKept("40", true)),
      `the conflict on No. 1 with both sources and the value kept: ${conflicts}`
    );
    const invalid = report.getByTestId("run-findings").locator('[data-rule="progress-invalid"]');
    const findings = await invalid.allInnerTexts();
    expect(
      findings.length === 1 &&
        findings[0].includes(en["rule.progress-invalid"]) &&
        /No\. 2\b/.test(findings[0]) &&
        /150/.test(findings[0]),
      `the invalid value is a finding before anything is written: ${findings.join(" | ")}`
    );
    expect(
      (await report.getByTestId("run-progress").innerText()).includes("2026-Q2"),
      "the dry run says which period the progress rows are for"
    );
    const confirm = report.getByTestId("run-confirm");
    expect(await confirm.isVisible(), "Confirm is shown with the findings");
    await report.getByTestId("run-findings").scrollIntoViewIfNeeded();
    await shot(page, "returns-dry-run-en");

    await confirm.click();
    const merged = page.getByTestId("notice-bar").filter({
      hasText: /Returns merged: \d+ measures updated, [1-9]\d* progress rows recorded\./,
    });
    await merged.waitFor({ timeout: 120_000 });
    const recorded = Number(/(\d+) progress rows/.exec(await merged.innerText())[1]);
    expect((await page.getByTestId("run-report").count()) === 0, "the report goes after Confirm");
    await shot(page, "returns-merged-en");

    // The Summary view: status by reporting period, from the Progress table just written.
    await tab(page, en, "tabSummary");
    const chart = page.getByTestId("period-chart");
    await chart.waitFor({ timeout: 60_000 });
    const column = chart.locator('[data-period="2026-Q2"]');
    expect((await column.count()) === 1, "a column for 2026-Q2");
    const total = Number(await column.getAttribute("data-total"));
    expect(total > 0, `2026-Q2 counts the measures reported (${total})`);
    await chart.scrollIntoViewIfNeeded();
    // Its parts stack to the column's full height (the only period, so the tallest).
    const heights = await column
      .locator("[data-count]")
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    const drawn = heights.reduce((a, h) => a + h, 0);
    expect(drawn > 100, `the column is drawn: parts ${heights.join(" + ")} px`);
    await shot(page, "returns-summary-period-en");

    // The same chart in Khmer.
    await tab(page, en, "tabSettings");
    await page.getByRole("radio", { name: en.languageKhmer }).check();
    await page.getByRole("heading", { name: km.settingsHeading }).waitFor();
    await tab(page, km, "tabSummary");
    await page.getByRole("heading", { name: km.periodHeading }).waitFor({ timeout: 60_000 });
    const kmLabel = await chart.locator('[data-period="2026-Q2"]').getAttribute("aria-label");
    expect(
      kmLabel.includes(km["status.Not started"]),
      `the column is described in Khmer: ${kmLabel}`
    );
    const wide = await noHorizontalScroll(page);
    expect(wide.scroll <= wide.client, `no sideways scroll (${wide.scroll} > ${wide.client})`);
    await chart.scrollIntoViewIfNeeded();
    await shot(page, "returns-summary-period-km");
    await tab(page, km, "tabSettings");
    await page.getByRole("radio", { name: km.languageEnglish }).check();
    await page.getByRole("heading", { name: en.settingsHeading }).waitFor();

    // The workbook now holds the Progress table the chart was drawn from.
    const { file } = await download(page, en, "after-returns.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const progress = wb.getWorksheet("Progress");
    expect(progress, "the downloaded workbook has a Progress sheet");
    let rows = 0;
    progress.eachRow((row, i) => {
      if (i > 1 && String(row.getCell(1).value) === "2026-Q2") rows++;
    });
    // One row per measure per return (No. 1 came from both); the chart counts each measure once.
    expect(rows === recorded, `Progress holds the ${recorded} rows recorded for 2026-Q2 (${rows})`);
    expect(rows > total, `two returns reported No. 1: ${rows} rows, ${total} measures`);
    expect(errors.length === 0, `page errors: ${errors.join("; ")}`);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!fs.existsSync(path.join(DIST, "taskpane.html"))) {
    console.error(`No build at ${DIST}: run "npm run build" first.`);
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const server = await serve(DIST);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  let passed = 0;
  let failed = 0;
  try {
    const ctx = { browser, base, despf: makeDespf(), csv: makeCsv() };
    const only = process.env.PP_ONLY;
    for (const t of tests) {
      if (only && !t.name.includes(only)) continue;
      const start = Date.now();
      try {
        await t.fn(ctx);
        passed++;
        console.log(`✓ ${t.name} (${Date.now() - start} ms)`);
      } catch (e) {
        failed++;
        console.log(
          `✗ ${t.name} (${Date.now() - start} ms)\n    ${String((e && e.stack) || e)
            .split("\n")
            .slice(0, 6)
            .join("\n    ")}`
        );
      }
    }
  } catch (e) {
    failed++;
    console.log(`✗ setup: ${(e && e.stack) || e}`);
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(TMP, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main();
