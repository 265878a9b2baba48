/**
 * Errors of reading a file a planner gave us. Their messages are written for the planner
 * (they are shown as they are in the task pane and by the CLI); the technical cause, when
 * there is one, is kept in `cause` for logs, never in the message.
 */
export class FileReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FileReadError";
  }
}

/** The .xlsx file cannot be read: not a workbook, damaged, too big, a zip bomb. */
export class WorkbookReadError extends FileReadError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WorkbookReadError";
  }
}

/** The CSV file cannot be read: not UTF-8. */
export class CsvReadError extends FileReadError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CsvReadError";
  }
}

/** The file was read but holds nothing importable: no recognisable header row. */
export class ImportSourceError extends FileReadError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ImportSourceError";
  }
}

/** "500 MB", "2.5 MB", "7 KB": sizes for messages. */
export function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb < 1) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  return `${mb >= 10 ? String(Math.round(mb)) : mb.toFixed(1).replace(/\.0$/, "")} MB`;
}
