/**
 * Sheets built elsewhere (an ExcelJS workbook holding only the sheets the plan builds) moved
 * into the planner's package: the sheet part with its styles appended to ours and its strings
 * inline, its drawing and charts and tables under new part names, its print names re-scoped.
 * A replaced sheet keeps its part, tab position and sheetId; what hung off it goes.
 */
import { relativeTarget, relsPartOf } from "../read/package";
import { escapeXml } from "../read/xml";
import { OWNED_MARKER, ownedMarkerFormula } from "../../plan/owned-sheets";
import { PackageParts } from "./parts";
import { Styles } from "./styles";
import type { BookState } from "./state";
import { definedNames, indexWorkbook, type SheetEntry, type WorkbookIndex } from "./workbook-index";

export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
export const CT: Record<string, string> = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
};

export interface Scratch {
  parts: PackageParts;
  index: WorkbookIndex;
  styles: Styles;
  /** The raw `<si>` bodies of its shared strings. */
  shared: string[];
}

export async function openScratch(parts: PackageParts): Promise<Scratch> {
  const index = await indexWorkbook(parts);
  const styles = new Styles(index.stylesPath ? ((await parts.text(index.stylesPath)) ?? "") : "");
  const sst = index.sharedStringsPath ? ((await parts.text(index.sharedStringsPath)) ?? "") : "";
  const shared = [...sst.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) => m[1] ?? "");
  return { parts, index, styles, shared };
}

export interface TransplantRequest {
  /** Sheet name in the scratch workbook. */
  from: string;
  /** Name in the planner's workbook. */
  to: string;
  /** An existing sheet to replace (same part, same place). */
  replace?: SheetEntry;
  /** Mark it as the add-in's own. */
  owned: boolean;
}

/** Moves the sheets; returns the refreshed index. */
export async function transplant(
  state: BookState,
  scratch: Scratch,
  requests: TransplantRequest[]
): Promise<void> {
  const parts = state.parts;
  let wbXml = await parts.requireText(state.index.workbookPath);
  let wbRels =
    (await parts.text(relsPartOf(state.index.workbookPath))) ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}"></Relationships>`;
  const styleMap = new Map<number, number>();
  const mapStyle = (s: number) => {
    if (!styleMap.has(s)) styleMap.set(s, s === 0 ? 0 : state.styles.importXf(scratch.styles, s));
    return styleMap.get(s)!;
  };
  let tableId = Math.max(0, ...state.index.tables.map((t) => t.id));
  const scratchNames = definedNames(await scratch.parts.requireText(scratch.index.workbookPath));
  let sheetCount = state.index.sheets.length;
  let maxSheetId = Math.max(0, ...state.index.sheets.map((s) => s.sheetId));

  for (const req of requests) {
    const src = scratch.index.sheets.find((s) => s.name === req.from);
    if (!src) throw new Error(`transplant: no sheet ${req.from} in the built sheets`);
    let path: string;
    let localId: number;
    if (req.replace) {
      path = req.replace.path;
      localId = req.replace.index;
      await dropDependents(parts, path);
    } else {
      path = parts.freeName("xl/worksheets/sheet", ".xml");
      localId = sheetCount++;
      const rid = freeRid(wbRels);
      wbRels = wbRels.replace(
        /<\/Relationships>\s*$/,
        () =>
          `<Relationship Id="${rid}" Type="${REL}/worksheet" Target="${escapeXml(relativeTarget(state.index.workbookPath, path))}"/></Relationships>`
      );
      const entry = `<sheet name="${escapeXml(req.to)}" sheetId="${++maxSheetId}" r:id="${rid}"/>`;
      wbXml = wbXml.replace(/<\/((?:\w+:)?)sheets>/, (_m, p: string) => `${entry}</${p}sheets>`);
      if (!/xmlns:r=/.test(/<(?:\w+:)?workbook\b[^>]*>/.exec(wbXml)?.[0] ?? ""))
        wbXml = wbXml.replace(/<((?:\w+:)?)workbook\b/, `<$1workbook xmlns:r="${REL}"`);
      await parts.setContentType(path, CT.worksheet);
    }
    // The sheet's parts: new names for its drawing, charts and tables.
    const srcRels = await scratch.parts.relationships(src.path);
    const rels: string[] = [];
    for (const rel of srcRels) {
      if (rel.external) {
        rels.push(
          `<Relationship Id="${rel.id}" Type="${REL}/${rel.type}" Target="${escapeXml(rel.target)}" TargetMode="External"/>`
        );
        continue;
      }
      let target: string;
      if (rel.type === "drawing") target = await copyDrawing(scratch.parts, parts, rel.target);
      else if (rel.type === "table") {
        target = parts.freeName("xl/tables/table", ".xml");
        const xml = (await scratch.parts.requireText(rel.target)).replace(
          /(<(?:\w+:)?table\b[^>]*?\sid=")\d+(")/,
          (_m, a: string, z: string) => `${a}${++tableId}${z}`
        );
        parts.set(target, xml);
        await parts.setContentType(target, CT.table);
      } else continue;
      rels.push(
        `<Relationship Id="${rel.id}" Type="${REL}/${rel.type}" Target="${escapeXml(relativeTarget(path, target))}"/>`
      );
    }
    const sheetXml = restyle(await scratch.parts.requireText(src.path), mapStyle, scratch.shared);
    parts.set(path, sheetXml);
    state.forgetSheet(path);
    if (rels.length)
      parts.set(
        relsPartOf(path),
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${rels.join("")}</Relationships>`
      );
    else parts.remove(relsPartOf(path));

    // Names scoped to the sheet: its print settings from the built sheet, and the marker.
    const scoped = scratchNames.filter(
      (n) => n.localSheetId === src.index && /^_xlnm\.(Print_Area|Print_Titles)$/.test(n.name)
    );
    const names = scoped.map((n) => ({
      name: n.name,
      formula: n.formula.replace(
        new RegExp(`^'?${escapeRe(req.from)}'?!`, "g"),
        () => `${ownedMarkerFormula(req.to).split("!")[0]}!`
      ),
    }));
    if (req.owned) names.push({ name: OWNED_MARKER, formula: ownedMarkerFormula(req.to) });
    wbXml = setScopedNames(wbXml, localId, names);
  }
  wbXml = wbXml.replace(
    /<((?:\w+:)?)calcPr\b([^>]*?)(\/?)>/,
    (whole, p: string, attrs: string, close: string) =>
      `<${p}calcPr${attrs.replace(/\sfullCalcOnLoad="[^"]*"/, "")} fullCalcOnLoad="1"${close}>`
  );
  parts.set(state.index.workbookPath, wbXml);
  parts.set(relsPartOf(state.index.workbookPath), wbRels);
  state.index = await indexWorkbook(parts);
}

export function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function freeRid(relsXml: string): string {
  const taken = new Set([...relsXml.matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
  for (let i = 1; ; i++) if (!taken.has(`rId${i}`)) return `rId${i}`;
}

/** The workbook's names scoped to sheet `localId` that we manage, replaced by `names`. */
export function setScopedNames(
  wbXml: string,
  localId: number,
  names: Array<{ name: string; formula: string }>
): string {
  const managed = new Set(["_xlnm.print_area", "_xlnm.print_titles", OWNED_MARKER.toLowerCase()]);
  let xml = wbXml.replace(
    /<((?:\w+:)?)definedName\b([^>]*?)(?:\/>|>[\s\S]*?<\/\1definedName>)/g,
    (whole, _p: string, attrs: string) => {
      const name = /\sname="([^"]*)"/.exec(attrs)?.[1]?.toLowerCase() ?? "";
      const local = /\slocalSheetId="(\d+)"/.exec(attrs)?.[1];
      return managed.has(name) && local !== undefined && Number(local) === localId ? "" : whole;
    }
  );
  const add = names
    .map(
      (n) =>
        `<definedName name="${escapeXml(n.name)}" localSheetId="${localId}">${escapeXml(n.formula)}</definedName>`
    )
    .join("");
  xml = xml.replace(
    /<((?:\w+:)?)definedNames\b[^>]*>\s*<\/\1definedNames>|<(?:\w+:)?definedNames\s*\/>/,
    ""
  );
  if (!add) return xml;
  if (/<\/(?:\w+:)?definedNames>/.test(xml))
    return xml.replace(
      /<\/((?:\w+:)?)definedNames>/,
      (_m, p: string) => `${add}</${p}definedNames>`
    );
  return xml.replace(
    /(<\/(?:\w+:)?sheets>)/,
    (_m, close: string) => `${close}<definedNames>${add}</definedNames>`
  );
}

/** Cell and row styles mapped into our styles.xml; shared strings written inline; no tab selected. */
function restyle(xml: string, mapStyle: (s: number) => number, shared: string[]): string {
  let out = xml.replace(/\stabSelected="1"/g, "");
  out = out.replace(
    /<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g,
    (whole, attrs: string, _end: string, inner: string | undefined) => {
      let a = attrs.replace(/\ss="(\d+)"/, (_m, s: string) => ` s="${mapStyle(Number(s))}"`);
      let body = inner;
      if (/\st="s"/.test(a) && body !== undefined) {
        const i = Number(/<v>(\d+)<\/v>/.exec(body)?.[1] ?? -1);
        a = a.replace(/\st="s"/, ' t="inlineStr"');
        body = `<is>${shared[i] ?? "<t></t>"}</is>`;
      }
      return body === undefined ? `<c${a}/>` : `<c${a}>${body}</c>`;
    }
  );
  out = out.replace(
    /<row\b([^>]*?)\ss="(\d+)"/g,
    (_m, before: string, s: string) => `<row${before} s="${mapStyle(Number(s))}"`
  );
  out = out.replace(
    /<col\b([^>]*?)\sstyle="(\d+)"/g,
    (_m, before: string, s: string) => `<col${before} style="${mapStyle(Number(s))}"`
  );
  return out;
}

async function copyDrawing(from: PackageParts, to: PackageParts, drawing: string): Promise<string> {
  const target = to.freeName("xl/drawings/drawing", ".xml");
  const rels: string[] = [];
  for (const rel of await from.relationships(drawing)) {
    if (rel.external || rel.type !== "chart") continue;
    const chart = to.freeName("xl/charts/chart", ".xml");
    to.set(chart, await from.requireText(rel.target));
    await to.setContentType(chart, CT.chart);
    rels.push(
      `<Relationship Id="${rel.id}" Type="${REL}/chart" Target="${escapeXml(relativeTarget(target, chart))}"/>`
    );
  }
  to.set(target, await from.requireText(drawing));
  await to.setContentType(target, CT.drawing);
  to.set(
    relsPartOf(target),
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${rels.join("")}</Relationships>`
  );
  return target;
}

/** Removes what hung off a sheet being replaced: its drawing and charts, tables, notes. */
export async function dropDependents(parts: PackageParts, sheetPath: string): Promise<void> {
  const remove = async (part: string) => {
    for (const rel of await parts.relationships(part)) {
      if (rel.external) continue;
      if (
        ["chart", "chartUserShapes", "chartStyle", "chartColorStyle", "drawing"].includes(rel.type)
      )
        await remove(rel.target);
    }
    parts.remove(relsPartOf(part));
    parts.remove(part);
    await parts.removeContentType(part);
  };
  for (const rel of await parts.relationships(sheetPath)) {
    if (rel.external) continue;
    if (["drawing", "table", "comments", "vmlDrawing", "printerSettings"].includes(rel.type))
      await remove(rel.target);
  }
  parts.remove(relsPartOf(sheetPath));
}

/** Writes OWNED_MARKER on the named sheets of a package (one ExcelJS wrote). */
export async function markOwnedSheets(bytes: Uint8Array, sheets: string[]): Promise<Uint8Array> {
  const parts = await PackageParts.open(bytes);
  const index = await indexWorkbook(parts);
  let wbXml = await parts.requireText(index.workbookPath);
  for (const name of sheets) {
    const s = index.sheets.find((x) => x.name === name);
    if (!s) continue;
    const keep = definedNames(wbXml).filter(
      (n) => n.localSheetId === s.index && /^_xlnm\.(Print_Area|Print_Titles)$/.test(n.name)
    );
    wbXml = setScopedNames(wbXml, s.index, [
      ...keep.map((n) => ({ name: n.name, formula: n.formula })),
      { name: OWNED_MARKER, formula: ownedMarkerFormula(name) },
    ]);
  }
  parts.set(index.workbookPath, wbXml);
  return parts.toBytes();
}

/** Deletes a sheet: its entry, relationship, part and what hung off it; names scoped to later sheets renumbered. */
export async function removeSheet(state: BookState, sheet: SheetEntry): Promise<void> {
  const parts = state.parts;
  if (sheet.path) {
    await dropDependents(parts, sheet.path);
    parts.remove(sheet.path);
    await parts.removeContentType(sheet.path);
  }
  let wbXml = await parts.requireText(state.index.workbookPath);
  wbXml = wbXml.replace(
    new RegExp(`<(?:\\w+:)?sheet\\b[^>]*\\s[\\w.-]+:id="${escapeRe(sheet.rid)}"[^>]*/>`),
    ""
  );
  wbXml = wbXml.replace(
    /<((?:\w+:)?)definedName\b([^>]*?)(?:\/>|>[\s\S]*?<\/\1definedName>)/g,
    (whole, _p: string, attrs: string) => {
      const local = /\slocalSheetId="(\d+)"/.exec(attrs)?.[1];
      if (local === undefined) return whole;
      const id = Number(local);
      if (id === sheet.index) return "";
      return id > sheet.index
        ? whole.replace(/\slocalSheetId="\d+"/, ` localSheetId="${id - 1}"`)
        : whole;
    }
  );
  wbXml = wbXml.replace(/\s(activeTab|firstSheet)="(\d+)"/g, (whole, attr: string, n: string) =>
    Number(n) >= sheet.index && Number(n) > 0 ? ` ${attr}="${Number(n) - 1}"` : whole
  );
  parts.set(state.index.workbookPath, wbXml);
  const relsPath = relsPartOf(state.index.workbookPath);
  const rels = (await parts.text(relsPath)) ?? "";
  parts.set(
    relsPath,
    rels.replace(new RegExp(`<Relationship\\b[^>]*\\sId="${escapeRe(sheet.rid)}"[^>]*/>`), "")
  );
  state.forgetSheet(sheet.path);
  state.index = await indexWorkbook(parts);
}
