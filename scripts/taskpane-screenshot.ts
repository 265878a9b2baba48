/**
 * The README's picture of the task pane (docs/taskpane.png): the built pane (dist/) in Debian's
 * Chromium at 360 px, a DESPF workbook whose measures carry a spread of statuses, the Summary
 * view's dashboard.   npm run build && npx tsx scripts/taskpane-screenshot.ts
 */
import { mkdtempSync, writeFileSync, existsSync, createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { setupWorkbook } from "../src/host/operations";
import { FileHost } from "../src/io/file-host";
import { columnIndex } from "../src/model/schema";

const ROOT = resolve(__dirname, "..");
const DIST = join(ROOT, "dist");

async function workbook(): Promise<string> {
  const host = FileHost.blank();
  await setupWorkbook(host, "despf", 2026);
  const measures = (await host.readTables()).Measures!;
  const si = columnIndex(measures, "Status");
  const pi = columnIndex(measures, "Progress %");
  // A plausible mid-term picture: some done, most under way, a few late.
  const spread = [
    "Completed",
    "On track",
    "On track",
    "At risk",
    "On track",
    "Delayed",
    "Not started",
    "On track",
    "Completed",
    "Not started",
  ];
  measures.rows.forEach((r, i) => {
    const status = spread[i % spread.length];
    r[si] = status;
    r[pi] = status === "Completed" ? 100 : status === "Not started" ? null : 20 + ((i * 7) % 60);
  });
  await host.writeTable(measures);
  const file = join(mkdtempSync(join(tmpdir(), "pp-shot-")), "despf-2026.xlsx");
  writeFileSync(file, await host.exportXlsx());
  return file;
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, "taskpane.html")))
    throw new Error("Build the pane first: npm run build");
  const file = await workbook();
  const server = createServer((req, res) => {
    const rel =
      decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "") ||
      "taskpane.html";
    const path = resolve(DIST, rel);
    if (!path.startsWith(DIST) || !existsSync(path) || statSync(path).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type":
        extname(path) === ".html"
          ? "text/html; charset=utf-8"
          : extname(path) === ".js"
            ? "text/javascript"
            : "application/octet-stream",
    });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: process.env.PP_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 360, height: 1100 },
      deviceScaleFactor: 1,
    });
    await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
    await page.getByTestId("open-workbook-input").setInputFiles(file);
    await page.getByTestId("notice-bar").waitFor({ timeout: 60_000 });
    await page
      .getByRole("button", { name: /Dismiss/ })
      .first()
      .click();
    await page.getByRole("tab", { name: "Summary" }).click();
    await page.getByTestId("status-board").waitFor({ timeout: 60_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ROOT, "docs", "taskpane.png"), fullPage: false });
    console.log("Wrote docs/taskpane.png");
  } finally {
    await browser.close();
    server.close();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
