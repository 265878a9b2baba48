import { cellText } from "./cells";

/**
 * Reporting periods: a year ("2026"), a half ("2026-H1") or a quarter ("2026-Q2"). Periods
 * order by their end date (then their start), so "2026-Q2" and "2026-H1" both close on 30 June.
 */
export interface Period {
  /** The canonical label: "2026", "2026-H1", "2026-Q2". */
  label: string;
  year: number;
  /** 1-based first and last month. */
  firstMonth: number;
  lastMonth: number;
}

const PATTERN = /^(\d{4})(?:\s*[-/ ]\s*([QqHh])\s*([1-4]))?$/;

/** The period a cell names, or null when it is no period label. */
export function parsePeriod(cell: unknown): Period | null {
  const text = cellText(cell);
  const m = PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2200) return null;
  if (!m[2]) return { label: String(year), year, firstMonth: 1, lastMonth: 12 };
  const kind = m[2].toUpperCase();
  const n = Number(m[3]);
  if (kind === "H") {
    if (n > 2) return null;
    return {
      label: `${year}-H${n}`,
      year,
      firstMonth: n === 1 ? 1 : 7,
      lastMonth: n === 1 ? 6 : 12,
    };
  }
  return { label: `${year}-Q${n}`, year, firstMonth: (n - 1) * 3 + 1, lastMonth: n * 3 };
}

/** Earlier periods first: by end month, then by start month, then label. */
export function comparePeriods(a: Period, b: Period): number {
  return (
    a.year * 12 + a.lastMonth - (b.year * 12 + b.lastMonth) ||
    a.year * 12 + a.firstMonth - (b.year * 12 + b.firstMonth) ||
    a.label.localeCompare(b.label)
  );
}

/** The quarter a date falls in ("2026-Q4" for 30 November 2026, in UTC). */
export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** Distinct period labels of the cells, ordered by end date; unreadable ones left out. */
export function orderedPeriods(cells: readonly unknown[]): Period[] {
  const byLabel = new Map<string, Period>();
  for (const c of cells) {
    const p = parsePeriod(c);
    if (p && !byLabel.has(p.label)) byLabel.set(p.label, p);
  }
  return [...byLabel.values()].sort(comparePeriods);
}
