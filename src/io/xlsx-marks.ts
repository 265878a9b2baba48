import JSZip from "jszip";
import type ExcelJS from "exceljs";
import { isMarkFormula, MARK_TAG, markFormula, markRules } from "../plan/marks";
import { parseRelationships, relsPartOf } from "./read/package";
import { defaultNamespaceView, relationshipId, startTags } from "./read/xml";
import type { XlsxBook } from "./xlsx-book";

/**
 * Highlights finding cells with conditional formats that look the cell up in the Validation
 * sheet: a fixed number of rules per table whatever the number of findings, cleared and
 * re-added on every run, never touching the planner's own fills. XlsxBook.applyPlan runs it
 * when `plan.marks` (the findings are in the Validation sheet; the rules read it).
 */
export function markFindingsRules(book: XlsxBook): void {
  for (const t of book.tableExtents()) {
    const sheet = book.wb.getWorksheet(t.sheet);
    if (!sheet) continue;
    removeOurRules(sheet);
    for (const rule of markRules(t)) {
      sheet.addConditionalFormatting({
        ref: rule.range,
        rules: [
          {
            type: "expression",
            priority: rule.priority,
            formulae: [markFormula(rule)],
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: rule.fill } } },
          },
        ],
      });
    }
  }
}

/** ExcelJS's removeConditionalFormatting(fn) KEEPS the formats for which fn is true. */
function removeOurRules(sheet: ExcelJS.Worksheet): void {
  sheet.removeConditionalFormatting(
    (cf: ExcelJS.ConditionalFormattingOptions) =>
      !cf.rules.some((r) => "formulae" in r && (r.formulae ?? []).some(isMarkFormula))
  );
}

/*
 * The marks refer to another sheet (Validation!$H:$H). Excel 2007's conditional formats could
 * not; Excel 2010 and later write such rules in the worksheet's x14 extension instead of the
 * ECMA-376 <conditionalFormatting> block: [MS-XLSX] 2.6.1 CT_ConditionalFormattings / 2.4.4
 * conditionalFormattings (namespace spreadsheetml/2009/9/main), carried in the worksheet's
 * <extLst> under ext uri {78C0D931-6437-407d-A8EE-F0AAD7539E65} ([MS-XLSX] 2.2.4.12), each rule
 * an <x14:cfRule type="expression"> with its formula in <xm:f>, its format inline in <x14:dxf>
 * and its range in <xm:sqref>. (ExcelJS issues #1751, #2311 and PR #1767 show Excel's own files
 * so.) ExcelJS and the package writer write the standard block; toBytes of both then moves the
 * marks into the extension (writeMarksAsX14).
 */
const CF_EXT_URI = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";
const X14_NS = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const XM_NS = "http://schemas.microsoft.com/office/excel/2006/main";
/** "PPMK": our rules' ids start so, to tell them from the planner's own. */
const MARK_ID_PREFIX = "{50504D4B-";

/**
 * A part's text in the default namespace (prefixed SpreadsheetML, as the Open XML SDK writes it,
 * is read as Excel would write it: defaultNamespaceView).
 */
async function partText(zip: JSZip, part: string): Promise<string | null> {
  const file = zip.file(part);
  if (!file) return null;
  const raw = await file.async("string");
  return defaultNamespaceView(raw)?.text ?? raw;
}

/** Worksheet part path ("xl/worksheets/sheet1.xml") by sheet name, from the workbook part and its relationships. */
async function sheetParts(zip: JSZip): Promise<{ sheets: Map<string, string>; styles: string }> {
  const root = parseRelationships((await partText(zip, "_rels/.rels")) ?? "", "");
  const workbookPath =
    root.find((r) => r.type === "officeDocument" && !r.external)?.target ?? "xl/workbook.xml";
  const workbook = (await partText(zip, workbookPath)) ?? "";
  const rels = parseRelationships(
    (await partText(zip, relsPartOf(workbookPath))) ?? "",
    workbookPath
  );
  const targets = new Map(rels.filter((r) => !r.external).map((r) => [r.id, r.target]));
  const sheets = new Map<string, string>();
  for (const s of startTags(workbook, "sheet")) {
    const id = relationshipId(s);
    const part = id ? targets.get(id) : undefined;
    if (s.name !== undefined && part && zip.file(part)) sheets.set(s.name, part);
  }
  const stylesPath = rels.find((r) => r.type === "styles" && !r.external)?.target;
  return { sheets, styles: (stylesPath && (await partText(zip, stylesPath))) || "" };
}

const CF_EXT = new RegExp(
  `<ext\\b[^>]*uri="${CF_EXT_URI.replace(/[{}]/g, "\\$&")}"[^>]*>([\\s\\S]*?)</ext>`
);
const X14_CF = /<(\w+):conditionalFormatting\b[\s\S]*?<\/\1:conditionalFormatting>/g;

/** A worksheet's XML without its (now empty) extension list entry for conditional formats. */
function dropEmptyExt(xml: string): string {
  let out = xml.replace(
    new RegExp(
      `<ext\\b[^>]*uri="${CF_EXT_URI.replace(/[{}]/g, "\\$&")}"[^>]*>\\s*<(\\w+):conditionalFormattings\\b[^>]*>\\s*</\\1:conditionalFormattings>\\s*</ext>`
    ),
    ""
  );
  out = out.replace(/<extLst>\s*<\/extLst>/, "");
  return out;
}

/** `xml` without the x14 mark rules an earlier save wrote (the planner's own x14 rules stay). */
function withoutX14Marks(xml: string): string {
  const ext = CF_EXT.exec(xml);
  if (!ext) return xml;
  const body = ext[1].replace(X14_CF, (cf) =>
    cf.includes(MARK_TAG) || cf.includes(MARK_ID_PREFIX) ? "" : cf
  );
  return body === ext[1] ? xml : dropEmptyExt(xml.replace(ext[1], body));
}

/** The `<dxf>` elements of styles.xml, in order (dxfId indexes them). */
export function dxfList(styles: string): string[] {
  const block = /<dxfs\b[^>]*>([\s\S]*?)<\/dxfs>/.exec(styles)?.[1] ?? "";
  return [...block.matchAll(/<dxf\/>|<dxf>([\s\S]*?)<\/dxf>/g)].map((m) => m[1] ?? "");
}

function markRuleId(sheetIndex: number, ruleIndex: number): string {
  return `${MARK_ID_PREFIX}0000-4000-8000-${(sheetIndex * 256 + ruleIndex).toString(16).toUpperCase().padStart(12, "0")}}`;
}

/**
 * The file as Excel writes it: every mark rule in a <conditionalFormatting> block (ExcelJS's, or
 * the package writer's) moved into the worksheet's x14 extension, replacing the marks an earlier
 * save wrote there; the planner's own x14 rules are left as they are.
 */
export async function writeMarksAsX14(xlsx: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const { sheets, styles } = await sheetParts(zip);
  const dxfs = dxfList(styles);
  let changed = false;
  let sheetIndex = 0;
  for (const part of sheets.values()) {
    sheetIndex++;
    const xml = marksAsX14((await partText(zip, part)) ?? "", dxfs, sheetIndex);
    if (xml === null) continue;
    zip.file(part, xml);
    changed = true;
  }
  return changed ? zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }) : xlsx;
}

/**
 * One worksheet's XML (or only what follows its cells: the blocks are all there) with its mark
 * rules moved into the x14 extension; null when it has none. `sheetIndex`: the sheet's 1-based
 * place among the workbook's worksheets (it numbers the rules' ids); `dxfs`: dxfList of styles.xml.
 */
export function marksAsX14(source: string, dxfs: string[], sheetIndex: number): string | null {
  const rules: string[] = [];
  const xml = source.replace(
    /<conditionalFormatting\b([^>]*)>([\s\S]*?)<\/conditionalFormatting>/g,
    (block, attrs: string, inner: string) => {
      if (!inner.includes(`N(&quot;${MARK_TAG}&quot;)`)) return block;
      const sqref = /\bsqref="([^"]+)"/.exec(attrs)?.[1] ?? "";
      for (const rule of inner.matchAll(/<cfRule\b([^>]*)>([\s\S]*?)<\/cfRule>/g)) {
        const priority = /\bpriority="(\d+)"/.exec(rule[1])?.[1] ?? "1";
        const dxf = dxfs[Number(/\bdxfId="(\d+)"/.exec(rule[1])?.[1] ?? -1)] ?? "";
        const formula = /<formula>([\s\S]*?)<\/formula>/.exec(rule[2])?.[1] ?? "";
        const id = markRuleId(sheetIndex, rules.length);
        rules.push(
          `<x14:conditionalFormatting xmlns:xm="${XM_NS}"><x14:cfRule type="expression" priority="${priority}" id="${id}"><xm:f>${formula}</xm:f><x14:dxf>${dxf}</x14:dxf></x14:cfRule><xm:sqref>${sqref}</xm:sqref></x14:conditionalFormatting>`
        );
      }
      return "";
    }
  );
  if (rules.length === 0) return null;
  // This save's marks replace those an earlier save put in the extension.
  return withX14Formats(withoutX14Marks(xml), rules.join(""));
}

/** `xml` with x14 conditional formats added to its extension list (created last in <worksheet> when missing). */
function withX14Formats(xml: string, formats: string): string {
  const ext = CF_EXT.exec(xml);
  if (ext) {
    const list = /<(\w+):conditionalFormattings\b[^>]*>/.exec(ext[1]);
    if (list) {
      const close = `</${list[1]}:conditionalFormattings>`;
      return xml.replace(ext[0], ext[0].replace(close, formats + close));
    }
    return xml.replace(
      ext[0],
      ext[0].replace(
        "</ext>",
        `<x14:conditionalFormattings xmlns:x14="${X14_NS}">${formats}</x14:conditionalFormattings></ext>`
      )
    );
  }
  const entry = `<ext uri="${CF_EXT_URI}" xmlns:x14="${X14_NS}"><x14:conditionalFormattings>${formats}</x14:conditionalFormattings></ext>`;
  if (/<extLst>/.test(xml)) return xml.replace(/<\/extLst>/, `${entry}</extLst>`);
  return xml.replace(/<\/worksheet>\s*$/, `<extLst>${entry}</extLst></worksheet>`);
}
