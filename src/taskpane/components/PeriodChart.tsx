import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { PeriodHistory } from "../../summary/periods";
import { STATUS_KEYS, type StatusKey } from "../../summary/status-board";
import { useI18n } from "../i18n";
import { ColourKey, STATUS_ORDER, statusColour, statusName } from "./StatusBar";

/** The tallest column, in pixels: the period with the most measures reported. */
const COLUMN_PX = 140;
/** A part shows its count only when it is at least this tall. */
const NUMBER_PX = 16;

const useStyles = makeStyles({
  figure: {
    margin: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  // Many periods scroll inside the chart, never the pane.
  scroller: { overflowX: "auto", minWidth: 0 },
  columns: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalS,
    minWidth: "min-content",
  },
  column: {
    flex: "1 1 0",
    minWidth: "3.6em",
    maxWidth: "6em",
    display: "flex",
    flexDirection: "column",
    alignItems: "stretch",
    gap: tokens.spacingVerticalXXS,
    fontSize: tokens.fontSizeBase200,
  },
  total: { textAlign: "center", fontWeight: tokens.fontWeightSemibold },
  // Stacked from the bottom, in the order of STATUS_ORDER (Completed at the base).
  stack: {
    display: "flex",
    flexDirection: "column-reverse",
    borderRadius: tokens.borderRadiusSmall,
    overflow: "hidden",
    backgroundColor: tokens.colorNeutralBackground3,
  },
  part: {
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    fontSize: tokens.fontSizeBase100,
    lineHeight: "1",
    overflow: "hidden",
  },
  label: {
    textAlign: "center",
    whiteSpace: "nowrap",
    borderTopWidth: "1px",
    borderTopStyle: "solid",
    borderTopColor: tokens.colorNeutralStroke1,
    paddingTop: tokens.spacingVerticalXXS,
  },
});

/** Dark text on the light fills (amber, grey), white on the dark ones. */
function textOn(key: StatusKey): string {
  return key === "At risk" || key === "Not started" || key === "Other" ? "#1b1b1b" : "#ffffff";
}

/**
 * Measures per status in each reporting period (the Progress table's history): one stacked
 * column per period, the same counts and colours as the Summary sheet's "Status by reporting
 * period" chart. HTML, not SVG: the labels keep the pane's text size at any width.
 */
export function PeriodChart({ history }: { history: PeriodHistory }) {
  const { t } = useI18n();
  const styles = useStyles();
  if (history.periods.length === 0) return null;
  const byKey = (counts: number[]) =>
    new Map<StatusKey, number>(STATUS_KEYS.map((k, i) => [k, counts[i] ?? 0]));
  const totals = history.statusCounts.map((c) => c.reduce((a, n) => a + n, 0));
  const max = Math.max(1, ...totals);
  const present = STATUS_ORDER.filter((k) =>
    history.statusCounts.some((c) => (byKey(c).get(k) ?? 0) > 0)
  );
  return (
    <figure className={styles.figure} data-testid="period-chart">
      <Caption1>{t.periodChartNote(history.periods.length)}</Caption1>
      <div className={styles.scroller}>
        <ol className={styles.columns}>
          {history.periods.map((period, i) => {
            const counts = byKey(history.statusCounts[i]);
            const parts = STATUS_ORDER.filter((k) => (counts.get(k) ?? 0) > 0);
            const description = t.periodColumnLabel(
              period,
              totals[i],
              parts.map((k) => `${statusName(t, k)} ${counts.get(k)}`).join(", ")
            );
            return (
              <li
                key={period}
                className={styles.column}
                data-period={period}
                data-total={totals[i]}
                aria-label={description}
                title={description}
              >
                <span className={styles.total} aria-hidden="true">
                  {totals[i]}
                </span>
                <span
                  className={styles.stack}
                  style={{ height: `${(COLUMN_PX * totals[i]) / max}px` }}
                  aria-hidden="true"
                >
                  {parts.map((k) => {
                    const n = counts.get(k) ?? 0;
                    const px = (COLUMN_PX * n) / max;
                    return (
                      <span
                        key={k}
                        className={styles.part}
                        data-status={k}
                        data-count={n}
                        style={{
                          height: `${px}px`,
                          backgroundColor: statusColour(k),
                          color: textOn(k),
                        }}
                      >
                        {px >= NUMBER_PX ? n : ""}
                      </span>
                    );
                  })}
                </span>
                <span className={styles.label} aria-hidden="true">
                  {period}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
      <ColourKey entries={present.map((k) => [k, statusName(t, k)])} hidden />
    </figure>
  );
}
