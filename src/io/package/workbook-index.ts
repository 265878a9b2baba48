import { parseRef } from "../read/workbook";
import { decodeOoxmlEscapes, relationshipId, startTags } from "../read/xml";
import type { PackageParts } from "./parts";

/** A worksheet of the package: its tab name, part and place in `<sheets>` (localSheetId). */
export interface SheetEntry {
  name: string;
  path: string;
  rid: string;
  index: number;
  sheetId: number;
}

/** An Excel table as the package holds it. */
export interface TableEntry {
  name: string;
  /** Part name of the table XML. */
  path: string;
  sheet: SheetEntry;
  id: number;
  /** 1-based bounds of its ref, header and totals rows included. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRows: number;
  totalsRows: number;
  columns: string[];
}

export interface DefinedName {
  name: string;
  localSheetId: number | null;
  formula: string;
}

export interface WorkbookIndex {
  workbookPath: string;
  sheets: SheetEntry[];
  tables: TableEntry[];
  names: DefinedName[];
  date1904: boolean;
  sharedStringsPath: string | null;
  stylesPath: string | null;
}

const int = (v: string | undefined, dflt: number): number => {
  const n = Number(v);
  return v !== undefined && Number.isInteger(n) && n >= 0 ? n : dflt;
};

export async function indexWorkbook(parts: PackageParts): Promise<WorkbookIndex> {
  const root = await parts.relationships("");
  const workbookPath =
    root.find((r) => r.type === "officeDocument" && !r.external)?.target ?? "xl/workbook.xml";
  const wbXml = await parts.requireText(workbookPath);
  const rels = await parts.relationships(workbookPath);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  startTags(wbXml, "sheet").forEach((s, index) => {
    const rid = relationshipId(s) ?? "";
    const rel = byId.get(rid);
    if (!rel || rel.external) return;
    // Chart sheets keep their place in localSheetId numbering but hold no cells.
    sheets.push({
      name: s.name ?? "",
      path: rel.type === "worksheet" ? rel.target : "",
      rid,
      index,
      sheetId: int(s.sheetId, 0),
    });
  });
  const tables: TableEntry[] = [];
  for (const sheet of sheets) {
    if (!sheet.path) continue;
    for (const rel of await parts.relationships(sheet.path)) {
      if (rel.external || rel.type !== "table") continue;
      const xml = await parts.text(rel.target);
      const t = xml === null ? undefined : startTags(xml, "table")[0];
      const box = t?.ref ? parseRef(t.ref) : null;
      if (!t || !box || xml === null) continue;
      tables.push({
        name: t.displayName || t.name || rel.target,
        path: rel.target,
        sheet,
        id: int(t.id, 0),
        ...box,
        headerRows: int(t.headerRowCount, 1),
        totalsRows: int(t.totalsRowCount, 0),
        columns: startTags(xml, "tableColumn").map((c) => decodeOoxmlEscapes(c.name ?? "")),
      });
    }
  }
  const pr = startTags(wbXml, "workbookPr")[0] ?? {};
  return {
    workbookPath,
    sheets,
    tables,
    names: definedNames(wbXml),
    date1904: pr.date1904 === "1" || pr.date1904 === "true",
    sharedStringsPath: rels.find((r) => r.type === "sharedStrings" && !r.external)?.target ?? null,
    stylesPath: rels.find((r) => r.type === "styles" && !r.external)?.target ?? null,
  };
}

export function definedNames(wbXml: string): DefinedName[] {
  const out: DefinedName[] = [];
  const re = /<(?:\w+:)?definedName\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?definedName>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(wbXml)) !== null) {
    const attrs = startTags(`<definedName${m[1]}>`, "definedName")[0] ?? {};
    const local = attrs.localSheetId;
    out.push({
      name: attrs.name ?? "",
      localSheetId: local === undefined ? null : int(local, -1),
      formula: unescape(m[2] ?? ""),
    });
  }
  return out;
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
