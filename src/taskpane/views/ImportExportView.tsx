import {
  Button,
  Caption1,
  Field,
  Select,
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
import { useId, useMemo, useRef, useState, type ChangeEvent, type ReactNode } from "react";
import type { ImportPreview } from "../../host/import";
import { resolveAsOfYear } from "../../model/as-of";
import { cellText } from "../../model/cells";
import { columnIndex, findTable, TABLE_HEADERS, type TableData } from "../../model/schema";
import { useI18n, type Catalogue } from "../i18n";
import { STATUS_KEYS } from "../../summary/status-board";
import type { RejectedRow } from "../../import/merge";
import { shortTitle } from "../../rules/rollup";
import { readFileBytes, XLSX_MIME } from "../lib/download";
import { deliver, type ExportFile } from "../lib/deliver";
import { datedFileName } from "../lib/file-names";
import { PaneError } from "../lib/errors";
import {
  chooseColumn,
  currentMapping,
  sourceColumnChoices,
  type ColumnMapping,
} from "../lib/mapping";
import { loadEngine, loadFiles, loadImportSource } from "../lib/loaders";
import { measureCount } from "../lib/tables";
import { abortable, nextTask } from "../lib/tasks";
import { usePane } from "../state";
import { NoWorkbook } from "../components/NoWorkbook";
import { deliveredNotice, deliveryMeansFor, useWorkbookDownload } from "../components/actions";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { TextToCopy } from "../components/TextToCopy";
import type { ImportReport, ImportSourceRows } from "../lazy/import-source";
import { ReturnsPanel } from "./ReturnsPanel";
import { useViewStyles } from "./styles";

const PAGE = 50;

/** OfficeHost's CopyTooLargeError (src/excel), recognised without importing the Office layer into this view. */
function isCopyTooLarge(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "CopyTooLarge";
}

const useStyles = makeStyles({
  table: { tableLayout: "fixed", width: "100%" },
  narrow: { width: "22%" },
  cell: { overflowWrap: "anywhere", whiteSpace: "normal", verticalAlign: "top" },
  before: { textDecorationLine: "line-through", color: tokens.colorNeutralForeground3 },
  report: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  columns: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  columnField: { minWidth: 0 },
  select: { minWidth: 0 },
  // Confirm and Discard stay in reach while the planner reads the details below them.
  sticky: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    paddingBlock: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  fileInput: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

/** One part of the dry-run report: a heading with its count, a small table, "show more". */
function ReportTable<T>(props: {
  title: string;
  items: T[];
  /** The number in the heading when it is not the number of table rows (updated: rows, not changes). */
  count?: number;
  columns: Array<{ title: string; narrow?: boolean; render: (item: T) => ReactNode }>;
  testId: string;
}) {
  const { t } = useI18n();
  const v = useViewStyles();
  const styles = useStyles();
  const [shown, setShown] = useState(PAGE);
  return (
    <div className={v.block} data-testid={props.testId}>
      <h4 className={v.subheading}>
        {props.title} ({props.count ?? props.items.length})
      </h4>
      {props.items.length === 0 ? (
        <Caption1>{t.noneInCategory}</Caption1>
      ) : (
        <Table size="extra-small" className={styles.table} aria-label={props.title}>
          <TableHeader>
            <TableRow>
              {props.columns.map((c) => (
                <TableHeaderCell key={c.title} className={c.narrow ? styles.narrow : undefined}>
                  {c.title}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.items.slice(0, shown).map((item, i) => (
              <TableRow key={i}>
                {props.columns.map((c) => (
                  <TableCell key={c.title} className={styles.cell}>
                    {c.render(item)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {props.items.length > shown && (
        <Button appearance="transparent" onClick={() => setShown((n) => n + PAGE)}>
          {t.showMore(Math.min(PAGE, props.items.length - shown))}
        </Button>
      )}
    </div>
  );
}

function Change({ column, from, to }: { column?: string; from: string; to: string }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <span>
      {column && <Caption1>{column}: </Caption1>}
      <span className={styles.before}>{from || t.blankValue}</span> →{" "}
      <strong>{to || t.blankValue}</strong>
    </span>
  );
}

function measureOf(table: TableData, no: string): string {
  const ni = columnIndex(table, "No.");
  const mi = columnIndex(table, "Measure");
  if (ni < 0 || mi < 0) return "";
  const row = table.rows.find((r) => cellText(r[ni]) === no);
  return row ? cellText(row[mi]) : "";
}

/** The planner's column choices: a list of the file's columns for each Measures column. */
function ColumnsEditor({
  report,
  source,
  onChoose,
}: {
  report: ImportReport;
  source: ImportSourceRows;
  onChoose: (header: string, column: number) => void;
}) {
  const { t } = useI18n();
  const v = useViewStyles();
  const styles = useStyles();
  const headingId = useId();
  const choices = useMemo(() => sourceColumnChoices(source.rows, report), [source, report]);
  const mapping = currentMapping(report);
  return (
    <div className={v.block} role="group" aria-labelledby={headingId} data-testid="report-columns">
      <h4 id={headingId} className={v.subheading}>
        {t.columnsHeading}
      </h4>
      <Caption1>{t.columnsIntro}</Caption1>
      <div className={styles.columns}>
        {TABLE_HEADERS.Measures.map((header) => (
          <Field
            key={header}
            label={t.columnName(header)}
            orientation="horizontal"
            size="small"
            className={styles.columnField}
          >
            <Select
              size="small"
              className={styles.select}
              value={String(mapping[header] ?? -1)}
              onChange={(_, d) => onChoose(header, Number(d.value))}
            >
              <option value="-1">{t.notImported}</option>
              {choices.map((c) => (
                <option key={c.column} value={String(c.column)}>
                  {c.text
                    ? t.sourceColumnOption(c.letter, c.text)
                    : t.sourceColumnNoHeader(c.letter)}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      </div>
    </div>
  );
}

/** "The first cells read: …" of the import core's message: what the planner can compare with their file. */
function firstCellsOf(message: string): string {
  return /The first cells read: (.*?\.)( |$)/.exec(message)?.[1] ?? "";
}

/** The No. of a source row, read from the column mapped to No. ("" when none). */
function sourceNo(source: ImportSourceRows | undefined, report: ImportReport, row: number): string {
  const col = report.mapped.find((m) => m.header === "No.")?.sourceColumn;
  if (!source || col === undefined || col < 0) return "";
  return cellText(source.rows[row - 1]?.[col] ?? null);
}

/** A value as the planner reads it: a status in the pane's language, anything else as written. */
function useValueText(): (column: string, value: string) => string {
  const { t } = useI18n();
  return (column, value) => {
    if (column !== "Status") return value;
    const key = STATUS_KEYS.find((k) => k.toLowerCase() === value.trim().toLowerCase());
    return key && key !== "Other" ? t[`status.${key}`] : value;
  };
}

function rejectedText(t: Catalogue, r: RejectedRow): string {
  switch (r.code) {
    case "no-key-no-text":
      return t.rejectedNoKeyNoText;
    case "no-key":
      return t.rejectedNoKey;
    case "no-text":
      return t.rejectedNoText;
    case "header-echo":
      return t.rejectedHeaderEcho;
    case "key-repeated":
      return t.rejectedKeyRepeated(r.no ?? "", r.firstRow ?? 0);
    default:
      return r.reason;
  }
}

export function ImportReportView({
  report,
  fileName,
  columns,
  actions,
}: {
  report: ImportReport;
  fileName: string;
  /** The source and what to do when the planner chooses another column: shows the Columns editor. */
  columns?: { source: ImportSourceRows; onChoose: (header: string, column: number) => void };
  /** Confirm / Replace / Discard: right after the counts, and kept in reach while the details scroll. */
  actions?: ReactNode;
}) {
  const { t } = useI18n();
  const v = useViewStyles();
  const styles = useStyles();
  const valueText = useValueText();
  const [editing, setEditing] = useState(false);
  const editorId = useId();
  // Short titles: the report stays a list to scan, not the measures' full text.
  const titleOf = (no: string) => (no ? shortTitle(measureOf(report.result, no)) : "");
  const updates = report.updated.flatMap((u) => u.changes.map((c) => ({ no: u.no, ...c })));
  const sourceColumns = [
    ...report.mapped.map((m) => ({ source: m.sourceHeader, target: t.columnName(m.header) })),
    ...report.unmapped.map((u) => ({ source: u, target: t.keptAsExtra })),
  ];
  const normalised = report.normalised.map((n) => ({
    ...n,
    no: sourceNo(columns?.source, report, n.row),
  }));
  // One keying for every list: the measure's No. and title (the file's row only where there is no No.).
  const keyColumn = <T extends { no: string }>(fallbackRow?: (x: T) => number) => ({
    title: t.noColumn,
    narrow: true,
    render: (x: T) => x.no || (fallbackRow ? t.fileRow(fallbackRow(x)) : ""),
  });
  const titleColumn = <T extends { no: string }>() => ({
    title: t.measureColumn,
    render: (x: T) => titleOf(x.no),
  });
  return (
    <div className={styles.report} data-testid="import-report">
      <h3 className={v.subheading}>{t.dryRunHeading(fileName)}</h3>
      <Text role="status" aria-live="polite" weight="semibold" data-testid="import-counts">
        {t.importCounts(report.added.length, report.updated.length, report.rejected.length)}{" "}
        {report.unchanged > 0 ? t.unchangedCount(report.unchanged) : ""}
      </Text>
      {actions && (
        <div className={styles.sticky} data-testid="import-actions">
          {actions}
        </div>
      )}
      <Caption1>{t.headerFoundAt(report.sheetName ?? fileName, report.headerRow)}</Caption1>
      <ReportTable
        testId="report-added"
        title={t.addedRows}
        items={report.added.map((no) => ({ no }))}
        columns={[keyColumn(), titleColumn()]}
      />
      <ReportTable
        testId="report-updated"
        title={t.updatedRows}
        items={updates}
        count={report.updated.length}
        columns={[
          keyColumn(),
          titleColumn(),
          {
            title: t.changeColumn,
            render: (u) => (
              <Change
                column={t.columnName(u.column)}
                from={valueText(u.column, u.before)}
                to={valueText(u.column, u.after)}
              />
            ),
          },
        ]}
      />
      <ReportTable
        testId="report-rejected"
        title={t.rejectedRows}
        items={report.rejected.map((r) => ({ ...r, no: r.no ?? "" }))}
        columns={[
          { title: t.rowColumn, narrow: true, render: (r) => t.fileRow(r.sourceRow) },
          { title: t.reasonColumn, render: (r) => rejectedText(t, r) },
        ]}
      />
      <ReportTable
        testId="report-notes"
        title={t.importNotes}
        items={report.notes ?? []}
        columns={[{ title: t.reasonColumn, render: (n) => n }]}
      />
      <ReportTable
        testId="report-normalised"
        title={t.normalisations}
        items={normalised}
        columns={[
          keyColumn<(typeof normalised)[number]>((n) => n.row),
          titleColumn(),
          {
            title: t.changeColumn,
            render: (n) => (
              <Change
                column={t.columnName(n.column)}
                from={valueText(n.column, n.from)}
                to={valueText(n.column, n.to)}
              />
            ),
          },
        ]}
      />
      <ReportTable
        testId="report-mapped"
        title={t.mappedColumns}
        items={sourceColumns}
        columns={[
          { title: t.sourceColumn, render: (c) => c.source },
          {
            title: t.plannerColumn,
            render: (c) =>
              c.target ? <strong>{c.target}</strong> : <Caption1>{t.ignoredColumn}</Caption1>,
          },
        ]}
      />
      {columns && (
        <>
          <div className={v.actions}>
            <Button
              appearance="secondary"
              aria-expanded={editing}
              aria-controls={editorId}
              onClick={() => setEditing((x) => !x)}
              data-testid="edit-columns"
            >
              {editing ? t.hideColumns : t.changeColumns}
            </Button>
          </div>
          {editing && (
            <div id={editorId}>
              <ColumnsEditor report={report} source={columns.source} onChoose={columns.onChoose} />
            </div>
          )}
        </>
      )}
    </div>
  );
}

interface Pending {
  fileName: string;
  source: ImportSourceRows;
  /** The merge previewed (previewImport): its report and the tables it was planned against. */
  merge: ImportPreview;
  /** The planner's column choices (none yet: the header finder's), for the dry run, Confirm and Replace alike. */
  mapping?: ColumnMapping;
}

export function ImportExportView() {
  const { t, language } = useI18n();
  const pane = usePane();
  const v = useViewStyles();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  // Replace is disabled while its dry run works, so focus cannot stay on it: the dialog gives it back there.
  const replaceButton = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [replace, setReplace] = useState<ImportPreview | null>(null);
  /** CSV/JSON where nothing can download and the clipboard refused: shown to copy by hand. */
  const [toCopy, setToCopy] = useState<{ name: string; text: string } | null>(null);
  const downloadWorkbook = useWorkbookDownload();
  const { run, busy, host, mode, undoImport, dispatch } = pane;

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setPending(null);
    await run(
      async ({ host: h, signal, report }) => {
        report("stepOpening");
        const [reader, engine, bytes] = await abortable(
          Promise.all([loadImportSource(), loadEngine(), readFileBytes(file)]),
          signal
        );
        const source = await abortable(reader.readImportSource(file.name, bytes), signal);
        report("stepImporting");
        await nextTask();
        let merge: ImportPreview;
        try {
          merge = await engine.previewImport(h, {
            source,
            asOfYear: pane.explicitAsOfYear,
            mode: "merge",
          });
        } catch (err) {
          // No usable header: there is no report, so no column chooser to offer; say what the file needs.
          if (err instanceof Error && err.name === "ImportSourceError")
            throw new PaneError("importNoHeader", firstCellsOf(err.message));
          throw err;
        }
        dispatch({ type: "read", tables: merge.tables });
        setPending({ fileName: file.name, source, merge });
      },
      { errorContext: "file", first: "stepOpening" }
    );
  };

  const write = (preview: ImportPreview, done: (n: number) => void) =>
    run(async ({ host: h, signal }) => {
      const engine = await abortable(loadEngine(), signal);
      dispatch({ type: "writing" });
      const tables = await engine.applyImport(h, preview);
      dispatch({ type: "written", tables, undoImport: h.restoreTable !== undefined });
      setPending(null);
      setReplace(null);
      done(measureCount(tables));
    });

  const undoLastImport = () =>
    run(async ({ host: h, signal }) => {
      const engine = await abortable(loadEngine(), signal);
      const { restored, tables } = await engine.undoImport(h);
      dispatch({ type: "written", tables, undoImport: false });
      pane.setNotice((tt) => (restored ? tt.undoDone(restored) : tt.undoNothing));
    });

  /** The import previewed again with the planner's column choices (the whole mapping). */
  const preview = (
    current: Pending,
    mode: "merge" | "replace",
    mapping: ColumnMapping | undefined
  ) =>
    run(
      async ({ host: h, signal, report }) => {
        report("stepImporting");
        const engine = await abortable(loadEngine(), signal);
        await nextTask();
        try {
          return await engine.previewImport(h, {
            source: current.source,
            asOfYear: pane.explicitAsOfYear,
            mode,
            mapping,
          });
        } catch (e) {
          // The file was read; these columns are what cannot be imported (no No., no Measure…).
          if (e instanceof Error && e.name === "ImportSourceError")
            throw new PaneError("mapping", e.message);
          throw e;
        }
      },
      { first: "stepImporting" }
    );

  /** The planner chose another source column for `header`: the dry run again. */
  const remap = (header: string, column: number) => {
    const current = pending;
    if (!current) return;
    const mapping = chooseColumn(current.merge.report, header, column);
    void preview(current, "merge", mapping).then((merge) => {
      if (merge) setPending({ ...current, merge, mapping });
    });
  };

  const confirmMerge = () => {
    if (!pending) return;
    const r = pending.merge.report;
    void write(pending.merge, () =>
      pane.setNotice((tt) => tt.importDone(r.added.length, r.updated.length))
    );
  };

  const askReplace = async () => {
    if (!pending) return;
    const replacement = await preview(pending, "replace", pending.mapping);
    if (replacement) setReplace(replacement);
  };

  const exportAs = (format: "csv" | "json") =>
    run(async ({ host: h, signal }) => {
      setToCopy(null);
      const engine = await abortable(loadEngine(), signal);
      const tables = await h.readTables();
      let file: ExportFile;
      if (format === "json") {
        file = {
          name: datedFileName(pane.fileName, "policy-planner", "json"),
          mime: "application/json",
          content: JSON.stringify(engine.tablesToJson(tables), null, 2) + "\n",
        };
      } else {
        const measures = findTable(tables, "Measures");
        if (!measures) throw new PaneError("noMeasures");
        file = {
          name: datedFileName(pane.fileName, "policy-planner", "csv", new Date(), "-measures"),
          mime: "text/csv;charset=utf-8",
          content: engine.tableToCsv(measures),
        };
      }
      const delivered = await deliver(file, deliveryMeansFor(h));
      if (delivered.how === "toCopy") setToCopy({ name: delivered.name, text: delivered.text });
      pane.setNotice(deliveredNotice(delivered));
    });

  /** Excel mode: a standalone copy built from the tables, opened as a new workbook where the host can (else downloaded). */
  const exportFromTables = () =>
    run(async ({ host: h, signal, report }) => {
      const tables = await h.readTables();
      report("stepSaving");
      const files = await abortable(loadFiles(), signal);
      const bytes = await abortable(
        files.xlsxFromTables(tables, {
          asOfYear: resolveAsOfYear(tables, pane.explicitAsOfYear),
          language,
        }),
        signal
      );
      const name = datedFileName(pane.fileName, "policy-planner", "xlsx");
      const means = deliveryMeansFor(h);
      if (h.openCopy) {
        try {
          await h.openCopy(bytes);
          pane.setNotice((tt) => tt.openedCopy);
          return;
        } catch (e) {
          // Excel on the web takes ~3.7 MB at most through createWorkbook: download it instead.
          if (!isCopyTooLarge(e) || !means.canDownload) throw e;
          means.download(bytes, name, XLSX_MIME);
          const mb = (bytes.length / 1e6).toFixed(1);
          pane.setNotice((tt) => tt.copyTooLargeDownloaded(name, mb));
          return;
        }
      }
      pane.setNotice(
        deliveredNotice(await deliver({ name, mime: XLSX_MIME, content: bytes }, means))
      );
    });

  const currentRows = measureCount(pane.tables);

  return (
    <section className={v.view} aria-labelledby="heading-import">
      <h2 id="heading-import" className={v.heading}>
        {t.importHeading}
      </h2>
      <Text className={v.intro}>{t.importIntro}</Text>
      <div className={v.actions}>
        <Button
          ref={chooseButton}
          appearance="primary"
          onClick={() => input.current?.click()}
          disabled={!!busy || !host}
        >
          {t.chooseImportFile}
        </Button>
        <input
          ref={input}
          className={styles.fileInput}
          data-testid="import-input"
          type="file"
          accept=".xlsx,.xlsm,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label={t.chooseImportFile}
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => void pick(e)}
        />
        {undoImport && (
          <Button onClick={() => void undoLastImport()} disabled={!!busy}>
            {t.undoImport}
          </Button>
        )}
      </div>
      {!host && <NoWorkbook />}

      {pending && (
        <>
          <ImportReportView
            report={pending.merge.report}
            fileName={pending.fileName}
            columns={{ source: pending.source, onChoose: remap }}
            actions={
              <div className={v.actions}>
                <Button
                  appearance="primary"
                  onClick={confirmMerge}
                  disabled={!!busy}
                  data-testid="import-confirm"
                >
                  {t.confirmMerge}
                </Button>
                <Button ref={replaceButton} onClick={() => void askReplace()} disabled={!!busy}>
                  {t.replaceAll}
                </Button>
                <Button appearance="subtle" onClick={() => setPending(null)} disabled={!!busy}>
                  {t.discardImport}
                </Button>
              </div>
            }
          />
        </>
      )}

      <ConfirmDialog
        open={replace !== null}
        title={t.replaceDialogTitle}
        body={
          replace &&
          t.replaceDialogBody(currentRows, measureCount({ Measures: replace.report.result }))
        }
        confirmLabel={t.replaceConfirm}
        onConfirm={() => {
          if (replace) void write(replace, (n) => pane.setNotice((tt) => tt.replaceDone(n)));
        }}
        onCancel={() => setReplace(null)}
        fallbackFocus={() => replaceButton.current ?? chooseButton.current}
      />

      <ReturnsPanel />

      <h2 className={v.heading}>{t.exportHeading}</h2>
      <Text className={v.intro}>{t.exportIntro}</Text>
      <div className={v.actions}>
        <Button onClick={() => void downloadWorkbook()} disabled={!!busy || !host}>
          {t.exportXlsx}
        </Button>
        {mode === "excel" && (
          <Button onClick={() => void exportFromTables()} disabled={!!busy || !host}>
            {t.exportXlsxFromTables}
          </Button>
        )}
        <Button onClick={() => void exportAs("csv")} disabled={!!busy || !host}>
          {t.exportCsv}
        </Button>
        <Button onClick={() => void exportAs("json")} disabled={!!busy || !host}>
          {t.exportJson}
        </Button>
      </div>
      {toCopy && (
        <TextToCopy name={toCopy.name} text={toCopy.text} onDone={() => setToCopy(null)} />
      )}
    </section>
  );
}
