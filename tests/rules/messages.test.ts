/** The message catalogue: every rule told in English and Khmer, from params alone. */
import { RULE_IDS, type Finding, type RuleId } from "../../src/rules/finding";
import { formatFinding, MESSAGES, REFERENCE_PROBLEMS } from "../../src/rules/messages";

const SAMPLE: Record<string, string | number> = {
  no: "12",
  firstRow: 3,
  column: "Start year",
  goal: "IV",
  strategy: "IV.A",
  strategyGoal: "III",
  committee: "DGC",
  committeeName: "Digital Government Committee",
  committeeNameKm: "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល",
  count: 47,
  expected: 60,
  timeframe: "Short-term",
  value: "20x5",
  start: 2030,
  end: 2025,
  year: 2040,
  periodStart: 2021,
  periodEnd: 2035,
  windowStart: 2021,
  windowEnd: 2025,
  status: "On track",
  progress: 80,
  case: "completed-below-100",
  endYear: 2025,
  startYear: 2022,
  asOfYear: 2026,
  field: "From year",
  role: "Owner",
  from: 2030,
  to: 2026,
};

const KHMER = /[\u1780-\u17FF]/;

describe("MESSAGES", () => {
  it("has an English and a Khmer text for every rule", () => {
    expect(Object.keys(MESSAGES).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of RULE_IDS) {
      const en = formatFinding({ rule, params: SAMPLE }, "en");
      const km = formatFinding({ rule, params: SAMPLE }, "km");
      expect(en).not.toMatch(KHMER);
      expect(km).toMatch(KHMER);
      expect(km).not.toBe(en);
    }
  });

  it("has a distinct text for every reference-invalid problem, in both languages", () => {
    const tell = (lang: "en" | "km") =>
      REFERENCE_PROBLEMS.map((problem) =>
        formatFinding({ rule: "reference-invalid", params: { ...SAMPLE, problem } }, lang)
      );
    expect(new Set(tell("en")).size).toBe(REFERENCE_PROBLEMS.length);
    expect(new Set(tell("km")).size).toBe(REFERENCE_PROBLEMS.length);
    expect(
      formatFinding({ rule: "reference-invalid", params: { problem: "no-such-problem" } }, "en")
    ).toBe("This reference row is not usable.");
  });

  it("tells the committee count as DESIGN.md asks: both numbers", () => {
    const p = {
      committee: "DGC",
      committeeName: "Digital Government Committee",
      committeeNameKm: "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល",
      count: 47,
      expected: 60,
    };
    expect(formatFinding({ rule: "committee-count", params: p })).toBe(
      "Digital Government Committee leads or co-leads 47 measures; the framework expects 60."
    );
    expect(formatFinding({ rule: "committee-count", params: { ...p, count: 1 } })).toBe(
      "Digital Government Committee leads or co-leads 1 measure; the framework expects 60."
    );
    expect(formatFinding({ rule: "committee-count", params: p }, "km")).toBe(
      "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល ដឹកនាំ ឬសហដឹកនាំវិធានការចំនួន 47 ខណៈដែលក្របខណ្ឌរំពឹងទុកចំនួន 60។"
    );
  });

  it("never throws on missing or odd params, nor on an unknown rule", () => {
    for (const rule of RULE_IDS) {
      for (const params of [
        {},
        { problem: "constructor" },
        { count: NaN, value: "x".repeat(10_000) },
      ] as Array<Record<string, string | number>>) {
        for (const lang of ["en", "km"] as const) {
          const text = formatFinding({ rule, params }, lang);
          expect(typeof text).toBe("string");
          expect(text).not.toMatch(/undefined|NaN|\[object/);
          expect(text.length).toBeLessThan(1000);
        }
      }
    }
    expect(formatFinding({ rule: "no-such-rule" as RuleId, params: {} })).toBe("no-such-rule");
    expect(formatFinding({ rule: "key-missing", params: null } as unknown as Finding, "km")).toBe(
      "វិធានការនេះមិនមានលេខរៀង (No.) ទេ។"
    );
  });

  it("names windows with only one bound", () => {
    expect(
      formatFinding({
        rule: "year-out-of-period",
        params: { column: "End year", year: 2040, periodEnd: 2035 },
      })
    ).toBe("End year 2040 is outside the framework period (up to 2035).");
    expect(
      formatFinding(
        {
          rule: "timeframe-mismatch",
          params: { column: "Start year", year: 2020, timeframe: "Short-term", windowStart: 2021 },
        },
        "km"
      )
    ).toBe(
      "ឆ្នាំចាប់ផ្តើម (Start year) 2020 ស្ថិតនៅក្រៅចន្លោះឆ្នាំនៃក្របខណ្ឌពេលវេលា «Short-term» (ចាប់ពីឆ្នាំ 2021)។"
    );
  });
});
