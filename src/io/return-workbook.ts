import type ExcelJS from "exceljs";
import { headerKey } from "../model/schema";
import type { WorkbookPlan } from "../plan/types";
import { XlsxBook } from "./xlsx-book";

/**
 * A return workbook as .xlsx: the plan's sheets, then sheet protection without a password on
 * the sheets that ask for it, every cell locked except the data cells of the unlocked columns.
 * Excel and LibreOffice keep ListObjects and dropdowns working under this protection; sorting
 * and filtering stay allowed.
 */
export async function returnWorkbookBytes(plan: WorkbookPlan): Promise<Uint8Array> {
  const book = XlsxBook.create();
  book.applyPlan(plan);
  for (const sheet of plan.sheets) {
    if (!sheet.protection) continue;
    const ws = book.wb.getWorksheet(sheet.name);
    if (!ws) continue;
    const unlocked = new Set(sheet.protection.unlockedColumns.map(headerKey));
    for (const table of sheet.tables) {
      table.headers.forEach((h, c) => {
        if (!unlocked.has(headerKey(h))) return;
        for (let r = 0; r < Math.max(1, table.rows.length); r++) {
          const cell = ws.getCell(table.topLeft.row + 2 + r, table.topLeft.col + 1 + c);
          cell.protection = { locked: false };
        }
      });
    }
    await protect(ws);
  }
  return book.toBytes();
}

function protect(ws: ExcelJS.Worksheet): Promise<void> {
  return ws.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: true,
  });
}
