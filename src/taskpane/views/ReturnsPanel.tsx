/**
 * The reporting round in the pane: returns out (every institution's return in one .zip) and
 * returns in (several files picked at once; the dry run's conflicts and the findings the merge
 * would add shown beside Confirm). The work is the host's operations (src/host/returns.ts).
 */
import {
  Body1Strong,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useRef, useState, type ChangeEvent } from "react";
import { displayText } from "../../import/normalise";
import { quarterOf, parsePeriod } from "../../model/period";
import { useI18n } from "../i18n";
import { downloadBytes, readFileBytes } from "../lib/download";
import { datedFileName } from "../lib/file-names";
import { engineNow, loadReturns, type Returns } from "../lib/loaders";
import { abortable, nextTask } from "../lib/tasks";
import { usePane } from "../state";
import { useViewStyles } from "./styles";

type RunPreview = Awaited<ReturnType<Returns["previewRun"]>>;

const useStyles = makeStyles({
  fileInput: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  block: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // The dry run stands apart from the buttons above it: nothing is written until Confirm.
  preview: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    borderInlineStartWidth: "3px",
    borderInlineStartStyle: "solid",
    borderInlineStartColor: tokens.colorBrandStroke1,
  },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  warning: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  info: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  rule: { fontWeight: tokens.fontWeightSemibold },
});

export function ReturnsPanel() {
  const { t, language } = useI18n();
  const pane = usePane();
  const v = useViewStyles();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [period, setPeriod] = useState(() => quarterOf(new Date()));
  const [pending, setPending] = useState<{ names: string[]; preview: RunPreview } | null>(null);
  const { run, busy, host, dispatch } = pane;
  const periodOk = parsePeriod(period) !== null;

  const sendOut = () =>
    run(async ({ host: h, signal, report }) => {
      report("stepSaving");
      const returns = await abortable(loadReturns(), signal);
      const now = new Date();
      const plan = await returns.planWorkbookReturns(h, {
        period,
        language,
        created: `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`,
        asOfYear: pane.asOfYear,
      });
      const bytes = await abortable(returns.returnsZip(plan.returns), signal);
      const name = datedFileName(
        pane.fileName,
        "policy-planner",
        "zip",
        now,
        `-returns-${plan.period}`
      );
      downloadBytes(bytes, name, "application/zip");
      pane.setNotice((tt) => tt.returnsDownloaded(plan.returns.length, name, plan.generic.length));
    });

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = "";
    if (files.length === 0) return;
    setPending(null);
    await run(
      async ({ host: h, signal, report }) => {
        report("stepOpening");
        const returns = await abortable(loadReturns(), signal);
        const sources = [];
        for (const file of files)
          sources.push(
            await abortable(returns.readRunSource(file.name, await readFileBytes(file)), signal)
          );
        report("stepImporting");
        await nextTask();
        const preview = await returns.previewRun(h, {
          sources,
          mode: "merge",
          // Each return records its own period; the field is the period of the returns sent out.
          period: null,
          asOfYear: pane.explicitAsOfYear,
          recorded: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
          language,
        });
        dispatch({ type: "read", tables: preview.tables });
        setPending({ names: files.map((f) => f.name), preview });
      },
      { errorContext: "file", first: "stepOpening" }
    );
  };

  const confirm = () =>
    run(async ({ host: h, signal }) => {
      if (!pending) return;
      const returns = await abortable(loadReturns(), signal);
      dispatch({ type: "writing" });
      const tables = await returns.applyRunAndRead(h, pending.preview);
      dispatch({ type: "written", tables, undoImport: false });
      const r = pending.preview.report;
      setPending(null);
      pane.setNotice((tt) => tt.runDone(r.updated.length, r.progress?.added ?? 0));
    });

  const report = pending?.preview.report;
  const engine = engineNow();
  return (
    <div className={styles.block} data-testid="returns-panel">
      <h2 className={v.heading}>{t.returnsHeading}</h2>
      <Text className={v.intro}>{t.returnsIntro}</Text>
      <Field
        label={t.returnsPeriod}
        validationState={periodOk ? "none" : "error"}
        validationMessage={periodOk ? undefined : t.returnsPeriodInvalid}
      >
        <Input
          value={period}
          onChange={(_, d) => setPeriod(d.value.trim())}
          data-testid="returns-period"
        />
      </Field>
      <div className={v.actions}>
        <Button
          onClick={() => void sendOut()}
          disabled={!!busy || !host || !periodOk}
          data-testid="returns-out"
        >
          {t.returnsOut}
        </Button>
        <Button
          onClick={() => input.current?.click()}
          disabled={!!busy || !host}
          data-testid="returns-in"
        >
          {t.returnsIn}
        </Button>
        <input
          ref={input}
          className={styles.fileInput}
          data-testid="returns-input"
          type="file"
          multiple
          accept=".xlsx,.xlsm,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label={t.returnsIn}
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => void pick(e)}
        />
      </div>
      {pending && report && (
        <div className={styles.preview} data-testid="run-report">
          <Body1Strong>{t.runPreviewHeading(pending.names.length)}</Body1Strong>
          <Caption1>{t.runSources(pending.names.join(", "))}</Caption1>
          <Text>
            {t.runSummary(report.added.length, report.updated.length, report.rejected.length)}
          </Text>
          {report.progress && report.progress.added > 0 && (
            <Text data-testid="run-progress">
              {t.runProgress(
                report.progress.added,
                report.progress.periods.join(", "),
                report.progress.replaced
              )}
            </Text>
          )}
          <Body1Strong>{t.conflictsHeading(report.conflicts.length)}</Body1Strong>
          {report.conflicts.length > 0 && (
            <ul className={styles.list} data-testid="run-conflicts">
              {report.conflicts.map((c) => (
                <li key={`${c.no}|${c.column}`}>
                  No. {c.no}, {c.column}:{" "}
                  {c.values.map((x) => `${x.source} ${displayText(x.value)}`).join(" · ")} —{" "}
                  {t.conflictKept(displayText(c.kept), c.rule === "lead-institution")}
                </li>
              ))}
            </ul>
          )}
          <Body1Strong>{t.newFindingsHeading(report.findings.length)}</Body1Strong>
          {report.findings.length === 0 ? (
            <Caption1>{t.noNewFindings}</Caption1>
          ) : (
            <ul className={styles.list} data-testid="run-findings">
              {report.findings.slice(0, 50).map((f, i) => (
                <li key={i} data-rule={f.rule} data-severity={f.severity}>
                  <span className={styles[f.severity]}>{t.severityOne(f.severity)}</span> ·{" "}
                  <span className={styles.rule}>{t[`rule.${f.rule}`]}</span>
                  {f.key ? ` · No. ${f.key}` : ""}:{" "}
                  {engine ? engine.formatFinding(f, language) : f.message}
                </li>
              ))}
            </ul>
          )}
          <div className={v.actions}>
            <Button
              appearance="primary"
              onClick={() => void confirm()}
              disabled={!!busy}
              data-testid="run-confirm"
            >
              {t.confirmRun}
            </Button>
            <Button appearance="subtle" onClick={() => setPending(null)} disabled={!!busy}>
              {t.discardImport}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
