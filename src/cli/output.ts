import { writeFileSync } from "node:fs";
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
