import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ReactNode,
} from "react";
import type { Host } from "../host/host";
import { resolveAsOfYear } from "../model/as-of";
import type { Catalogue, Language } from "./i18n";
import { explainError, type ErrorKind, PaneError } from "./lib/errors";
import { guardHost, isAbort, type StepKey } from "./lib/tasks";
import {
  initialWorkbookState,
  workbookReducer,
  type Mode,
  type WorkbookEvent,
  type WorkbookState,
} from "./workbook-state";

export type { CheckResult, Mode } from "./workbook-state";
export type TabId = "setup" | "check" | "summary" | "importExport" | "settings";

export interface Busy {
  step: StepKey;
  done?: number;
  total?: number;
}

/** A success line, told in whatever language the pane is in when it shows. */
export type Notice = (t: Catalogue) => string;

export interface TaskContext {
  /** The host, guarded: every call checks Cancel and reports its step. */
  host: Host;
  /** The host itself (for what a guard does not cover, e.g. FileHost.lastSelection). */
  raw: Host;
  /** Guards a host the task made itself (a new or opened file). */
  guard(host: Host): Host;
  signal: AbortSignal;
  report: (step: StepKey, done?: number, total?: number) => void;
}

export interface TaskOptions {
  /** An error while reading a file the planner chose is a file problem. */
  errorContext?: "file" | "work";
  /** The task brings its own host (opening / creating a file). */
  noHost?: boolean;
  first?: StepKey;
}

export interface PaneValue extends WorkbookState {
  busy: Busy | null;
  error: { kind: ErrorKind; detail: string } | null;
  notice: Notice | null;
  language: Language;
  /** The As of year in force: an explicit one (tests), else the workbook's Framework value, else this year. */
  asOfYear: number;
  /** Passed to the operations: undefined unless given explicitly, so they read the workbook's own year. */
  explicitAsOfYear: number | undefined;
  tab: TabId;
  setTab(tab: TabId): void;
  /** Tells the pane what an operation did (see workbook-state.ts). */
  dispatch(event: WorkbookEvent): void;
  setNotice(n: Notice | null): void;
  setError(e: { kind: ErrorKind; detail: string } | null): void;
  /** Runs long work: progress, Cancel, errors as a MessageBar. Resolves undefined on failure. */
  run<T>(work: (ctx: TaskContext) => Promise<T>, options?: TaskOptions): Promise<T | undefined>;
  cancel(): void;
}

/** What a task that brings its own host sees before it has one: every call says "no workbook". */
const noWorkbook = (): never => {
  throw new PaneError("noWorkbook");
};
const NO_HOST: Host = {
  kind: "file",
  readTables: async () => noWorkbook(),
  applyPlan: async () => noWorkbook(),
  writeTable: async () => noWorkbook(),
  select: async () => noWorkbook(),
  exportXlsx: async () => noWorkbook(),
};

const PaneContext = createContext<PaneValue | null>(null);

export function usePane(): PaneValue {
  const v = useContext(PaneContext);
  if (!v) throw new Error("usePane outside PaneProvider");
  return v;
}

export interface PaneProviderProps {
  children: ReactNode;
  language: Language;
  explicitAsOfYear?: number;
  initialMode: Mode;
  initialHost?: Host | null;
  initialFileName?: string | null;
  initialTab?: TabId;
}

export function PaneProvider(props: PaneProviderProps) {
  const [workbook, dispatchEvent] = useReducer(workbookReducer, null, () =>
    initialWorkbookState(
      props.initialMode,
      props.initialHost ?? null,
      props.initialFileName ?? null
    )
  );
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<{ kind: ErrorKind; detail: string } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [tab, setTab] = useState<TabId>(props.initialTab ?? "setup");
  const controller = useRef<AbortController | null>(null);
  // The host lives in the reducer's state; tasks read it here (it changes only by a "workbook" event).
  const hostRef = useRef<Host | null>(workbook.host);

  const dispatch = useCallback((event: WorkbookEvent) => {
    if (event.type === "workbook") hostRef.current = event.host; // a task that follows at once uses it
    dispatchEvent(event);
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);

  const run = useCallback(
    async <T,>(
      work: (ctx: TaskContext) => Promise<T>,
      options: TaskOptions = {}
    ): Promise<T | undefined> => {
      if (controller.current) return undefined; // one task at a time; the buttons say so too
      const raw = hostRef.current;
      if (!raw && !options.noHost) {
        setError({ kind: "noWorkbook", detail: "" });
        return undefined;
      }
      const ac = new AbortController();
      controller.current = ac;
      setError(null);
      setNotice(null);
      setBusy({ step: options.first ?? "stepLoading" });
      let last = 0;
      const report = (step: StepKey, done?: number, total?: number) => {
        // Throttle repaints: many rows report often; the label changes always show.
        const now = Date.now();
        if (done !== undefined && total !== undefined && done !== total && now - last < 50) return;
        last = now;
        setBusy({ step, done, total });
      };
      try {
        const guard = (h: Host) => guardHost(h, ac.signal, report);
        const base = raw ?? NO_HOST;
        return await work({ host: guard(base), raw: base, guard, signal: ac.signal, report });
      } catch (e) {
        if (isAbort(e)) setNotice(() => (t: Catalogue) => t.cancelled);
        else {
          const explained = explainError(e, options.errorContext ?? "work");
          if (!(e instanceof PaneError)) console.error(e);
          setError(explained);
        }
        return undefined;
      } finally {
        controller.current = null;
        setBusy(null);
      }
    },
    []
  );

  const value = useMemo<PaneValue>(
    () => ({
      ...workbook,
      busy,
      error,
      notice,
      language: props.language,
      asOfYear: resolveAsOfYear(workbook.tables, props.explicitAsOfYear),
      explicitAsOfYear: props.explicitAsOfYear,
      tab,
      setTab,
      dispatch,
      setNotice: (n: Notice | null) => setNotice(() => n),
      setError,
      run,
      cancel,
    }),
    [
      workbook,
      busy,
      error,
      notice,
      props.language,
      props.explicitAsOfYear,
      tab,
      dispatch,
      run,
      cancel,
    ]
  );
  return <PaneContext.Provider value={value}>{props.children}</PaneContext.Provider>;
}
