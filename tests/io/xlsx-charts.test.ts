import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { addCharts, type SheetChart } from "../../src/io/xlsx-charts";
import type { CellRef, PlanChart, RangeRef } from "../../src/plan/types";

// ---- the workbook --------------------------------------------------------------------------

const KHMER_SHEET = "Summary ខ";
const STATUS = ["មិនទាន់ចាប់ផ្តើម", "កំពុងអនុវត្ត", "បានបញ្ចប់", "យឺតយ៉ាវ"];
const STATUS_COUNTS = [6, 8, 4, 2];
const COMMITTEES = ["Finance", "Education", "Health", "Agriculture"];
const COMMITTEE_COUNTS = [7, 5, 4, 3];
const GOALS = ["Goal 1", "Goal 2", "Goal 3"];
const TIMEFRAMES = ["Short", "Medium", "Long"];
const GOAL_X_TIME = [
  [3, 2, 1],
  [2, 4, 2],
  [1, 1, 3],
];
const YEARS = ["2024", "2025", "2026", "2027", "2028", "2029"];
const ACTIVE = [3, 7, 12, 15, 17, 18];

/** Summary: committees A3:B8, goal × timeframe D3:H6, active per year J3:K9; Summary ខ: status A1:B6 + an image. */
async function buildWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Summary");
  ws.getCell("A1").value = "Policy summary";
  ws.getRow(3).values = [
    undefined,
    undefined,
    undefined,
    "Goal",
    ...TIMEFRAMES,
    "Total",
    undefined,
    "Year",
    "Active measures",
  ];
  ws.addTable({
    name: "Committees",
    ref: "A3",
    style: { theme: "TableStyleLight1", showRowStripes: false },
    columns: [{ name: "Committee" }, { name: "Measures" }],
    rows: COMMITTEES.map((c, i) => [c, COMMITTEE_COUNTS[i]]),
  });
  ws.getCell("A8").value = "Total";
  ws.getCell("B8").value = { formula: "SUM(B4:B7)", result: 19 };
  GOALS.forEach((g, i) => {
    const r = 4 + i;
    ws.getCell(r, 4).value = g;
    GOAL_X_TIME[i].forEach((v, j) => (ws.getCell(r, 5 + j).value = v));
    ws.getCell(r, 8).value = {
      formula: `SUM(E${r}:G${r})`,
      result: GOAL_X_TIME[i].reduce((a, b) => a + b, 0),
    };
  });
  YEARS.forEach((y, i) => {
    const r = 4 + i;
    ws.getCell(r, 10).value = y;
    ws.getCell(r, 11).value =
      i === 0
        ? ACTIVE[0]
        : { formula: `K${r - 1}+${ACTIVE[i] - ACTIVE[i - 1]}`, result: ACTIVE[i] };
  });
  ws.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 1 };

  const kh = wb.addWorksheet(KHMER_SHEET);
  kh.getRow(1).values = ["ស្ថានភាព", "ចំនួន"];
  STATUS.forEach((s, i) => (kh.getRow(2 + i).values = [s, STATUS_COUNTS[i]]));
  kh.getCell("B6").value = { formula: "SUM(B2:B5)", result: 20 };
  const png =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
  kh.addImage(wb.addImage({ base64: `data:image/png;base64,${png}`, extension: "png" }), "D2:E4");
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** ExcelJS types its input as an ArrayBuffer (Node's Buffer type no longer matches it). */
const arrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;

const cell = (row: number, col: number): CellRef => ({ row, col });
const range = (sheet: string, from: CellRef, to: CellRef = from): RangeRef => ({ sheet, from, to });
const S = "Summary";

const columnChart: PlanChart = {
  name: "Measures per committee",
  type: "column",
  title: "Measures per committee",
  categories: range(S, cell(3, 0), cell(6, 0)),
  categoryCache: COMMITTEES,
  series: [
    {
      name: "Measures",
      nameRef: range(S, cell(2, 1)),
      values: range(S, cell(3, 1), cell(6, 1)),
      cache: COMMITTEE_COUNTS,
    },
  ],
  anchor: { from: cell(10, 0), to: cell(25, 5) },
};
const stackedChart: PlanChart = {
  name: "Goal by timeframe",
  type: "columnStacked",
  title: "Measures by goal and timeframe",
  categories: range(S, cell(3, 3), cell(5, 3)),
  categoryCache: GOALS,
  series: TIMEFRAMES.map((t, j) => ({
    name: t,
    nameRef: range(S, cell(2, 4 + j)),
    values: range(S, cell(3, 4 + j), cell(5, 4 + j)),
    cache: GOAL_X_TIME.map((row) => row[j]),
  })),
  anchor: { from: cell(10, 6), to: cell(25, 11) },
};
const pieChart: PlanChart = {
  name: "Status",
  type: "pie",
  title: "ស្ថានភាពវិធានការ Status",
  categories: range(KHMER_SHEET, cell(1, 0), cell(4, 0)),
  categoryCache: STATUS,
  series: [
    {
      name: "ចំនួន",
      nameRef: range(KHMER_SHEET, cell(0, 1)),
      values: range(KHMER_SHEET, cell(1, 1), cell(4, 1)),
      cache: STATUS_COUNTS,
    },
  ],
  anchor: { from: cell(27, 0), to: cell(42, 5) },
};
const lineChart: PlanChart = {
  name: "Active per year",
  type: "line",
  title: "Measures active per year",
  categories: range(S, cell(3, 9), cell(8, 9)),
  categoryCache: YEARS,
  series: [
    {
      name: "Active measures",
      nameRef: range(S, cell(2, 10)),
      values: range(S, cell(3, 10), cell(8, 10)),
      cache: ACTIVE,
    },
  ],
  anchor: { from: cell(27, 6), to: cell(42, 11) },
};
const barChart: PlanChart = {
  ...pieChart,
  name: "Status bars",
  type: "bar",
  title: `Status <&> "quoted" 'single'`,
  anchor: { from: cell(7, 0), to: cell(20, 4) },
};
const barStackedChart: PlanChart = {
  ...stackedChart,
  name: "Goal bars",
  type: "barStacked",
  anchor: { from: cell(7, 5), to: cell(20, 10) },
};

const SUMMARY_CHARTS = [columnChart, stackedChart, pieChart, lineChart];
const ALL: SheetChart[] = [
  ...SUMMARY_CHARTS.map((chart) => ({ sheet: S, chart })),
  { sheet: KHMER_SHEET, chart: barChart },
  { sheet: KHMER_SHEET, chart: barStackedChart },
];

// ---- small XML checks, independent of the module's own helpers ----------------------------

const TAG =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Throws unless the XML is well formed (balanced tags, one root) and every prefix is declared. */
function checkXml(xml: string, where: string): void {
  const stack: Array<{ name: string; ns: Map<string, string> }> = [];
  let roots = 0;
  for (const m of xml.matchAll(TAG)) {
    if (m[2] === undefined) continue;
    const [, slash, name, rest] = m;
    if (slash) {
      const top = stack.pop();
      if (top?.name !== name) throw new Error(`${where}: </${name}> closes <${top?.name}>`);
      continue;
    }
    if (stack.length === 0) roots++;
    const ns = new Map(stack.at(-1)?.ns ?? [["xml", "x"]]);
    const attrs = [...rest.matchAll(ATTR)].map((a) => a[1]);
    for (const a of attrs) if (a.startsWith("xmlns:")) ns.set(a.slice(6), "declared");
    for (const q of [name, ...attrs.filter((a) => !a.startsWith("xmlns"))]) {
      const prefix = q.includes(":") ? q.split(":")[0] : undefined;
      if (prefix && !ns.has(prefix))
        throw new Error(`${where}: prefix ${prefix} of ${q} is not declared`);
    }
    if (!rest.endsWith("/")) stack.push({ name, ns });
  }
  if (stack.length || roots !== 1)
    throw new Error(`${where}: unbalanced (${stack.map((s) => s.name)}) or ${roots} roots`);
}

/** Local names of the children of the first <name> element in xml (or of the root). */
function childrenOf(xml: string, name?: string): string[] {
  let depth = -1;
  const out: string[] = [];
  const startAt = name ? xml.search(new RegExp(`<${name}[\\s>/]`)) : 0;
  for (const m of xml.slice(startAt).matchAll(TAG)) {
    if (m[2] === undefined) continue;
    if (m[1]) {
      if (--depth < 0) break;
      continue;
    }
    if (depth === 0) out.push(m[2].replace(/^\w+:/, ""));
    if (!m[3].endsWith("/")) depth++;
    else if (depth < 0) break;
  }
  return out;
}

function expectOrder(children: string[], order: string[], where: string): void {
  const idx = children.map((c) => order.indexOf(c));
  expect({ where, unknown: children.filter((c, i) => idx[i] < 0) }).toEqual({ where, unknown: [] });
  const sorted = [...idx].sort((a, b) => a - b);
  expect({ where, order: idx }).toEqual({ where, order: sorted });
}

const attr = (tag: string, name: string): string | undefined =>
  [...tag.matchAll(ATTR)].find((a) => a[1] === name)?.[2];

interface Rel {
  id: string;
  type: string;
  target: string;
  mode?: string;
}
function rels(xml: string): Rel[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map(([tag]) => ({
    id: attr(tag, "Id") ?? "",
    type: attr(tag, "Type") ?? "",
    target: attr(tag, "Target") ?? "",
    mode: attr(tag, "TargetMode"),
  }));
}
function resolve(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromPart), target));
}
const relsOf = (part: string): string =>
  `${path.posix.dirname(part)}/_rels/${path.posix.basename(part)}.rels`;

async function files(zip: JSZip): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) {
    if (!f.dir && /\.(xml|rels)$/.test(f.name)) out.set(f.name, await f.async("string"));
  }
  return out;
}

/** Relationship targets exist, every r:id / r:embed resolves, every part has a content type. */
async function checkPackage(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await files(zip);
  for (const [name, xml] of parts) checkXml(xml, name);
  const types = parts.get("[Content_Types].xml") ?? "";
  const defaults = new Set(
    [...types.matchAll(/<Default\b[^>]*>/g)].map(([t]) => attr(t, "Extension"))
  );
  const overrides = new Set(
    [...types.matchAll(/<Override\b[^>]*>/g)].map(([t]) => attr(t, "PartName"))
  );
  for (const f of Object.values(zip.files)) {
    if (f.dir || f.name === "[Content_Types].xml") continue;
    const typed = overrides.has("/" + f.name) || defaults.has(/\.([^./]+)$/.exec(f.name)?.[1]);
    expect({ part: f.name, typed }).toEqual({ part: f.name, typed: true });
  }
  for (const o of overrides)
    expect({ override: o, exists: !!zip.file(String(o).slice(1)) }).toEqual({
      override: o,
      exists: true,
    });
  for (const [name, xml] of parts) {
    if (name.endsWith(".rels")) continue;
    const own = rels(parts.get(relsOf(name)) ?? "");
    for (const rel of own) {
      if (rel.mode === "External") continue;
      const target = resolve(name, rel.target);
      expect({ from: name, target, exists: !!zip.file(target) }).toEqual({
        from: name,
        target,
        exists: true,
      });
    }
    for (const m of xml.matchAll(/\br:(id|embed|link)="([^"]*)"/g)) {
      expect({ in: name, rId: m[2], resolves: own.some((r) => r.id === m[2]) }).toEqual({
        in: name,
        rId: m[2],
        resolves: true,
      });
    }
  }
  return parts;
}

/** The drawing part of a sheet and the chart parts it anchors, by following the relationships. */
function follow(
  parts: Map<string, string>,
  sheetPart: string
): { drawingTags: string[]; drawing: string; charts: string[] } {
  const sheetXml = parts.get(sheetPart) ?? "";
  const drawingTags = sheetXml.match(/<drawing\b[^>]*>/g) ?? [];
  const rel = rels(parts.get(relsOf(sheetPart)) ?? "").find(
    (r) => r.id === attr(drawingTags[0] ?? "", "r:id")
  );
  expect(rel?.type).toBe(
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
  );
  const drawing = resolve(sheetPart, rel?.target ?? "");
  const drawingRels = rels(parts.get(relsOf(drawing)) ?? "");
  const charts = [...(parts.get(drawing) ?? "").matchAll(/<c:chart\b[^>]*r:id="([^"]*)"/g)].map(
    (m) => {
      const r = drawingRels.find((x) => x.id === m[1]);
      expect(r?.type).toBe(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
      );
      return resolve(drawing, r?.target ?? "");
    }
  );
  return { drawingTags, drawing, charts };
}

const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
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
const ORDER: Record<string, string[]> = {
  chartSpace: [
    "date1904",
    "lang",
    "roundedCorners",
    "AlternateContent",
    "style",
    "clrMapOvr",
    "pivotSource",
    "protection",
    "chart",
    "spPr",
    "txPr",
    "externalData",
    "printSettings",
    "userShapes",
    "extLst",
  ],
  chart: [
    "title",
    "autoTitleDeleted",
    "pivotFmts",
    "view3D",
    "floor",
    "sideWall",
    "backWall",
    "plotArea",
    "legend",
    "plotVisOnly",
    "dispBlanksAs",
    "showDLblsOverMax",
    "extLst",
  ],
  title: ["tx", "layout", "overlay", "spPr", "txPr", "extLst"],
  plotArea: [
    "layout",
    "barChart",
    "lineChart",
    "pieChart",
    "catAx",
    "valAx",
    "dTable",
    "spPr",
    "extLst",
  ],
  barChart: [
    "barDir",
    "grouping",
    "varyColors",
    "ser",
    "dLbls",
    "gapWidth",
    "overlap",
    "serLines",
    "axId",
    "extLst",
  ],
  lineChart: [
    "grouping",
    "varyColors",
    "ser",
    "dLbls",
    "dropLines",
    "hiLowLines",
    "upDownBars",
    "marker",
    "smooth",
    "axId",
    "extLst",
  ],
  pieChart: ["varyColors", "ser", "dLbls", "firstSliceAng", "extLst"],
  barSer: [
    "idx",
    "order",
    "tx",
    "spPr",
    "invertIfNegative",
    "pictureOptions",
    "dPt",
    "dLbls",
    "trendline",
    "errBars",
    "cat",
    "val",
    "shape",
    "extLst",
  ],
  lineSer: [
    "idx",
    "order",
    "tx",
    "spPr",
    "marker",
    "dPt",
    "dLbls",
    "trendline",
    "errBars",
    "cat",
    "val",
    "smooth",
    "extLst",
  ],
  pieSer: ["idx", "order", "tx", "spPr", "explosion", "dPt", "dLbls", "cat", "val", "extLst"],
  catAx: [
    "axId",
    "scaling",
    "delete",
    "axPos",
    "majorGridlines",
    "minorGridlines",
    "title",
    "numFmt",
    "majorTickMark",
    "minorTickMark",
    "tickLblPos",
    "spPr",
    "txPr",
    "crossAx",
    "crosses",
    "crossesAt",
    "auto",
    "lblAlgn",
    "lblOffset",
    "tickLblSkip",
    "tickMarkSkip",
    "noMultiLvlLbl",
    "extLst",
  ],
  valAx: [
    "axId",
    "scaling",
    "delete",
    "axPos",
    "majorGridlines",
    "minorGridlines",
    "title",
    "numFmt",
    "majorTickMark",
    "minorTickMark",
    "tickLblPos",
    "spPr",
    "txPr",
    "crossAx",
    "crosses",
    "crossesAt",
    "crossBetween",
    "majorUnit",
    "minorUnit",
    "dispUnits",
    "extLst",
  ],
  legend: ["legendPos", "legendEntry", "layout", "overlay", "spPr", "txPr", "extLst"],
  twoCellAnchor: [
    "from",
    "to",
    "sp",
    "grpSp",
    "graphicFrame",
    "cxnSp",
    "pic",
    "contentPart",
    "clientData",
  ],
};

/** Child order of every chart element against CT_* sequences of the schema. */
function checkChartOrder(xml: string, where: string): void {
  const plot = ["barChart", "lineChart", "pieChart"].find((p) => xml.includes(`<c:${p}>`)) ?? "?";
  for (const el of ["chartSpace", "chart", "title", "plotArea", plot, "catAx", "valAx", "legend"]) {
    if (!xml.includes(`<c:${el}`)) continue;
    expectOrder(childrenOf(xml, `c:${el}`), ORDER[el], `${where} c:${el}`);
  }
  for (const [ser] of xml.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)) {
    expectOrder(childrenOf(ser), ORDER[plot.replace("Chart", "Ser")], `${where} c:ser`);
  }
}

// ---- tests ----------------------------------------------------------------------------------

let base: Uint8Array;
let result: Uint8Array;
let parts: Map<string, string>;

beforeAll(async () => {
  base = await buildWorkbook();
  result = await addCharts(base, ALL);
  parts = await checkPackage(result);
});

describe("addCharts", () => {
  test("ExcelJS reopens the result and keeps the cells", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(result));
    const ws = wb.getWorksheet("Summary");
    expect(ws?.getCell("A4").value).toBe("Finance");
    expect(ws?.getCell("B8").value).toEqual({ formula: "SUM(B4:B7)", result: 19 });
    expect(ws?.getCell("K9").value).toEqual({ formula: "K8+1", result: 18 });
    const kh = wb.getWorksheet(KHMER_SHEET);
    expect(kh?.getCell("A2").value).toBe(STATUS[0]);
    expect(kh?.getImages()).toHaveLength(1);
  });

  test("the package is consistent: parts, relationships, content types, well-formed XML", () => {
    // checkPackage ran in beforeAll; here the chart-specific content types.
    const types = parts.get("[Content_Types].xml") ?? "";
    for (let n = 1; n <= 6; n++) {
      expect(types).toContain(
        `<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`
      );
    }
    expect(types).toContain(
      `<Override PartName="/xl/drawings/drawing2.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`
    );
    expect(types.match(/drawing1\.xml/g)).toHaveLength(1);
  });

  test("Summary gets one <drawing> in schema order, anchoring its four charts", () => {
    const sheet = parts.get("xl/worksheets/sheet1.xml") ?? "";
    expectOrder(childrenOf(sheet), WORKSHEET_ORDER, "sheet1");
    const { drawingTags, drawing, charts } = follow(parts, "xl/worksheets/sheet1.xml");
    expect(drawingTags).toHaveLength(1);
    expect(drawing).toBe("xl/drawings/drawing2.xml");
    expect(charts).toEqual([
      "xl/charts/chart1.xml",
      "xl/charts/chart2.xml",
      "xl/charts/chart3.xml",
      "xl/charts/chart4.xml",
    ]);
    // The table relationship ExcelJS wrote stays, and the drawing got a fresh id.
    const sheetRels = rels(parts.get("xl/worksheets/_rels/sheet1.xml.rels") ?? "");
    expect(sheetRels.map((r) => r.type.split("/").pop())).toEqual(["table", "drawing"]);
    expect(new Set(sheetRels.map((r) => r.id)).size).toBe(2);

    const drawingXml = parts.get(drawing) ?? "";
    const anchors = drawingXml.match(/<xdr:twoCellAnchor>[\s\S]*?<\/xdr:twoCellAnchor>/g) ?? [];
    expect(anchors).toHaveLength(4);
    for (const a of anchors) expectOrder(childrenOf(a), ORDER.twoCellAnchor, "anchor");
    expect(anchors[0]).toContain(
      "<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>10</xdr:row>"
    );
    expect(anchors[0]).toContain(
      "<xdr:to><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>26</xdr:row>"
    );
    const ids = [...drawingXml.matchAll(/<xdr:cNvPr id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(4);
  });

  test("chart parts: types, grouping, references, caches, element order", () => {
    const [col, stacked, pie, line] = [1, 2, 3, 4].map(
      (n) => parts.get(`xl/charts/chart${n}.xml`) ?? ""
    );
    for (const [i, xml] of [col, stacked, pie, line].entries()) {
      expect(xml).toMatch(
        /^<\?xml[^>]*\?>\s*<c:chartSpace xmlns:c="http:\/\/schemas.openxmlformats.org\/drawingml\/2006\/chart" xmlns:a="http:\/\/schemas.openxmlformats.org\/drawingml\/2006\/main" xmlns:r="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships">/
      );
      expect(xml).toContain('<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>');
      expect(xml).toContain('<c:autoTitleDeleted val="0"/>');
      checkChartOrder(xml, `chart${i + 1}`);
    }
    expect(col).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(col).not.toContain("<c:overlap");
    expect(col).toContain(
      '<c:f>Summary!$B$3</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Measures</c:v>'
    );
    expect(col).toContain("<c:f>Summary!$A$4:$A$7</c:f>");
    expect(col).toContain(
      '<c:numRef><c:f>Summary!$B$4:$B$7</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="4"/><c:pt idx="0"><c:v>7</c:v></c:pt>'
    );

    expect(stacked).toContain('<c:barDir val="col"/><c:grouping val="stacked"/>');
    expect(stacked).toContain('<c:overlap val="100"/>');
    expect(stacked.match(/<c:ser>/g)).toHaveLength(3);
    expect(stacked).toContain("<c:f>Summary!$G$4:$G$6</c:f>");

    expect(pie).toContain('<c:pieChart><c:varyColors val="1"/>');
    expect(pie).not.toContain("<c:catAx>");
    expect(pie).toContain("<c:f>'Summary ខ'!$A$2:$A$5</c:f>");
    for (const s of STATUS) expect(pie).toContain(`<c:v>${s}</c:v>`);
    expect(pie).toContain("<a:t>ស្ថានភាពវិធានការ Status</a:t>");

    expect(line).toContain('<c:lineChart><c:grouping val="standard"/>');
    expect(line).toContain('<c:smooth val="0"/></c:ser>');
    // Axes: the plot's two axIds are the catAx and valAx, which cross each other.
    for (const xml of [col, stacked, line]) {
      const plotIds = [...xml.matchAll(/<c:axId val="(\d+)"\/>/g)].map((m) => m[1]);
      const [catId, valId] = plotIds;
      expect(plotIds).toEqual([catId, valId, catId, valId]);
      expect(xml).toMatch(
        new RegExp(
          `<c:catAx><c:axId val="${catId}"/>[\\s\\S]*<c:crossAx val="${valId}"/>[\\s\\S]*</c:catAx>`
        )
      );
      expect(xml).toMatch(
        new RegExp(
          `<c:valAx><c:axId val="${valId}"/>[\\s\\S]*<c:crossAx val="${catId}"/>[\\s\\S]*</c:valAx>`
        )
      );
    }
  });

  test("a sheet that already has a drawing (an ExcelJS image) gets the charts appended to it", () => {
    const { drawingTags, drawing, charts } = follow(parts, "xl/worksheets/sheet2.xml");
    expect(drawingTags).toHaveLength(1);
    expect(drawing).toBe("xl/drawings/drawing1.xml");
    expect(charts).toEqual(["xl/charts/chart5.xml", "xl/charts/chart6.xml"]);
    const drawingXml = parts.get(drawing) ?? "";
    expect(drawingXml).toContain("<xdr:pic>");
    const ids = [...drawingXml.matchAll(/<xdr:cNvPr id="(\d+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    const drawingRels = rels(parts.get("xl/drawings/_rels/drawing1.xml.rels") ?? "");
    expect(drawingRels.map((r) => r.type.split("/").pop())).toEqual(["image", "chart", "chart"]);

    const bar = parts.get("xl/charts/chart5.xml") ?? "";
    expect(bar).toContain('<c:barDir val="bar"/><c:grouping val="clustered"/>');
    expect(bar).toContain('<c:axPos val="l"/>');
    expect(bar).toContain("<a:t>Status &lt;&amp;&gt; &quot;quoted&quot; 'single'</a:t>");
    expect(parts.get("xl/charts/chart6.xml")).toContain(
      '<c:barDir val="bar"/><c:grouping val="stacked"/>'
    );
  });

  test("works when the workbook relationships use absolute targets and the sheet lacks xmlns:r", async () => {
    const zip = await JSZip.loadAsync(base);
    const wbRels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
    zip.file("xl/_rels/workbook.xml.rels", wbRels.replace(/Target="(?!\/)/g, 'Target="/xl/'));
    const sheet = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    const noTables = sheet
      .replace(/<tableParts[\s\S]*?<\/tableParts>/, "")
      .replace(/ xmlns:r="[^"]*"/, "");
    zip.file("xl/worksheets/sheet1.xml", noTables);
    zip.remove("xl/worksheets/_rels/sheet1.xml.rels");
    zip.remove("xl/tables/table1.xml");
    const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    zip.file(
      "[Content_Types].xml",
      types.replace(/<Override PartName="\/xl\/tables\/table1.xml"[^>]*>/, "")
    );
    const input = await zip.generateAsync({ type: "uint8array" });

    const out = await checkPackage(await addCharts(input, [{ sheet: S, chart: columnChart }]));
    const sheetXml = out.get("xl/worksheets/sheet1.xml") ?? "";
    expect(sheetXml).toMatch(
      /^<\?xml[^>]*\?>\s*<worksheet xmlns:r="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships"/
    );
    expect(sheetXml).toMatch(/<drawing r:id="rId1"\/><\/worksheet>$/);
    expect(follow(out, "xl/worksheets/sheet1.xml").charts).toEqual(["xl/charts/chart1.xml"]);
  });

  test("<drawing> goes before tableParts/extLst, not before nested extLst or at a '>' in an attribute", async () => {
    const zip = await JSZip.loadAsync(base);
    const sheet = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    const cf =
      '<conditionalFormatting sqref="B4:B7"><cfRule type="expression" dxfId="0" priority="1" text="a>b">' +
      "<formula>B4&gt;5</formula><extLst/></cfRule></conditionalFormatting>";
    const edited = sheet
      .replace("</sheetData>", `</sheetData>${cf}`)
      .replace(
        "</worksheet>",
        '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"/></extLst></worksheet>'
      );
    zip.file("xl/worksheets/sheet1.xml", edited);
    const out = await checkPackage(
      await addCharts(await zip.generateAsync({ type: "uint8array" }), [
        { sheet: S, chart: lineChart },
      ])
    );
    const children = childrenOf(out.get("xl/worksheets/sheet1.xml") ?? "");
    expectOrder(children, WORKSHEET_ORDER, "edited sheet1");
    expect(children.slice(-3)).toEqual(["drawing", "tableParts", "extLst"]);
    expect(children.filter((c) => c === "drawing")).toHaveLength(1);
  });

  test("a chart with no series is skipped; one with no categories is written with empty caches", async () => {
    const empty: PlanChart = { ...columnChart, series: [] };
    expect(await addCharts(base, [{ sheet: S, chart: empty }])).toBe(base);
    expect(await addCharts(base, [])).toBe(base);

    const noCategories: PlanChart = {
      ...columnChart,
      categoryCache: [],
      series: [{ ...columnChart.series[0], cache: [] }],
    };
    const out = await addCharts(base, [
      { sheet: S, chart: empty },
      { sheet: S, chart: noCategories },
    ]);
    const p = await checkPackage(out);
    expect(follow(p, "xl/worksheets/sheet1.xml").charts).toEqual(["xl/charts/chart1.xml"]);
    expect(p.get("xl/charts/chart1.xml")).toContain(
      '<c:strCache><c:ptCount val="0"/></c:strCache>'
    );
    expect(p.get("xl/charts/chart1.xml")).toContain('<c:ptCount val="0"/></c:numCache>');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(out));
    expect(wb.getWorksheet(S)?.getCell("A4").value).toBe("Finance");
  });

  test("non-finite values are left out of the cache, invalid XML characters dropped, empty title deleted", async () => {
    const odd: PlanChart = {
      ...lineChart,
      title: "",
      categoryCache: ["a\u0001b", "c", "d", "e", "f", "g"],
      series: [{ ...lineChart.series[0], name: "n\u0000", cache: [1, NaN, Infinity, 4, 5, 6] }],
    };
    const p = await checkPackage(await addCharts(base, [{ sheet: S, chart: odd }]));
    const xml = p.get("xl/charts/chart1.xml") ?? "";
    expect(xml).toContain('<c:autoTitleDeleted val="1"/>');
    expect(xml).not.toContain("<c:title>");
    expect(xml).toContain("<c:v>ab</c:v>");
    expect(xml).toContain(
      '<c:ptCount val="6"/><c:pt idx="0"><c:v>1</c:v></c:pt><c:pt idx="3"><c:v>4</c:v></c:pt>'
    );
  });

  test("an unknown sheet name is an error", async () => {
    await expect(addCharts(base, [{ sheet: "Nope", chart: columnChart }])).rejects.toThrow(
      /no sheet named "Nope"/
    );
  });
});

// ---- LibreOffice rendering -------------------------------------------------------------------

const onPath = (cmd: string): boolean =>
  (process.env.PATH ?? "")
    .split(path.delimiter)
    .some((dir) => dir && fs.existsSync(path.join(dir, cmd)));
const hasSoffice = onPath("soffice");
if (!hasSoffice)
  console.warn("xlsx-charts: `soffice` is not on PATH; skipping the LibreOffice rendering test");

/** Share of clearly coloured (non-grey) pixels in a binary PPM (P6) image. */
function colouredShare(ppm: Buffer): number {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 50).toString("latin1"));
  if (!header) throw new Error("not a P6 PPM");
  const pixels = ppm.subarray(header[0].length);
  let coloured = 0;
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
  }
  return coloured / (pixels.length / 3);
}

(hasSoffice ? test : test.skip)("LibreOffice renders the charts (PDF, page 1 as PNG)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xlsx-charts-"));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lo-profile-"));
  try {
    fs.writeFileSync(path.join(dir, "plain.xlsx"), base);
    fs.writeFileSync(path.join(dir, "charts.xlsx"), result);
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        path.join(dir, "plain.xlsx"),
        path.join(dir, "charts.xlsx"),
      ],
      { timeout: 60_000, stdio: "pipe" }
    );
    const plainPdf = path.join(dir, "plain.pdf");
    const chartsPdf = path.join(dir, "charts.pdf");
    const plainSize = fs.statSync(plainPdf).size;
    const chartsSize = fs.statSync(chartsPdf).size;
    expect(chartsSize).toBeGreaterThan(plainSize * 1.3);

    // The chart titles are text only the charts hold.
    const text = execFileSync("pdftotext", ["-f", "1", "-l", "1", chartsPdf, "-"]).toString();
    for (const t of [
      "Measures per committee",
      "Measures by goal and timeframe",
      "Measures active per year",
    ])
      expect(text).toContain(t);

    const render = (pdf: string, out: string, png: boolean): string => {
      execFileSync("pdftoppm", [
        ...(png ? ["-png"] : []),
        "-r",
        "60",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        pdf,
        out,
      ]);
      return `${out}.${png ? "png" : "ppm"}`;
    };
    const png = render(chartsPdf, path.join(dir, "charts-page1"), true);
    expect(fs.statSync(png).size).toBeGreaterThan(5_000);
    const resultsDir = path.join(__dirname, "..", "..", "test-results");
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.copyFileSync(png, path.join(resultsDir, "charts-page1.png"));
    fs.writeFileSync(path.join(resultsDir, "charts.xlsx"), result); // to open in Excel by hand

    // Bars, slices and lines are coloured; the plain table is black on white.
    const withCharts = colouredShare(
      fs.readFileSync(render(chartsPdf, path.join(dir, "c"), false))
    );
    const without = colouredShare(fs.readFileSync(render(plainPdf, path.join(dir, "p"), false)));
    expect(without).toBeLessThan(0.001);
    expect(withCharts).toBeGreaterThan(0.02);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
