/**
 * The owned "Briefing" sheet: one print-ready block per committee — a title row (the
 * committee's name, the As of year), a header row, then the measures it leads or co-leads
 * (committees resolved by code, name or alias). Static values: a briefing is a snapshot.
 */
import type { Framework, Measure } from "../model/types";
import { committeeDims, committeeKeyResolver } from "../summary/dimensions";
import { measureCommitteeCodes } from "../model/committees";
import { label, localName, statusLabel, type Language } from "./labels";
import type { PlanCell, PlanSheet } from "./types";

export const BRIEFING_SHEET = "Briefing";

/** No., Measure, Timeframe, Start, End, Status, Progress %, Lead institution. */
export const BRIEFING_WIDTHS = [8, 70, 24, 8, 8, 16, 12, 40];
const COLS = BRIEFING_WIDTHS.length;

/** The committees' blocks: each committee's measures (lead or co-lead), then those naming none. */
export function briefingBlocks(framework: Framework): Array<{ code: string | null; name: string; nameKm: string; measures: Measure[] }> {
  const codeOf = committeeKeyResolver(framework.committees);
  const blocks: Array<{ code: string | null; name: string; nameKm: string; measures: Measure[] }> = committeeDims(framework).map((c) => ({
    code: c.code,
    name: c.name || c.code,
    nameKm: c.nameKm,
    measures: [],
  }));
  // Each block's measures in framework order: one pass, each measure into the blocks of the
  // codes it names (lower-cased, as resolved), or into "none".
  const blockOf = new Map<string, Measure[]>();
  for (const b of blocks) if (b.code !== null && !blockOf.has(b.code.toLowerCase())) blockOf.set(b.code.toLowerCase(), b.measures);
  const none: Measure[] = [];
  for (const m of framework.measures) {
    const codes = measureCommitteeCodes(m.leadCommittee, m.otherCommittees, codeOf);
    if (codes.length === 0) none.push(m);
    else for (const code of codes) blockOf.get(code)?.push(m);
  }
  if (none.length > 0) blocks.push({ code: null, name: "", nameKm: "", measures: none });
  return blocks;
}

/** Points for a wrapped cell: spreadsheets do not grow a row to fit text that a program wrote. */
export function wrappedHeight(text: string, widthChars: number): number {
  const lines = Math.max(1, Math.ceil((text.length * 1.1) / Math.max(1, widthChars - 2)));
  return Math.min(409, 15 * lines);
}

export function briefingSheet(framework: Framework, language: Language): PlanSheet {
  const L = (k: Parameters<typeof label>[1], p?: Record<string, string | number>) => label(language, k, p);
  const cells: PlanCell[] = [];
  const put = (row: number, col: number, value: PlanCell["value"], style?: PlanCell["style"], numberFormat?: string) => {
    // One literal per shape (the same keys, in the same order, as adding them one by one).
    cells.push(
      style
        ? numberFormat
          ? { row, col, value, style, numberFormat }
          : { row, col, value, style }
        : numberFormat
          ? { row, col, value, numberFormat }
          : { row, col, value },
    );
  };
  const headers = [L("no"), L("measure"), L("timeframe"), L("start"), L("end"), L("status"), L("progress"), L("leadInstitution")];
  const asOf = framework.settings.asOfYear;

  // A status's label and style, once per spelling.
  const statuses = new Map<string, [string, PlanCell["style"]]>();
  const statusCell = (status: string): [string, PlanCell["style"]] => {
    let cell = statuses.get(status);
    if (!cell) {
      const s = status.trim().toLowerCase();
      cell = [statusLabel(language, status), s === "at risk" || s === "delayed" ? "warning" : undefined];
      statuses.set(status, cell);
    }
    return cell;
  };

  const rowHeights: Record<number, number> = {};
  let r = 0;
  const blocks = briefingBlocks(framework);
  if (blocks.length === 0) {
    put(0, 0, L("noMeasures"), "note");
    r = 2;
  }
  for (const b of blocks) {
    const name = b.code === null ? L("noCommittee") : localName(language, b.name, b.nameKm);
    put(r, 0, L("briefingTitle", { committee: name }), "title");
    put(r, COLS - 1, L("briefingAsOf", { year: asOf }), "subtitle");
    headers.forEach((h, i) => put(r + 1, i, h, "header"));
    r += 2;
    if (b.measures.length === 0) put(r++, 1, L("noMeasures"), "note");
    for (const m of b.measures) {
      put(r, 0, m.no);
      put(r, 1, m.measure, "wrap");
      rowHeights[r] = wrappedHeight(m.measure, BRIEFING_WIDTHS[1]);
      put(r, 2, m.timeframe);
      put(r, 3, m.startYear, undefined, "0");
      put(r, 4, m.endYear, undefined, "0");
      const status = statusCell(m.status);
      put(r, 5, status[0], status[1]);
      put(r, 6, m.progress, undefined, "0");
      put(r, 7, m.institutions[0] ?? "");
      r += 1;
    }
    r += 1; // a blank row between blocks
  }
  const lastRow = Math.max(1, r - 2);

  return {
    name: BRIEFING_SHEET,
    owned: true,
    cells,
    tables: [],
    charts: [],
    columnWidths: [...BRIEFING_WIDTHS],
    rowHeights,
    print: {
      area: { from: { row: 0, col: 0 }, to: { row: lastRow, col: COLS - 1 } },
      landscape: true,
      fitToWidth: true,
      repeatRows: { from: 0, to: 1 },
    },
  };
}
