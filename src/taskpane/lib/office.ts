/**
 * Where the pane runs. office.js is loaded async by taskpane.html (it may never load: no
 * network, or a plain browser); the page records its fate in window.__officeJs. Nothing here
 * blocks the first render.
 */
export interface OfficeInfo {
  inExcel: boolean;
  displayLanguage: string | null;
}

declare global {
  interface Window {
    /** Set by taskpane.html's office.js <script> onload / onerror. */
    __officeJs?: "loading" | "loaded" | "failed";
  }
}

const NOT_EXCEL: OfficeInfo = { inExcel: false, displayLanguage: null };

/** True when office.js has not settled yet, so the pane may still find itself inside Excel. */
export function officeMayLoad(): boolean {
  if (typeof window === "undefined") return false;
  if (typeof Office !== "undefined") return true;
  return window.__officeJs === "loading";
}

/** Resolves when office.js has loaded (true) or failed to (false); waits as long as the page does. */
function scriptSettled(): Promise<boolean> {
  if (typeof Office !== "undefined") return Promise.resolve(true);
  if (typeof window === "undefined" || window.__officeJs !== "loading")
    return Promise.resolve(false);
  const script = document.getElementById("office-js");
  if (!script) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    script.addEventListener("load", () => resolve(typeof Office !== "undefined"), { once: true });
    script.addEventListener("error", () => resolve(false), { once: true });
  });
}

export interface DetectOptions {
  /** Called once if Office has not answered after `slowMs` (a cold start on a slow link). */
  onSlow?: () => void;
  slowMs?: number;
}

/**
 * Resolves once we know: inside Excel (Office.onReady said so) or not (office.js failed to load,
 * or Office.onReady answered for no host, as in a plain browser). A slow Office is not "not
 * Excel": this keeps waiting and calls `onSlow`, so the pane can offer to work on a file instead
 * rather than switching to file mode behind the planner's back. Never rejects.
 */
export async function detectOffice(options: DetectOptions = {}): Promise<OfficeInfo> {
  const timer = setTimeout(() => options.onSlow?.(), options.slowMs ?? 6000);
  try {
    const loaded = await scriptSettled();
    if (!loaded || typeof Office === "undefined") return NOT_EXCEL;
    const info = await Office.onReady();
    const inExcel = info?.host === Office.HostType.Excel;
    let displayLanguage: string | null = null;
    try {
      displayLanguage = inExcel && Office.context ? (Office.context.displayLanguage ?? null) : null;
    } catch {
      displayLanguage = null;
    }
    return { inExcel, displayLanguage };
  } catch {
    return NOT_EXCEL;
  } finally {
    clearTimeout(timer);
  }
}

/** Where Office runs the pane (Office.context.diagnostics.platform); null outside Office. */
export type OfficePlatform = "web" | "windows" | "mac" | "ios" | "android" | "other";

export function officePlatform(): OfficePlatform | null {
  if (typeof Office === "undefined") return null;
  try {
    const p = Office.context?.diagnostics?.platform;
    if (!p) return null;
    switch (p) {
      case Office.PlatformType.OfficeOnline:
        return "web";
      case Office.PlatformType.PC:
        return "windows";
      case Office.PlatformType.Mac:
        return "mac";
      case Office.PlatformType.iOS:
        return "ios";
      case Office.PlatformType.Android:
        return "android";
      default:
        return "other";
    }
  } catch {
    return null;
  }
}

/**
 * Whether `<a download>` saves anything here. Excel on Mac and iPad host the pane (and its
 * dialogs) in WKWebView, which ignores it without an error (office-js #2700 "by design",
 * #3385, #4681), and openBrowserWindow takes no blob: URLs.
 */
export function downloadsWork(platform: OfficePlatform | null = officePlatform()): boolean {
  return platform !== "mac" && platform !== "ios";
}

/** Opens `url` in the planner's browser, outside Office (OpenBrowserWindowApi 1.1); false where Office cannot. */
export function openInBrowser(url: string): boolean {
  if (typeof Office === "undefined") return false;
  try {
    if (!Office.context?.requirements?.isSetSupported("OpenBrowserWindowApi", "1.1")) return false;
    Office.context.ui.openBrowserWindow(url);
    return true;
  } catch {
    return false;
  }
}
