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

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** True when office.js has not settled yet, so the pane may still find itself inside Excel. */
export function officeMayLoad(): boolean {
  if (typeof window === "undefined") return false;
  if (typeof Office !== "undefined") return true;
  return window.__officeJs === "loading";
}

function scriptSettled(timeoutMs: number): Promise<boolean> {
  if (typeof Office !== "undefined") return Promise.resolve(true);
  if (typeof window === "undefined" || window.__officeJs !== "loading") return Promise.resolve(false);
  const script = document.getElementById("office-js");
  if (!script) return Promise.resolve(false);
  return Promise.race([
    new Promise<boolean>((resolve) => {
      script.addEventListener("load", () => resolve(typeof Office !== "undefined"), { once: true });
      script.addEventListener("error", () => resolve(false), { once: true });
    }),
    delay(timeoutMs, false),
  ]);
}

/** Resolves once we know: inside Excel (Office.onReady said so) or not. Never rejects. */
export async function detectOffice(timeoutMs = 6000): Promise<OfficeInfo> {
  try {
    const loaded = await scriptSettled(timeoutMs);
    if (!loaded || typeof Office === "undefined") return NOT_EXCEL;
    const info = await Promise.race([Office.onReady(), delay(timeoutMs, null)]);
    if (!info) return NOT_EXCEL;
    const inExcel = info.host === Office.HostType.Excel;
    let displayLanguage: string | null = null;
    try {
      displayLanguage = inExcel && Office.context ? (Office.context.displayLanguage ?? null) : null;
    } catch {
      displayLanguage = null;
    }
    return { inExcel, displayLanguage };
  } catch {
    return NOT_EXCEL;
  }
}
