import { tablesToFramework } from "../model/convert";
import { findTable, TABLE_HEADERS, type PlannerTables, type TableData } from "../model/schema";
import { planImport, type ImportReport } from "./merge";
import type { ImportSourceRows } from "./index";

export interface ImportChoice {
  mode: "merge" | "replace";
  /** The planner's override: Measures header → 0-based source column. */
  mapping?: Record<string, number>;
}

/**
 * What importing `source` into the workbook's Measures table would do: the merge against the
 * reference tables as the workbook holds them. Pure; the hosts' operations and every front end
 * call this one function.
 */
export function planImportInto(
  source: ImportSourceRows,
  tables: PlannerTables,
  asOfYear: number,
  choice: ImportChoice
): ImportReport {
  const framework = tablesToFramework(tables, asOfYear);
  const found = findTable(tables, "Measures");
  const target: TableData = found
    ? found.headers.length > 0
      ? found
      : { ...found, headers: [...TABLE_HEADERS.Measures] }
    : { name: "Measures", headers: [...TABLE_HEADERS.Measures], rows: [] };
  return planImport(
    source,
    target,
    {
      committees: framework.committees,
      timeframes: framework.timeframes,
      goals: framework.goals,
      strategies: framework.strategies,
    },
    { mode: choice.mode, mapping: choice.mapping }
  );
}
