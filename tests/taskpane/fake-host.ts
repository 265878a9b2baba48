import { validate } from "../../src/rules/validate";
import type { CellTarget, Host, Progress } from "../../src/host/host";
import { builtinFramework } from "../../src/model/builtin";
import { frameworkToTables } from "../../src/model/convert";
import {
  columnIndex,
  type PlannerTables,
  type TableData,
  type TableName,
} from "../../src/model/schema";
import type { Cell } from "../../src/model/types";
import type { WorkbookPlan } from "../../src/plan/types";
import type { Finding } from "../../src/rules/finding";

/**
 * A Host in memory for the pane's component tests: the planner tables as data (each on its own
 * sheet, header in row 1), and a log of what the pane asked of it.
 */
export class FakeHost implements Host {
  readonly kind: "excel" | "file";
  tables: PlannerTables;
  readonly calls: string[] = [];
  readonly selected: CellTarget[] = [];
  readonly plans: WorkbookPlan[] = [];
  marked: Finding[] = [];
  /** The table the last writeTable replaced (restoreTable puts it back). */
  previous: TableData | null = null;
  /** Files handed to openCopy. */
  readonly opened: Uint8Array[] = [];
  /** Make the next readTables fail with this error (then clear it). */
  failNextRead: unknown = null;
  /** Hold readTables until released (to test Cancel). */
  gate: Promise<void> | null = null;

  constructor(tables: PlannerTables, kind: "excel" | "file" = "excel") {
    this.kind = kind;
    this.tables = tables;
    for (const t of Object.values(this.tables))
      if (t) t.location = { sheet: t.name, row: 0, col: 0 };
  }

  /** The built-in DESPF tables (139 measures, DGC on 47 of them), As of 2026. */
  static despf(kind: "excel" | "file" = "excel"): FakeHost {
    return new FakeHost(frameworkToTables(builtinFramework("despf", 2026)) as PlannerTables, kind);
  }

  /** Sets one cell of a data row (1-based) by header. */
  set(table: TableName, row: number, header: string, value: Cell): void {
    const t = this.tables[table] as TableData;
    t.rows[row - 1][columnIndex(t, header)] = value;
  }

  async readTables(): Promise<PlannerTables> {
    this.calls.push("readTables");
    if (this.gate) await this.gate;
    if (this.failNextRead) {
      const e = this.failNextRead;
      this.failNextRead = null;
      throw e;
    }
    const copy: PlannerTables = {};
    for (const [name, t] of Object.entries(this.tables) as Array<[TableName, TableData]>) {
      copy[name] = {
        ...t,
        headers: [...t.headers],
        rows: t.rows.map((r) => [...r]),
        location: t.location && { ...t.location },
      };
    }
    return copy;
  }

  async applyPlan(plan: WorkbookPlan, progress?: Progress): Promise<void> {
    this.calls.push(
      `applyPlan:${plan.sheets.map((s) => s.name).join(",")}${plan.marks ? "+marks" : ""}`
    );
    this.plans.push(plan);
    // The marks read the Validation sheet; the fake keeps what that sheet was made from.
    if (plan.marks) this.marked = validate(this.tables);
    progress?.(plan.sheets.length, plan.sheets.length);
  }

  async writeTable(table: TableData): Promise<void> {
    this.calls.push(`writeTable:${table.name}`);
    this.previous = this.tables[table.name as TableName] ?? null;
    this.tables = {
      ...this.tables,
      [table.name]: { ...table, location: { sheet: table.name, row: 0, col: 0 } },
    };
  }

  async restoreTable(): Promise<string | null> {
    this.calls.push("restoreTable");
    const data = this.previous;
    if (!data) return null;
    await this.writeTable(data);
    return data.name;
  }

  async openCopy(bytes: Uint8Array): Promise<void> {
    this.calls.push("openCopy");
    this.opened.push(bytes);
  }

  async select(target: CellTarget): Promise<void> {
    this.calls.push("select");
    this.selected.push(target);
  }

  async exportXlsx(): Promise<Uint8Array> {
    this.calls.push("exportXlsx");
    return new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
  }
}
