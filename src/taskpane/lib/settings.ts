import type { Language } from "../i18n";

/** What the pane remembers per user (localStorage, per browser profile / Office webview). */
export interface StoredSettings {
  language?: Language;
  asOfYear?: number;
  /** Excel only: re-check as the planner types (on unless switched off). */
  checkAsYouType?: boolean;
}

export const SETTINGS_KEY = "policy-planner.settings.v1";

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

export function isValidYear(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR;
}

function storage(): Storage | null {
  try {
    return typeof localStorage !== "undefined" ? localStorage : null;
  } catch {
    // Storage can throw on access when the webview blocks it (privacy settings): remember nothing.
    return null;
  }
}

export function loadSettings(): StoredSettings {
  const raw = storage()?.getItem(SETTINGS_KEY);
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== "object") return {};
    const p = parsed as Record<string, unknown>;
    const out: StoredSettings = {};
    if (p.language === "en" || p.language === "km") out.language = p.language;
    if (isValidYear(p.asOfYear)) out.asOfYear = p.asOfYear;
    if (typeof p.checkAsYouType === "boolean") out.checkAsYouType = p.checkAsYouType;
    return out;
  } catch {
    return {};
  }
}

export function saveSettings(settings: StoredSettings): void {
  try {
    storage()?.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Quota or privacy mode: the setting holds for this session only.
  }
}
