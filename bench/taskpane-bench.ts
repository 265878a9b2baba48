/**
 * The task pane's weight and first paint, from a production build:
 *
 *   npm run build && npx tsx bench/taskpane-bench.ts [distDir]
 *
 * - initial: what the browser loads before the first render: taskpane.html and the scripts and
 *   stylesheets it references (the entry chunk(s)); lazy chunks (views, engine, ExcelJS) are not.
 * - total: every dist/*.js file (entry and lazy chunks, the ribbon commands' bundle included).
 * - gzip: zlib gzip at its default level (6), what a plain web server sends.
 * - first_render_ms: median of 5 loads in headless Chromium (a fresh browser context each, so
 *   nothing is cached), from navigation start to the first view's heading being visible.
 */
import { createReadStream, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

export interface TaskpaneBenchResult {
  initial_bytes: number;
  initial_gzip_bytes: number;
  total_bytes: number;
  total_gzip_bytes: number;
  first_render_ms: number;
}

const LOADS = 5;
const CHROMIUM = process.env.PP_CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

function sizes(files: string[]): { bytes: number; gzip: number } {
  let bytes = 0;
  let gzip = 0;
  for (const f of files) {
    const data = readFileSync(f);
    bytes += data.length;
    gzip += gzipSync(data).length;
  }
  return { bytes, gzip };
}

/** taskpane.html and the local scripts / stylesheets it loads (not office.js from the CDN). */
export function initialFiles(distDir: string): string[] {
  const html = join(distDir, "taskpane.html");
  const text = readFileSync(html, "utf8");
  const refs = new Set<string>();
  // Attribute values quoted or not (the production build minifies the HTML).
  const attr = (tag: string, name: string): string | null => {
    const m = new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
    return m ? (m[1] ?? m[2] ?? m[3]) : null;
  };
  for (const [tag] of text.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, "src");
    if (src) refs.add(src);
  }
  for (const [tag] of text.matchAll(/<link\b[^>]*>/gi)) {
    const href = attr(tag, "href");
    if (href && /stylesheet|modulepreload|preload/i.test(attr(tag, "rel") ?? "")) refs.add(href);
  }
  const local = [...refs]
    .filter((r) => !/^([a-z]+:)?\/\//i.test(r))
    .map((r) => join(distDir, r.replace(/^\.?\//, "").split(/[?#]/)[0]));
  return [html, ...local];
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
};

function serve(dir: string): Promise<Server> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path =
      decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname).replace(
        /^\/+/,
        ""
      ) || "taskpane.html";
    const file = resolve(root, path);
    let ok = false;
    try {
      ok = file.startsWith(root + sep) && statSync(file).isFile();
    } catch {
      ok = false;
    }
    if (!ok) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Records, in the page, when the first view's heading (data-first-view-heading) is first in the
 * document with a size, then waits for the next frame (the one that paints it).
 */
const FIRST_HEADING_PROBE = `(() => {
  const w = window;
  const seen = () => {
    const h = document.querySelector("[data-first-view-heading]");
    if (!h) return false;
    const r = h.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const done = () => requestAnimationFrame(() => { w.__ppFirstRender = performance.now(); });
  const start = () => {
    if (seen()) return done();
    const mo = new MutationObserver(() => { if (seen()) { mo.disconnect(); done(); } });
    mo.observe(document, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("readystatechange", start, { once: true });
  start();
})();`;

async function firstRender(distDir: string): Promise<number> {
  const server = await serve(distDir);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
      await context.addInitScript(FIRST_HEADING_PROBE);
      const page = await context.newPage();
      await page.goto(`${base}/taskpane.html`, { waitUntil: "commit" });
      const handle = await page.waitForFunction(
        () => (window as unknown as { __ppFirstRender?: number }).__ppFirstRender,
        undefined,
        { timeout: 30_000 }
      );
      times.push(Number(await handle.jsonValue()));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return Math.round(median(times) * 10) / 10;
}

export async function taskpaneBench(distDir: string): Promise<TaskpaneBenchResult> {
  const dir = resolve(distDir);
  const initial = sizes(initialFiles(dir));
  const js = readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => join(dir, f));
  const total = sizes(js);
  return {
    initial_bytes: initial.bytes,
    initial_gzip_bytes: initial.gzip,
    total_bytes: total.bytes,
    total_gzip_bytes: total.gzip,
    first_render_ms: await firstRender(dir),
  };
}

const isMain =
  typeof require !== "undefined"
    ? require.main === module
    : process.argv[1]?.includes("taskpane-bench");
if (isMain) {
  taskpaneBench(process.argv[2] ?? join(__dirname, "..", "dist")).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exitCode = 1;
    }
  );
}
