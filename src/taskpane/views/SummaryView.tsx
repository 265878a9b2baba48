import {
  Button,
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect } from "react";
import type { Dashboard } from "../../plan/dashboard";
import { useI18n } from "../i18n";
import { loadEngine } from "../lib/loaders";
import { abortable } from "../lib/tasks";
import { usePane } from "../state";
import { NoWorkbook } from "../components/NoWorkbook";
import { useViewStyles } from "./styles";
import { CommitteeChart } from "../components/CommitteeChart";

const useStyles = makeStyles({
  stats: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(88px, 1fr))", gap: tokens.spacingHorizontalS },
  stat: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  number: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  table: { tableLayout: "fixed", width: "100%" },
  num: { textAlign: "end", width: "25%" },
  numHead: { justifyContent: "flex-end", textAlign: "end" },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
});

function Stat(props: { label: string; value: string; note?: string; testId: string }) {
  const styles = useStyles();
  return (
    <div className={styles.stat} data-testid={props.testId}>
      <Caption1>{props.label}</Caption1>
      <span className={styles.number}>{props.value}</span>
      {props.note && <Caption1>{props.note}</Caption1>}
    </div>
  );
}

export function DashboardView({ dashboard }: { dashboard: Dashboard }) {
  const { t, language } = useI18n();
  const v = useViewStyles();
  const styles = useStyles();
  const d = dashboard;
  return (
    <div className={v.block} data-testid="dashboard">
      <h3 className={v.subheading}>{t.keyNumbers}</h3>
      <Caption1>{t.asOfNote(d.asOfYear)}</Caption1>
      <div className={styles.stats}>
        <Stat testId="stat-measures" label={t.statMeasures} value={String(d.measures)} note={d.expectedMeasures !== null ? t.statExpectedOf(d.expectedMeasures) : undefined} />
        <Stat testId="stat-completed" label={t.statCompleted} value={t.statCompletedShare(d.completedShare)} note={t.statCompletedCount(d.completed, d.measures)} />
        <Stat testId="stat-overdue" label={t.statOverdue} value={String(d.overdue)} note={t.statOverdueNote} />
      </div>

      <h3 className={v.subheading}>{t.perCommittee}</h3>
      <Table size="small" className={styles.table} aria-label={t.perCommittee} data-testid="committee-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t.committeeColumn}</TableHeaderCell>
            <TableHeaderCell className={styles.num} button={{ className: styles.numHead }}>
              {t.expectedColumn}
            </TableHeaderCell>
            <TableHeaderCell className={styles.num} button={{ className: styles.numHead }}>
              {t.actualColumn}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {d.committees.map((c) => (
            <TableRow key={c.code}>
              <TableCell>
                <span title={language === "km" && c.nameKm ? c.nameKm : c.name}>{c.code}</span>
              </TableCell>
              <TableCell className={styles.num}>{c.expected ?? "—"}</TableCell>
              <TableCell className={styles.num}>
                <span className={c.expected !== null && c.expected !== c.actual ? styles.warn : undefined}>{c.actual}</span>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <CommitteeChart committees={d.committees} />
    </div>
  );
}

export function SummaryView() {
  const { t, language } = useI18n();
  const pane = usePane();
  const v = useViewStyles();
  const { run, asOfYear, busy, host, dashboard, dispatch } = pane;

  const refresh = () =>
    run(async ({ host: h, signal }) => {
      const engine = await abortable(loadEngine(), signal);
      dispatch({ type: "summarised", result: await engine.summariseWorkbook(h, { asOfYear: pane.explicitAsOfYear }) });
    });

  const build = () =>
    run(async ({ host: h, signal }) => {
      const engine = await abortable(loadEngine(), signal);
      dispatch({ type: "built", result: await engine.buildSummary(h, { asOfYear: pane.explicitAsOfYear, language }) });
      pane.setNotice((tt) => tt.summaryBuilt);
    });

  // Numbers at a glance when the tab opens (and again when the year changes).
  useEffect(() => {
    if (host && !busy && (!dashboard || dashboard.asOfYear !== asOfYear)) void refresh();
  }, [host, asOfYear]); // only when the workbook or the year changes, not on every render

  return (
    <section className={v.view} aria-labelledby="heading-summary">
      <h2 id="heading-summary" className={v.heading}>
        {t.summaryHeading}
      </h2>
      <Text className={v.intro}>{t.summaryIntro}</Text>
      <div className={v.actions}>
        <Button appearance="primary" onClick={() => void build()} disabled={!!busy || !host}>
          {t.buildSummary}
        </Button>
        <Button onClick={() => void refresh()} disabled={!!busy || !host}>
          {t.refreshNumbers}
        </Button>
      </div>
      {dashboard ? <DashboardView dashboard={dashboard} /> : host ? <Text className={v.intro}>{t.summaryNotYet}</Text> : <NoWorkbook />}
    </section>
  );
}
