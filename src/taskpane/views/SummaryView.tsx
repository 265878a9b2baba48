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
import { Field, Select } from "@fluentui/react-components";
import { useEffect, useEffectEvent, useMemo, useState } from "react";
import type { PlannerTables } from "../../model/schema";
import type { Dashboard } from "../../plan/dashboard";
import type { StatusBoard, StatusTally } from "../../summary/status-board";
import { StatusBar, StatusLegend } from "../components/StatusBar";
import { useI18n } from "../i18n";
import { engineNow, loadDeck, loadEngine } from "../lib/loaders";
import { downloadBytes } from "../lib/download";
import { datedFileName } from "../lib/file-names";
import { abortable } from "../lib/tasks";
import { usePane } from "../state";
import { NoWorkbook } from "../components/NoWorkbook";
import { useViewStyles } from "./styles";
import { CommitteeChart } from "../components/CommitteeChart";
import { PeriodChart } from "../components/PeriodChart";

const useStyles = makeStyles({
  stats: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(88px, 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  stat: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  number: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  table: { tableLayout: "fixed", width: "100%" },
  // Wide enough for "Expected" / "រំពឹងទុក" whole: numbers' headers never break inside a word.
  num: {
    textAlign: "end",
    width: "5.5em",
    overflowWrap: "normal",
    wordBreak: "keep-all",
    whiteSpace: "nowrap",
  },
  numHead: {
    justifyContent: "flex-end",
    textAlign: "end",
    whiteSpace: "nowrap",
    overflowWrap: "normal",
  },
  committeeCode: { fontWeight: tokens.fontWeightSemibold },
  field: { minWidth: 0, gridTemplateColumns: "minmax(0, 1fr)" },
  select: { minWidth: 0, maxWidth: "100%", width: "100%" },
  selectInner: { minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" },
  boardHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  boardList: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  boardRow: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  boardLabel: {
    display: "flex",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    minWidth: 0,
  },
  boardName: { minWidth: 0, overflowWrap: "break-word" },
  boardTotal: { fontWeight: tokens.fontWeightSemibold, flexShrink: 0 },
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

/** A goal's or committee's row: its name in full, its total, its statuses as one stacked bar. */
function BoardRow(props: {
  code: string;
  name: string;
  total: number;
  tally: StatusTally;
  testId: string;
}) {
  const styles = useStyles();
  const label = props.name ? `${props.code} — ${props.name}` : props.code;
  return (
    <li className={styles.boardRow} data-testid={props.testId} data-code={props.code}>
      <div className={styles.boardLabel}>
        <span className={styles.boardName}>{label}</span>
        <span className={styles.boardTotal}>{props.total}</span>
      </div>
      <StatusBar tally={props.tally} label={label} />
    </li>
  );
}

export function DashboardView({
  dashboard,
  tables,
}: {
  dashboard: Dashboard;
  tables: PlannerTables | null;
}) {
  const { t, language } = useI18n();
  const v = useViewStyles();
  const styles = useStyles();
  const d = dashboard;
  const [institution, setInstitution] = useState("");
  const engine = engineNow();
  const board: StatusBoard | null = useMemo(
    () =>
      engine && tables
        ? engine.statusBoardOfTables(tables, { institution: institution || null })
        : null,
    [engine, tables, institution]
  );
  const history = useMemo(
    () => (engine && tables ? engine.periodHistoryOfTables(tables) : null),
    [engine, tables]
  );
  const dgp = board?.wording === "priorityActions";
  const nameOf = (x: { name: string; nameKm: string }) =>
    language === "km" && x.nameKm ? x.nameKm : x.name;
  // Committees only where the framework has them: a measure to lead or an expected count (DGP: DGC alone).
  const committees = d.committees.filter((c) => c.actual > 0 || (c.expected ?? 0) > 0);
  return (
    <div className={v.block} data-testid="dashboard">
      <h3 className={v.subheading}>{t.keyNumbers}</h3>
      <Caption1>{t.asOfNote(d.asOfYear)}</Caption1>
      <div className={styles.stats}>
        <Stat
          testId="stat-measures"
          label={dgp ? t.statPriorityActions : t.statMeasures}
          value={String(d.measures)}
          note={d.expectedMeasures !== null ? t.statExpectedOf(d.expectedMeasures) : undefined}
        />
        <Stat
          testId="stat-completed"
          label={t.statCompleted}
          value={t.statCompletedShare(d.completedShare)}
          note={t.statCompletedCount(d.completed, d.measures)}
        />
        <Stat
          testId="stat-overdue"
          label={t.statOverdue}
          value={String(d.overdue)}
          note={t.statOverdueNote}
        />
      </div>

      {board && (
        <section className={v.block} aria-labelledby="heading-status" data-testid="status-board">
          <h3 id="heading-status" className={v.subheading}>
            {dgp ? t.statusOfPriorityActions : t.statusOfMeasures}
          </h3>
          {board.institutions.length > 0 && (
            <Field label={t.institutionFilter} className={styles.field}>
              <Select
                className={styles.select}
                select={{ className: styles.selectInner }}
                value={institution}
                onChange={(_, x) => setInstitution(x.value)}
                data-testid="institution-filter"
              >
                <option value="">{t.allInstitutions}</option>
                {board.institutions.map((i) => (
                  <option key={i} value={i}>
                    {i}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Text data-testid="status-total">
            {dgp ? t.priorityActionsCount(board.all.total) : t.measuresCount(board.all.total)}
          </Text>
          <StatusBar
            tally={board.all}
            label={dgp ? t.statusOfPriorityActions : t.statusOfMeasures}
          />
          <StatusLegend tally={board.all} />

          <h4 className={styles.boardHeading}>{t.byGoal}</h4>
          <ul className={styles.boardList}>
            {board.goals.map((g) => (
              <BoardRow
                key={g.code}
                testId="goal-row"
                code={g.code}
                name={nameOf(g)}
                total={g.tally.total}
                tally={g.tally}
              />
            ))}
          </ul>
          {board.committees.length > 0 && (
            <>
              <h4 className={styles.boardHeading}>{t.byCommittee}</h4>
              <ul className={styles.boardList}>
                {board.committees.map((c) => (
                  <BoardRow
                    key={c.code}
                    testId="committee-row"
                    code={c.code}
                    name={nameOf(c)}
                    total={c.tally.total}
                    tally={c.tally}
                  />
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {history && history.periods.length > 0 && (
        <section className={v.block} aria-labelledby="heading-periods">
          <h3 id="heading-periods" className={v.subheading}>
            {t.periodHeading}
          </h3>
          <PeriodChart history={history} />
        </section>
      )}

      {committees.length > 0 && (
        <>
          <h3 className={v.subheading}>{dgp ? t.perCommitteeActions : t.perCommittee}</h3>
          <Table
            size="small"
            className={styles.table}
            aria-label={t.perCommittee}
            data-testid="committee-table"
          >
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
              {committees.map((c) => (
                <TableRow key={c.code}>
                  <TableCell>
                    <span className={styles.committeeCode}>{c.code}</span>{" "}
                    <Caption1>{nameOf(c)}</Caption1>
                  </TableCell>
                  <TableCell className={styles.num}>{c.expected ?? "—"}</TableCell>
                  <TableCell className={styles.num}>
                    <span
                      className={
                        c.expected !== null && c.expected !== c.actual ? styles.warn : undefined
                      }
                    >
                      {c.actual}
                    </span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <CommitteeChart committees={committees} />
        </>
      )}
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
      dispatch({
        type: "summarised",
        result: await engine.summariseWorkbook(h, { asOfYear: pane.explicitAsOfYear }),
      });
    });

  const build = () =>
    run(async ({ host: h, signal }) => {
      const engine = await abortable(loadEngine(), signal);
      dispatch({
        type: "built",
        result: await engine.buildSummary(h, { asOfYear: pane.explicitAsOfYear, language }),
      });
      pane.setNotice((tt) => tt.summaryBuilt);
    });

  /** The briefing deck (.pptx), downloaded in both modes until Excel offers a copy of its own. */
  const deck = () =>
    run(async ({ host: h, signal }) => {
      const d = await abortable(loadDeck(), signal);
      const bytes = await abortable(
        d.briefingDeckBytes(h, { asOfYear: pane.explicitAsOfYear, language }),
        signal
      );
      const name = datedFileName(pane.fileName, "policy-planner", "pptx", new Date(), "-briefing");
      downloadBytes(bytes, name, d.PPTX_MIME);
      pane.setNotice((tt) => tt.deckDownloaded(name));
    });

  // Numbers at a glance when the tab opens (and again when the year changes).
  // Only when the workbook or the year changes, not on every render.
  const refreshIfStale = useEffectEvent(() => {
    if (host && !busy && (!dashboard || dashboard.asOfYear !== asOfYear)) void refresh();
  });
  useEffect(() => refreshIfStale(), [host, asOfYear]);

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
        <Button onClick={() => void deck()} disabled={!!busy || !host} data-testid="briefing-deck">
          {t.briefingDeck}
        </Button>
      </div>
      {dashboard ? (
        <DashboardView dashboard={dashboard} tables={pane.tables} />
      ) : host ? (
        <Text className={v.intro}>{t.summaryNotYet}</Text>
      ) : (
        <NoWorkbook />
      )}
    </section>
  );
}
