import { makeStyles, tokens } from "@fluentui/react-components";
import { ACTUAL_COLOR, cssColor } from "../../plan/palette";
import type { CommitteeCount } from "../../plan/dashboard";
import { useI18n } from "../i18n";

const useStyles = makeStyles({
  figure: {
    margin: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  caption: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  // HTML bars, not a scaled SVG: labels keep the pane's text size at 320 px and at 500 px alike.
  rows: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  row: {
    display: "grid",
    gridTemplateColumns: "3.5em minmax(0, 1fr) 2.5em",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
  },
  track: {
    position: "relative",
    height: "14px",
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  fill: {
    position: "absolute",
    insetBlock: 0,
    insetInlineStart: 0,
    borderRadius: tokens.borderRadiusSmall,
  },
  mark: {
    position: "absolute",
    top: "-3px",
    bottom: "-3px",
    width: 0,
    borderInlineStartWidth: "2px",
    borderInlineStartStyle: "dashed",
  },
  value: { textAlign: "end" },
  legend: {
    display: "flex",
    gap: tokens.spacingHorizontalM,
    flexWrap: "wrap",
    fontSize: tokens.fontSizeBase200,
  },
  swatch: {
    display: "inline-block",
    width: "12px",
    height: "12px",
    marginInlineEnd: "4px",
    verticalAlign: "middle",
  },
  dash: {
    display: "inline-block",
    width: "2px",
    height: "12px",
    marginInlineEnd: "6px",
    verticalAlign: "middle",
    borderLeft: "2px dashed",
  },
});

/**
 * Measures led or co-led per committee: a bar each, with the expected count as a dashed mark
 * where the framework states one.
 */
export function CommitteeChart({ committees }: { committees: CommitteeCount[] }) {
  const { t } = useI18n();
  const styles = useStyles();
  if (committees.length === 0) return null;
  const max = Math.max(1, ...committees.map((c) => Math.max(c.actual, c.expected ?? 0)));
  const pct = (n: number) => `${(100 * n) / max}%`;
  const barColor = cssColor(ACTUAL_COLOR);
  const markColor = tokens.colorPaletteDarkOrangeBorder2;
  const labelOf = (c: CommitteeCount) =>
    t.chartBarLabel(c.code, c.actual, c.expected === null ? t.notStated : String(c.expected));
  return (
    <figure className={styles.figure} data-testid="committee-chart">
      <figcaption className={styles.caption}>{t.chartTitle}</figcaption>
      <ul className={styles.rows}>
        {committees.map((c) => (
          <li key={c.code} className={styles.row} aria-label={labelOf(c)} title={labelOf(c)}>
            <span aria-hidden="true">{c.code}</span>
            <span className={styles.track} aria-hidden="true">
              <span
                className={styles.fill}
                style={{ width: pct(c.actual), backgroundColor: barColor }}
                data-value={c.actual}
              />
              {c.expected !== null && (
                <span
                  className={styles.mark}
                  style={{ insetInlineStart: pct(c.expected), borderColor: markColor }}
                  data-expected={c.expected}
                />
              )}
            </span>
            <span className={styles.value} aria-hidden="true">
              {c.actual}
            </span>
          </li>
        ))}
      </ul>
      <div className={styles.legend} aria-hidden="true">
        <span>
          <span className={styles.swatch} style={{ backgroundColor: barColor }} />
          {t.chartLegendActual}
        </span>
        <span>
          <span className={styles.dash} style={{ borderColor: markColor }} />
          {t.chartLegendExpected}
        </span>
      </div>
    </figure>
  );
}
