import { makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../i18n";
import type { CommitteeCount } from "../../plan/dashboard";

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  caption: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  svg: { width: "100%", height: "auto", display: "block" },
  legend: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap", fontSize: tokens.fontSizeBase200 },
  swatch: { display: "inline-block", width: "12px", height: "12px", marginInlineEnd: "4px", verticalAlign: "middle" },
  dash: { display: "inline-block", width: "2px", height: "12px", marginInlineEnd: "6px", verticalAlign: "middle", borderLeft: "2px dashed" },
});

const W = 300;
const LABEL = 48;
const ROW = 30;
const BAR = 16;
const RIGHT = 36;

/**
 * Measures led or co-led per committee: a plain SVG bar each, with the expected count as a
 * dashed mark where the framework states one. Scales to the pane's width.
 */
export function CommitteeChart({ committees }: { committees: CommitteeCount[] }) {
  const { t } = useI18n();
  const styles = useStyles();
  if (committees.length === 0) return null;
  const max = Math.max(1, ...committees.map((c) => Math.max(c.actual, c.expected ?? 0)));
  const span = W - LABEL - RIGHT;
  const x = (n: number) => LABEL + (n / max) * span;
  const height = committees.length * ROW + 8;
  const barColor = tokens.colorBrandBackground;
  const markColor = tokens.colorPaletteDarkOrangeBorder2;
  const labelOf = (c: CommitteeCount) => t.chartBarLabel(c.code, c.actual, c.expected === null ? t.notStated : String(c.expected));
  const description = `${t.chartTitle}: ${committees.map(labelOf).join("; ")}`;
  return (
    <figure className={styles.figure} data-testid="committee-chart">
      <figcaption className={styles.caption}>{t.chartTitle}</figcaption>
      <svg className={styles.svg} viewBox={`0 0 ${W} ${height}`} role="img" aria-label={description}>
        {committees.map((c, i) => {
          const y = 4 + i * ROW;
          const label = labelOf(c);
          return (
            <g key={c.code}>
              <title>{label}</title>
              <text x={0} y={y + BAR / 2 + 4} fontSize={12} fill={tokens.colorNeutralForeground1}>
                {c.code}
              </text>
              <rect x={LABEL} y={y} width={span} height={BAR} fill={tokens.colorNeutralBackground3} rx={2} />
              <rect x={LABEL} y={y} width={Math.max(0, x(c.actual) - LABEL)} height={BAR} fill={barColor} rx={2} data-value={c.actual} />
              {c.expected !== null && (
                <line x1={x(c.expected)} x2={x(c.expected)} y1={y - 3} y2={y + BAR + 3} stroke={markColor} strokeWidth={2} strokeDasharray="3 2" data-expected={c.expected} />
              )}
              <text x={W - RIGHT + 4} y={y + BAR / 2 + 4} fontSize={12} fill={tokens.colorNeutralForeground1}>
                {c.actual}
              </text>
            </g>
          );
        })}
      </svg>
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
