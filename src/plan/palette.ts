/**
 * The one palette of the project's charts: status colours (the workbook in both hosts, the
 * briefing deck, the pane) and the committee chart's actual / expected colours. Hex RGB without
 * "#", as DrawingML and pptxgenjs take them; `cssColor` adds the "#" for Office.js and the DOM.
 */
import { STATUSES, type Status } from "../model/types";

export const STATUS_COLORS: Record<Status, string> = {
  Completed: "2E7D32", // green
  "On track": "1565C0", // blue
  "At risk": "F9A825", // amber
  Delayed: "C62828", // red
  "Not started": "9E9E9E", // grey
};

/** A status that is none of the five (blank, misspelt). */
export const OTHER_STATUS_COLOR = "6D4C41";

/** The committee chart: measures counted, and the count the framework expects. */
export const ACTUAL_COLOR = "1F4E79";
export const EXPECTED_COLOR = "BDBDBD";

const BY_KEY = new Map(STATUSES.map((s) => [s.toLowerCase(), STATUS_COLORS[s]]));

/** The colour of a status as written (any case, trimmed); "Other" and unknown statuses get OTHER_STATUS_COLOR. */
export function statusColor(status: string): string {
  return BY_KEY.get(status.trim().toLowerCase()) ?? OTHER_STATUS_COLOR;
}

export function cssColor(hex: string): string {
  return `#${hex}`;
}
