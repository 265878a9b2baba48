/**
 * Owned sheets (Summary, Briefing, Validation…) written into the planner's package straight
 * from their plans: the worksheet part (owned-sheet-xml.ts), its charts' drawing and chart
 * parts, its print names and the owned marker. A replaced sheet keeps its part, tab position
 * and sheetId; what hung off it goes. Sheets with tables or protection are not written here
 * (canWriteOwned): those still go through an ExcelJS scratch workbook (transplant.ts).
 */
import { relativeTarget, relsPartOf } from "../read/package";
import { escapeXml } from "../read/xml";
import { rangeA1 } from "../../plan/a1";
import { OWNED_MARKER, ownedMarkerFormula } from "../../plan/owned-sheets";
import type { PlanSheet } from "../../plan/types";
import { anchorXml, chartPart, drawingPart, withAnchors } from "../xlsx-charts";
import { ownedSheetXml } from "./owned-sheet-xml";
import { OwnedStyles } from "./owned-styles";
import type { BookState } from "./state";
import { CT, dropDependents, freeRid, PKG_REL, REL, setScopedNames } from "./transplant";
import { indexWorkbook } from "./workbook-index";

/** An owned sheet this writer renders whole (everything an owned plan holds today). */
export function canWriteOwned(sheet: PlanSheet): boolean {
  return sheet.owned && sheet.tables.length === 0 && !sheet.protection;
}

const rels = (items: string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${items.join("")}</Relationships>`;

/** Writes the charts' drawing and chart parts; the drawing's part name. */
async function writeCharts(state: BookState, sheet: PlanSheet): Promise<string | null> {
  const charts = sheet.charts.filter((c) => c.series.length > 0);
  if (charts.length === 0) return null;
  const parts = state.parts;
  const drawing = parts.freeName("xl/drawings/drawing", ".xml");
  const anchors: string[] = [];
  const chartRels: string[] = [];
  for (const [i, chart] of charts.entries()) {
    const path = parts.freeName("xl/charts/chart", ".xml");
    parts.set(path, chartPart(chart));
    await parts.setContentType(path, CT.chart);
    const rid = `rId${i + 1}`;
    chartRels.push(
      `<Relationship Id="${rid}" Type="${REL}/chart" Target="${escapeXml(relativeTarget(drawing, path))}"/>`
    );
    anchors.push(anchorXml(chart, rid, i + 2));
  }
  parts.set(drawing, withAnchors(drawingPart(), anchors));
  parts.set(relsPartOf(drawing), rels(chartRels));
  await parts.setContentType(drawing, CT.drawing);
  return drawing;
}

/** Print area and titles, and the marker: the names scoped to an owned sheet. */
function sheetNames(sheet: PlanSheet, name: string): Array<{ name: string; formula: string }> {
  const quoted = ownedMarkerFormula(name).split("!")[0];
  const out: Array<{ name: string; formula: string }> = [];
  const p = sheet.print;
  if (p) {
    out.push({
      name: "_xlnm.Print_Area",
      formula: `${quoted}!${rangeA1(p.area.from, p.area.to, true)}`,
    });
    if (p.repeatRows)
      out.push({
        name: "_xlnm.Print_Titles",
        formula: `${quoted}!$${p.repeatRows.from + 1}:$${p.repeatRows.to + 1}`,
      });
  }
  out.push({ name: OWNED_MARKER, formula: ownedMarkerFormula(name) });
  return out;
}

/** Writes the owned sheets, each over the sheet of its name if there is one, else as a new last sheet. */
export async function writeOwnedSheets(state: BookState, sheets: PlanSheet[]): Promise<void> {
  const parts = state.parts;
  const wbPath = state.index.workbookPath;
  let wbXml = await parts.requireText(wbPath);
  let wbRels = (await parts.text(relsPartOf(wbPath))) ?? rels([]);
  const styles = new OwnedStyles(state.styles);
  let sheetCount = state.index.sheets.length;
  let maxSheetId = Math.max(0, ...state.index.sheets.map((s) => s.sheetId));
  for (const sheet of sheets) {
    const replace = state.index.sheets.find(
      (s) => s.path && s.name.toLowerCase() === sheet.name.toLowerCase()
    );
    const name = replace?.name ?? sheet.name;
    let path: string;
    let localId: number;
    if (replace) {
      path = replace.path;
      localId = replace.index;
      await dropDependents(parts, path);
    } else {
      path = parts.freeName("xl/worksheets/sheet", ".xml");
      localId = sheetCount++;
      const rid = freeRid(wbRels);
      wbRels = wbRels.replace(
        /<\/Relationships>\s*$/,
        () =>
          `<Relationship Id="${rid}" Type="${REL}/worksheet" Target="${escapeXml(relativeTarget(wbPath, path))}"/></Relationships>`
      );
      const entry = `<sheet name="${escapeXml(name)}" sheetId="${++maxSheetId}" r:id="${rid}"/>`;
      wbXml = wbXml.replace(/<\/((?:\w+:)?)sheets>/, (_m, p: string) => `${entry}</${p}sheets>`);
      if (!/xmlns:r=/.test(/<(?:\w+:)?workbook\b[^>]*>/.exec(wbXml)?.[0] ?? ""))
        wbXml = wbXml.replace(/<((?:\w+:)?)workbook\b/, `<$1workbook xmlns:r="${REL}"`);
      await parts.setContentType(path, CT.worksheet);
    }
    const drawing = await writeCharts(state, sheet);
    state.forgetSheet(path);
    parts.setXmlBytes(
      path,
      ownedSheetXml(sheet, styles, drawing ? "rId1" : null, state.values.date1904)
    );
    if (drawing)
      parts.set(
        relsPartOf(path),
        rels([
          `<Relationship Id="rId1" Type="${REL}/drawing" Target="${escapeXml(relativeTarget(path, drawing))}"/>`,
        ])
      );
    else parts.remove(relsPartOf(path));
    wbXml = setScopedNames(wbXml, localId, sheetNames(sheet, name));
  }
  wbXml = wbXml.replace(
    /<((?:\w+:)?)calcPr\b([^>]*?)(\/?)>/,
    (_whole, p: string, attrs: string, close: string) =>
      `<${p}calcPr${attrs.replace(/\sfullCalcOnLoad="[^"]*"/, "")} fullCalcOnLoad="1"${close}>`
  );
  parts.set(wbPath, wbXml);
  parts.set(relsPartOf(wbPath), wbRels);
  state.index = await indexWorkbook(parts);
}
