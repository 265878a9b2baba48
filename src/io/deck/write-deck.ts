/**
 * Writes a DeckPlan (plan/deck.ts) as a .pptx with pptxgenjs: native, editable PowerPoint
 * charts (ppt/charts/chartN.xml with an embedded workbook) and tables, never pictures.
 * pptxgenjs is maintained and writes DrawingML chart parts, as our xlsx charts are; ExcelJS-like,
 * it stays in src/io. Layout: 13.33 × 7.5 in (16:9).
 */
import PptxGenJS from "pptxgenjs";
import type { DeckChart, DeckPlan, DeckSlide, DeckTable } from "../../plan/deck";

const W = 13.33;
const MARGIN = 0.5;
const INK = "1F2937";
const ACCENT = "1F4E79";
const MUTED = "595959";

export async function writeDeck(plan: DeckPlan): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = plan.title;
  pptx.company = "Policy Planner";
  pptx.theme = { headFontFace: plan.font, bodyFontFace: plan.font };
  for (const s of plan.slides) addSlide(pptx, plan, s);
  const out = await pptx.write({ outputType: "uint8array", compression: true });
  return out as Uint8Array;
}

function addSlide(pptx: PptxGenJS, plan: DeckPlan, s: DeckSlide): void {
  const slide = pptx.addSlide();
  const font = plan.font;
  if (s.kind === "title") {
    slide.background = { color: ACCENT };
    slide.addText(s.title, {
      x: MARGIN,
      y: 2.0,
      w: W - 2 * MARGIN,
      h: 1.2,
      fontFace: font,
      fontSize: 40,
      bold: true,
      color: "FFFFFF",
    });
    slide.addText(s.subtitle, {
      x: MARGIN,
      y: 3.2,
      w: W - 2 * MARGIN,
      h: 1.0,
      fontFace: font,
      fontSize: 22,
      color: "FFFFFF",
    });
    slide.addText(s.lines.join("\n"), {
      x: MARGIN,
      y: 4.6,
      w: W - 2 * MARGIN,
      h: 1.6,
      fontFace: font,
      fontSize: 16,
      color: "DDEBF7",
      valign: "top",
    });
    return;
  }
  slide.addText(s.title, {
    x: MARGIN,
    y: 0.3,
    w: W - 2 * MARGIN,
    h: 0.8,
    fontFace: font,
    fontSize: 26,
    bold: true,
    color: ACCENT,
  });
  if (s.kind === "overview") {
    s.numbers.forEach((n, i) => {
      const x = MARGIN + i * 4.2;
      slide.addText(
        [
          { text: n.value, options: { fontSize: 36, bold: true, color: ACCENT, breakLine: true } },
          { text: n.label, options: { fontSize: 16, bold: true, color: INK, breakLine: true } },
          { text: n.note, options: { fontSize: 12, color: MUTED } },
        ],
        { x, y: 1.2, w: 4.0, h: 1.6, fontFace: font, valign: "top", fill: { color: "F2F2F2" } }
      );
    });
    s.charts.forEach((c, i) =>
      addChart(pptx, slide, c, font, { x: MARGIN + i * 6.2, y: 3.0, w: 6.0, h: 4.2 })
    );
    return;
  }
  if (s.kind === "committee") {
    if (s.chart) addChart(pptx, slide, s.chart, font, { x: MARGIN, y: 1.2, w: 4.6, h: 5.6 });
    slide.addText(s.note, {
      x: 5.3,
      y: 1.15,
      w: W - 5.3 - MARGIN,
      h: 0.5,
      fontFace: font,
      fontSize: 14,
      color: MUTED,
    });
    if (s.table) addTable(slide, s.table, font, { x: 5.3, y: 1.7, w: W - 5.3 - MARGIN });
    return;
  }
  if (s.note)
    slide.addText(s.note, {
      x: MARGIN,
      y: 1.2,
      w: W - 2 * MARGIN,
      h: 0.5,
      fontFace: font,
      fontSize: 14,
      color: MUTED,
    });
  if (s.table) addTable(slide, s.table, font, { x: MARGIN, y: 1.2, w: W - 2 * MARGIN });
}

function addChart(
  pptx: PptxGenJS,
  slide: PptxGenJS.Slide,
  c: DeckChart,
  font: string,
  box: { x: number; y: number; w: number; h: number }
): void {
  const data = c.series.map((s) => ({ name: s.name, labels: c.categories, values: s.values }));
  // One series with a colour per point (pptxgenjs writes a <c:dPt> each), or a colour per series.
  const colors =
    c.series.length === 1 && c.series[0].pointColors
      ? c.series[0].pointColors
      : c.series.map((s) => s.color ?? ACCENT);
  slide.addChart(pptx.ChartType.bar, data, {
    ...box,
    barDir: c.type === "column" ? "col" : "bar",
    barGrouping: c.type === "barStacked" ? "stacked" : "clustered",
    chartColors: colors,
    showTitle: true,
    title: c.title,
    titleFontFace: font,
    titleFontSize: 14,
    showLegend: c.series.length > 1,
    legendPos: "b",
    legendFontFace: font,
    showValue: c.dataLabels,
    dataLabelFormatCode: "0;-0;;",
    dataLabelFontFace: font,
    dataLabelFontSize: 10,
    dataLabelPosition: c.type === "barStacked" ? "ctr" : "outEnd",
    showCatAxisTitle: true,
    catAxisTitle: c.axisTitles.category,
    catAxisTitleFontFace: font,
    catAxisLabelFontFace: font,
    showValAxisTitle: true,
    valAxisTitle: c.axisTitles.value,
    valAxisTitleFontFace: font,
    valAxisLabelFontFace: font,
    valAxisLabelFormatCode: "0",
    valAxisMinVal: 0, // counts: bars from zero (LibreOffice started one axis at 15)
    valAxisMajorUnit: valueStep(c, box.w),
  });
}

/**
 * A round step for the value axis leaving room for each label: about one label an inch (a narrow
 * bar chart beside Khmer status names squeezed ten labels into two inches).
 */
function valueStep(c: DeckChart, inches: number): number {
  const stacked = c.type === "barStacked";
  const max = Math.max(
    1,
    ...c.categories.map((_, i) =>
      stacked
        ? c.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
        : Math.max(...c.series.map((s) => s.values[i] ?? 0))
    )
  );
  const raw = max / Math.max(2, Math.floor(inches / 1.1));
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

function addTable(
  slide: PptxGenJS.Slide,
  t: DeckTable,
  font: string,
  box: { x: number; y: number; w: number }
): void {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const colW = t.widths.map((w) => (w / total) * box.w);
  const statusCol = t.statusColumn ?? -1;
  const header = t.headers.map((text) => ({
    text,
    options: { bold: true, color: "FFFFFF", fill: { color: ACCENT }, fontFace: font, fontSize: 12 },
  }));
  const rows = t.rows.map((r, i) =>
    r.map((text, j) => {
      const color = j === statusCol ? t.statusColors?.[i] : null;
      return {
        text,
        options: {
          fontFace: font,
          fontSize: 11,
          color: color ? "FFFFFF" : INK,
          ...(color ? { fill: { color }, bold: true } : {}),
        },
      };
    })
  );
  slide.addTable([header, ...rows], {
    x: box.x,
    y: box.y,
    w: box.w,
    colW,
    border: { type: "solid", pt: 0.5, color: "BFBFBF" },
    valign: "top",
    margin: 0.05,
  });
}
