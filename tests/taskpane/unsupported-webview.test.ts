/**
 * @jest-environment jsdom
 *
 * The ES5 check inlined into taskpane.html and commands.html: it parses as ES5, it shows its
 * message in Trident, EdgeHTML and any engine that cannot compile ES2020, it leaves supported
 * webviews alone, and in the ribbon's function file each command answers with a dialog.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const SCRIPT = fs.readFileSync(path.join(ROOT, "src/unsupported-webview.js"), "utf8");
const TRIDENT =
  "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko";
const EDGEHTML =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041";
const WEBVIEW2 =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
const MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";

const originalUa = navigator.userAgent;
afterEach(() => {
  Object.defineProperty(window.navigator, "userAgent", { value: originalUa, configurable: true });
  delete (window as unknown as Record<string, unknown>).__unsupportedWebview;
  delete (window as unknown as Record<string, unknown>).Office;
  delete (window as unknown as Record<string, unknown>).validate;
  delete (window as unknown as Record<string, unknown>).refreshSummary;
  window.history.replaceState(null, "", "/");
});

/** Runs the script as a page would, with `ua` and (optionally) an engine whose Function constructor rejects ES2020. */
function run(page: "taskpane" | "commands", ua: string, fn: unknown = Function): void {
  document.documentElement.setAttribute("data-page", page);
  document.body.innerHTML = '<div id="root"><div id="boot">Policy Planner…</div></div>';
  Object.defineProperty(window.navigator, "userAgent", { value: ua, configurable: true });
  new Function("Function", SCRIPT)(fn);
}

const message = () => document.getElementById("unsupported-webview");

test("parses as ES5 (what Trident understands) and the pages inline it before the bundle", () => {
  // acorn is webpack's parser; at ecmaVersion 5 it rejects `let`, arrows, `?.`.
  const acorn = require("acorn") as { parse(src: string, o: object): unknown };
  expect(() => acorn.parse(SCRIPT, { ecmaVersion: 5 })).not.toThrow();
  expect(() => acorn.parse("var o = {}; o?.a;", { ecmaVersion: 5 })).toThrow();
  for (const page of ["src/taskpane/taskpane.html", "src/commands/commands.html"]) {
    const html = fs.readFileSync(path.join(ROOT, page), "utf8");
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).toContain("<script><%= unsupportedWebview %></script>");
  }
  const commands = fs.readFileSync(path.join(ROOT, "src/commands/commands.html"), "utf8");
  expect(commands.indexOf("office.js")).toBeLessThan(commands.indexOf("unsupportedWebview"));
});

test.each([
  ["Trident (retail Office 2016/2019 without WebView2)", TRIDENT, /Internet Explorer 11/],
  ["EdgeHTML (retail Office without WebView2)", EDGEHTML, /Edge Legacy/],
])("%s: a clear message instead of a blank pane", (_name, ua, engine) => {
  run("taskpane", ua);
  const box = message();
  expect(box).not.toBeNull();
  expect(box?.getAttribute("role")).toBe("alert");
  expect(box?.textContent).toContain("This version of Office cannot run Policy Planner");
  expect(box?.textContent).toMatch(engine);
  expect(box?.textContent).toContain("WebView2 Runtime");
  expect(box?.querySelector('[lang="km"]')?.textContent).toMatch(/[\u1780-\u17ff]/);
  expect(document.getElementById("root")).toBeNull();
  expect((window as unknown as { __unsupportedWebview?: string }).__unsupportedWebview).toMatch(
    engine
  );
});

test("an engine that cannot compile ES2020 syntax gets the message; a page policy forbidding eval does not", () => {
  const tooOld = function () {
    throw new SyntaxError("Unexpected token '.'");
  };
  run("taskpane", MAC, tooOld);
  expect(message()?.textContent).toContain("without ES2020");

  const noEval = function () {
    throw new EvalError(
      "Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed"
    );
  };
  run("taskpane", MAC, noEval);
  expect(message()).toBeNull();
  expect(document.getElementById("root")).not.toBeNull();
});

test.each([
  ["WebView2", WEBVIEW2],
  ["Mac WKWebView", MAC],
])("%s: the page is left to start", (_name, ua) => {
  run("taskpane", ua);
  expect(message()).toBeNull();
  expect(document.getElementById("boot")?.textContent).toBe("Policy Planner…");
  expect(
    (window as unknown as { __unsupportedWebview?: string }).__unsupportedWebview
  ).toBeUndefined();
});

test("commands.html in Trident: each ribbon command opens the message as a dialog and completes when it closes", () => {
  const associated = new Map<string, (e: { completed(): void }) => void>();
  const dialogs: string[] = [];
  const handlers: Array<() => void> = [];
  const closed: string[] = [];
  (window as unknown as { Office: unknown }).Office = {
    onReady: (cb: () => void) => cb(),
    actions: {
      associate: (name: string, fn: (e: { completed(): void }) => void) => associated.set(name, fn),
    },
    AsyncResultStatus: { Succeeded: "succeeded" },
    EventType: { DialogMessageReceived: "message", DialogEventReceived: "event" },
    context: {
      ui: {
        displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
          dialogs.push(url);
          cb({
            status: "succeeded",
            value: {
              addEventHandler: (_t: string, h: () => void) => handlers.push(h),
              close: () => closed.push(url),
            },
          });
        },
      },
    },
  };
  window.history.replaceState(null, "", "/commands.html");
  run("commands", TRIDENT);
  expect([...associated.keys()].sort()).toEqual(["refreshSummary", "validate"]);
  const completed = jest.fn();
  associated.get("validate")?.({ completed });
  expect(dialogs).toHaveLength(1);
  expect(new URL(dialogs[0]).searchParams.get("unsupported")).toBe("1");
  expect(completed).not.toHaveBeenCalled();
  handlers[0](); // the planner pressed Close
  expect(completed).toHaveBeenCalledTimes(1);
  expect(closed).toHaveLength(1);

  // The dialog page itself shows the message and a Close button that tells the command.
  const sent: string[] = [];
  (
    window as unknown as { Office: { context: { ui: { messageParent(m: string): void } } } }
  ).Office.context.ui.messageParent = (m: string) => sent.push(m);
  window.history.replaceState(null, "", "/commands.html?unsupported=1");
  run("commands", TRIDENT);
  const button = message()?.querySelector("button");
  expect(button?.textContent).toBe("Close");
  button?.click();
  expect(sent).toEqual(["close"]);
});

test("webpack inlines this very file into both pages", async () => {
  const make = require(path.join(ROOT, "webpack.config.js")) as (
    env: object,
    argv: object
  ) => Promise<
    Array<{
      name: string;
      plugins: Array<{
        userOptions?: { filename?: string; templateParameters?: () => Record<string, string> };
      }>;
    }>
  >;
  const configs = await make({ WEBPACK_BUILD: true }, { mode: "production" });
  const pages =
    configs
      .find((c) => c.name === "addin")
      ?.plugins.filter((p) => p.userOptions?.filename?.endsWith(".html")) ?? [];
  expect(pages.map((p) => p.userOptions?.filename).sort()).toEqual([
    "commands.html",
    "taskpane.html",
  ]);
  for (const p of pages)
    expect(p.userOptions?.templateParameters?.().unsupportedWebview).toBe(SCRIPT);
});
