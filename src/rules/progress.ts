/** Progress rules: status, progress %, and their agreement. See README.md. */
import { measureKey, type MeasureChecker, type MeasureRow, type Sink } from "./read-tables";

export function progressChecker(sink: Sink): MeasureChecker {
  return {
    measure(m: MeasureRow) {
      const key = measureKey(m);
      if (m.statusText !== "" && m.status === null)
        sink.add("status-unknown", "Measures", m.row, "Status", key, { status: m.statusText });

      const p = m.progress;
      if (p.kind === "invalid" || (p.kind === "number" && !(p.value >= 0 && p.value <= 100))) {
        sink.add("progress-invalid", "Measures", m.row, "Progress %", key, {
          value: m.progressText,
        });
      } else if (p.kind === "number") {
        if (m.status === "Completed" && p.value < 100) {
          sink.add("progress-status-mismatch", "Measures", m.row, "Progress %", key, {
            case: "completed-below-100",
            progress: p.value,
            status: m.statusText,
          });
        } else if (p.value === 100 && m.status !== null && m.status !== "Completed") {
          sink.add("progress-status-mismatch", "Measures", m.row, "Progress %", key, {
            case: "full-not-completed",
            progress: p.value,
            status: m.statusText,
          });
        }
      }
    },
    finish() {},
  };
}
