import { builtinFramework } from "../model/builtin";
import { TABLE_HEADERS } from "../model/schema";
import { setupPlan } from "../plan/setup";
import { parseCsv } from "./csv";
import { FileHost } from "./file-host";
import { planImport } from "./import";

/**
 * A CSV holds the Measures table; the workbook around it takes the built-in DESPF reference
 * tables. The CSV is read as an import (title rows, other headers, Khmer), every row kept.
 */
export async function csvToMeasuresHost(bytes: Uint8Array, asOfYear: number): Promise<FileHost> {
  const framework = builtinFramework("despf", asOfYear);
  framework.measures = [];
  const report = planImport({ rows: parseCsv(bytes) }, { name: "Measures", headers: [...TABLE_HEADERS.Measures], rows: [] }, framework, { mode: "replace" });
  const host = FileHost.blank();
  const plan = setupPlan(framework);
  const measures = plan.sheets.find((s) => s.name === "Measures")!.tables[0];
  measures.headers = report.result.headers;
  measures.rows = report.result.rows;
  await host.applyPlan(plan);
  return host;
}
