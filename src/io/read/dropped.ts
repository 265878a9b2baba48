import type JSZip from "jszip";
import { OWNED_SHEETS } from "../../model/schema";
import { parseRelationships, relsPartOf } from "./package";
import { relationshipId, startTags } from "./xml";

async function text(zip: JSZip, part: string): Promise<string | null> {
  const file = zip.file(part);
  return file ? file.async("string") : null;
}

/**
 * What a workbook holds that ExcelJS cannot write back, so that saving it through the file host
 * would lose it: charts on the planner's own sheets, pivot tables, slicers, macros, threaded
 * comments. Charts on the sheets the add-in owns are rebuilt, so they are not counted.
 */
export async function partsExcelJsDrops(zip: JSZip): Promise<string[]> {
  const names = Object.keys(zip.files);
  const has = (prefix: string) => names.some((n) => n.startsWith(prefix) && !zip.files[n].dir);
  const out: string[] = [];
  const workbook = (await text(zip, "xl/workbook.xml")) ?? "";
  const rels = parseRelationships((await text(zip, "xl/_rels/workbook.xml.rels")) ?? "", "xl/workbook.xml");
  const owned = new Set<string>(OWNED_SHEETS);
  for (const sheet of startTags(workbook, "sheet")) {
    const rid = relationshipId(sheet);
    const part = rels.find((r) => r.id === rid)?.target;
    if (!part || owned.has(sheet.name ?? "")) continue;
    const sheetRels = parseRelationships((await text(zip, relsPartOf(part))) ?? "", part);
    for (const drawing of sheetRels.filter((r) => r.type === "drawing")) {
      const drawingRels = parseRelationships((await text(zip, relsPartOf(drawing.target))) ?? "", drawing.target);
      if (drawingRels.some((r) => r.type === "chart")) out.push(`charts on sheet "${sheet.name}"`);
    }
  }
  if (has("xl/pivotTables/")) out.push("pivot tables");
  if (has("xl/slicers/") || has("xl/timelines/")) out.push("slicers");
  if (has("xl/vbaProject.bin")) out.push("macros");
  if (has("xl/threadedComments/")) out.push("threaded comments");
  return out;
}
