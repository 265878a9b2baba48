/**
 * The Progress table read for the Summary and the Briefings: status by period, and what changed
 * between the last two periods. A period's value for a measure is its last row for that period.
 * Pure; unreadable periods and blank Nos are left out (the rules report them).
 */
import { cellText, readNumber } from "../model/cells";
import { orderedPeriods, parsePeriod } from "../model/period";
import { columnIndex, findTable, type PlannerTables, type TableData } from "../model/schema";
import { STATUSES, type Status } from "../model/types";

export interface PeriodReading {
  status: string;
  progress: number | null;
}

export interface PeriodChange {
  no: string;
  before: PeriodReading;
  after: PeriodReading;
  statusMoved: boolean;
  /** Progress up or down between the two periods; null when either is blank or equal. */
  progress: "up" | "down" | null;
}

export interface PeriodHistory {
  /** Period labels, earliest first. */
  periods: string[];
  /** Per period: measures per status (STATUSES order, then "Other" for any other or blank status). */
  statusCounts: number[][];
  /** The last period and the one before it (null with fewer than two periods). */
  latest: string | null;
  previous: string | null;
  /** Measures whose status or progress differs between `previous` and `latest`, by No. order of the table. */
  changes: PeriodChange[];
}

const STATUS_KEY = new Map<string, Status>(
  STATUSES.map((s) => [s.toLowerCase().replace(/\s+/g, ""), s])
);

/** The known status a cell names, or null. */
function statusOf(text: string): Status | null {
  return STATUS_KEY.get(text.toLowerCase().replace(/\s+/g, "")) ?? null;
}

export function periodHistory(progress: TableData | undefined): PeriodHistory {
  const empty: PeriodHistory = {
    periods: [],
    statusCounts: [],
    latest: null,
    previous: null,
    changes: [],
  };
  if (!progress) return empty;
  const col = (h: string) => columnIndex(progress, h);
  const [periodCol, noCol, statusCol, progressCol] = [
    col("Period"),
    col("No."),
    col("Status"),
    col("Progress %"),
  ];
  if (periodCol < 0 || noCol < 0) return empty;

  // Period label → No. (lower-cased) → the period's last reading.
  const byPeriod = new Map<string, Map<string, PeriodReading & { no: string }>>();
  for (const row of progress.rows) {
    const period = parsePeriod(row[periodCol]);
    const no = cellText(row[noCol]);
    if (!period || no === "") continue;
    const p = readNumber(progressCol >= 0 ? row[progressCol] : null);
    const readings = byPeriod.get(period.label) ?? new Map();
    readings.set(no.toLowerCase(), {
      no,
      status: statusCol >= 0 ? cellText(row[statusCol]) : "",
      progress: p.kind === "number" ? p.value : null,
    });
    byPeriod.set(period.label, readings);
  }
  const periods = orderedPeriods([...byPeriod.keys()]).map((p) => p.label);
  const statusCounts = periods.map((label) => {
    const counts = new Array<number>(STATUSES.length + 1).fill(0);
    for (const r of byPeriod.get(label)?.values() ?? []) {
      const s = statusOf(r.status);
      counts[s === null ? STATUSES.length : STATUSES.indexOf(s)]++;
    }
    return counts;
  });
  if (periods.length < 2) return { ...empty, periods, statusCounts, latest: periods[0] ?? null };

  const latest = periods[periods.length - 1];
  const previous = periods[periods.length - 2];
  const before = byPeriod.get(previous) ?? new Map();
  const changes: PeriodChange[] = [];
  for (const [key, after] of byPeriod.get(latest) ?? new Map()) {
    const was = before.get(key);
    if (!was) continue;
    const statusMoved =
      (statusOf(was.status) ?? was.status) !== (statusOf(after.status) ?? after.status);
    const direction =
      was.progress === null || after.progress === null || was.progress === after.progress
        ? null
        : after.progress > was.progress
          ? "up"
          : "down";
    if (statusMoved || direction)
      changes.push({
        no: after.no,
        before: { status: was.status, progress: was.progress },
        after: { status: after.status, progress: after.progress },
        statusMoved,
        progress: direction,
      });
  }
  changes.sort((a, b) => a.no.localeCompare(b.no, undefined, { numeric: true }));
  return { periods, statusCounts, latest, previous, changes };
}

/** The history of the workbook's Progress table (empty without one). */
export function periodHistoryOfTables(tables: PlannerTables): PeriodHistory {
  return periodHistory(findTable(tables, "Progress"));
}
