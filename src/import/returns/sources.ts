import { cellText, looseKey } from "../../model/cells";
import { parsePeriod } from "../../model/period";
import { headerKey } from "../../model/schema";
import type { Cell, Framework, Measure } from "../../model/types";
import { RETURN_FILLED_COLUMNS } from "../../plan/return-sheets";
import { ImportSourceError } from "../errors";
import type { ImportSource } from "../merge";
import { institutionKey, type Institution } from "./institutions";

/** One file of an import run: its rows to import and, for a return, its Return table. */
export interface RunSource {
  /** The file name: how conflicts, the report and the Progress table name it. */
  name: string;
  rows: Cell[][];
  sheetName?: string;
  /** The Return table as Setting → Value (settings lower-cased), or null for a plain measures sheet. */
  recorded: Record<string, Cell> | null;
  /** A plain measures sheet as its reader gave it (sheets used and skipped, formulas without a value…). */
  read?: ImportSource;
}

/** A source checked against the workbook: what it is and which period it reports. */
export interface CheckedSource {
  source: RunSource;
  kind: "return" | "sheet";
  /** The return's institution, as the workbook names it. */
  institution: Institution | null;
  /** The period label its rows go under in Progress, or null (no Progress rows). */
  period: string | null;
}

const REQUIRED = ["No.", "Measure", ...RETURN_FILLED_COLUMNS];

/**
 * Checks a source before anything merges: a return must be for this framework and for an
 * institution the workbook names, record a period label that agrees with `--period`, and keep
 * the return's columns and measures (a sheet unlocked and restructured is refused).
 * Throws ImportSourceError naming the file.
 */
export function checkSource(
  source: RunSource,
  framework: Framework,
  period: string | null,
  institutions: readonly Institution[],
  byNo: ReadonlyMap<string, Measure> = firstByNo(framework.measures)
): CheckedSource {
  const fail = (why: string) => new ImportSourceError(`${source.name}: ${why}`);
  const given = period === null ? null : parsePeriod(period);
  if (period !== null && !given)
    throw new ImportSourceError(
      `--period “${period}” is not a period label: use one such as 2026-Q2, 2026-H1 or 2026.`
    );
  if (!source.recorded)
    return { source, kind: "sheet", institution: null, period: given?.label ?? null };

  const setting = (name: string) => source.recorded?.[name.toLowerCase()] ?? null;
  const frameworkName = cellText(setting("Framework"));
  if (
    framework.settings.name !== "" &&
    looseKey(frameworkName) !== looseKey(framework.settings.name)
  ) {
    throw fail(
      `this return is for the framework “${frameworkName || "(none)"}”, not for this workbook's “${framework.settings.name}”. Import it into the workbook it was made from.`
    );
  }
  const name = cellText(setting("Institution"));
  if (name === "")
    throw fail(
      "its Return table names no Institution, so it cannot be matched to anyone's measures."
    );
  const institution = institutions.find((i) => i.key === institutionKey(name));
  if (!institution)
    throw fail(
      `this return is for “${name}”, an institution that no measure of this workbook names.`
    );

  const recordedText = cellText(setting("Period"));
  const recordedPeriod = recordedText === "" ? null : parsePeriod(recordedText);
  if (recordedText !== "" && !recordedPeriod)
    throw fail(
      `its Return table records the period “${recordedText}”, which is not a period label such as 2026-Q2.`
    );
  if (recordedPeriod && given && recordedPeriod.label !== given.label) {
    throw fail(
      `this return is for the period ${recordedPeriod.label}, but --period is ${given.label}. Import it with --period ${recordedPeriod.label}, or without --period.`
    );
  }
  checkStructure(source, byNo, institution);
  return {
    source,
    kind: "return",
    institution,
    period: recordedPeriod?.label ?? given?.label ?? null,
  };
}

/** The return's Measures table as sent out: its columns, and each row the planner's measure. */
function checkStructure(
  source: RunSource,
  byNo: ReadonlyMap<string, Measure>,
  institution: Institution
): void {
  const header = (source.rows[0] ?? []).map((h) => headerKey(cellText(h)));
  const missing = REQUIRED.filter((h) => !header.includes(headerKey(h)));
  const restructured = (what: string) =>
    new ImportSourceError(
      `${source.name}: the return's Measures sheet was changed (${what}), so it cannot be merged safely. Ask ${institution.name} to fill in the return as sent, or copy its values into a fresh return.`
    );
  if (missing.length)
    throw restructured(
      `column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `“${m}”`).join(", ")} missing from the header row`
    );
  const noCol = header.indexOf(headerKey("No."));
  const measureCol = header.indexOf(headerKey("Measure"));
  for (let r = 1; r < source.rows.length; r++) {
    const row = source.rows[r] ?? [];
    const no = cellText(row[noCol]);
    if (no === "") continue;
    const planned = byNo.get(no.toLowerCase());
    if (!planned)
      throw restructured(`row ${r + 1} has No. ${no}, which is no measure of this workbook`);
    const text = cellText(row[measureCol]);
    if (text !== "" && text !== planned.measure && looseKey(text) !== looseKey(planned.measure)) {
      throw restructured(
        `row ${r + 1}, No. ${no}, reads a different measure than this workbook's No. ${no}`
      );
    }
  }
}

/** Measures by lower-cased No., the first of a repeated No. (the row planImport matches too). */
export function firstByNo<T extends { no: string }>(measures: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const m of measures) if (!out.has(m.no.toLowerCase())) out.set(m.no.toLowerCase(), m);
  return out;
}
