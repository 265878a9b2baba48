/**
 * A4 page geometry of the owned sheets, so that the plans can place page breaks where a block
 * would otherwise be split or its heading stranded at the foot of a page.
 */

/** Margins in inches (the hosts set them): narrow enough for a cover page on one sheet. */
export const MARGINS = {
  top: 0.6,
  bottom: 0.6,
  left: 0.5,
  right: 0.5,
  header: 0.3,
  footer: 0.3,
} as const;

const A4 = { width: 595, height: 842 }; // points

/** Printable width and height in points. */
export function printable(landscape: boolean): { width: number; height: number } {
  const w = landscape ? A4.height : A4.width;
  const h = landscape ? A4.width : A4.height;
  return {
    width: w - (MARGINS.left + MARGINS.right) * 72,
    height: h - (MARGINS.top + MARGINS.bottom) * 72,
  };
}

/** Column widths (Excel units) in points: 7 px a unit plus 5 px padding, at 96 dpi. */
export function widthPoints(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + (w * 7 + 5) * 0.75, 0);
}

/** The zoom "fit to one page wide" gives (at most 1). */
export function fitScale(widths: readonly number[], landscape: boolean): number {
  return Math.min(1, printable(landscape).width / widthPoints(widths));
}

/** Height in points of rows [from, to], each its set height or 15. */
export function rowsHeight(heights: Record<number, number>, from: number, to: number): number {
  let h = 0;
  for (let r = from; r <= to; r++) h += heights[r] ?? 15;
  return h;
}

/**
 * Rows that start a new page so that no group (a block with its heading, a chart) is split,
 * given the first row of the first page to fill and where each group starts and ends. A group
 * taller than a page starts a page and runs over.
 */
export function pageBreaks(
  groups: Array<{ from: number; to: number }>,
  heights: Record<number, number>,
  pageHeight: number,
  firstRow: number
): number[] {
  const breaks: number[] = [];
  let pageTop = firstRow;
  for (const g of groups) {
    const used = rowsHeight(heights, pageTop, g.from - 1);
    const need = rowsHeight(heights, g.from, g.to);
    if (g.from > pageTop && used + need > pageHeight) {
      breaks.push(g.from);
      pageTop = g.from;
    }
    // A group longer than a page: the next group is measured from the page its end is on.
    while (rowsHeight(heights, pageTop, g.to) > pageHeight) {
      let r = pageTop;
      let h = 0;
      while (r <= g.to && h + (heights[r] ?? 15) <= pageHeight) h += heights[r++] ?? 15;
      pageTop = Math.max(r, pageTop + 1);
    }
  }
  return breaks;
}
