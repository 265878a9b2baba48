import { existsSync, writeFileSync } from "node:fs";
import { WriteRefused } from "../io/package/growth";
import { OwnedSheetConflict } from "../plan/owned-sheets";
import { resolve } from "node:path";
import { InputError } from "./open";

/** Writes a file, turning an unwritable path into a clear message. */
export function writeOutput(path: string, bytes: Uint8Array | string): void {
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "its folder does not exist"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : code === "EISDIR"
            ? "it is a folder"
            : (e as Error).message;
    throw new InputError(`Cannot write ${path}: ${why}.`);
  }
}

/**
 * Refusals of the writers (a sheet of the planner's in the way of an owned one; a table that
 * cannot grow without moving what something refers to): one line naming the file, exit 2.
 */
export function asRefusal(file: string, e: unknown): unknown {
  if (e instanceof OwnedSheetConflict || e instanceof WriteRefused)
    return new InputError(`${file}: ${e.message}`);
  return e;
}

/** Refuses to write an output over the input it was read from (export CSV over the workbook, …). */
export function refuseOverwrite(input: string, out: string, what: string): void {
  if (resolve(input) === resolve(out))
    throw new InputError(
      `${out}: this would replace ${input} with ${what}; write it to another file with -o.`
    );
}

/** Refuses to replace a file that exists (`new -o FILE`). */
export function refuseExisting(out: string): void {
  if (existsSync(out))
    throw new InputError(
      `${out} already exists: choose another file name with -o, or delete that file first.`
    );
}
