import { PROGRESS_TABLE, TABLE_HEADERS, type TableData } from "../model/schema";
import { STATUSES } from "../model/types";
import { NUMBER_FORMATS } from "./setup";
import type { PlanSheet } from "./types";

/** The Progress sheet as first created by an import that records a period: the table and its rows. */
export function progressSheetPlan(table: TableData): PlanSheet {
  const headers = table.headers.length ? table.headers : [...TABLE_HEADERS.Progress];
  return {
    name: PROGRESS_TABLE,
    owned: false,
    cells: [],
    tables: [
      {
        name: PROGRESS_TABLE,
        topLeft: { row: 0, col: 0 },
        headers,
        rows: table.rows,
        style: "TableStyleMedium2",
        numberFormats: NUMBER_FORMATS.Progress,
        validations: [
          { column: "Status", kind: "list", values: [...STATUSES] },
          { column: "Progress %", kind: "decimal", min: 0, max: 100 },
        ],
      },
    ],
    charts: [],
    columnWidths: headers.map((h) =>
      h === "Notes" ? 40 : h === "Source" ? 34 : h === "Recorded" ? 20 : 12
    ),
    freeze: { rows: 1, cols: 0 },
  };
}
