/** Measures active per year (Start year ≤ y ≤ End year) over the framework's period, per committee. */
import type { Criteria, QueryEvaluator } from "./criteria";
import { committeeCount, count } from "./counts";
import type { CommitteeDim } from "./dimensions";
import type { Timeline } from "./types";

/** At most this many years are laid out (a period typed wrong must not make a huge sheet). */
export const MAX_YEARS = 60;

export function periodYears(start: number, end: number): number[] {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return [];
  const [a, b] = start <= end ? [start, end] : [end, start];
  const years: number[] = [];
  for (let y = a; y <= b && years.length < MAX_YEARS; y++) years.push(y);
  return years;
}

/** Start year ≤ y and End year ≥ y, the years as the rules read them (text, dates, Khmer digits). */
export function activeIn(year: number): Criteria {
  return [
    { column: "Start year", op: "<=", number: year },
    { column: "End year", op: ">=", number: year },
  ];
}

export function timeline(
  start: number,
  end: number,
  committees: CommitteeDim[],
  ev: QueryEvaluator
): Timeline {
  const years = periodYears(start, end);
  return {
    years,
    committees: committees.map((c) => ({
      ...c,
      values: years.map((y) => ev.metric(committeeCount(c.code, activeIn(y)))),
    })),
    all: years.map((y) => ev.metric(count([activeIn(y)]))),
  };
}
