/**
 * Native Excel charts for a package ExcelJS wrote (ExcelJS cannot write charts).
 *
 * For each sheet that gets charts: one `xl/charts/chartN.xml` per chart, the sheet's drawing
 * (a new `xl/drawings/drawingN.xml`, or the one ExcelJS already wrote for images) with one
 * `xdr:twoCellAnchor` per chart, the relationships between them, the `<drawing r:id>` element in
 * the sheet and the content types.
 *
 * Decisions: a chart with no series is skipped (nothing could ever be drawn); a chart with no
 * categories is written with empty caches (its ranges still fill in when Excel recalculates).
 * A pie draws its first series only, as Excel does. `anchor.to` is the bottom-right cell,
 * inclusive, as in Office.js `chart.setPosition(start, end)`.
 */
import JSZip from "jszip";
import { refA1 } from "../plan/a1";
import type { ChartType, PlanChart } from "../plan/types";
import { KHMER_FONT } from "./xlsx-styles";
import {
  NS,
  addRelationship,
  attributes,
  escapeXml,
  relationships,
  scanElements,
} from "./xlsx-charts-xml";
import { relativeTarget, relsPathOf, resolveTarget } from "./xlsx-charts-xml";

export interface SheetChart {
  sheet: string;
  chart: PlanChart;
}

const REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const EMPTY_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}"></Relationships>`;
/** Worksheet children that CT_Worksheet places after <drawing>. */
const AFTER_DRAWING = new Set([
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
]);
const [CAT_AX, VAL_AX] = [500000001, 500000002];

export async function addCharts(
  xlsx: Uint8Array,
  charts: SheetChart[],
  stored = false
): Promise<Uint8Array> {
  const todo = charts.filter((c) => c.chart.series.length > 0);
  if (todo.length === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const sheetPaths = await sheetPartsByName(zip);
  const bySheet = new Map<string, PlanChart[]>();
  for (const { sheet, chart } of todo) bySheet.set(sheet, [...(bySheet.get(sheet) ?? []), chart]);

  let chartNo = nextPartNumber(zip, "xl/charts/chart");
  let drawingNo = nextPartNumber(zip, "xl/drawings/drawing");
  const newParts: Array<[string, string]> = [];
  for (const [sheet, list] of bySheet) {
    const sheetPath = sheetPaths.get(sheet);
    if (!sheetPath)
      throw new Error(
        `addCharts: no sheet named "${sheet}" (have: ${[...sheetPaths.keys()].join(", ")})`
      );
    let sheetXml = await read(zip, sheetPath);
    let sheetRels = (await read(zip, relsPathOf(sheetPath), true)) || EMPTY_RELS;

    let drawingPath = existingDrawing(sheetXml, sheetRels, sheetPath);
    let drawingXml: string;
    if (drawingPath) {
      drawingXml = await read(zip, drawingPath);
    } else {
      drawingPath = `xl/drawings/drawing${drawingNo++}.xml`;
      drawingXml = drawingPart();
      newParts.push([drawingPath, CT_DRAWING]);
      const added = addRelationship(
        sheetRels,
        REL_TYPE + "drawing",
        relativeTarget(sheetPath, drawingPath)
      );
      sheetRels = added.xml;
      sheetXml = withDrawingElement(sheetXml, added.id);
    }
    let drawingRels = (await read(zip, relsPathOf(drawingPath), true)) || EMPTY_RELS;
    let shapeId = maxShapeId(drawingXml);
    const anchors: string[] = [];
    for (const chart of list) {
      const chartPath = `xl/charts/chart${chartNo++}.xml`;
      zip.file(chartPath, chartPart(chart));
      newParts.push([chartPath, CT_CHART]);
      const added = addRelationship(
        drawingRels,
        REL_TYPE + "chart",
        relativeTarget(drawingPath, chartPath)
      );
      drawingRels = added.xml;
      anchors.push(anchorXml(chart, added.id, ++shapeId));
    }
    zip.file(drawingPath, withAnchors(drawingXml, anchors));
    zip.file(relsPathOf(drawingPath), drawingRels);
    zip.file(sheetPath, sheetXml);
    zip.file(relsPathOf(sheetPath), sheetRels);
  }
  zip.file("[Content_Types].xml", withOverrides(await read(zip, "[Content_Types].xml"), newParts));
  return zip.generateAsync({ type: "uint8array", compression: stored ? "STORE" : "DEFLATE" });
}

async function read(zip: JSZip, path: string, optional = false): Promise<string> {
  const file = zip.file(path);
  if (file) return file.async("string");
  if (optional) return "";
  throw new Error(`addCharts: the package has no part ${path}`);
}

/** Sheet name → worksheet part path, from the workbook and its relationships. */
async function sheetPartsByName(zip: JSZip): Promise<Map<string, string>> {
  const rootRels = relationships(await read(zip, "_rels/.rels", true));
  const office = rootRels.find((r) => r.type.endsWith("/officeDocument"));
  const workbookPath = office ? resolveTarget("", office.target) : "xl/workbook.xml";
  const rels = relationships(await read(zip, relsPathOf(workbookPath), true));
  const result = new Map<string, string>();
  for (const el of scanElements(await read(zip, workbookPath))) {
    if (el.local !== "sheet" || el.closing) continue;
    const attrs = attributes(el.tag);
    const rId = [...attrs].find(([k]) => k.endsWith(":id"))?.[1];
    const rel = rels.find((r) => r.id === rId);
    const name = attrs.get("name");
    if (rel && name !== undefined) result.set(name, resolveTarget(workbookPath, rel.target));
  }
  return result;
}

function nextPartNumber(zip: JSZip, prefix: string): number {
  let max = 0;
  zip.forEach((path) => {
    const m = path.startsWith(prefix) ? /^(\d+)\.xml$/.exec(path.slice(prefix.length)) : null;
    if (m) max = Math.max(max, Number(m[1]));
  });
  return max + 1;
}

/** The drawing part a sheet already references through its <drawing r:id>, if any. */
function existingDrawing(
  sheetXml: string,
  sheetRels: string,
  sheetPath: string
): string | undefined {
  const el = scanElements(sheetXml).find(
    (e) => e.depth === 1 && e.local === "drawing" && !e.closing
  );
  if (!el) return undefined;
  const rId = [...attributes(el.tag)].find(([k]) => k.endsWith(":id"))?.[1];
  const rel = relationships(sheetRels).find((r) => r.id === rId);
  if (!rel)
    throw new Error(`addCharts: ${sheetPath} has a <drawing> whose relationship is missing`);
  return resolveTarget(sheetPath, rel.target);
}

/** Inserts <drawing r:id> where CT_Worksheet wants it, declaring the r namespace if needed. */
function withDrawingElement(sheetXml: string, rId: string): string {
  const elements = scanElements(sheetXml);
  const root = elements[0];
  const prefix = root.name.slice(0, root.name.length - root.local.length);
  const rBinding = attributes(root.tag).get("xmlns:r");
  const local = rBinding === undefined || rBinding === NS.r ? "" : ` xmlns:r="${NS.r}"`;
  const element = `<${prefix}drawing${local} r:id="${rId}"/>`;
  const before = elements.find(
    (e) => (e.depth === 1 && AFTER_DRAWING.has(e.local)) || (e.depth === 0 && e.closing)
  );
  if (!before) throw new Error("addCharts: worksheet XML has no closing root tag");
  let xml = sheetXml.slice(0, before.start) + element + sheetXml.slice(before.start);
  if (rBinding === undefined) {
    const at = root.start + 1 + root.name.length;
    xml = xml.slice(0, at) + ` xmlns:r="${NS.r}"` + xml.slice(at);
  }
  return xml;
}

function maxShapeId(drawingXml: string): number {
  let max = 1;
  for (const el of scanElements(drawingXml)) {
    const id = el.local === "cNvPr" ? Number(attributes(el.tag).get("id")) : NaN;
    if (Number.isFinite(id)) max = Math.max(max, id);
  }
  return max;
}

export function drawingPart(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}"></xdr:wsDr>`;
}

/** Appends anchors before the drawing's closing root tag (declaring xdr/a if the root does not). */
export function withAnchors(drawingXml: string, anchors: string[]): string {
  const elements = scanElements(drawingXml);
  const rootAttrs = attributes(elements[0].tag);
  const declared = rootAttrs.get("xmlns:xdr") === NS.xdr && rootAttrs.get("xmlns:a") === NS.a;
  const decl = declared ? "" : ` xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}"`;
  const body = anchors
    .map((a) => a.replace("<xdr:twoCellAnchor", `<xdr:twoCellAnchor${decl}`))
    .join("");
  const end = elements.find((e) => e.depth === 0 && e.closing);
  if (end) return drawingXml.slice(0, end.start) + body + drawingXml.slice(end.start);
  const root = elements[0]; // self-closing root: <xdr:wsDr …/>
  const open = root.tag.replace(/\s*\/>$/, ">");
  return (
    drawingXml.slice(0, root.start) +
    open +
    body +
    `</${root.name}>` +
    drawingXml.slice(root.start + root.tag.length)
  );
}

export function anchorXml(chart: PlanChart, rId: string, shapeId: number): string {
  const { from, to } = chart.anchor;
  const cell = (tag: string, col: number, row: number): string =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor>${cell("from", from.col, from.row)}${cell("to", to.col + 1, to.row + 1)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="${escapeXml(chart.name || `Chart ${shapeId}`)}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${rId}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

function withOverrides(contentTypes: string, parts: Array<[string, string]>): string {
  const have = new Set(
    scanElements(contentTypes)
      .filter((e) => e.local === "Override")
      .map((e) => attributes(e.tag).get("PartName"))
  );
  const add = parts
    .filter(([path]) => !have.has("/" + path))
    .map(([path, type]) => `<Override PartName="/${escapeXml(path)}" ContentType="${type}"/>`)
    .join("");
  if (!/<\/Types>\s*$/.test(contentTypes))
    throw new Error("addCharts: malformed [Content_Types].xml");
  return contentTypes.replace(/<\/Types>\s*$/, `${add}</Types>`);
}

// ---- chart part -------------------------------------------------------------------------

const KIND: Record<
  ChartType,
  { plot: "bar" | "pie" | "line"; dir?: "bar" | "col"; stacked?: boolean }
> = {
  bar: { plot: "bar", dir: "bar" },
  barStacked: { plot: "bar", dir: "bar", stacked: true },
  column: { plot: "bar", dir: "col" },
  columnStacked: { plot: "bar", dir: "col", stacked: true },
  pie: { plot: "pie" },
  line: { plot: "line" },
};

const val = (tag: string, v: string | number): string => `<c:${tag} val="${v}"/>`;

function strCache(values: string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`).join("");
  return `<c:strCache>${val("ptCount", values.length)}${pts}</c:strCache>`;
}

function numCache(values: number[]): string {
  const pts = values
    .map((v, i) => (Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : ""))
    .join("");
  return `<c:numCache><c:formatCode>General</c:formatCode>${val("ptCount", values.length)}${pts}</c:numCache>`;
}

const fill = (hex: string): string => `<a:solidFill><a:srgbClr val="${hex}"/></a:solidFill>`;

/** A series' or point's shape properties: a fill, or for a line its stroke. */
function shapeXml(hex: string, plot: "bar" | "pie" | "line"): string {
  if (plot === "line")
    return `<c:spPr><a:ln w="28575" cap="rnd">${fill(hex)}<a:round/></a:ln></c:spPr>`;
  return `<c:spPr>${fill(hex)}${plot === "pie" ? `<a:ln w="12700"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln>` : ""}</c:spPr>`;
}

function pointsXml(colors: string[] | undefined, plot: "bar" | "pie" | "line"): string {
  if (!colors) return "";
  return colors
    .map((hex, i) => {
      const inner =
        plot === "bar"
          ? `${val("idx", i)}${val("invertIfNegative", 0)}${val("bubble3D", 0)}`
          : plot === "pie"
            ? `${val("idx", i)}${val("bubble3D", 0)}`
            : val("idx", i);
      return `<c:dPt>${inner}${shapeXml(hex, plot)}</c:dPt>`;
    })
    .join("");
}

/** Values on the bars (zeros left blank: a stacked bar would print "0" over its neighbours). */
function labelsXml(chart: PlanChart, plot: "bar" | "pie" | "line"): string {
  if (!chart.dataLabels) return "";
  const stacked = KIND[chart.type].stacked;
  const pos = plot === "pie" ? "bestFit" : plot === "line" ? "t" : stacked ? "ctr" : "outEnd";
  return (
    `<c:dLbls><c:numFmt formatCode="0;-0;;@" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="1"/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>` +
    `${val("dLblPos", pos)}${val("showLegendKey", 0)}${val("showVal", 1)}${val("showCatName", 0)}${val("showSerName", 0)}` +
    `${val("showPercent", 0)}${val("showBubbleSize", 0)}</c:dLbls>`
  );
}

function seriesXml(chart: PlanChart, plot: "bar" | "pie" | "line"): string {
  const series = plot === "pie" ? chart.series.slice(0, 1) : chart.series;
  return series
    .map((s, i) => {
      const f = (r: PlanChart["categories"]): string => `<c:f>${escapeXml(refA1(r))}</c:f>`;
      return (
        `<c:ser>${val("idx", i)}${val("order", i)}` +
        `<c:tx><c:strRef>${f(s.nameRef)}${strCache([s.name])}</c:strRef></c:tx>` +
        (s.color ? shapeXml(s.color, plot) : "") +
        (plot === "bar" ? val("invertIfNegative", 0) : "") +
        (plot === "line"
          ? `<c:marker>${val("symbol", "circle")}${val("size", 5)}${s.color ? `<c:spPr>${fill(s.color)}</c:spPr>` : ""}</c:marker>`
          : "") +
        pointsXml(s.pointColors, plot) +
        labelsXml(chart, plot) +
        `<c:cat><c:strRef>${f(chart.categories)}${strCache(chart.categoryCache)}</c:strRef></c:cat>` +
        `<c:val><c:numRef>${f(s.values)}${numCache(s.cache)}</c:numRef></c:val>` +
        (plot === "line" ? val("smooth", 0) : "") +
        `</c:ser>`
      );
    })
    .join("");
}

/** An axis title; `vertical` turns it to read bottom to top beside a vertical axis. */
function axisTitleXml(text: string | undefined, vertical: boolean): string {
  if (!text) return "";
  const body = vertical ? `<a:bodyPr rot="-5400000" vert="horz"/>` : `<a:bodyPr/>`;
  return (
    `<c:title><c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="1000" b="1"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>${val("overlay", 0)}</c:title>`
  );
}

function axesXml(
  dir: "bar" | "col",
  titles: PlanChart["axisTitles"] = {},
  minimum?: number
): string {
  const [catPos, valPos] = dir === "bar" ? ["l", "b"] : ["b", "l"];
  const common = (id: number, pos: string): string =>
    `${val("axId", id)}<c:scaling>${val("orientation", "minMax")}${id === VAL_AX && minimum !== undefined ? val("min", minimum) : ""}</c:scaling>${val("delete", 0)}${val("axPos", pos)}`;
  const ticks = `${val("majorTickMark", "out")}${val("minorTickMark", "none")}${val("tickLblPos", "nextTo")}`;
  return (
    `<c:catAx>${common(CAT_AX, catPos)}${axisTitleXml(titles.category, dir === "bar")}<c:numFmt formatCode="General" sourceLinked="1"/>${ticks}` +
    `${val("crossAx", VAL_AX)}${val("crosses", "autoZero")}${val("auto", 1)}${val("lblAlgn", "ctr")}` +
    `${val("lblOffset", 100)}${val("noMultiLvlLbl", 0)}</c:catAx>` +
    `<c:valAx>${common(VAL_AX, valPos)}<c:majorGridlines/>${axisTitleXml(titles.value, dir === "col")}<c:numFmt formatCode="General" sourceLinked="1"/>${ticks}` +
    `${val("crossAx", CAT_AX)}${val("crosses", "autoZero")}${val("crossBetween", "between")}</c:valAx>`
  );
}

function plotXml(chart: PlanChart): string {
  const kind = KIND[chart.type];
  const axIds = val("axId", CAT_AX) + val("axId", VAL_AX);
  if (kind.plot === "pie") {
    return `<c:pieChart>${val("varyColors", 1)}${seriesXml(chart, "pie")}${val("firstSliceAng", 0)}</c:pieChart>`;
  }
  if (kind.plot === "line") {
    return (
      `<c:lineChart>${val("grouping", "standard")}${val("varyColors", 0)}${seriesXml(chart, "line")}` +
      `${val("marker", 1)}${axIds}</c:lineChart>${axesXml("col", chart.axisTitles, chart.valueMinimum)}`
    );
  }
  const dir = kind.dir ?? "col";
  return (
    `<c:barChart>${val("barDir", dir)}${val("grouping", kind.stacked ? "stacked" : "clustered")}${val("varyColors", 0)}` +
    `${seriesXml(chart, "bar")}${val("gapWidth", kind.stacked ? 60 : 80)}${kind.stacked ? val("overlap", 100) : ""}${axIds}</c:barChart>` +
    axesXml(dir, chart.axisTitles, chart.valueMinimum)
  );
}

function titleXml(title: string): string {
  if (!title) return val("autoTitleDeleted", 1);
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr>` +
    `<a:r><a:rPr sz="1400" b="1"/><a:t>${escapeXml(title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `${val("overlay", 0)}</c:title>${val("autoTitleDeleted", 0)}`
  );
}

/** The chart's default text: Khmer (a complex script) in Khmer UI, as in the cells. */
const TEXT_PROPERTIES = `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr><a:cs typeface="${KHMER_FONT}"/></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>`;

export function chartPart(chart: PlanChart): string {
  const legendPos = chart.type === "pie" ? "r" : "b";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `${val("date1904", 0)}${val("lang", "en-US")}${val("roundedCorners", 0)}` +
    `<c:chart>${titleXml(chart.title)}<c:plotArea><c:layout/>${plotXml(chart)}</c:plotArea>` +
    `<c:legend>${val("legendPos", legendPos)}${val("overlay", 0)}</c:legend>` +
    `${val("plotVisOnly", 1)}${val("dispBlanksAs", "gap")}</c:chart>${TEXT_PROPERTIES}</c:chartSpace>`
  );
}
