/**
 * How much room a cell's text needs when printed, so that owned sheets set column widths and
 * row heights that keep every value whole: spreadsheets do not grow a row to fit text that a
 * program wrote, and a row too short clips the last lines (or Khmer vowels) off the page.
 *
 * Widths are in Excel's column unit (one digit of the default font, 7 px at 96 dpi). The
 * estimates follow the widest font a reader may print with: LibreOffice without Calibri draws
 * DejaVu Sans, about a fifth wider than Calibri, so Excel gets a little air, LibreOffice none to
 * spare. Khmer is drawn in a Khmer font (Khmer UI in Windows, a Khmer OS font elsewhere): its
 * marks above and below take no width but a taller line.
 */

/** Points per line of 11 pt text: Latin, and Khmer (vowels above, subscripts below). */
export const LINE_POINTS = 14.4;
export const KHMER_LINE_POINTS = 21;
/** Row padding (points) besides the lines: one Latin line is Excel's default 15 pt row. */
const PADDING = 0.6;
/** Cell padding (column units) that text cannot use. */
const CELL_PADDING = 0.4;

const KHMER = /[\u1780-\u17ff\u19e0-\u19ff]/;

export function hasKhmer(text: string): boolean {
  return KHMER.test(text);
}

/**
 * Advance widths (em) of DejaVu Sans, regular and bold, for the characters " " to "~": the font
 * LibreOffice draws when Calibri is missing, and wider than Calibri, so a height that holds
 * DejaVu holds Calibri. LibreOffice's column unit is the width of its default font's digit
 * (0.636 em in DejaVu Sans): measured on the built DESPF briefing, 32.8 em of text fit a 52-unit
 * column and 34.2 em did not.
 */
const REGULAR = [
  0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318,
  0.337, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838,
  0.838, 0.838, 0.531, 1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295,
  0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685,
  0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635,
  0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634,
  0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
];
const BOLD = [
  0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.38, 0.415,
  0.38, 0.365, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.4, 0.4,
  0.838, 0.838, 0.838, 0.58, 1.0, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837, 0.372,
  0.372, 0.775, 0.637, 0.995, 0.837, 0.85, 0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774, 1.103,
  0.771, 0.724, 0.725, 0.457, 0.365, 0.457, 0.838, 0.5, 0.5, 0.675, 0.716, 0.593, 0.716, 0.678,
  0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712, 0.687, 0.716, 0.716, 0.493, 0.595,
  0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582, 0.712, 0.365, 0.712, 0.838,
];
const DIGIT_EM = 0.636;

/**
 * Advance widths (em) of Khmer characters as LibreOffice draws them (Khmer OS, measured from its
 * hmtx; Khmer UI is no wider): consonants 0.76 (a few 1.14 or 1.51), vowel signs above and below
 * nothing, the vowels written before or around the consonant 0.38 or 0.76. A consonant after the
 * coeng (U+17D2) is a subscript drawn below the one before it: no width of its own.
 */
function khmerEm(code: number): number {
  if (code <= 0x17a2) {
    if (code === 0x1788 || code === 0x178e) return 1.51;
    if ([0x1783, 0x1789, 0x178d, 0x1799, 0x179b, 0x179f, 0x17a0, 0x17a1].includes(code))
      return 1.14;
    return 0.76;
  }
  if (code <= 0x17b3) return 0.9; // independent vowels
  if (code === 0x17b6 || (code >= 0x17c1 && code <= 0x17c3) || code === 0x17db) return 0.38;
  if (code >= 0x17be && code <= 0x17c0) return 0.76;
  if (code === 0x17c4 || code === 0x17c5) return 0.76;
  if (code === 0x17c7 || code === 0x17c8 || code === 0x17d6) return 0.5;
  if (code >= 0x17d4 && code <= 0x17dc) return code === 0x17d8 ? 2.65 : 0.76;
  if (code >= 0x17e0 && code <= 0x17f9) return 0.76; // digits
  return 0; // signs above and below (U+17B4–17BD, U+17C6, U+17C9–17D3, U+17DD)
}

const COENG = 0x17d2;
const ZERO_WIDTH_SPACE = 0x200b;

/** Width of one character in column units (`after`: the character before it). */
function charWidth(code: number, bold: boolean, after: number): number {
  if (code >= 32 && code < 127) return (bold ? BOLD : REGULAR)[code - 32] / DIGIT_EM;
  if (code >= 0x1780 && code <= 0x17ff) {
    if (after === COENG && code <= 0x17a2) return code === 0x179a ? 0.38 / DIGIT_EM : 0;
    return khmerEm(code) / DIGIT_EM;
  }
  if (code === ZERO_WIDTH_SPACE) return 0;
  return 1;
}

/** Width of the text in column units at 11 pt (`scale`: the font size over 11 pt). */
export function textWidth(text: string, scale = 1, bold = false): number {
  let w = 0;
  let before = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    w += charWidth(code, bold, before);
    before = code;
  }
  return w * scale;
}

/** The pieces a wrapped cell keeps whole: words, split after spaces, "-", "/" and zero-width spaces. */
export function wrapWords(text: string): string[] {
  return text.split(/(?<=[ \-/\u200b])/);
}

/**
 * Khmer is written without spaces between words; a run of it wider than this (column units) is
 * left to wrap at its dictionary words, as LibreOffice and Excel break Khmer, rather than widen
 * its column further.
 */
export const KHMER_RUN_MAX = 13;

/**
 * The narrowest column (units) in which no word of the text is broken (a run of Khmer: up to
 * KHMER_RUN_MAX, see there).
 */
export function widthForWords(text: string, scale = 1, bold = false): number {
  let widest = 0;
  for (const paragraph of text.split(/\r?\n/))
    for (const word of wrapWords(paragraph)) {
      const w = textWidth(word.trimEnd(), scale, bold);
      widest = Math.max(widest, hasKhmer(word) ? Math.min(w, KHMER_RUN_MAX) : w);
    }
  return Math.ceil((widest + CELL_PADDING + 0.25) * 4) / 4;
}

/**
 * Lines a wrapped cell of `width` column units takes: words are kept whole where they fit
 * (spaces, and after "-" or "/"), a word wider than the cell breaks anywhere, as spreadsheets do.
 * `scale` is the font size over 11 pt (bold: a little wider).
 */
export function wrappedLines(text: string, width: number, scale = 1, bold = false): number {
  const room = Math.max(1, width - CELL_PADDING);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    lines += 1;
    let used = 0;
    for (const word of wrapWords(paragraph)) {
      const w = textWidth(word, scale, bold);
      const trimmed = textWidth(word.trimEnd(), scale, bold);
      if (used > 0 && used + trimmed > room) {
        lines += 1;
        used = 0;
      }
      if (trimmed > room) {
        // A word longer than a line fills whole lines.
        const extra = Math.ceil(trimmed / room) - 1;
        lines += extra;
        used = trimmed - extra * room;
      } else used += w;
    }
  }
  return lines;
}

/** Points a row needs for the cells in it that wrap (text and column width each). */
export function rowHeight(
  cells: Array<{ text: string; width: number; scale?: number; bold?: boolean }>,
  minimum = 15
): number {
  let points = minimum;
  for (const c of cells) {
    if (c.text === "") continue;
    const lines = wrappedLines(c.text, c.width, c.scale ?? 1, c.bold ?? false);
    const line = (hasKhmer(c.text) ? KHMER_LINE_POINTS : LINE_POINTS) * (c.scale ?? 1);
    points = Math.max(points, lines * line + PADDING);
  }
  return Math.min(409, Math.ceil(points * 4) / 4);
}

/** The text cut at a word boundary to fit one line of `width` column units, with "…" when cut. */
export function fitText(text: string, width: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  const room = width - CELL_PADDING - 1;
  if (textWidth(t) <= room) return t;
  let n = t.length;
  while (n > 1 && textWidth(t.slice(0, n)) > room) n--;
  return shortText(t, n);
}

/** The text cut at a word boundary to about `max` characters, with "…" when cut. */
export function shortText(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}
