import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "./open";

/** Writes a file, turning an unwritable path into a clear message. */
export function writeOutput(path: string, bytes: Uint8Array | string): void {
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "its folder does not exist" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EISDIR" ? "it is a folder" : (e as Error).message;
    throw new InputError(`Cannot write ${path}: ${why}.`);
  }
}

/**
 * Saving through ExcelJS loses what it cannot write (charts on the planner's own sheets, pivot
 * tables, macros…): never over the planner's file, and with a note when to another file.
 */
export function guardWhatCannotBeKept(input: string, out: string, cannotKeep: string[]): void {
  if (cannotKeep.length === 0) return;
  const what = cannotKeep.join(", ");
  if (resolve(input) === resolve(out)) {
    throw new InputError(`${input} has ${what}, which a file saved by planner cannot keep: write the result to another file with -o.`);
  }
  process.stderr.write(`planner: note: ${out} does not keep the ${what} of ${input}.\n`);
}
