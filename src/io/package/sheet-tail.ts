/**
 * The worksheet elements after `sheetData`, found at their own depth (a `cfRule` may hold an
 * `extLst` of its own) and inserted where the schema's order (CT_Worksheet) puts them.
 */

const ORDER = [
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

export interface Child {
  local: string;
  start: number;
  end: number;
  xml: string;
}

/** The top-level elements of a tail (which starts with `</sheetData>` and ends with the root's end tag). */
export function children(tail: string): Child[] {
  const out: Child[] = [];
  const re = /<(\/?)((?:[\w.-]+:)?([\w.-]+))[^>]*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  let depth = 0;
  let open: { local: string; start: number } | null = null;
  let m: RegExpExecArray | null;
  let first = true;
  while ((m = re.exec(tail)) !== null) {
    if (m[2] === undefined) continue;
    if (first) {
      first = false; // </sheetData>
      continue;
    }
    const closing = m[1] === "/";
    const selfClosing = m[4] === "/";
    if (closing) {
      depth--;
      if (depth === 0 && open) {
        const end = m.index + m[0].length;
        out.push({ local: open.local, start: open.start, end, xml: tail.slice(open.start, end) });
        open = null;
      }
      if (depth < 0) break;
      continue;
    }
    if (depth === 0) {
      if (selfClosing)
        out.push({ local: m[3], start: m.index, end: m.index + m[0].length, xml: m[0] });
      else {
        open = { local: m[3], start: m.index };
        depth++;
      }
    } else if (!selfClosing) depth++;
  }
  return out;
}

/** Where an element named `local` goes: before the first child that the schema puts after it. */
export function insertChild(tail: string, local: string, xml: string): string {
  const rank = ORDER.indexOf(local);
  const next = children(tail).find((c) => ORDER.indexOf(c.local) > rank);
  const at = next ? next.start : tail.lastIndexOf("</");
  return tail.slice(0, at) + xml + tail.slice(at);
}

/** The tail without the children for which `drop` is true. */
export function removeChildren(tail: string, drop: (c: Child) => boolean): string {
  let out = tail;
  for (const c of children(tail).reverse())
    if (drop(c)) out = out.slice(0, c.start) + out.slice(c.end);
  return out;
}

export function replaceChild(tail: string, c: Child, xml: string): string {
  return tail.slice(0, c.start) + xml + tail.slice(c.end);
}
