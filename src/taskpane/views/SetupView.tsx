import {
  Button,
  Caption1,
  Field,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useEffectEvent, useId, useRef, useState, type ChangeEvent } from "react";
import type { FrameworkId } from "../../model/types";
import { useI18n } from "../i18n";
import { readFileBytes } from "../lib/download";
import { PaneError } from "../lib/errors";
import { loadEngine, loadFiles } from "../lib/loaders";
import { measureCount, tableStatuses } from "../lib/tables";
import { abortable } from "../lib/tasks";
import { usePane } from "../state";
import { useViewStyles } from "./styles";

const useStyles = makeStyles({
  tables: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "grid",
    gap: tokens.spacingVerticalXXS,
  },
  tableRow: {
    display: "flex",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  present: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  missing: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  fileInput: {
    // Visually hidden but present: the button below opens it; tests and assistive tech reach it.
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

const FILE_NAMES: Record<FrameworkId, string> = {
  despf: "despf-planner.xlsx",
  dgp: "dgp-planner.xlsx",
  blank: "policy-planner.xlsx",
};

export function SetupView() {
  const { t } = useI18n();
  const pane = usePane();
  const v = useViewStyles();
  const styles = useStyles();
  const [framework, setFramework] = useState<FrameworkId>("despf");
  const fileInput = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const { host, tables, run, asOfYear, mode, busy, dispatch } = pane;

  // Inside Excel the workbook is there from the start: show its tables without a click.
  // Once per host: reading again is the planner's call (Refresh, Check).
  const readOnArrival = useEffectEvent(() => {
    if (host && !tables && !busy) {
      void run(async ({ host: h }) => dispatch({ type: "read", tables: await h.readTables() }), {
        first: "stepReading",
      });
    }
  });
  useEffect(() => readOnArrival(), [host]);

  const repair = () =>
    run(async ({ host: h, signal }) => {
      const engine = await abortable(loadEngine(), signal);
      dispatch({ type: "writing" });
      const { tables: read, measures } = await engine.setupAndRead(h, framework, asOfYear);
      dispatch({ type: "written", tables: read, undoImport: false });
      pane.setNotice((tt) => tt.setupDone(measures));
    });

  const createNew = () =>
    run(
      async ({ guard, signal }) => {
        const [files, engine] = await abortable(Promise.all([loadFiles(), loadEngine()]), signal);
        const fileHost = files.FileHost.blank();
        const { tables: read, measures } = await engine.setupAndRead(
          guard(fileHost),
          framework,
          asOfYear
        );
        dispatch({
          type: "workbook",
          host: fileHost,
          mode: "file",
          fileName: FILE_NAMES[framework],
          tables: read,
          changed: true,
        });
        pane.setNotice((tt) => tt.setupDone(measures));
      },
      { noHost: true }
    );

  const open = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    await run(
      async ({ guard, signal, report }) => {
        report("stepOpening");
        const bytes = await abortable(readFileBytes(file), signal);
        const files = await abortable(loadFiles(), signal);
        const isCsv = /\.csv$/i.test(file.name) || file.type === "text/csv";
        if (!isCsv && !/\.xls[xm]$/i.test(file.name)) throw new PaneError("fileRead", file.name);
        const opened = await abortable(
          isCsv ? files.csvToMeasuresHost(bytes, asOfYear) : files.FileHost.open(bytes),
          signal
        );
        const read = await guard(opened).readTables();
        dispatch({
          type: "workbook",
          host: opened,
          mode: "file",
          fileName: isCsv ? file.name.replace(/\.csv$/i, ".xlsx") : file.name,
          tables: read,
          changed: isCsv,
        });
        pane.setNotice((tt) => tt.openedFile(file.name, measureCount(read)));
      },
      { noHost: true, errorContext: "file", first: "stepOpening" }
    );
  };

  const statuses = tableStatuses(tables);
  const missing = statuses.filter((s) => !s.present).length;
  const disabled = !!busy;

  return (
    <section className={v.view} aria-labelledby="heading-setup">
      <h2 id="heading-setup" className={v.heading} data-first-view-heading="">
        {t.setupHeading}
      </h2>
      <Text className={v.intro}>{t.setupIntro}</Text>

      <Field label={t.frameworkLabel}>
        <RadioGroup value={framework} onChange={(_, d) => setFramework(d.value as FrameworkId)}>
          <Radio value="despf" label={t.frameworkDespf} />
          <Radio value="dgp" label={t.frameworkDgp} />
          <Radio value="blank" label={t.frameworkBlank} />
        </RadioGroup>
      </Field>

      {mode === "connecting" ? (
        <div className={v.actions}>
          <Spinner size="tiny" label={t.modeConnecting} />
          {/* Office can take seconds to answer (or never, outside Excel): the planner need not wait. */}
          <Button
            appearance="subtle"
            onClick={() => pane.dispatch({ type: "mode", mode: "file" })}
            data-testid="skip-connecting"
          >
            {t.skipConnecting}
          </Button>
        </div>
      ) : (
        <div className={v.actions}>
          {host && (
            <Button appearance="primary" onClick={() => void repair()} disabled={disabled}>
              {t.createOrRepair}
            </Button>
          )}
          {mode === "file" && (
            <>
              <Button
                appearance={host ? "secondary" : "primary"}
                onClick={() => void createNew()}
                disabled={disabled}
              >
                {t.newFromFramework}
              </Button>
              <Button
                onClick={() => fileInput.current?.click()}
                disabled={disabled}
                aria-describedby={hintId}
              >
                {t.openWorkbook}
              </Button>
              <input
                ref={fileInput}
                id={inputId}
                data-testid="open-workbook-input"
                className={styles.fileInput}
                type="file"
                accept=".xlsx,.xlsm,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                aria-label={t.openWorkbook}
                tabIndex={-1}
                aria-hidden="true"
                onChange={(e) => void open(e)}
              />
            </>
          )}
        </div>
      )}
      {mode === "file" && (
        <Caption1 id={hintId} className={v.intro}>
          {t.openWorkbookHint}
        </Caption1>
      )}

      <h3 className={v.subheading}>{t.tablesHeading}</h3>
      {tables ? (
        <>
          <ul className={styles.tables} aria-label={t.tablesHeading} data-testid="table-status">
            {statuses.map((s) => (
              <li key={s.name} className={styles.tableRow}>
                <span>
                  {s.name}
                  {s.present && (
                    <Caption1>
                      {" "}
                      — {s.name === "Measures" ? t.measuresCount(s.rows) : t.tableRows(s.rows)}
                    </Caption1>
                  )}
                </span>
                <span className={s.present ? styles.present : styles.missing}>
                  {s.present ? "✓ " + t.tableStatusPresent : "✗ " + t.tableStatusMissing}
                </span>
              </li>
            ))}
          </ul>
          <Text role="note">
            {missing === 0 ? t.allTablesPresent : t.someTablesMissing(missing)}
          </Text>
        </>
      ) : (
        <Text className={v.intro}>{t.tablesNone}</Text>
      )}
    </section>
  );
}
