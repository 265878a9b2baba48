import { readFileSync } from "node:fs";
import JSZip from "jszip";

/**
 * The formula cells of a sheet with their cached values, read from the package XML itself
 * (ExcelJS drops a cached 0 when it reads a formula cell back).
 */
export async function cachedFormulas(file: string, sheet: string): Promise<Map<string, { formula: string; cached: string }>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const escaped = sheet.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const rid = new RegExp(`<sheet [^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels);
  const part = "xl/" + (target?.[1] ?? target?.[2] ?? "").replace(/^\/?xl\//, "");
  const xml = await zip.file(part)!.async("string");
  const out = new Map<string, { formula: string; cached: string }>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>(.*?)<\/c>/g)) {
    const f = /<f>(.*?)<\/f>/.exec(m[2]);
    if (!f) continue;
    const v = /<v>(.*?)<\/v>/.exec(m[2]);
    const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    out.set(m[1], { formula: unescape(f[1]), cached: unescape(v?.[1] ?? "") });
  }
  return out;
}
