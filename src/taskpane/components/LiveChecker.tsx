import { useEffect, useRef } from "react";
import type { PlannerTables } from "../../model/schema";
import { useI18n, type Language } from "../i18n";
import { explainError } from "../lib/errors";
import { loadEngine, loadLiveCheck } from "../lib/loaders";
import { usePane } from "../state";

type LiveCheck = import("../../excel/live-check").LiveCheck;

interface Session {
  live: Promise<LiveCheck | null>;
  /** The tables the session started from, or last reported: the pane's own tables while it runs. */
  tables: PlannerTables | null;
  language: Language;
  year: number | undefined;
}

/**
 * Check as you type (Excel only, Settings switch on): once the pane has checked the workbook,
 * the live check listens to the planner tables and reports each re-check as a "checked" event.
 * It stops when switched off, when the pane's tables change by other means (a write, another
 * check: it then starts again from them), and when the pane closes; the pane gaining focus asks
 * it to look for changes Excel did not report. No UI of its own.
 */
export function LiveChecker(props: { enabled: boolean }) {
  const pane = usePane();
  const { language } = useI18n();
  const { dispatch, setError } = pane;
  const session = useRef<Session | null>(null);
  const want =
    props.enabled &&
    pane.mode === "excel" &&
    pane.host?.kind === "excel" &&
    pane.check !== null &&
    pane.tables !== null;

  useEffect(() => {
    const s = session.current;
    if (
      want &&
      s &&
      s.tables === pane.tables &&
      s.language === language &&
      s.year === pane.explicitAsOfYear
    )
      return;
    if (s) {
      session.current = null;
      void s.live.then((l) => l?.stop());
    }
    if (!want || !pane.tables) return;
    const next: Session = {
      live: Promise.resolve(null),
      tables: pane.tables,
      language,
      year: pane.explicitAsOfYear,
    };
    next.live = Promise.all([loadLiveCheck(), loadEngine()])
      .then(([{ LiveCheck }, engine]) =>
        LiveCheck.start(next.tables ?? {}, {
          asOfYear: next.year,
          language,
          onUpdate: (u) => {
            if (session.current !== next) return;
            next.tables = u.tables;
            dispatch({
              type: "checked",
              result: engine.checkedWorkbook(u.tables, u.asOfYear, u.findings),
            });
          },
          onError: (message) => setError(explainError(new Error(message))),
        })
      )
      .then(async (live) => {
        if (session.current === next) return live;
        await live.stop();
        return null;
      })
      .catch((e: unknown) => {
        setError(explainError(e));
        return null;
      });
    session.current = next;
  }, [want, pane.tables, language, pane.explicitAsOfYear, dispatch, setError]);

  useEffect(() => {
    const focus = () => void session.current?.live.then((l) => l?.paneFocused());
    const close = () => {
      const s = session.current;
      session.current = null;
      void s?.live.then((l) => l?.stop());
    };
    window.addEventListener("focus", focus);
    window.addEventListener("pagehide", close);
    return () => {
      window.removeEventListener("focus", focus);
      window.removeEventListener("pagehide", close);
      close();
    };
  }, []);

  return null;
}
