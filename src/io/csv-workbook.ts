import { builtinFramework } from "../model/builtin";
import { isBlank } from "../model/cells";
import { TABLE_HEADERS } from "../model/schema";
import { setupPlan } from "../plan/setup";
import { parseCsv } from "./csv";
import { FileHost } from "./file-host";

/**
 * A CSV holds the Measures table (header row first); the workbook around it takes the
 * built-in DESPF reference tables.
 */
export async function csvToMeasuresHost(bytes: Uint8Array, asOfYear: number): Promise<FileHost> {
  const rows = parseCsv(bytes);
  const start = rows.findIndex((r) => r.some((c) => !isBlank(c)));
  if (start < 0) throw new Error("The CSV file is empty.");
  const headers = rows[start].map((c) => String(c ?? "").trim());
  const framework = builtinFramework("despf", asOfYear);
  framework.measures = [];
  const host = FileHost.blank();
  const plan = setupPlan(framework);
  const measures = plan.sheets.find((s) => s.name === "Measures")!.tables[0];
  // The CSV's own headers (contract ones matched loosely, extras kept), then any missing contract column.
  const missing = TABLE_HEADERS.Measures.filter((h) => !headers.some((x) => x.toLowerCase().replace(/\s+/g, "") === h.toLowerCase().replace(/\s+/g, "")));
  measures.headers = [...headers, ...missing];
  measures.rows = rows.slice(start + 1).filter((r) => r.some((c) => !isBlank(c))).map((r) => measures.headers.map((_, i) => r[i] ?? null));
  await host.applyPlan(plan);
  return host;
}
