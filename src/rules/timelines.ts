/** Timeline rules: timeframe, years, period, window, overdue, not started late. See README.md. */
import {
  against,
  measureKey,
  type MeasureChecker,
  type MeasureRow,
  type RuleContext,
  type Sink,
} from "./read-tables";

function bounds(from: number | null, to: number | null, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  if (from !== null) out[`${prefix}Start`] = from;
  if (to !== null) out[`${prefix}End`] = to;
  return out;
}

function outside(year: number, from: number | null, to: number | null): boolean {
  return (from !== null && year < from) || (to !== null && year > to);
}

export function timelineChecker(ctx: RuleContext, sink: Sink): MeasureChecker {
  const period = ctx.period;
  const asOfYear = ctx.asOfYear;
  const periodParams: Record<string, string | number> = period
    ? {
        ...bounds(period.start, period.end, "period"),
        ...(period.assumed ? { periodAssumed: period.assumed } : {}),
      }
    : {};
  return {
    measure(m: MeasureRow) {
      const key = measureKey(m);
      if (m.timeframe !== "" && ctx.timeframes && !m.timeframeRef)
        sink.add("timeframe-unknown", "Measures", m.row, "Timeframe", key, {
          timeframe: m.timeframe,
          ...against(ctx.timeframeSource),
        });

      if (m.start.kind === "invalid")
        sink.add("year-invalid", "Measures", m.row, "Start year", key, {
          column: "Start year",
          value: m.start.text,
        });
      if (m.end.kind === "invalid")
        sink.add("year-invalid", "Measures", m.row, "End year", key, {
          column: "End year",
          value: m.end.text,
        });

      const start = m.start.kind === "year" ? m.start.year : null;
      const end = m.end.kind === "year" ? m.end.year : null;
      if (start !== null && end !== null && start > end)
        sink.add("year-order", "Measures", m.row, "Start year", key, { start, end });

      if (period) {
        if (start !== null && outside(start, period.start, period.end)) {
          sink.add("year-out-of-period", "Measures", m.row, "Start year", key, {
            column: "Start year",
            year: start,
            ...periodParams,
          });
        }
        if (end !== null && outside(end, period.start, period.end)) {
          sink.add("year-out-of-period", "Measures", m.row, "End year", key, {
            column: "End year",
            year: end,
            ...periodParams,
          });
        }
      }

      const tf = m.timeframeRef;
      if (tf) {
        const from = tf.from.kind === "year" ? tf.from.year : null;
        const to = tf.to.kind === "year" ? tf.to.year : null;
        // A window with From after To is reported once, as reference-invalid, not on every measure.
        if (!(from !== null && to !== null && from > to)) {
          if (start !== null && outside(start, from, to)) {
            sink.add("timeframe-mismatch", "Measures", m.row, "Start year", key, {
              column: "Start year",
              year: start,
              timeframe: tf.name,
              ...bounds(from, to, "window"),
            });
          }
          if (end !== null && outside(end, from, to)) {
            sink.add("timeframe-mismatch", "Measures", m.row, "End year", key, {
              column: "End year",
              year: end,
              timeframe: tf.name,
              ...bounds(from, to, "window"),
            });
          }
        }
      }

      // Blank or unknown statuses are reported by required-missing / status-unknown only.
      if (end !== null && end < asOfYear && m.status !== null && m.status !== "Completed")
        sink.add("overdue", "Measures", m.row, "End year", key, {
          endYear: end,
          asOfYear,
          status: m.statusText,
        });
      if (start !== null && start < asOfYear && m.status === "Not started")
        sink.add("not-started-late", "Measures", m.row, "Start year", key, {
          startYear: start,
          asOfYear,
        });
    },
    finish() {},
  };
}
