/**
 * An operation's precondition failed before anything was written. The message is written for
 * the planner; each front end shows it (or its own words for it) as it is.
 */
export class NoMeasuresTableError extends Error {
  constructor(
    message = "This workbook has no Measures table yet: set up the planner tables (Set up ▸ Create or repair tables) first."
  ) {
    super(message);
    this.name = "NoMeasuresTableError";
  }
}
