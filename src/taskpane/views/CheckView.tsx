import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Field,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { CellTarget } from "../../host/host";
import type { Finding, RuleId, Severity } from "../../rules/finding";
import { SEVERITIES, severityCounts } from "../../rules/finding-groups";
import { rollUpFindings, type FindingLine } from "../../rules/rollup";
import { useI18n, type Catalogue } from "../i18n";
import { cellAddress } from "../lib/address";
import { explainError } from "../lib/errors";
import { engineNow, loadEngine } from "../lib/loaders";
import { abortable } from "../lib/tasks";
import { usePane, type CheckResult } from "../state";
import { NoWorkbook } from "../components/NoWorkbook";
import { useViewStyles } from "./styles";

const PAGE = 40;

const useStyles = makeStyles({
  counts: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  finding: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    textAlign: "start",
    width: "100%",
    minWidth: 0,
    height: "auto",
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightRegular,
    overflowWrap: "anywhere",
    whiteSpace: "normal",
  },
  place: { color: tokens.colorNeutralForeground3 },
  measure: { fontWeight: tokens.fontWeightSemibold },
  picked: { backgroundColor: tokens.colorNeutralBackground1Selected },
  // Right under the finding clicked, so it is where the planner looks (never above a long list).
  location: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    marginBlock: tokens.spacingVerticalXXS,
    marginInlineStart: tokens.spacingHorizontalM,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    borderInlineStartWidth: "3px",
    borderInlineStartStyle: "solid",
    borderInlineStartColor: tokens.colorBrandStroke1,
    backgroundColor: tokens.colorNeutralBackground3,
    overflowWrap: "anywhere",
  },
  header: { overflowWrap: "anywhere", textAlign: "start" },
  // A native <select> is as wide as its longest option: keep it inside the pane.
  select: { minWidth: 0, maxWidth: "100%", width: "100%" },
  selectInner: { minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" },
  field: { minWidth: 0, gridTemplateColumns: "minmax(0, 1fr)" },
});

const SEVERITY_TITLE: Record<Severity, (t: Catalogue) => string> = {
  error: (t) => t.severityError,
  warning: (t) => t.severityWarning,
  info: (t) => t.severityInfo,
};
const SEVERITY_COLOR: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

interface Group {
  severity: Severity;
  rules: Array<{ rule: RuleId; items: FindingLine[] }>;
  count: number;
}

/** Where the planner was taken: the finding (by index) and its cell. */
interface Picked {
  index: number;
  address: string;
  mode: "excel" | "file";
}

/** The rule groups (most urgent first, as rollUpFindings orders them) by severity, keeping the findings `shown` allows. */
function groupFindings(
  findings: readonly Finding[],
  tables: Parameters<typeof rollUpFindings>[1],
  shown: (i: number) => boolean
): Group[] {
  const rolled = rollUpFindings(findings, tables);
  return SEVERITIES.map((severity) => {
    const rules = rolled
      .filter((g) => g.severity === severity)
      .map((g) => ({ rule: g.rule, items: g.lines.filter((l) => shown(l.index)) }))
      .filter((r) => r.items.length > 0);
    return { severity, rules, count: rules.reduce((n, r) => n + r.items.length, 0) };
  }).filter((g) => g.count > 0);
}

function Location({ picked, line }: { picked: Picked; line: FindingLine }) {
  const { t } = useI18n();
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  // Shown where the planner clicked; brought into view if the pane is scrolled.
  // A block body: newer Chromium returns a Promise from scrollIntoView, which React would take for a cleanup.
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [picked]);
  return (
    <div
      ref={ref}
      className={styles.location}
      role="status"
      aria-live="polite"
      data-testid="finding-location"
    >
      <span>
        {picked.mode === "file" ? t.locationFile(picked.address) : t.locationExcel(picked.address)}
      </span>
      {line.no !== null && line.title !== "" && (
        <Caption1>{t.locationMeasure(line.no, line.title, line.committee)}</Caption1>
      )}
    </div>
  );
}

function RuleGroup(props: {
  rule: RuleId;
  items: FindingLine[];
  picked: Picked | null;
  onPick: (line: FindingLine) => void;
}) {
  const { t, language } = useI18n();
  const styles = useStyles();
  const [shown, setShown] = useState(PAGE);
  const engine = engineNow();
  const tell = (f: Finding) => (engine ? engine.formatFinding(f, language) : f.message);
  return (
    <AccordionItem value={props.rule}>
      <AccordionHeader>
        <span className={styles.header}>
          {t[`rule.${props.rule}`]} ({props.items.length})
        </span>
      </AccordionHeader>
      <AccordionPanel>
        <ul className={styles.list} data-rule={props.rule}>
          {props.items.slice(0, shown).map((line) => {
            const f = line.finding;
            const isPicked = props.picked?.index === line.index;
            // One row numbering: the sheet's, as in the cell address.
            const row = f.sheetRow ?? f.row;
            const place =
              f.cell ??
              t.findingPlace(f.table, row !== null ? t.rowLabel(row) : "", f.column ?? "");
            return (
              <li key={line.index}>
                <Button
                  appearance="subtle"
                  className={isPicked ? `${styles.finding} ${styles.picked}` : styles.finding}
                  onClick={() => props.onPick(line)}
                  aria-expanded={isPicked}
                  data-testid="finding"
                >
                  {line.no !== null && (
                    <span className={styles.measure}>
                      {line.title ? t.measureLine(line.no, line.title) : t.measureNo(line.no)}
                    </span>
                  )}
                  <span>{tell(f)}</span>
                  <Caption1 className={styles.place}>
                    {[place, line.committee].filter(Boolean).join(" · ")}
                  </Caption1>
                </Button>
                {isPicked && props.picked && <Location picked={props.picked} line={line} />}
              </li>
            );
          })}
        </ul>
        {props.items.length > shown && (
          <Button appearance="transparent" onClick={() => setShown((n) => n + PAGE)}>
            {t.showMore(Math.min(PAGE, props.items.length - shown))}
          </Button>
        )}
      </AccordionPanel>
    </AccordionItem>
  );
}

export function CheckView() {
  const { t, language } = useI18n();
  const pane = usePane();
  const v = useViewStyles();
  const styles = useStyles();
  const [committee, setCommittee] = useState("");
  // Where the picked finding is; it belongs to the check it was picked from (another check drops it).
  const [picked, setPicked] = useState<(Picked & { check: CheckResult }) | null>(null);
  const { check, run, mode, busy } = pane;
  const location = picked && picked.check === check ? picked : null;

  const runCheck = () =>
    run(async ({ host, signal }) => {
      const engine = await abortable(loadEngine(), signal);
      const result = await engine.checkWorkbook(host, {
        asOfYear: pane.explicitAsOfYear,
        language,
      });
      pane.dispatch({ type: "checked", result });
      const { error: e, warning: w, info: i } = result.counts;
      pane.setNotice((tt) => tt.checkWrote(e, w, i));
    });

  const pick = async (line: FindingLine) => {
    const f = line.finding;
    const target: CellTarget = { table: f.table, row: f.row, column: f.column };
    try {
      if (pane.host) await pane.host.select(target);
      const row = f.sheetRow ?? f.row;
      const address =
        f.cell ??
        cellAddress(target, pane.tables) ??
        [f.table, row !== null ? t.rowLabel(row) : "", f.column ?? ""].filter(Boolean).join(", ");
      if (check)
        setPicked({ index: line.index, address, mode: mode === "excel" ? "excel" : "file", check });
    } catch (e) {
      pane.setError(explainError(e));
    }
  };

  const tables = pane.tables;
  const groups = useMemo(
    () =>
      check
        ? groupFindings(
            check.findings,
            tables,
            (i) => committee === "" || (check.committees[i]?.includes(committee) ?? false)
          )
        : [],
    [check, tables, committee]
  );
  const items = useMemo(() => groups.flatMap((g) => g.rules.flatMap((r) => r.items)), [groups]);
  const counts = useMemo(
    () => (check && committee === "" ? check.counts : severityCounts(items.map((x) => x.finding))),
    [check, committee, items]
  );
  const openFirst = groups[0]?.rules[0]?.rule;

  return (
    <section className={v.view} aria-labelledby="heading-check">
      <h2 id="heading-check" className={v.heading}>
        {t.checkHeading}
      </h2>
      <Text className={v.intro}>{t.checkIntro}</Text>
      <div className={v.actions}>
        <Button
          appearance="primary"
          onClick={() => void runCheck()}
          disabled={!!busy || !pane.host}
        >
          {t.runCheck}
        </Button>
      </div>

      {!check && (pane.host ? <Text className={v.intro}>{t.notCheckedYet}</Text> : <NoWorkbook />)}

      {check && (
        <div className={v.block} data-testid="check-results">
          {check.choices.length > 0 && (
            <Field label={t.committeeFilter} className={styles.field}>
              <Select
                className={styles.select}
                select={{ className: styles.selectInner }}
                value={committee}
                onChange={(_, d) => setCommittee(d.value)}
                data-testid="committee-filter"
              >
                <option value="">{t.allCommittees}</option>
                {check.choices.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} — {language === "km" && c.nameKm ? c.nameKm : c.name}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <div
            className={styles.counts}
            role="status"
            aria-live="polite"
            data-testid="finding-counts"
          >
            {SEVERITIES.map((s) => (
              <Badge key={s} appearance="tint" color={SEVERITY_COLOR[s]} size="large">
                {SEVERITY_TITLE[s](t)}: {counts[s]}
              </Badge>
            ))}
            {committee !== "" && (
              <Caption1>{t.findingsFiltered(items.length, check.findings.length)}</Caption1>
            )}
          </div>

          {items.length === 0 && <Text>{t.noFindings}</Text>}

          {groups.map((g) => (
            <div key={`${g.severity}-${committee}`} className={v.block} data-severity={g.severity}>
              <h3 className={v.subheading}>
                {SEVERITY_TITLE[g.severity](t)} ({g.count})
              </h3>
              <Accordion
                multiple
                collapsible
                defaultOpenItems={openFirst && g === groups[0] ? [openFirst] : []}
              >
                {g.rules.map((r) => (
                  <RuleGroup
                    key={r.rule}
                    rule={r.rule}
                    items={r.items}
                    picked={location}
                    onPick={(line) => void pick(line)}
                  />
                ))}
              </Accordion>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
