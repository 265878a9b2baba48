/**
 * A small hand-made framework for import tests: the real committees, the DESPF timeframe
 * words, a few goals and strategies. (The built-in DESPF data is someone else's, still moving.)
 */
import committeesData from "../../src/model/data/committees.json";
import type { ImportReference } from "../../src/import/normalise";
import { TABLE_HEADERS, type TableData } from "../../src/model/schema";
import type { Cell, Committee } from "../../src/model/types";

export const COMMITTEES: Committee[] = committeesData.committees;

export const REFERENCE: ImportReference = {
  committees: COMMITTEES,
  timeframes: [
    "Short-term",
    "Medium-term",
    "Long-term",
    "Short- to Medium-term",
    "Medium- to Long-term",
    "Short- to Long-term (Regularly implemented)",
    "Short- to Long-term",
  ].map((name) => ({ name, from: null, to: null })),
  goals: [
    { code: "I", name: "Digital infrastructure", nameKm: "" },
    { code: "II", name: "Digital trust", nameKm: "" },
  ],
  strategies: [
    { code: "I.A", goal: "I", name: "Digital Connectivity" },
    { code: "I.B", goal: "I", name: "Digital payments" },
    { code: "II.A", goal: "II", name: "Legal framework" },
  ],
};

export const MEASURES_HEADERS = [...TABLE_HEADERS.Measures];

/** A Measures row from a partial record keyed by contract header. */
export function measureRow(
  values: Partial<Record<string, Cell>>,
  headers: readonly string[] = MEASURES_HEADERS
): Cell[] {
  return headers.map((h) => values[h] ?? null);
}

/** The target: three measures, an extra "Budget" column, a blank row in the middle. */
export function targetTable(): TableData {
  const headers = [...MEASURES_HEADERS, "Budget"];
  return {
    name: "Measures",
    headers,
    rows: [
      measureRow(
        {
          "No.": "1",
          Goal: "I",
          Strategy: "I.A",
          Measure: "Build the national data centre",
          "Lead committee": "DGC",
          Institutions: "MPTC",
          Timeframe: "Short-term",
          "Start year": 2021,
          "End year": 2025,
          Status: "Not started",
          Budget: 500,
        },
        headers
      ),
      measureRow({}, headers),
      measureRow(
        {
          "No.": "2",
          Goal: "I",
          Strategy: "I.A",
          Measure: "Extend broadband to rural areas",
          "Lead committee": "DEBC",
          Institutions: "MPTC; MRD",
          Timeframe: "Medium-term",
          "Start year": 2026,
          "End year": 2030,
          Status: "Not started",
          "Progress %": 0,
          Budget: 1200,
        },
        headers
      ),
      measureRow(
        {
          "No.": "99",
          Goal: "II",
          Strategy: "II.A",
          Measure: "Keep me",
          "Lead committee": "DSC",
          Timeframe: "Long-term",
          "Start year": 2031,
          "End year": 2035,
          Status: "On track",
          "Progress %": 10,
          Notes: "target-only row",
          Budget: 7,
        },
        headers
      ),
    ],
  };
}
