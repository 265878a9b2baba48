export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A real download: a Blob behind an <a download>, clicked once, then released. */
export function downloadBytes(bytes: Uint8Array | string, fileName: string, mime: string): void {
  let part: BlobPart;
  if (typeof bytes === "string") part = bytes;
  else {
    // A copy over a plain ArrayBuffer: Blob takes no SharedArrayBuffer-backed views.
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    part = copy;
  }
  const blob = new Blob([part], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "plan.xlsx" → "plan"; used to name exports after the open file. */
export function baseName(fileName: string | null, fallback: string): string {
  if (!fileName) return fallback;
  const b = fileName.replace(/\.[^.]+$/, "").trim();
  return b || fallback;
}

/** A picked file's bytes (FileReader where Blob.arrayBuffer is missing, as in older webviews). */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function")
    return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsArrayBuffer(file);
  });
}
