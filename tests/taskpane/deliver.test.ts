/**
 * @jest-environment jsdom
 *
 * Getting an export to the planner where `<a download>` works, and where it does nothing (Excel
 * on Mac and iPad, WKWebView): each outcome says what really happened, and "downloaded" is the
 * only one that claims a file was saved.
 */
import { deliver, type DeliveryMeans } from "../../src/taskpane/lib/deliver";
import { XLSX_MIME } from "../../src/taskpane/lib/download";
import { detectOffice, downloadsWork, officePlatform } from "../../src/taskpane/lib/office";
import { TextDecoder, TextEncoder } from "node:util";

beforeAll(() => {
  // jsdom lacks them; every webview the pane runs in has them.
  const g = globalThis as { TextDecoder?: unknown; TextEncoder?: unknown };
  g.TextDecoder ??= TextDecoder;
  g.TextEncoder ??= TextEncoder;
});

const XLSX = Uint8Array.of(0x50, 0x4b, 0x03, 0x04);

function means(over: Partial<DeliveryMeans> = {}): DeliveryMeans & { downloads: string[] } {
  const downloads: string[] = [];
  return { canDownload: true, download: (_c, name) => downloads.push(name), downloads, ...over };
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
  delete (window as { __officeJs?: unknown }).__officeJs;
  document.getElementById("office-js")?.remove();
});

test("where downloads work, every format downloads", async () => {
  const m = means();
  expect(await deliver({ name: "a.csv", mime: "text/csv", content: "No.\n1\n" }, m)).toEqual({
    how: "downloaded",
    name: "a.csv",
  });
  expect(await deliver({ name: "a.xlsx", mime: XLSX_MIME, content: XLSX }, m)).toEqual({
    how: "downloaded",
    name: "a.xlsx",
  });
  expect(m.downloads).toEqual(["a.csv", "a.xlsx"]);
});

test("no downloads: CSV/JSON go to the clipboard, or are shown to copy when the clipboard refuses", async () => {
  const copied: string[] = [];
  const m = means({ canDownload: false, copyText: async (t) => void copied.push(t) });
  expect(
    await deliver({ name: "a.json", mime: "application/json", content: '{"tables":{}}' }, m)
  ).toEqual({ how: "copied", name: "a.json" });
  expect(copied).toEqual(['{"tables":{}}']);
  const refusing = means({
    canDownload: false,
    copyText: () => Promise.reject(new DOMException("Document is not focused", "NotAllowedError")),
  });
  expect(await deliver({ name: "a.csv", mime: "text/csv", content: "No.\n1\n" }, refusing)).toEqual(
    { how: "toCopy", name: "a.csv", text: "No.\n1\n" }
  );
  expect(
    await deliver({ name: "a.csv", mime: "text/csv", content: "x" }, means({ canDownload: false }))
  ).toEqual({ how: "toCopy", name: "a.csv", text: "x" });
  // CSV as written for Excel: UTF-8 with a BOM; pasted text goes without the BOM, Khmer intact.
  const bytes = new Uint8Array([
    0xef,
    0xbb,
    0xbf,
    ...new TextEncoder().encode("Committee\nគណៈកម្មាធិការ\n"),
  ]);
  expect(
    await deliver(
      { name: "k.csv", mime: "text/csv;charset=utf-8", content: bytes },
      means({ canDownload: false })
    )
  ).toEqual({ how: "toCopy", name: "k.csv", text: "Committee\nគណៈកម្មាធិការ\n" });
  expect(m.downloads).toEqual([]);
});

test("no downloads: an .xlsx opens as a new Excel workbook, else the planner opens in the browser, else a clear error", async () => {
  const opened: Uint8Array[] = [];
  expect(
    await deliver(
      { name: "a.xlsx", mime: XLSX_MIME, content: XLSX },
      means({ canDownload: false, openCopy: async (b) => void opened.push(b) })
    )
  ).toEqual({ how: "opened", name: "a.xlsx" });
  expect(opened).toEqual([XLSX]);
  expect(
    await deliver(
      { name: "a.xlsx", mime: XLSX_MIME, content: XLSX },
      means({ canDownload: false, openPlannerInBrowser: () => true })
    )
  ).toEqual({ how: "browser", name: "a.xlsx" });
  await expect(
    deliver(
      { name: "a.xlsx", mime: XLSX_MIME, content: XLSX },
      means({ canDownload: false, openPlannerInBrowser: () => false })
    )
  ).rejects.toThrow("cannot save a.xlsx");
});

test("the platform comes from Office.context.diagnostics; Mac and iPad cannot download", () => {
  expect(officePlatform()).toBeNull();
  expect(downloadsWork()).toBe(true);
  const PlatformType = {
    PC: "PC",
    OfficeOnline: "OfficeOnline",
    Mac: "Mac",
    iOS: "iOS",
    Android: "Android",
    Universal: "Universal",
  };
  const expected: Record<string, [string, boolean]> = {
    PC: ["windows", true],
    OfficeOnline: ["web", true],
    Mac: ["mac", false],
    iOS: ["ios", false],
    Android: ["android", true],
  };
  for (const [p, [name, works]] of Object.entries(expected)) {
    (globalThis as { Office?: unknown }).Office = {
      PlatformType,
      context: { diagnostics: { platform: p } },
    };
    expect([officePlatform(), downloadsWork()]).toEqual([name, works]);
  }
});

describe("waiting for Office", () => {
  function loadingScript(): HTMLScriptElement {
    (window as { __officeJs?: string }).__officeJs = "loading";
    const s = document.createElement("script");
    s.id = "office-js";
    document.head.appendChild(s);
    return s;
  }

  test("a slow office.js is reported as slow, not as 'no Excel'; the pane connects when it arrives", async () => {
    const script = loadingScript();
    const slow = jest.fn();
    const found = detectOffice({ slowMs: 20, onSlow: slow });
    await new Promise((r) => setTimeout(r, 80));
    expect(slow).toHaveBeenCalledTimes(1);
    (globalThis as { Office?: unknown }).Office = {
      HostType: { Excel: "Excel" },
      context: { displayLanguage: "km-KH" },
      onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }),
    };
    script.dispatchEvent(new Event("load"));
    await expect(found).resolves.toEqual({ inExcel: true, displayLanguage: "km-KH" });
  });

  test("office.js that fails to load, or Office that answers for no host, means file mode", async () => {
    const script = loadingScript();
    const slow = jest.fn();
    const failed = detectOffice({ slowMs: 1000, onSlow: slow });
    script.dispatchEvent(new Event("error"));
    await expect(failed).resolves.toEqual({ inExcel: false, displayLanguage: null });
    expect(slow).not.toHaveBeenCalled();
    (globalThis as { Office?: unknown }).Office = {
      HostType: { Excel: "Excel" },
      onReady: () => Promise.resolve({ host: null, platform: null }),
    };
    await expect(detectOffice()).resolves.toEqual({ inExcel: false, displayLanguage: null });
  });
});
