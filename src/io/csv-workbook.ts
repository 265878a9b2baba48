import { isBlank } from "../model/cells";
import { builtinFramework } from "../model/builtin";
import { headerKey, TABLE_HEADERS } from "../model/schema";
import type { Cell } from "../model/types";
import { setupPlan } from "../plan/setup";
import { parseCsv } from "./csv";
import { FileHost } from "./file-host";
import { planImport, type ImportReport } from "../import";

/**
 * A CSV holds the Measures table; the workbook around it takes the built-in DESPF reference
 * tables. The CSV is read as an import (title rows, other headers, Khmer), every row kept.
 */
export async function csvToMeasuresHost(bytes: Uint8Array, asOfYear: number): Promise<FileHost> {
  const framework = builtinFramework("despf", asOfYear);
  framework.measures = [];
  const source = parseCsv(bytes);
  const report = planImport(
    { rows: source },
    { name: "Measures", headers: [...TABLE_HEADERS.Measures], rows: [] },
    framework,
    { mode: "replace" }
  );
  const host = FileHost.blank();
  const plan = setupPlan(framework);
  const measures = plan.sheets.find((s) => s.name === "Measures")!.tables[0];
  measures.headers = report.result.headers;
  measures.rows = withRejectedRows(source, report);
  await host.applyPlan(plan);
  return host;
}

/**
 * An import rejects rows with no No. or no measure text and repeated Nos. Here the CSV is the
 * Measures table itself, so those rows stay, in source order and with their mapped cells as
 * written, for the rules to report (key-missing, key-duplicate, required-missing).
 */
function withRejectedRows(source: Cell[][], report: ImportReport): Cell[][] {
  const imported = report.result.rows;
  if (report.rejected.length === 0) return imported;
  const rejected = new Set(report.rejected.map((x) => x.sourceRow));
  const headers = report.result.headers;
  const columns = report.mapped.map((m) => ({
    at: headers.findIndex((h) => headerKey(h) === headerKey(m.header)),
    from: m.sourceColumn,
  }));
  const out: Cell[][] = [];
  let next = 0;
  for (let r = report.firstDataRow - 1; r < source.length; r++) {
    const row = source[r] ?? [];
    if (row.every((c) => isBlank(c))) continue;
    if (!rejected.has(r + 1)) {
      if (next < imported.length) out.push(imported[next++]);
      continue;
    }
    const kept = new Array<Cell>(headers.length).fill(null);
    for (const c of columns) if (c.at >= 0) kept[c.at] = row[c.from] ?? null;
    out.push(kept);
  }
  while (next < imported.length) out.push(imported[next++]);
  return out;
}
