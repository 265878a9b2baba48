/**
 * Import of a very wide source: a CSV of 20 000 columns (a few hundred measures), read and
 * planned into the DESPF workbook. Every column without a Measures header becomes an extra
 * column, each needing a name of its own: linear since issue 12 (was 97 s, quadratic).
 */
import { performance } from "node:perf_hooks";
import { planImportInto } from "../src/import";
import { readImportSource } from "../src/io/import-source";
import { builtinFramework } from "../src/model/builtin";
import { frameworkToTables } from "../src/model/convert";

export interface ImportFigures {
  /** Median ms: read and plan a 20 000-column, 200-row CSV into DESPF. */
  import_wide_csv_20000_columns_ms: number;
}

function wideCsv(columns: number, rows: number): Uint8Array {
  const header = [
    "No.",
    "Measure",
    ...Array.from({ length: columns - 2 }, (_, i) => (i % 10 === 0 ? "Remark" : `Extra ${i}`)),
  ];
  const lines = [header.join(",")];
  for (let r = 1; r <= rows; r++)
    lines.push(
      [
        String(r),
        `Measure ${r}`,
        ...Array.from({ length: columns - 2 }, (_, i) => String((r * i) % 97)),
      ].join(",")
    );
  return new TextEncoder().encode(lines.join("\r\n"));
}

export async function importBench(runs = 3): Promise<ImportFigures> {
  const bytes = wideCsv(20_000, 200);
  const tables = frameworkToTables(builtinFramework("despf", 2025));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const source = await readImportSource("wide.csv", bytes);
    planImportInto(source, tables, 2025, { mode: "merge" });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { import_wide_csv_20000_columns_ms: times[Math.floor(times.length / 2)] };
}

if (require.main === module) {
  importBench().then((f) => process.stdout.write(JSON.stringify(f) + "\n"));
}
