import { makeStyles, tokens } from "@fluentui/react-components";
import { cssColor, OTHER_STATUS_COLOR, STATUS_COLORS } from "../../plan/palette";
import { STATUS_KEYS, type StatusKey, type StatusTally } from "../../summary/status-board";
import { useI18n, type Catalogue } from "../i18n";

const useStyles = makeStyles({
  // HTML, not SVG: the text keeps the pane's size at any width.
  bar: {
    display: "flex",
    height: "14px",
    width: "100%",
    borderRadius: tokens.borderRadiusSmall,
    overflow: "hidden",
    backgroundColor: tokens.colorNeutralBackground3,
  },
  legend: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
    fontSize: tokens.fontSizeBase200,
  },
  swatch: {
    display: "inline-block",
    width: "10px",
    height: "10px",
    marginInlineEnd: "4px",
    borderRadius: "2px",
  },
  item: { whiteSpace: "nowrap" },
});

export function statusColour(key: StatusKey): string {
  return cssColor(key === "Other" ? OTHER_STATUS_COLOR : STATUS_COLORS[key]);
}

export function statusName(t: Catalogue, key: StatusKey): string {
  return t[`status.${key}`];
}

/** Statuses in the order a planner reads them: done, on course, then what needs attention. */
export const STATUS_ORDER: readonly StatusKey[] = [
  "Completed",
  "On track",
  "At risk",
  "Delayed",
  "Not started",
  "Other",
];

/** One stacked bar of a tally, its parts in the fixed status colours; described for screen readers. */
export function StatusBar({ tally, label }: { tally: StatusTally; label: string }) {
  const { t } = useI18n();
  const styles = useStyles();
  const parts = STATUS_ORDER.filter((k) => tally.byStatus[k] > 0);
  const description = `${label}: ${parts.map((k) => `${statusName(t, k)} ${tally.byStatus[k]}`).join(", ") || t.noneInCategory}`;
  return (
    <div className={styles.bar} role="img" aria-label={description} data-testid="status-bar">
      {parts.map((k) => (
        <span
          key={k}
          title={`${statusName(t, k)}: ${tally.byStatus[k]}`}
          data-status={k}
          style={{
            width: `${(100 * tally.byStatus[k]) / Math.max(1, tally.total)}%`,
            backgroundColor: statusColour(k),
          }}
        />
      ))}
    </div>
  );
}

/** The colours' key, with the counts of the tally. */
export function StatusLegend({ tally }: { tally: StatusTally }) {
  const { t } = useI18n();
  const keys = STATUS_KEYS.filter((k) => k !== "Other" || tally.byStatus.Other > 0);
  return (
    <ColourKey
      entries={STATUS_ORDER.filter((k) => keys.includes(k)).map((k) => [
        k,
        `${statusName(t, k)}: ${tally.byStatus[k]}`,
      ])}
      testId="status-legend"
    />
  );
}

/** A swatch in each status's colour and its text; `hidden` when a chart already describes it. */
export function ColourKey({
  entries,
  testId,
  hidden,
}: {
  entries: ReadonlyArray<readonly [StatusKey, string]>;
  testId?: string;
  hidden?: boolean;
}) {
  const styles = useStyles();
  return (
    <ul className={styles.legend} data-testid={testId} aria-hidden={hidden ? "true" : undefined}>
      {entries.map(([k, text]) => (
        <li key={k} className={styles.item} data-status={k}>
          <span
            className={styles.swatch}
            style={{ backgroundColor: statusColour(k) }}
            aria-hidden="true"
          />
          {text}
        </li>
      ))}
    </ul>
  );
}
