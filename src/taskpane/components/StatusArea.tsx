import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { useI18n } from "../i18n";
import { errorText } from "../lib/errors";
import { usePane } from "../state";
import { useWorkbookDownload } from "./actions";

const useStyles = makeStyles({
  area: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  busy: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  busyRow: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  wrap: { overflowWrap: "anywhere", minWidth: 0 },
  // Focused by script so that the error is read at once; not a control, so no focus ring.
  focusTarget: { outlineStyle: "none" },
  detail: {
    display: "block",
    marginTop: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground3,
    overflowWrap: "anywhere",
  },
});

/** Work in progress (with Cancel), errors, success lines and, for files, the download offer. */
export function StatusArea() {
  const { t } = useI18n();
  const pane = usePane();
  const styles = useStyles();
  const download = useWorkbookDownload();
  const errorRef = useRef<HTMLDivElement>(null);

  // An error takes the focus, so a keyboard or screen-reader user meets it at once.
  useEffect(() => {
    if (pane.error) errorRef.current?.focus();
  }, [pane.error]);

  const busy = pane.busy;
  // One bar, not two stacked: a success line carries the download offer when there is one.
  const downloadable = pane.mode === "file" && !!pane.host && pane.changed && !busy;
  const downloadButton = (
    <span data-testid="download-bar">
      <Button size="small" appearance="primary" onClick={() => void download()}>
        {t.downloadWorkbook}
      </Button>
    </span>
  );
  const fraction = busy && busy.total ? Math.min(1, (busy.done ?? 0) / busy.total) : undefined;
  const error = pane.error ? errorText(pane.error.kind, t) : null;

  return (
    <div className={styles.area}>
      {busy && (
        <div className={styles.busy} role="status" aria-live="polite" data-testid="busy">
          <div className={styles.busyRow}>
            <span className={styles.wrap}>{t[busy.step]}</span>
            <Button size="small" onClick={pane.cancel}>
              {t.cancel}
            </Button>
          </div>
          <ProgressBar value={fraction} thickness="large" aria-label={t.progressLabel} />
        </div>
      )}
      {pane.error && error && (
        <MessageBar
          intent="error"
          layout="multiline"
          politeness="assertive"
          data-testid="error-bar"
        >
          <MessageBarBody>
            <div ref={errorRef} tabIndex={-1} className={styles.focusTarget}>
              <MessageBarTitle>{error.title}</MessageBarTitle>{" "}
              <span className={styles.wrap}>{error.next}</span>
              {pane.error.detail && (
                <span className={styles.detail}>{t.errorDetails(pane.error.detail)}</span>
              )}
            </div>
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => pane.setError(null)}>
              {t.dismiss}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {pane.notice && !busy && (
        <MessageBar intent="success" layout="multiline" data-testid="notice-bar">
          <MessageBarBody className={styles.wrap}>
            {pane.notice(t)}
            {downloadable ? ` ${t.downloadReady}` : ""}
          </MessageBarBody>
          <MessageBarActions>
            {downloadable && downloadButton}
            <Button size="small" onClick={() => pane.setNotice(null)}>
              {t.dismiss}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {downloadable && !pane.notice && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody className={styles.wrap}>{t.downloadReady}</MessageBarBody>
          <MessageBarActions>{downloadButton}</MessageBarActions>
        </MessageBar>
      )}
    </div>
  );
}
