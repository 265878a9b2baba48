/**
 * The source was read but holds nothing importable (no recognisable header row, an impossible
 * column mapping). Its message is written for the planner, shown as it is by the pane and CLI.
 */
export class ImportSourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ImportSourceError";
  }
}
