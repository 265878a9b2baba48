import { readFileSync } from "node:fs";
import JSZip from "jszip";

/**
 * The formula cells of a sheet with their cached values, read from the package XML itself
 * (ExcelJS drops a cached 0 when it reads a formula cell back).
 */
export async function cachedFormulas(
  file: string,
  sheet: string
): Promise<Map<string, { formula: string; cached: string }>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const escaped = sheet.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const rid = new RegExp(`<sheet [^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(
    `Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`
  ).exec(rels);
  const part = "xl/" + (target?.[1] ?? target?.[2] ?? "").replace(/^\/?xl\//, "");
  const xml = await zip.file(part)!.async("string");
  const out = new Map<string, { formula: string; cached: string }>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>(.*?)<\/c>/g)) {
    const f = /<f>(.*?)<\/f>/.exec(m[2]);
    if (!f) continue;
    const v = /<v>(.*?)<\/v>/.exec(m[2]);
    const unescape = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
    out.set(m[1], { formula: unescape(f[1]), cached: unescape(v?.[1] ?? "") });
  }
  return out;
}

/** A worksheet part's XML, found by sheet name through the workbook part and its relationships. */
export async function sheetXml(bytes: Uint8Array, sheet: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const escaped = sheet.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const rid = new RegExp(`<sheet [^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(
    `Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`
  ).exec(rels);
  const part = "xl/" + (target?.[1] ?? target?.[2] ?? "").replace(/^\/?xl\//, "");
  return zip.file(part)!.async("string");
}

/** The x14 (Excel 2010+) conditional-format rules of a sheet: formula (unescaped), range, fill. */
export async function x14Rules(
  bytes: Uint8Array,
  sheet: string
): Promise<Array<{ formula: string; sqref: string; id: string; fill: string | null }>> {
  const xml = await sheetXml(bytes, sheet);
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return [
    ...xml.matchAll(/<x14:conditionalFormatting\b[\s\S]*?<\/x14:conditionalFormatting>/g),
  ].flatMap((cf) =>
    [
      ...cf[0].matchAll(
        /<x14:cfRule\b[^>]*id="([^"]+)"[^>]*>[\s\S]*?<xm:f>([\s\S]*?)<\/xm:f>([\s\S]*?)<\/x14:cfRule>/g
      ),
    ].map((r) => ({
      id: r[1],
      formula: unescape(r[2]),
      fill: /<bgColor rgb="([0-9A-F]+)"/.exec(r[3])?.[1] ?? null,
      sqref: /<xm:sqref>([^<]+)<\/xm:sqref>/.exec(cf[0])?.[1] ?? "",
    }))
  );
}
