import {
  Caption1,
  FluentProvider,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useEffectEvent,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import type { Host } from "../host/host";
import { StatusArea } from "./components/StatusArea";
import {
  catalogue,
  FONT_STACK,
  I18nContext,
  languageFromTag,
  useI18n,
  type Language,
} from "./i18n";
import { explainError } from "./lib/errors";
import { createOfficeHost, loadEngine } from "./lib/loaders";
import { detectOffice, officeMayLoad } from "./lib/office";
import { loadSettings, saveSettings } from "./lib/settings";
import { PaneProvider, usePane, type Mode, type TabId } from "./state";
import { SetupView } from "./views/SetupView";
import { UnsavedChangesGuard } from "./components/UnsavedChangesGuard";
import { LiveChecker } from "./components/LiveChecker";

// The first view ships with the pane; the others load when opened (or when the browser idles).
const loadCheck = () => import(/* webpackChunkName: "view-check" */ "./views/CheckView");
const loadSummary = () => import(/* webpackChunkName: "view-summary" */ "./views/SummaryView");
const loadImportExport = () =>
  import(/* webpackChunkName: "view-import" */ "./views/ImportExportView");
const loadSettingsView = () =>
  import(/* webpackChunkName: "view-settings" */ "./views/SettingsView");
const CheckView = lazy(() => loadCheck().then((m) => ({ default: m.CheckView })));
const SummaryView = lazy(() => loadSummary().then((m) => ({ default: m.SummaryView })));
const ImportExportView = lazy(() =>
  loadImportExport().then((m) => ({ default: m.ImportExportView }))
);
const SettingsView = lazy(() => loadSettingsView().then((m) => ({ default: m.SettingsView })));

const useStyles = makeStyles({
  root: {
    boxSizing: "border-box",
    minHeight: "100vh",
    width: "100%",
    minWidth: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    overflowWrap: "anywhere",
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  // The app's name above every view heading: larger than they are.
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightBold,
  },
  mode: { color: tokens.colorNeutralForeground3 },
  // One row of tabs at 320 px in both languages: no wrapping, tighter padding, words kept whole.
  tabs: {
    flexWrap: "nowrap",
    marginInline: `calc(-1 * ${tokens.spacingHorizontalS})`,
    "& > button": {
      paddingInline: "4px",
      minWidth: 0,
      whiteSpace: "nowrap",
      overflowWrap: "normal",
    },
    "& > button > span": { paddingInline: 0 },
    // A 320 px pane with a scrollbar leaves about 300 px: tighter still, never a second row.
    "@media (max-width: 340px)": { "& > button": { paddingInline: "2px" } },
  },
  panel: { minWidth: 0 },
});

export interface AppProps {
  /** A host to start with (tests; the Office host is found by detection otherwise). */
  host?: Host;
  mode?: Mode;
  fileName?: string;
  /** Look for Office (default true; tests pass false). */
  detect?: boolean;
  language?: Language;
  /** An explicit As of year, like the CLI's --as-of (tests); without it the workbook's own value counts. */
  asOfYear?: number;
  tab?: TabId;
}

function themeFor(language: Language): Theme {
  const base: Theme = { ...webLightTheme, fontFamilyBase: FONT_STACK[language] };
  if (language !== "km") return base;
  // Khmer stacks vowels and subscripts above and below the line: give lines more room, and
  // captions at least 13–14 px (12 px Khmer is hard to read).
  return {
    ...base,
    fontSizeBase100: "12px",
    fontSizeBase200: "14px",
    lineHeightBase100: "18px",
    lineHeightBase200: "20px",
    lineHeightBase300: "24px",
    lineHeightBase400: "28px",
    lineHeightBase500: "32px",
    lineHeightBase600: "36px",
    lineHeightHero700: "40px",
  };
}

function initialLanguage(preset?: Language): { language: Language; chosen: boolean } {
  if (preset) return { language: preset, chosen: true };
  const stored = loadSettings().language;
  if (stored) return { language: stored, chosen: true };
  const nav = typeof navigator !== "undefined" ? languageFromTag(navigator.language) : null;
  return { language: nav ?? "en", chosen: false };
}

export function App(props: AppProps) {
  const styles = useStyles();
  const [lang] = useState(() => initialLanguage(props.language));
  const [language, setLanguage] = useState<Language>(lang.language);
  const [chosen, setChosen] = useState(lang.chosen);
  const [checkAsYouType, setCheckAsYouType] = useState(
    () => loadSettings().checkAsYouType !== false
  );
  const chooseCheckAsYouType = useCallback((on: boolean) => {
    setCheckAsYouType(on);
    saveSettings({ ...loadSettings(), checkAsYouType: on });
  }, []);
  const t = catalogue(language);
  const i18n = useMemo(() => ({ language, t }), [language, t]);
  const theme = useMemo(() => themeFor(language), [language]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t.appTitle;
  }, [language, t]);

  const chooseLanguage = useCallback((l: Language) => {
    setLanguage(l);
    setChosen(true);
    saveSettings({ ...loadSettings(), language: l });
  }, []);
  /** Office's display language applies until the planner chooses one. */
  const officeLanguage = useCallback(
    (l: Language) => {
      if (!chosen) setLanguage(l);
    },
    [chosen]
  );

  const detect = props.detect ?? true;
  const mode: Mode =
    props.mode ??
    (props.host ? props.host.kind : detect && officeMayLoad() ? "connecting" : "file");

  return (
    <FluentProvider theme={theme} lang={language} className={styles.root}>
      <I18nContext.Provider value={i18n}>
        <PaneProvider
          language={language}
          explicitAsOfYear={props.asOfYear}
          initialMode={mode}
          initialHost={props.host ?? null}
          initialFileName={props.fileName ?? null}
          initialTab={props.tab}
        >
          <Shell detect={detect && !props.host} onOfficeLanguage={officeLanguage}>
            <Views
              onLanguage={chooseLanguage}
              checkAsYouType={checkAsYouType}
              onCheckAsYouType={chooseCheckAsYouType}
            />
            <UnsavedChangesGuard />
            <LiveChecker enabled={checkAsYouType} />
          </Shell>
        </PaneProvider>
      </I18nContext.Provider>
    </FluentProvider>
  );
}

function Shell(props: {
  detect: boolean;
  onOfficeLanguage(l: Language): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const pane = usePane();
  const styles = useStyles();
  const { dispatch, setError } = pane;
  const { detect } = props;
  const onOfficeLanguage = useEffectEvent((l: Language) => props.onOfficeLanguage(l));
  // The planner may stop waiting for Excel ("Work on a file instead"): a late answer then changes nothing.
  const stillConnecting = useEffectEvent(() => pane.mode === "connecting");
  /** Office has not answered within a few seconds: say so (Set up offers "Work on a file instead"); never switch silently. */
  const [officeSlow, setOfficeSlow] = useState(false);

  useEffect(() => {
    if (!detect) return;
    let live = true;
    void detectOffice({ onSlow: () => live && setOfficeSlow(true) }).then(async (info) => {
      if (!live) return;
      setOfficeSlow(false);
      if (!info.inExcel) {
        dispatch({ type: "mode", mode: "file" });
        return;
      }
      if (!stillConnecting()) return;
      const l = languageFromTag(info.displayLanguage);
      if (l) onOfficeLanguage(l);
      try {
        const host = await createOfficeHost();
        if (!live) return;
        dispatch({ type: "workbook", host, mode: "excel", fileName: null });
      } catch (e) {
        dispatch({ type: "mode", mode: "file" });
        setError(explainError(e));
      }
    });
    return () => {
      live = false;
    };
  }, [detect, dispatch, setError]); // once: where the pane runs does not change (dispatch and setError never change)

  // When the browser is idle after the first paint, fetch the engine and the other views so the
  // first click does not wait. The file host (ExcelJS) is not fetched until a file is used.
  useEffect(() => {
    const preload = () => {
      void loadEngine().catch(() => undefined);
      for (const load of [loadCheck, loadSummary, loadImportExport, loadSettingsView])
        void load().catch(() => undefined);
    };
    const w = window as Window & {
      requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number;
    };
    if (w.requestIdleCallback) w.requestIdleCallback(preload, { timeout: 3000 });
    else setTimeout(preload, 1500);
  }, []);

  const modeText =
    pane.mode === "excel"
      ? t.modeExcel
      : pane.mode === "connecting"
        ? t.modeConnecting
        : t.modeFile;

  return (
    <>
      <header className={styles.header}>
        <h1 className={styles.title}>{t.appTitle}</h1>
        <Caption1 className={styles.mode} data-testid="mode">
          {modeText}
          {pane.fileName ? ` · ${t.currentFile(pane.fileName)}` : ""}
        </Caption1>
      </header>
      <nav aria-label={t.tabsLabel}>
        <TabList
          className={styles.tabs}
          selectedValue={pane.tab}
          onTabSelect={(_, d) => pane.setTab(d.value as TabId)}
          size="small"
          aria-label={t.tabsLabel}
        >
          <Tab value="setup" id="tab-setup" aria-controls="panel-setup">
            {t.tabSetup}
          </Tab>
          <Tab value="check" id="tab-check" aria-controls="panel-check">
            {t.tabCheck}
          </Tab>
          <Tab value="summary" id="tab-summary" aria-controls="panel-summary">
            {t.tabSummary}
          </Tab>
          <Tab value="importExport" id="tab-importExport" aria-controls="panel-importExport">
            {t.tabImportExport}
          </Tab>
          <Tab value="settings" id="tab-settings" aria-controls="panel-settings">
            {t.tabSettings}
          </Tab>
        </TabList>
      </nav>
      {officeSlow && pane.mode === "connecting" && (
        <MessageBar intent="info" data-testid="office-slow">
          <MessageBarBody>{t.officeSlow}</MessageBarBody>
        </MessageBar>
      )}
      <StatusArea />
      {props.children}
    </>
  );
}

function Views(props: {
  onLanguage(l: Language): void;
  checkAsYouType: boolean;
  onCheckAsYouType(on: boolean): void;
}) {
  const pane = usePane();
  const styles = useStyles();
  const { t } = useI18n();
  const tab = pane.tab;
  let view: ReactNode;
  switch (tab) {
    case "check":
      view = <CheckView />;
      break;
    case "summary":
      view = <SummaryView />;
      break;
    case "importExport":
      view = <ImportExportView />;
      break;
    case "settings":
      view = (
        <SettingsView
          onLanguage={props.onLanguage}
          checkAsYouType={props.checkAsYouType}
          onCheckAsYouType={props.onCheckAsYouType}
        />
      );
      break;
    default:
      view = <SetupView />;
  }
  return (
    // The main landmark holds the tab panel (a role on <main> itself would hide the landmark).
    <main className={styles.panel}>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        <Suspense fallback={<Spinner size="small" label={t.stepLoading} />}>{view}</Suspense>
      </div>
    </main>
  );
}
