/**
 * Formula text both hosts write: text constants (Excel's 255-character limit), links to a
 * workbook cell. Without the leading "=" (ExcelJS takes formulas without it; the Office host
 * adds it).
 */

/** Excel refuses a formula with a text constant longer than 255 characters. */
export const MAX_FORMULA_TEXT = 255;

/**
 * A text constant for a formula: `"…"`, or `"…"&"…"` in pieces of at most 255 characters
 * (a finding's message can be longer; Excel refuses the formula otherwise).
 */
export function formulaString(text: string): string {
  const parts: string[] = [];
  let i = 0;
  do {
    let end = Math.min(text.length, i + MAX_FORMULA_TEXT);
    // Do not split a surrogate pair.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(`"${text.slice(i, end).replace(/"/g, '""')}"`);
    i = end;
  } while (i < text.length);
  return parts.join("&");
}

/** HYPERLINK to a place in the workbook ("Measures!A4"), showing `text`. */
export function hyperlinkFormula(link: string, text: string): string {
  return `HYPERLINK(${formulaString(`#${link}`)},${formulaString(text)})`;
}
