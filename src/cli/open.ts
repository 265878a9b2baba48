import { existsSync, readFileSync, statSync } from "node:fs";
import { extname } from "node:path";
import { FileHost } from "../io/file-host";
import { csvToMeasuresHost } from "../io/csv-workbook";
import { UsageError } from "./args";

/** Input that cannot be used: exit 2 with this one line. */
export class InputError extends Error {}

export function readInput(path: string): Uint8Array {
  if (!existsSync(path)) throw new InputError(`File not found: ${path}`);
  if (statSync(path).isDirectory())
    throw new InputError(`${path} is a folder, not a workbook file.`);
  return new Uint8Array(readFileSync(path));
}

/** Opens FILE (.xlsx, or .csv holding the Measures table) as a file host. */
export async function openPlannerFile(path: string, asOfYear: number): Promise<FileHost> {
  const bytes = readInput(path);
  const ext = extname(path).toLowerCase();
  try {
    if (ext === ".csv") return await csvToMeasuresHost(bytes, asOfYear);
    if (ext !== ".xlsx" && ext !== ".xlsm")
      throw new InputError(`${path}: expected an .xlsx or .csv file.`);
    return await FileHost.open(bytes);
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError) throw e;
    throw new InputError(`${path}: ${(e as Error).message}`);
  }
}
