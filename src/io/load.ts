import ExcelJS from "exceljs";
import JSZip from "jszip";

export class FileReadError extends Error {}

/**
 * Opens a workbook file for editing. openpyxl writes absolute relationship targets
 * ("/xl/worksheets/sheet1.xml") that ExcelJS 4.4 cannot follow: they are made relative first.
 */
export async function loadWorkbookBytes(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const { checkPackage, normaliseRelationships } = await import("./read/package");
  const zip = await checkPackage(bytes);
  const fixed = await normaliseRelationships(zip, bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(fixed as unknown as ArrayBuffer);
  } catch (e) {
    throw new FileReadError(`The workbook could not be read: ${(e as Error).message}`);
  }
  void JSZip;
  return wb;
}
