/**
 * The task pane's English strings. Every string the pane shows comes from here or from km.ts;
 * km.ts is typed against this file, so it must have every key.
 */
export const en = {
  appTitle: "Policy Planner",
  appSubtitle: "Digital policy measures, checked and summarised",
  tabsLabel: "Planner steps",

  tabSetup: "Set up",
  tabCheck: "Check",
  tabSummary: "Summary",
  tabImportExport: "Import/Export",
  tabSettings: "Settings",

  modeExcel: "Connected to Excel",
  modeFile: "Working on a file (no Excel connection)",
  modeConnecting: "Connecting to Excel…",
  officeSlow:
    "Excel has not answered yet (a slow connection or a busy computer). The planner keeps waiting and connects as soon as Excel is ready.",
  skipConnecting: "Work on a file instead",
  noWorkbookTitle: "No workbook open",
  noWorkbookBody: "Open a workbook file or create a new one from a framework on the Set up tab.",
  goToSetup: "Go to Set up",
  currentFile: (name: string) => `File: ${name}`,

  // Set up
  setupHeading: "Set up the workbook",
  setupIntro:
    "Choose a framework, then create the planner tables. Existing rows are kept; only missing tables and columns are added.",
  frameworkLabel: "Framework",
  frameworkDespf: "DESPF 2021–2035 (Digital Economy and Society Policy Framework, 139 measures)",
  frameworkDgp: "DGP 2022–2035 (Digital Government Policy, 83 priority actions)",
  frameworkBlank: "Blank (tables only, no measures)",
  createOrRepair: "Create or repair tables",
  newFromFramework: "New from framework",
  openWorkbook: "Open workbook…",
  openWorkbookHint: "An .xlsx workbook, or a .csv file holding the Measures table.",
  tablesHeading: "Planner tables",
  tableStatusPresent: "present",
  tableStatusMissing: "missing",
  tableRows: (n: number) => (n === 1 ? "1 row" : `${n} rows`),
  measuresCount: (n: number) => (n === 1 ? "1 measure" : `${n} measures`),
  tablesNone: "Open or create a workbook to see its tables.",
  allTablesPresent: "All seven planner tables are present.",
  someTablesMissing: (n: number) =>
    n === 1
      ? "1 table is missing: use Create or repair tables."
      : `${n} tables are missing: use Create or repair tables.`,
  setupDone: (n: number) =>
    `The planner tables are ready: ${n === 1 ? "1 measure" : `${n} measures`}.`,
  openedFile: (name: string, n: number) =>
    `Opened ${name}: ${n === 1 ? "1 measure" : `${n} measures`}.`,

  // Check
  checkHeading: "Check the measures",
  checkIntro:
    "Checks committee assignments, timelines, status and references. Findings are listed on the Validation sheet and marked in the tables.",
  runCheck: "Run check",
  committeeFilter: "Committee",
  allCommittees: "All committees",
  severityError: "Errors",
  severityWarning: "Warnings",
  severityInfo: "Information",
  findingsSummary: (e: number, w: number, i: number) =>
    `${e} errors, ${w} warnings, ${i} information`,
  noFindings: "No findings: the measures pass every check.",
  notCheckedYet: "Run the check to see findings.",
  showMore: (n: number) => `Show ${n} more`,
  findingPlace: (table: string, row: string, column: string) =>
    [table, row, column].filter(Boolean).join(" · "),
  rowLabel: (n: number) => `row ${n}`,
  measureNo: (no: string) => `No. ${no}`,
  measureLine: (no: string, title: string) => `No. ${no} · ${title}`,
  locationMeasure: (no: string, title: string, committee: string) =>
    `Measure No. ${no}, "${title}"${committee ? `, led by ${committee}` : ""}.`,
  goToFinding: "Go to cell",
  locationFile: (address: string) =>
    `In the file: ${address}. A file has no selection; find the cell there when you open it in Excel.`,
  locationExcel: (address: string) => `Selected ${address} in Excel.`,
  checkWrote: (e: number, w: number, i: number) =>
    `Checked: ${e} errors, ${w} warnings, ${i} information. Wrote them to the Validation sheet and marked their cells in the tables.`,
  findingsFiltered: (shown: number, total: number) => `Showing ${shown} of ${total} findings.`,

  // Rules (short titles for the groups)
  "rule.column-missing": "Required column missing",
  "rule.reference-missing": "Reference table missing",
  "rule.key-missing": "No. missing",
  "rule.key-duplicate": "No. repeated",
  "rule.required-missing": "Required cell blank",
  "rule.goal-unknown": "Unknown goal",
  "rule.strategy-unknown": "Unknown strategy",
  "rule.strategy-goal-mismatch": "Strategy under another goal",
  "rule.committee-unknown": "Unknown committee",
  "rule.committee-lead-repeated": "Lead committee listed twice",
  "rule.committee-not-responsible": "Committee not responsible for the goal",
  "rule.committee-support-missing": "Supporting committee not listed",
  "rule.committee-count": "Committee measure count",
  "rule.measure-count": "Number of measures",
  "rule.timeframe-unknown": "Unknown timeframe",
  "rule.year-invalid": "Year not readable",
  "rule.year-order": "Start after end",
  "rule.year-out-of-period": "Year outside the framework period",
  "rule.timeframe-mismatch": "Years outside the timeframe",
  "rule.status-unknown": "Unknown status",
  "rule.progress-invalid": "Progress not 0–100",
  "rule.progress-status-mismatch": "Progress and status disagree",
  "rule.overdue": "Overdue",
  "rule.not-started-late": "Not started on time",
  "rule.reference-invalid": "Broken reference table",
  "rule.period-invalid": "Progress period not a label",
  "rule.progress-key-unknown": "Progress row for an unknown No.",
  "rule.progress-decrease": "Progress went down, no note",

  // Summarise
  summaryHeading: "Summarise",
  summaryIntro:
    "Builds the Summary, Briefing and Validation sheets, with charts, from the tables. These three sheets are rebuilt whole each time.",
  buildSummary: "Build summary sheets",
  refreshNumbers: "Refresh numbers",
  briefingDeck: "Briefing deck",
  deckDownloaded: (name: string) =>
    `Downloaded ${name}: the briefing deck (PowerPoint, native charts).`,
  summaryBuilt: "Summary, Briefing and Validation sheets are rebuilt.",
  keyNumbers: "Key numbers",
  statMeasures: "Measures",
  statPriorityActions: "Priority actions",
  statusOfMeasures: "Status of the measures",
  statusOfPriorityActions: "Status of the priority actions",
  priorityActionsCount: (n: number) => (n === 1 ? "1 priority action" : `${n} priority actions`),
  institutionFilter: "Institution",
  allInstitutions: "All institutions",
  byGoal: "By goal",
  byCommittee: "By committee",
  perCommitteeActions: "Priority actions per committee",
  "status.Completed": "Completed",
  "status.On track": "On track",
  "status.At risk": "At risk",
  "status.Delayed": "Delayed",
  "status.Not started": "Not started",
  "status.Other": "Other status",
  statCompleted: "Completed",
  statOverdue: "Overdue",
  statExpectedOf: (n: number) => `of ${n} expected`,
  statCompletedShare: (pct: number) => `${pct}%`,
  statCompletedCount: (n: number, total: number) => `${n} of ${total}`,
  statOverdueNote: "past End year, not completed",
  perCommittee: "Measures per committee",
  committeeColumn: "Committee",
  expectedColumn: "Expected",
  actualColumn: "Actual",
  notStated: "not stated",
  chartTitle: "Measures led or co-led per committee",
  chartLegendActual: "Actual",
  chartLegendExpected: "Expected",
  chartBarLabel: (committee: string, actual: number, expected: string) =>
    `${committee}: ${actual} measures, expected ${expected}`,
  periodHeading: "Status by reporting period",
  periodChartNote: (periods: number) =>
    `Measures reported in ${periods === 1 ? "the one period" : `each of ${periods} periods`} (the Progress table), by status.`,
  periodColumnLabel: (period: string, total: number, parts: string) =>
    `${period}: ${total} measures reported — ${parts}`,
  summaryNotYet: "Open a workbook, then refresh the numbers or build the summary.",
  asOfNote: (year: number) => `As of ${year}.`,

  // Import / Export
  importHeading: "Import measures",
  importIntro:
    "Pick an .xlsx or .csv file with a header row. Nothing changes until you confirm: first you see what would happen.",
  // Reporting round
  returnsHeading: "Reporting round",
  returnsIntro:
    "Send each institution a return with its measures (filled columns open, the rest locked), then import the returns that come back, several at once. Conflicts and the findings the merge would add show before anything is written.",
  returnsPeriod: "Reporting period (for example 2026-Q2, 2026-H1 or 2026)",
  returnsPeriodInvalid: "Not a period label: use one such as 2026-Q2, 2026-H1 or 2026.",
  returnsOut: "Download returns (.zip)",
  returnsIn: "Import returns…",
  returnsDownloaded: (n: number, name: string, generic: number) =>
    `Downloaded ${name}: ${n} returns.${generic ? ` ${generic} generic entr${generic === 1 ? "y gets" : "ies get"} no return.` : ""}`,
  runSources: (names: string) => `Sources: ${names}`,
  runSummary: (added: number, updated: number, rejected: number) =>
    `Added ${added} · updated ${updated} · rejected ${rejected}`,
  runPreviewHeading: (files: number) =>
    `What merging ${files === 1 ? "this return" : `these ${files} returns`} would do (nothing is written yet)`,
  runProgress: (rows: number, periods: string, replaced: number) =>
    `Progress: ${rows} rows to record for ${periods}${replaced ? ` (replacing ${replaced} rows the same files sent before)` : ""}.`,
  severityOne: (severity: "error" | "warning" | "info") =>
    severity === "error" ? "Error" : severity === "warning" ? "Warning" : "Note",
  conflictsHeading: (n: number) => `Conflicts (${n})`,
  conflictKept: (kept: string, lead: boolean) =>
    `kept ${kept} (${lead ? "the lead institution's return" : "the first file chosen"})`,
  newFindingsHeading: (n: number) => `Findings the merge would add (${n})`,
  noNewFindings: "The merge adds no findings.",
  confirmRun: "Confirm (merge returns)",
  runDone: (updated: number, rows: number) =>
    `Returns merged: ${updated} measures updated, ${rows} progress rows recorded.`,
  chooseImportFile: "Choose file to import…",
  dryRunHeading: (name: string) => `What importing ${name} would do`,
  mappedColumns: "Mapped columns",
  sourceColumn: "In the file",
  plannerColumn: "Planner column",
  ignoredColumn: "not used",
  normalisations: "Normalised values",
  rowColumn: "Row",
  columnColumn: "Column",
  changeColumn: "Change",
  addedRows: "Added rows",
  updatedRows: "Updated rows",
  rejectedRows: "Rejected rows",
  importNotes: "To know about this import",
  reasonColumn: "Reason",
  measureColumn: "Measure",
  noColumn: "No.",
  blankValue: "(blank)",
  noneInCategory: "None.",
  importCounts: (added: number, updated: number, rejected: number) =>
    `${added} to add, ${updated} to update, ${rejected} rejected.`,
  unchangedCount: (n: number) =>
    n === 1 ? "1 row is already the same." : `${n} rows are already the same.`,
  keptAsExtra: "(kept as an extra column)",
  columnName: (header: string) => header,
  fileRow: (row: number) => `file row ${row}`,
  rejectedNoKeyNoText: "No No. and no measure text.",
  rejectedNoKey: "No No.: rows are matched by their number.",
  rejectedNoText: "No measure text (a heading or a note?).",
  rejectedHeaderEcho: "Repeats the header row; not a measure.",
  rejectedKeyRepeated: (no: string, first: number) =>
    `No. ${no} is already on file row ${first}; only the first is imported.`,
  changeColumns: "Change columns…",
  hideColumns: "Hide the column choices",
  headerFoundAt: (sheet: string, row: number) => `Header row: ${sheet}, row ${row}.`,
  columnsHeading: "Columns",
  columnsIntro:
    "Which column of the file fills each planner column. Change one and the report is worked out again.",
  notImported: "(not imported)",
  sourceColumnOption: (letter: string, text: string) => `${text} (column ${letter})`,
  sourceColumnNoHeader: (letter: string) => `Column ${letter} (no header)`,
  confirmMerge: "Confirm (merge)",
  replaceAll: "Replace…",
  discardImport: "Discard",
  replaceDialogTitle: "Replace all measures?",
  replaceDialogBody: (n: number, m: number) =>
    `The Measures table's ${n} rows will be replaced by the ${m} rows of the file. Rows that are only in the workbook will be removed. Right after, Undo import can put the table back.`,
  replaceConfirm: "Yes, replace",
  importDone: (added: number, updated: number) => `Imported: ${added} added, ${updated} updated.`,
  replaceDone: (n: number) => `Replaced: the Measures table now has ${n} rows.`,
  undoImport: "Undo import",
  undoDone: (table: string) => `Restored the ${table} table as it was before the import.`,
  undoNothing: "There is no earlier copy of the table to restore.",
  importUnavailable: "The import engine is not part of this build yet.",
  exportHeading: "Export",
  exportIntro: "Save the workbook or its tables as files.",
  exportXlsx: "Workbook (.xlsx)",
  exportXlsxFromTables: ".xlsx built from the tables",
  exportCsv: "Measures (.csv)",
  exportJson: "All tables (.json)",
  exported: (name: string) => `${name} sent to your downloads.`,
  openedCopy: "The copy is open as a new workbook: save it from there.",
  openedCopyNoDownload: (name: string) =>
    `Excel for Mac cannot download files from an add-in, so ${name} is open as a new workbook instead: save it from there (File ▸ Save As).`,
  copiedNoDownload: (name: string) =>
    `Excel for Mac cannot download files from an add-in, so the content of ${name} is on the clipboard: paste it into a text editor and save it under that name.`,
  toCopyNoDownload: (name: string) =>
    `Excel for Mac cannot download files from an add-in, and the clipboard was not available. Nothing was saved: copy the text below and save it as ${name}.`,
  toCopyLabel: (name: string) => `Content of ${name}`,
  toCopyClose: "Done",
  openedBrowserNoDownload:
    "Nothing was saved: Excel for Mac cannot download files from an add-in. The planner has opened in your browser: open the workbook there and export it.",
  copyTooLargeDownloaded: (name: string, mb: string) =>
    `The copy is ${mb} MB: more than Excel on the web can open as a new workbook. Its requests are limited to 5 MB and a file travels as text a third larger, so about 3.7 MB is the most it takes. ${name} was sent to your downloads instead.`,

  // Settings
  settingsHeading: "Settings",
  asOfYear: "As of year",
  asOfYearHint:
    "Overdue and late-start checks count from this year. It is the workbook's own (Framework table): saving it changes the workbook for everyone who opens it.",
  asOfYearNoWorkbook: "Open a workbook to see and set its As of year.",
  asOfYearInvalid: "Enter a year from 1900 to 2200.",
  asOfYearSave: "Save to workbook",
  asOfYearSaved: (year: number) =>
    `The workbook's As of year is now ${year} (Framework table). Run the check again to count from it.`,
  language: "Language",
  languageEnglish: "English",
  languageKhmer: "ខ្មែរ (Khmer)",
  settingsSaved:
    "The language is remembered on this computer; the As of year is kept in the workbook.",
  checkAsYouType: "Check as I type",
  checkAsYouTypeHint:
    "After a check, the findings, the Validation sheet and the marks follow your edits half a second after you stop typing.",
  checkAsYouTypeFileHint:
    "Inside Excel only. With a workbook file, press Run check after your changes.",

  // Work in progress
  working: "Working…",
  cancel: "Cancel",
  cancelled: "Stopped. Nothing more was changed; run it again when you are ready.",
  stepReading: "Reading the tables…",
  stepWriting: "Writing sheets…",
  stepOpening: "Opening the file…",
  stepSaving: "Preparing the file…",
  stepImporting: "Comparing the rows…",
  stepLoading: "Loading…",
  progressLabel: "Progress",

  // After an operation in file mode
  downloadReady: "The changes are only in this page until you download the workbook.",
  downloadWorkbook: "Download workbook",
  dismiss: "Dismiss",

  // Errors: what happened, then what to do next
  errorTitle: "Something went wrong",
  errorFileRead: "This file could not be read.",
  errorFileReadNext:
    "Choose an .xlsx workbook saved by Excel or a .csv file with a header row. If it is password-protected, save an unprotected copy first.",
  errorNoMeasures: "The workbook has no Measures table.",
  errorNoMeasuresNext: "Go to Set up and choose Create or repair tables.",
  errorNoWorkbook: "No workbook is open.",
  errorNoWorkbookNext: "Open a workbook or create a new one on the Set up tab.",
  errorAccessDenied: "Excel refused the change: a sheet or the workbook is protected.",
  errorAccessDeniedNext: "Unprotect the sheet (Review › Unprotect Sheet) and try again.",
  errorEditMode: "Excel is busy editing a cell.",
  errorEditModeNext: "Press Enter or Esc in the cell you are editing, then try again.",
  errorTooLarge: "The workbook is too large for one request to Excel.",
  errorTooLargeNext: "Remove unused rows below the tables, or try again in Excel desktop.",
  errorMergedCells: "A table would overlap merged cells or another table.",
  errorMergedCellsNext:
    "Unmerge the cells next to the planner tables, or move the other table, then try again.",
  errorNotFound: "Something the pane needs is missing from the workbook.",
  errorNotFoundNext: "Go to Set up and choose Create or repair tables.",
  errorOffice: "Excel could not complete the request.",
  errorOfficeNext: "Try again. If it keeps failing, save the workbook, close and reopen it.",
  errorLoad: "Part of the pane could not be loaded.",
  errorLoadNext: "Check the network connection and reload the pane.",
  errorMapping: "The file cannot be imported with these columns.",
  errorMappingNext:
    "Rows are matched by their No. and need the measure's text: choose a column of the file for No. and for Measure. The report still shows the last columns that worked.",
  errorImportNoHeader: "No header row found in this file: its columns cannot be told apart.",
  errorImportNoHeaderNext:
    "Give the file a header row that names the columns (at least “No.” and “Measure”; also “Lead committee”, “Timeframe”…), save it, and choose it again.",
  errorUnknownNext:
    "Try again. If it keeps happening, reload the pane and note the message below for support.",
  errorDetails: (msg: string) => `Details: ${msg}`,
} as const;

/** A catalogue entry: a plain string, or a function from its values to a string. */
type Entry<V> = V extends (...args: infer A) => string ? (...args: A) => string : string;

/** The shape every language's catalogue must have: every key of English, same arguments. */
export type Catalogue = { readonly [K in keyof typeof en]: Entry<(typeof en)[K]> };

export type MessageKey = keyof Catalogue;
