import type { CellTarget, Host, Progress } from "../host/host";
import type { PlannerTables, TableData } from "../model/schema";
import { checkOwnedSheets } from "../plan/owned-sheets";
import type { WorkbookPlan } from "../plan/types";
import { PackageBook } from "./package/package-book";
import { XlsxBook } from "./xlsx-book";

/**
 * The Host over a workbook file: in the browser (open, download) and in the CLI. A new workbook
 * is built with ExcelJS (XlsxBook); an opened file is edited as a package (PackageBook), so
 * everything in it the planner does not own is kept byte for byte.
 */
export class FileHost implements Host {
  readonly kind = "file" as const;
  /** The last cell asked for; a file has no selection, the pane shows it. */
  lastSelection: CellTarget | null = null;
  /** The table as the last writeTable found it, for restoreTable. */
  private previous: TableData | null = null;

  constructor(readonly book: XlsxBook | PackageBook) {}

  static blank(): FileHost {
    return new FileHost(XlsxBook.create());
  }

  static async open(bytes: Uint8Array): Promise<FileHost> {
    return new FileHost(await PackageBook.open(bytes));
  }

  async readTables(): Promise<PlannerTables> {
    return this.book.readTables();
  }

  async applyPlan(plan: WorkbookPlan, progress?: Progress): Promise<void> {
    progress?.(0, plan.sheets.length);
    if (this.book instanceof XlsxBook) {
      checkOwnedSheets(plan, this.book.existingSheets());
      this.book.applyPlan(plan);
    } else {
      await this.book.applyPlan(plan);
    }
    progress?.(plan.sheets.length, plan.sheets.length);
  }

  async writeTable(table: TableData): Promise<void> {
    const key = table.name.toLowerCase();
    const before =
      Object.values(await this.book.readTables()).find((t) => t.name.toLowerCase() === key) ?? null;
    await this.book.writeTable(table);
    this.previous = before;
  }

  /** Puts back the table the last writeTable replaced (which itself is then kept). Its name, or null. */
  async restoreTable(): Promise<string | null> {
    const data = this.previous;
    if (!data) return null;
    await this.writeTable(data);
    return data.name;
  }

  async select(target: CellTarget): Promise<void> {
    this.lastSelection = target;
  }

  async exportXlsx(): Promise<Uint8Array> {
    return this.book.toBytes();
  }
}
