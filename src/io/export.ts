import { ALL_TABLE_NAMES, headerKey, type PlannerTables, type TableData } from "../model/schema";
import type { Cell } from "../model/types";
import { writeCsv } from "./csv";

type JsonCell = string | number | boolean | null;

function jsonCell(c: Cell): JsonCell {
  if (c instanceof Date) return isNaN(c.getTime()) ? null : c.toISOString().slice(0, 10);
  if (typeof c === "number" && !Number.isFinite(c)) return null;
  return c;
}

/** A measure's No. is its key and text, even where a workbook stores it as a number. */
function keyCell(table: string, header: string, value: JsonCell): JsonCell {
  return table === "Measures" && headerKey(header) === headerKey("No.") && typeof value === "number"
    ? String(value)
    : value;
}

/** `{"tables": {"Measures": [{"No.": "1", …}], …}}`: every planner table, rows keyed by header. */
export function tablesToJson(tables: PlannerTables): {
  tables: Record<string, Array<Record<string, JsonCell>>>;
} {
  const out: Record<string, Array<Record<string, JsonCell>>> = {};
  for (const name of ALL_TABLE_NAMES) {
    const t = tables[name];
    if (!t) continue;
    out[name] = t.rows
      .filter((r) => r.some((c) => c !== null && String(c).trim() !== ""))
      .map((r) =>
        Object.fromEntries(t.headers.map((h, i) => [h, keyCell(name, h, jsonCell(r[i] ?? null))]))
      );
  }
  return { tables: out };
}

/** One table as CSV: UTF-8 with BOM, formula-injection safe. */
export function tableToCsv(table: TableData): Uint8Array {
  const rows = table.rows.filter((r) => r.some((c) => c !== null && String(c).trim() !== ""));
  return writeCsv([table.headers, ...rows]);
}
