import ExcelJS from "exceljs";
import { checkPackage, normaliseRelationships } from "./read/package";
import { readWorkbook, parseRef } from "./read/workbook";
import { FileReadError, WorkbookReadError } from "./read/errors";
import { toExcelJs } from "./exceljs-cells";
import { partsExcelJsDrops } from "./read/dropped";
import { keepX14Rules, setAsideX14Rules } from "./xlsx-marks";

export { FileReadError };

/**
 * Opens a workbook file for editing: the whole workbook when ExcelJS can load it (relationship
 * targets made relative first, for openpyxl's files); otherwise — files ExcelJS 4.4 chokes on —
 * every sheet's values and every table rebuilt from our own reader, so no row is lost.
 */
export async function loadWorkbookBytes(bytes: Uint8Array): Promise<{ wb: ExcelJS.Workbook; dropped: string[] }> {
  if (bytes.length === 0) throw new WorkbookReadError("The file is empty (0 bytes).");
  const zip = await checkPackage(bytes);
  const dropped = await partsExcelJsDrops(zip);
  const fixed = await normaliseRelationships(zip, bytes);
  const wb = new ExcelJS.Workbook();
  try {
    // x14 conditional formats (the marks, and rules Excel wrote) wait outside ExcelJS, which cannot save them.
    const { bytes: forExcelJs, kept } = await setAsideX14Rules(fixed);
    // ExcelJS hands these bytes to JSZip, which takes any Uint8Array; its typing asks for a Buffer.
    await wb.xlsx.load(forExcelJs as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
    keepX14Rules(wb, kept);
    return { wb, dropped };
  } catch {
    return { wb: await rebuildFromValues(bytes), dropped: [...dropped, "formatting (the file was read as values only)"] };
  }
}

async function rebuildFromValues(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const read = await readWorkbook(bytes);
  const wb = new ExcelJS.Workbook();
  for (const sheet of read.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.rows.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = toExcelJs(v))));
  }
  for (const t of Object.values(read.tables)) {
    const ws = wb.getWorksheet(t.sheet);
    const box = parseRef(t.ref);
    if (!ws || !box) continue;
    ws.addTable({
      name: t.name,
      ref: `${ws.getCell(box.top, box.left).address}`,
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: t.headers.map((h) => ({ name: h })),
      rows: (t.rows.length ? t.rows : [t.headers.map(() => null)]).map((r) => t.headers.map((_, i) => toExcelJs(r[i] ?? null))),
    });
  }
  return wb;
}
