import { frameworkWithAsOfYear, isAsOfYear, MAX_AS_OF, MIN_AS_OF } from "../model/as-of";
import { findTable, type PlannerTables } from "../model/schema";
import type { Host } from "./host";

export const NO_FRAMEWORK_TABLE =
  "This workbook has no Framework table: set up the planner tables first, then set the As of year.";

/**
 * Writes the workbook's Framework "As of year" (the one value every check and summary counts
 * from). Checks before it writes: a year from 1900 to 2200, a Framework table with Setting
 * and Value columns. Returns the year written and the tables as they now are.
 */
export async function setAsOfYear(
  host: Host,
  year: number
): Promise<{ asOfYear: number; tables: PlannerTables }> {
  if (!isAsOfYear(year))
    throw new Error(
      `The As of year must be a whole year from ${MIN_AS_OF} to ${MAX_AS_OF} (got ${year}).`
    );
  const tables = await host.readTables();
  const table = findTable(tables, "Framework");
  if (!table) throw new Error(NO_FRAMEWORK_TABLE);
  const next = frameworkWithAsOfYear(table, year);
  if (!next)
    throw new Error(
      "The Framework table needs its Setting and Value columns: set up the planner tables again, then set the As of year."
    );
  await host.writeTable(next);
  return { asOfYear: year, tables: await host.readTables() };
}
