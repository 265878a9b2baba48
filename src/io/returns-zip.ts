import JSZip from "jszip";
import type { ReturnFile } from "../import/returns";
import { returnWorkbookBytes } from "./return-workbook";

/** Every return of a round in one .zip (the pane's download in file mode). */
export async function returnsZip(files: readonly ReturnFile[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const f of files) zip.file(f.fileName, await returnWorkbookBytes(f.plan));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
