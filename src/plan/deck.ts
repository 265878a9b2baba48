/**
 * The briefing deck as data: slides, their words, tables, chart series and colours. Pure: the
 * file (pptxgenjs, native chart parts) is written by io/deck. The same words as the owned sheets
 * (plan/labels.ts), the same colours (plan/palette.ts), the same committee briefings
 * (plan/briefing.ts), so that the deck and the workbook say the same thing.
 *
 * Slides: a title slide; an overview (key numbers, status by committee, counted and expected);
 * per committee its status chart with the first of its measures needing attention, continued
 * on further slides when long; an annex of the overdue and delayed measures. New kinds of slide
 * (a status-by-period chart, a "changed since last period" list) are new entries in `slides`.
 */
import { STATUSES, type Framework } from "../model/types";
import type { SummaryData } from "../summary";
import { isOverdue } from "../summary/attention";
import {
  committeeBriefings,
  knownStatus,
  statusByCommittee,
  type CommitteeBriefing,
} from "./briefing";
import { label, localName, statusLabel, type LabelKey, type Language } from "./labels";
import { ACTUAL_COLOR, EXPECTED_COLOR, STATUS_COLORS, statusColor } from "./palette";
import { shortText, widthForWords } from "./text-fit";

export interface DeckSeries {
  name: string;
  values: number[];
  /** Hex RGB of the series (several series), or of each point (`pointColors`, one series). */
  color?: string;
  pointColors?: string[];
}

export interface DeckChart {
  type: "bar" | "barStacked" | "column";
  title: string;
  categories: string[];
  series: DeckSeries[];
  axisTitles: { category: string; value: string };
  dataLabels: boolean;
}

export interface DeckTable {
  headers: string[];
  rows: string[][];
  /** Relative column widths. */
  widths: number[];
  /** The status column, whose cells are filled with `statusColors` (hex, by row; null: none). */
  statusColumn?: number;
  statusColors?: Array<string | null>;
}

export type DeckSlide =
  | { kind: "title"; title: string; subtitle: string; lines: string[] }
  | {
      kind: "overview";
      title: string;
      numbers: Array<{ label: string; value: string; note: string }>;
      charts: DeckChart[];
    }
  | {
      kind: "committee";
      title: string;
      chart: DeckChart | null;
      table: DeckTable | null;
      note: string;
    }
  | { kind: "table"; title: string; table: DeckTable | null; note: string };

export interface DeckPlan {
  language: Language;
  /** The font every text run uses (Khmer UI for Khmer, which Windows ships). */
  font: string;
  title: string;
  slides: DeckSlide[];
}

export interface DeckOptions {
  language: Language;
  /** Only this committee (code, any case): its slides and annex rows. */
  committee?: string;
}

/** Rows of a table slide, and of the first slide of a committee (beside its chart). */
export const ROWS_PER_SLIDE = 10;
export const ROWS_BESIDE_CHART = 7;
const TITLE_CHARS = 90;

/** Inches a table has beside a committee's chart, and across a slide (io/deck/write-deck.ts). */
const BESIDE_CHART_INCHES = 7.5;
const FULL_WIDTH_INCHES = 12.3;
/** Header text: 12 pt bold; a column unit of text-fit is 7 pt at 11 pt; cell margins 0.1 in. */
const HEADER_SCALE = 12 / 11;

/**
 * Column widths (inches) for a table `box` inches wide: in the planned proportions, each at least
 * as wide as its header's longest word (no word broken in two), the widest column giving up the
 * room.
 */
export function deckTableWidths(headers: string[], planned: number[], box: number): number[] {
  const total = planned.reduce((a, x) => a + x, 0);
  const widths = planned.map((x) => (x / total) * box);
  const widest = planned.indexOf(Math.max(...planned));
  headers.forEach((h, i) => {
    if (i !== widest)
      widths[i] = Math.max(widths[i], (widthForWords(h, HEADER_SCALE, true) * 7) / 72 + 0.1);
  });
  widths[widest] = box - widths.reduce((a, x, i) => (i === widest ? a : a + x), 0);
  return widths.map((w) => Math.round(w * 100) / 100);
}

export class UnknownCommitteeError extends Error {}

export function briefingDeck(
  framework: Framework,
  data: SummaryData,
  options: DeckOptions
): DeckPlan {
  const language = options.language;
  const L = (k: LabelKey, p?: Record<string, string | number>) => label(language, k, p);
  const asOf = framework.settings.asOfYear;
  const name = framework.settings.name || data.name;
  let briefings = committeeBriefings(framework);
  if (options.committee !== undefined) {
    const code = options.committee.trim().toLowerCase();
    briefings = briefings.filter((b) => (b.code ?? "").toLowerCase() === code);
    if (briefings.length === 0) {
      const known = committeeBriefings(framework).flatMap((b) => (b.code ? [b.code] : []));
      throw new UnknownCommitteeError(
        `No committee with the code "${options.committee}" (the Committees table has ${known.join(", ") || "none"}).`
      );
    }
  }
  const committeeName = (b: { code: string | null; name: string; nameKm: string }) =>
    b.code === null ? L("briefingNone") : localName(language, b.name, b.nameKm);
  const axis = { category: L("axisCommittee"), value: L("axisMeasures") };
  const slides: DeckSlide[] = [];

  // Title.
  const only = options.committee !== undefined ? committeeName(briefings[0]) : "";
  slides.push({
    kind: "title",
    title: only ? `${L("deckTitle")} — ${only}` : L("deckTitle"),
    subtitle: name,
    lines: [
      L("briefingAsOf", { year: asOf }),
      `${L("period")} ${data.period.start}–${data.period.end}`,
      L("deckSource"),
    ],
  });

  // Overview: key numbers, status by committee, counted and expected.
  const k = data.keyFigures;
  const num = (v: number | "") => (v === "" ? 0 : v);
  const expected = framework.settings.expectedMeasures;
  const share = k.shareCompleted.value === "" ? 0 : Math.round(k.shareCompleted.value * 100);
  const byCommittee = statusByCommittee(framework).filter(
    (b) => options.committee === undefined || briefings.some((x) => x.code === b.code)
  );
  const statusCols = [
    ...STATUSES.map((s, j) => ({ status: s as string, j })),
    { status: "Other", j: STATUSES.length },
  ].filter(({ j }) => byCommittee.some((b) => b.counts[j] > 0));
  const committeesShown = data.committees.filter(
    (c) =>
      options.committee === undefined ||
      c.code.toLowerCase() === options.committee.trim().toLowerCase()
  );
  slides.push({
    kind: "overview",
    title: L("deckOverview"),
    numbers: [
      {
        label: L("measures"),
        value: String(num(k.measures.value)),
        note: expected !== null ? L("ofExpected", { n: expected }) : "",
      },
      {
        label: L("completed"),
        value: String(num(k.completed.value)),
        note: L("shareOfMeasures", { share }),
      },
      {
        label: L("needingAttention"),
        value: String(data.attention.total),
        note: L("attentionWhat"),
      },
    ],
    charts: [
      {
        type: "barStacked",
        title: L("chartStatusByCommittee"),
        categories: byCommittee.map((b) => b.code ?? L("noCommittee")),
        series: statusCols.map(({ status, j }) => ({
          name: status === "Other" ? L("other") : statusLabel(language, status),
          values: byCommittee.map((b) => b.counts[j]),
          color: statusColor(status),
        })),
        axisTitles: axis,
        dataLabels: true,
      },
      {
        type: "column",
        title: L("chartCommittees"),
        categories: committeesShown.map((c) => c.code),
        series: [
          {
            name: L("countedTotal"),
            values: committeesShown.map((c) => c.resolvedTotal),
            color: ACTUAL_COLOR,
          },
          {
            name: L("expected"),
            values: committeesShown.map((c) => (c.expected.value === "" ? 0 : c.expected.value)),
            color: EXPECTED_COLOR,
          },
        ],
        axisTitles: axis,
        dataLabels: true,
      },
    ],
  });

  // Per committee: its status chart and its measures needing attention.
  for (const b of briefings) slides.push(...committeeSlides(b, framework, language));

  // Annex: overdue and delayed measures, all committees shown.
  const annexRows: string[][] = [];
  const annexColors: Array<string | null> = [];
  const seen = new Set<string>();
  const measures =
    options.committee === undefined ? framework.measures : briefings.flatMap((b) => b.measures);
  const late = measures
    .filter(
      (m) =>
        (isOverdue(m, asOf) || knownStatus(m.status) === "Delayed") &&
        !seen.has(m.no) &&
        seen.add(m.no)
    )
    .sort(
      (a, b) =>
        (a.endYear ?? Infinity) - (b.endYear ?? Infinity) ||
        a.no.localeCompare(b.no, "en", { numeric: true })
    );
  const committeeOf = new Map<string, string>();
  for (const b of committeeBriefings(framework))
    for (const m of b.measures) if (!committeeOf.has(m.no)) committeeOf.set(m.no, b.code ?? "");
  for (const m of late) {
    annexRows.push([
      m.no,
      shortText(m.measure, TITLE_CHARS),
      committeeOf.get(m.no) ?? "",
      m.endYear === null ? "" : String(m.endYear),
      statusLabel(language, m.status),
      m.endYear !== null && m.endYear < asOf ? String(asOf - m.endYear) : "",
    ]);
    annexColors.push(
      knownStatus(m.status)
        ? STATUS_COLORS[knownStatus(m.status) as keyof typeof STATUS_COLORS]
        : null
    );
  }
  const annexHeaders = [
    L("no"),
    L("measure"),
    L("committee"),
    L("endYear"),
    L("status"),
    L("yearsLate"),
  ];
  const annexWidths = deckTableWidths(
    annexHeaders,
    [0.6, 6.2, 1.1, 0.9, 1.6, 0.9],
    FULL_WIDTH_INCHES
  );
  if (annexRows.length === 0)
    slides.push({ kind: "table", title: L("deckAnnex"), table: null, note: L("deckNoAnnex") });
  for (let i = 0; i < annexRows.length; i += ROWS_PER_SLIDE) {
    const part = Math.floor(i / ROWS_PER_SLIDE) + 1;
    slides.push({
      kind: "table",
      title: part === 1 ? L("deckAnnex") : `${L("deckAnnex")} ${L("deckContinued", { n: part })}`,
      table: {
        headers: annexHeaders,
        rows: annexRows.slice(i, i + ROWS_PER_SLIDE),
        widths: annexWidths,
        statusColumn: 4,
        statusColors: annexColors.slice(i, i + ROWS_PER_SLIDE),
      },
      note: "",
    });
  }

  return {
    language,
    font: language === "km" ? "Khmer UI" : "Calibri",
    title: `${L("deckTitle")} — ${name}`,
    slides,
  };
}

function committeeSlides(
  b: CommitteeBriefing,
  framework: Framework,
  language: Language
): DeckSlide[] {
  const L = (k: LabelKey, p?: Record<string, string | number>) => label(language, k, p);
  const asOf = framework.settings.asOfYear;
  const committee = b.code === null ? L("briefingNone") : localName(language, b.name, b.nameKm);
  const counts = STATUSES.map((s) => b.measures.filter((m) => knownStatus(m.status) === s).length);
  // Bars, not columns: the status names read across (Khmer ones were turned on their side).
  const chart: DeckChart = {
    type: "bar",
    title: L("deckCommitteeStatus", { committee: b.code ?? committee }),
    categories: STATUSES.map((s) => statusLabel(language, s)),
    series: [
      { name: L("measures"), values: counts, pointColors: STATUSES.map((s) => STATUS_COLORS[s]) },
    ],
    axisTitles: { category: L("status"), value: L("axisMeasures") },
    dataLabels: true,
  };
  // Measures needing attention: Delayed, overdue, At risk (the briefing's first groups, in its order).
  const attention = b.measures.filter((m) => {
    const s = knownStatus(m.status);
    return s === "Delayed" || s === "At risk" || isOverdue(m, asOf);
  });
  const headers = [L("no"), L("measure"), L("endYear"), L("status"), L("leadInstitution")];
  const widths = deckTableWidths(headers, [0.6, 5.4, 0.9, 1.5, 2.6], BESIDE_CHART_INCHES);
  const fullWidths = deckTableWidths(headers, [0.6, 5.4, 0.9, 1.5, 2.6], FULL_WIDTH_INCHES);
  const row = (m: (typeof attention)[number]) => [
    m.no,
    shortText(m.measure, TITLE_CHARS),
    m.endYear === null ? "" : String(m.endYear),
    statusLabel(language, m.status),
    shortText(m.institutions[0] ?? "", 40),
  ];
  const color = (m: (typeof attention)[number]) => {
    const s = knownStatus(m.status);
    return s ? STATUS_COLORS[s] : null;
  };
  const slides: DeckSlide[] = [];
  const first = attention.slice(0, ROWS_BESIDE_CHART);
  slides.push({
    kind: "committee",
    title: `${committee}`,
    chart,
    table:
      first.length > 0
        ? { headers, rows: first.map(row), widths, statusColumn: 3, statusColors: first.map(color) }
        : null,
    note:
      first.length > 0
        ? `${L("deckCommitteeAttention", { committee: b.code ?? committee })}: ${attention.length}`
        : L("deckNoAttention"),
  });
  for (let i = ROWS_BESIDE_CHART, part = 2; i < attention.length; i += ROWS_PER_SLIDE, part++) {
    const rows = attention.slice(i, i + ROWS_PER_SLIDE);
    slides.push({
      kind: "table",
      title: `${L("deckCommitteeAttention", { committee })} ${L("deckContinued", { n: part })}`,
      table: {
        headers,
        rows: rows.map(row),
        widths: fullWidths,
        statusColumn: 3,
        statusColors: rows.map(color),
      },
      note: "",
    });
  }
  return slides;
}
