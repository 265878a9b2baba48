/** Progress-table rules: period labels, keys, and progress that went down. See README.md. */
import { cellText, isBlank, readNumber } from "../model/cells";
import { comparePeriods, parsePeriod, type Period } from "../model/period";
import { TABLE_HEADERS } from "../model/schema";
import type { TableData } from "../model/schema";
import { codeKey, readRows, type MeasureRow, type Sink } from "./read-tables";

const at = (header: string) => TABLE_HEADERS.Progress.indexOf(header);
const PERIOD = at("Period");
const NO = at("No.");
const PROGRESS = at("Progress %");
const NOTES = at("Notes");

interface Reading {
  row: number;
  period: Period;
  no: string;
  progress: number | null;
  notes: string;
}

/**
 * period-invalid, progress-key-unknown and progress-decrease over the Progress table. Where a
 * period has several rows for one measure (several sources), its last row is the period's value.
 */
export function checkHistory(
  progress: TableData | undefined,
  measures: readonly MeasureRow[],
  sink: Sink
): void {
  if (!progress) return;
  const known = new Set(measures.filter((m) => m.no !== "").map((m) => codeKey(m.no)));
  const readings: Reading[] = [];
  for (const r of readRows(progress, "Progress")) {
    const no = cellText(r.cells[NO]);
    const periodCell = r.cells[PERIOD];
    const period = parsePeriod(periodCell);
    if (!period)
      sink.add("period-invalid", "Progress", r.row, "Period", no || null, {
        value: cellText(periodCell),
      });
    if (no === "" || !known.has(codeKey(no)))
      sink.add("progress-key-unknown", "Progress", r.row, "No.", no || null, { no });
    const p = readNumber(r.cells[PROGRESS]);
    if (period && no !== "") {
      readings.push({
        row: r.row,
        period,
        no,
        progress: p.kind === "number" ? p.value : null,
        notes: isBlank(r.cells[NOTES]) ? "" : cellText(r.cells[NOTES]),
      });
    }
  }

  const byMeasure = new Map<string, Map<string, Reading>>();
  for (const r of readings) {
    const periods = byMeasure.get(codeKey(r.no)) ?? new Map<string, Reading>();
    periods.set(r.period.label, r);
    byMeasure.set(codeKey(r.no), periods);
  }
  for (const periods of byMeasure.values()) {
    let previous: Reading | null = null;
    for (const r of [...periods.values()].sort((a, b) => comparePeriods(a.period, b.period))) {
      if (r.progress === null) continue;
      if (
        previous &&
        previous.progress !== null &&
        r.progress < previous.progress &&
        r.notes === ""
      ) {
        sink.add("progress-decrease", "Progress", r.row, "Progress %", r.no, {
          no: r.no,
          period: r.period.label,
          progress: r.progress,
          previousPeriod: previous.period.label,
          previousProgress: previous.progress,
        });
      }
      previous = r;
    }
  }
}
