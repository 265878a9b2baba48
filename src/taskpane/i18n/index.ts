import { createContext, useContext } from "react";
import { en, type Catalogue } from "./en";
import { km } from "./km";

import type { Language } from "../../model/types";
export type { Language };
export type { Catalogue, MessageKey } from "./en";

export function catalogue(language: Language): Catalogue {
  return language === "km" ? km : en;
}

/** Office's display language ("km-KH", "en-US"…) as one of ours, or null when it is neither. */
export function languageFromTag(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  if (base === "km") return "km";
  if (base === "en") return "en";
  return null;
}

/**
 * Fonts that render Khmer: the Khmer fonts first for Khmer, Segoe UI first for English (with the
 * Khmer fonts after it, for the Khmer names inside English text).
 */
const KHMER_FONTS = `"Khmer OS Siemreap", "Noto Sans Khmer", "Noto Serif Khmer", "Khmer OS", "Leelawadee UI"`;
export const FONT_STACK: Readonly<Record<Language, string>> = {
  km: `${KHMER_FONTS}, "Segoe UI", system-ui, sans-serif`,
  en: `"Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", "Noto Sans", Arial, "Liberation Sans", ${KHMER_FONTS}, sans-serif`,
};

export const I18nContext = createContext<{ language: Language; t: Catalogue }>({
  language: "en",
  t: en,
});

export function useI18n(): { language: Language; t: Catalogue } {
  return useContext(I18nContext);
}
