/**
 * Writes a built-in framework's workbook with the project's own modules (the CLI's `new` does
 * the same; the e2e uses this when the CLI cannot run). Usage:
 *   npx tsx tests/e2e/make-workbook.ts despf OUT.xlsx [AS_OF_YEAR]
 */
import { writeFileSync } from "node:fs";
import { setupWorkbook } from "../../src/host/operations";
import { FileHost } from "../../src/io/file-host";
import type { FrameworkId } from "../../src/model/types";

async function main(): Promise<void> {
  const [id, out, year] = process.argv.slice(2);
  if (!id || !out) throw new Error("usage: make-workbook.ts despf|dgp|blank OUT.xlsx [YEAR]");
  const host = FileHost.blank();
  await setupWorkbook(host, id as FrameworkId, Number(year) || new Date().getFullYear());
  writeFileSync(out, await host.exportXlsx());
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
