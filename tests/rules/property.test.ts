/** Property tests: validate never throws on any cells, and every finding keeps the contract. */
import fc from "fast-check";
import {
  ALL_TABLE_NAMES,
  findTable,
  TABLE_HEADERS,
  type PlannerTables,
  type TableData,
  type TableName,
} from "../../src/model/schema";
import type { Cell } from "../../src/model/types";
import type { Finding } from "../../src/rules/finding";
import { formatFinding } from "../../src/rules/messages";
import { compareFindings, validate } from "../../src/rules/validate";
import { DGC_KM, DSC_KM, measure, referenceTables } from "./helpers";

/** DESIGN.md "Findings (validation)", transcribed by hand: rule → severity. */
const DESIGN_SEVERITY: Record<string, string> = {
  "period-invalid": "error",
  "progress-key-unknown": "error",
  "progress-decrease": "warning",
  "key-missing": "error",
  "column-missing": "error",
  "reference-missing": "error",
  "key-duplicate": "error",
  "required-missing": "error",
  "goal-unknown": "error",
  "strategy-unknown": "error",
  "strategy-goal-mismatch": "error",
  "committee-unknown": "error",
  "committee-lead-repeated": "warning",
  "committee-not-responsible": "error",
  "committee-support-missing": "warning",
  "committee-count": "warning",
  "measure-count": "info",
  "timeframe-unknown": "error",
  "year-invalid": "error",
  "year-order": "error",
  "year-out-of-period": "error",
  "timeframe-mismatch": "warning",
  "status-unknown": "error",
  "progress-invalid": "error",
  "progress-status-mismatch": "warning",
  overdue: "warning",
  "not-started-late": "warning",
  "reference-invalid": "error",
};

const MEANINGFUL = [
  "DGC",
  "dgc",
  "Committee on Digital Government",
  "digital government committee",
  DGC_KM,
  DSC_KM,
  "DSC; DEBC",
  "DGC;;DGC",
  "G1",
  "g1",
  "G2",
  "S1",
  "S2",
  "Short-term",
  "Medium-term",
  "Long-term",
  "Lead",
  "Support",
  "support",
  "Not started",
  "On track",
  "At risk",
  "Delayed",
  "Completed",
  "completed",
  "Done",
  "40%",
  "100",
  "1e3",
  " 2025 ",
  "2025.0",
  "2021-01-01",
  "31/12/2030",
  "-",
  "%",
  ";",
  "Name",
  "Period start",
  "Period end",
  "As of year",
  "Expected measures",
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "ក",
  "\u200b",
  "\n",
  "  ",
];

const LONG_TEXT = "A very long measure text; ".repeat(800);
const LONG_KHMER = "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល ".repeat(300);
const khmerText = fc.string({
  unit: fc.constantFrom("ក", "ខ", "គ", "ា", "ិ", "្", "ស", " ", "ៈ", "។", "\u200b"),
});
const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom<Cell>(...MEANINGFUL),
  fc.string(),
  khmerText,
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(LONG_TEXT, LONG_KHMER),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 100, 45658, 2025, 2040, 1e21, -1),
  fc.integer({ min: 1990, max: 2050 }),
  fc.integer(),
  fc.date(),
  fc.constant(new Date(NaN)),
  fc.boolean(),
  fc.constant(null)
);

const ALL_HEADERS = [...new Set(Object.values(TABLE_HEADERS).flat())];
const header = fc.oneof(
  fc.constantFrom(...ALL_HEADERS),
  fc.constantFrom(...ALL_HEADERS).map((h) => ` ${h.toUpperCase().replace(/ /g, "   ")} `),
  fc.string()
);

function tableArb(name: TableName): fc.Arbitrary<TableData> {
  const headers = fc.oneof(
    fc
      .shuffledSubarray([...TABLE_HEADERS[name]])
      .chain((hs) => fc.array(header, { maxLength: 3 }).map((extra) => [...hs, ...extra])),
    fc.array(header, { maxLength: 20 })
  );
  const rows = fc.array(fc.array(cell, { maxLength: 18 }), { maxLength: 12 });
  return fc.record({ name: fc.constant<string>(name), headers, rows });
}

const tablesArb: fc.Arbitrary<PlannerTables> = fc.record(
  Object.fromEntries(ALL_TABLE_NAMES.map((n) => [n, tableArb(n)])) as Record<
    TableName,
    fc.Arbitrary<TableData>
  >,
  { requiredKeys: ["Measures"] }
);

/** Mixes arbitrary cells into well-formed tables, so the deeper rules run too. */
const nearlyValidArb: fc.Arbitrary<PlannerTables> = fc
  .record({
    edits: fc.array(fc.tuple(fc.constantFrom(...ALL_TABLE_NAMES), fc.nat(20), fc.nat(20), cell), {
      maxLength: 25,
    }),
    extraRows: fc.array(fc.array(cell, { maxLength: 16 }), { maxLength: 4 }),
    measures: fc.nat(6),
  })
  .map(({ edits, extraRows, measures }) => {
    const t: Record<TableName, TableData> = {
      ...referenceTables(),
      Measures: {
        name: "Measures",
        headers: [...TABLE_HEADERS.Measures],
        rows: Array.from({ length: measures }, (_, i) => measure({ "No.": String(i + 1) })),
      },
      Progress: {
        name: "Progress",
        headers: [...TABLE_HEADERS.Progress],
        rows: [
          ["2026-Q1", "1", "On track", 40, "", "a.xlsx", "2026-03-31"],
          ["2026-Q2", "1", "At risk", 30, "", "a.xlsx", "2026-06-30"],
        ],
      },
    };
    t.Measures.rows.push(...extraRows);
    for (const [name, r, c, value] of edits) {
      const rows = t[name].rows;
      if (rows.length === 0) continue;
      const row = rows[r % rows.length];
      row[c % Math.max(1, row.length + 1)] = value;
    }
    return t;
  });

const optionsArb = fc.record(
  {
    asOfYear: fc.oneof(fc.integer({ min: 2015, max: 2040 }), fc.double(), fc.constant(NaN)),
    language: fc.constantFrom<"en" | "km">("en", "km"),
  },
  { requiredKeys: [] }
);

/** A faithful text of the input (Dates by time value, NaN and ±Infinity by name). */
function snapshot(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = key === "" ? value : this[key];
    if (raw instanceof Date) return `Date(${raw.getTime()})`;
    if (typeof raw === "number" && !Number.isFinite(raw)) return `Number(${raw})`;
    return v;
  });
}

function isBlankRow(row: unknown): boolean {
  return (
    !Array.isArray(row) ||
    row.every((c) => c === null || c === undefined || (typeof c === "string" && c.trim() === ""))
  );
}

/** Every way a finding can break the contract, as text (plain checks: jest's expect is too slow per finding). */
function contractProblems(
  tables: PlannerTables,
  findings: Finding[],
  language: "en" | "km"
): string[] {
  const problems: string[] = [];
  const bad = (f: Finding, why: string) =>
    problems.push(`${why}: ${JSON.stringify({ ...f, message: f.message.slice(0, 200) })}`);
  for (const f of findings) {
    if (!(ALL_TABLE_NAMES as readonly string[]).includes(f.table))
      bad(f, "table is no planner table");
    const t = findTable(tables as Record<string, TableData | undefined>, f.table);
    if (!t) {
      bad(f, "table not in the input");
      continue;
    }
    if (f.row !== null) {
      if (!Number.isInteger(f.row) || f.row < 1 || f.row > t.rows.length)
        bad(f, `row outside 1..${t.rows.length}`);
      else if (isBlankRow(t.rows[f.row - 1])) bad(f, "row is blank");
    }
    if (f.column !== null && !TABLE_HEADERS[f.table].includes(f.column))
      bad(f, "column is no contract header of its table");
    if (f.severity !== DESIGN_SEVERITY[f.rule]) bad(f, "severity differs from DESIGN.md");
    if (typeof f.message !== "string" || f.message.length === 0) bad(f, "no message");
    else {
      if (f.message !== formatFinding(f, language)) bad(f, "message is not formatFinding's");
      if (/undefined|\[object/.test(f.message)) bad(f, "message shows a JS artefact");
      // A cell's own text may be quoted, but never an empty quote.
      const quoting = Object.values(f.params).some(
        (v) => typeof v === "string" && /["«»()]/.test(v)
      );
      if (!quoting && /""|«»|\(\)/.test(f.message)) bad(f, "message quotes nothing");
    }
    for (const v of Object.values(f.params))
      if (!(typeof v === "string" || (typeof v === "number" && Number.isFinite(v))))
        bad(f, "param neither text nor finite number");
    if (!(f.key === null || typeof f.key === "string")) bad(f, "key neither text nor null");
  }
  for (let i = 1; i < findings.length; i++)
    if (compareFindings(findings[i - 1], findings[i]) > 0) bad(findings[i], "out of order");
  return problems;
}

function checkContract(tables: PlannerTables, findings: Finding[], language: "en" | "km"): void {
  const problems = contractProblems(tables, findings, language);
  if (problems.length > 0) expect(problems).toEqual([]);
}

describe("validate on arbitrary input", () => {
  it("never throws, and every finding keeps the contract (arbitrary tables)", () => {
    fc.assert(
      fc.property(tablesArb, optionsArb, (tables, options) => {
        const findings = validate(tables, options);
        checkContract(tables, findings, options.language ?? "en");
      }),
      { numRuns: 250 }
    );
  });

  it("never throws, and every finding keeps the contract (valid tables with arbitrary cells planted)", () => {
    fc.assert(
      fc.property(nearlyValidArb, optionsArb, (tables, options) => {
        const findings = validate(tables, options);
        checkContract(tables, findings, options.language ?? "en");
      }),
      { numRuns: 400 }
    );
  });

  it("does not change its input", () => {
    fc.assert(
      fc.property(nearlyValidArb, (tables) => {
        const before = snapshot(tables);
        validate(tables);
        expect(snapshot(tables)).toBe(before);
      }),
      { numRuns: 100 }
    );
  });

  it("gives the same findings whatever the column order", () => {
    fc.assert(
      fc.property(nearlyValidArb, fc.func(fc.double()), (tables, rank) => {
        const m = tables.Measures!;
        const width = m.headers.length;
        const order = [...Array(width).keys()].sort((a, b) => rank(a) - rank(b) || a - b);
        const shuffled: TableData = {
          name: m.name,
          headers: order.map((i) => m.headers[i]),
          rows: m.rows.map((r) => order.map((i) => r[i] ?? null)),
        };
        const strip = (fs: Finding[]) =>
          fs.map(({ rule, row, column, table, params }) => ({ rule, row, column, table, params }));
        expect(strip(validate({ ...tables, Measures: shuffled }, { asOfYear: 2026 }))).toEqual(
          strip(validate(tables, { asOfYear: 2026 }))
        );
      }),
      { numRuns: 100 }
    );
  });

  it("survives malformed tables (non-array rows and headers)", () => {
    const weird = {
      Measures: {
        name: "Measures",
        headers: null,
        rows: [null, 5, "x", [undefined, {}], measure()],
      },
      Goals: { name: "Goals", headers: ["Code"], rows: null },
      Committees: { name: "Committees", headers: [null, 3, { a: 1 }], rows: [[Symbol("s"), 1n]] },
    } as unknown as PlannerTables;
    expect(() => validate(weird)).not.toThrow();
    expect(() => validate(null as unknown as PlannerTables)).not.toThrow();
    expect(() => validate({} as PlannerTables, undefined)).not.toThrow();
  });
});
