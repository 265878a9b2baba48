/**
 * Khmer timeframe words as the English names the built-in frameworks use:
 * រយៈពេលខ្លី → "Short-term", រយៈពេលមធ្យមទៅវែង → "Medium- to Long-term",
 * រយៈពេលខ្លីដល់វែង (អនុវត្តជាប្រចាំ) → "Short- to Long-term (Regularly implemented)".
 * Spaces, zero-width spaces and the common spelling រយះពេល are tolerated.
 */
const SPAN: Record<string, string> = { ខ្លី: "Short", មធ្យម: "Medium", វែង: "Long" };

const WORDS = /^(?:រយ[ៈះ]ពេល)?(ខ្លី|មធ្យម|វែង)(?:(?:ទៅ|ដល់|និង|-|–)(?:រយ[ៈះ]ពេល)?(ខ្លី|មធ្យម|វែង))?(.*)$/u;

/** The English timeframe name a Khmer timeframe text stands for, or null. */
export function englishTimeframe(text: string): string | null {
  const compact = text.normalize("NFC").replace(/[\s\u200b\u00a0]+/g, "");
  const m = WORDS.exec(compact);
  if (!m) return null;
  const [, from, to, rest] = m;
  const remark = rest.replace(/[()[\]]/g, "");
  if (remark !== "" && !/ប្រចាំ/.test(remark)) return null;
  const name = to && to !== from ? `${SPAN[from]}- to ${SPAN[to]}-term` : `${SPAN[from]}-term`;
  return remark ? `${name} (Regularly implemented)` : name;
}
