/**
 * The fast evaluation (QueryEvaluator: each column read once, each criterion's rows as a bit
 * set) against the straightforward one (evaluateDirect: every COUNTIFS / SUMIFS scans the
 * rows and reads each cell afresh), on random tables and random queries. The values must be
 * the same numbers, not close ones: the sums add the same cells in the same order.
 */
import fc from "fast-check";
import { TABLE_HEADERS, type PlannerTables, type TableData } from "../../src/model/schema";
import { STATUSES, type Cell } from "../../src/model/types";
import { readNumber } from "../../src/model/cells";
import { validate } from "../../src/rules/validate";
import { summarise, sourcesFromTables, type Metric, type SummaryData } from "../../src/summary";
import {
  sourcesFromFramework,
  type SourceCells,
  type SourceTableName,
} from "../../src/summary/source-cells";
import {
  evaluate,
  evaluateDirect,
  QueryEvaluator,
  type CountQuery,
  type Criteria,
  type Criterion,
  type LookupQuery,
  type Query,
} from "../../src/summary/criteria";
import { tablesToFramework } from "../../src/model/convert";
import { smallFramework } from "./fixtures";

const TEXTS = [
  "DGC",
  "dgc",
  "dgc ",
  " DGC",
  "DEBC; DGC",
  "Completed",
  "completed",
  "At risk",
  "I",
  "i",
  "II",
  "Short-term",
  "2024",
  "2024.0",
  "1e3",
  "-0",
  "0",
  "TRUE",
  "false",
  "*",
  "~",
  "a*b",
  '"',
  "",
  // Years and percentages as the rules read them (model/cells.ts): text, Khmer digits, dates.
  " 2025 ",
  "២០២៥",
  "២០២៤.0",
  "2025-03-01",
  "01/03/2025",
  "45658",
  "50",
  "50%",
  " 75 % ",
  "40,5",
  "៥០%",
  "n/a",
];

const cell: fc.Arbitrary<Cell | undefined> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(...TEXTS),
  fc.string({ maxLength: 4 }),
  fc.constantFrom(
    0,
    -0,
    1,
    2020,
    2024,
    2025,
    2030,
    100,
    101,
    1999,
    9999,
    10_000,
    45_658,
    45_657.99,
    100_000,
    50.5,
    0.1,
    0.2,
    0.3,
    -1,
    1000,
    Infinity,
    -Infinity,
    NaN
  ),
  fc.integer({ min: -5, max: 2100 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constantFrom(new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(1899, 11, 30)), new Date(NaN)),
  fc.date({ min: new Date("1990-01-01"), max: new Date("2100-01-01") })
);

/** Columns the queries may read: the contract's, some of which a table may lack. */
const COLUMNS = [
  "No.",
  "Goal",
  "Lead committee",
  "Other committees",
  "Timeframe",
  "Start year",
  "End year",
  "Status",
  "Progress %",
];

const criterion: fc.Arbitrary<Criterion> = fc.oneof(
  fc.record({
    column: fc.constantFrom(...COLUMNS),
    op: fc.constantFrom("=" as const, "<>" as const, "contains" as const),
    text: fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 3 })),
  }),
  fc.record({
    column: fc.constantFrom(...COLUMNS),
    op: fc.constantFrom("<" as const, "<=" as const, ">" as const, ">=" as const),
    number: fc.oneof(
      fc.constantFrom(0, -0, 100, 2024, 2025, 45292, 1000, 9999, 10_000, 100_000, 2024.5, -1),
      fc.integer({ min: -10, max: 2100 }),
      fc.double({ noNaN: false })
    ),
  }),
  fc.record({ column: fc.constantFrom(...COLUMNS), op: fc.constant("nonblank" as const) })
);

const criteria: fc.Arbitrary<Criteria> = fc.array(criterion, { maxLength: 4 });
const table: fc.Arbitrary<SourceTableName> = fc.constantFrom("Measures", "Measures", "Committees");

const countQuery: fc.Arbitrary<CountQuery> = fc.record({
  kind: fc.constant("count" as const),
  table,
  terms: fc.array(criteria, { maxLength: 3 }),
});
const lookupQuery: fc.Arbitrary<LookupQuery> = fc.record({
  kind: fc.constant("lookup" as const),
  table,
  column: fc.constantFrom(...COLUMNS),
  criteria,
});
const query: fc.Arbitrary<Query> = fc.oneof(
  countQuery,
  fc.record({
    kind: fc.constant("mean" as const),
    table,
    column: fc.constantFrom(...COLUMNS),
    terms: fc.array(criteria, { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant("ratio" as const),
    numerator: countQuery,
    denominator: countQuery,
  }),
  lookupQuery,
  fc.record({ kind: fc.constant("difference" as const), left: countQuery, right: lookupQuery })
);

/** A table with some of the contract columns, shuffled, plus an extra one; ragged rows too. */
function tableOf(
  name: "Measures" | "Committees",
  headers: string[],
  rows: Array<Array<Cell | undefined>>
): TableData {
  return { name, headers, rows: rows.map((r) => r.slice(0, headers.length) as Cell[]) };
}

const headersArb = fc.shuffledSubarray([...COLUMNS, "Notes", "Code", "Expected measures"], {
  minLength: 0,
});
const rowsArb = (max: number) =>
  fc.array(fc.array(cell, { minLength: 0, maxLength: 12 }), { maxLength: max });

const sourcesArb: fc.Arbitrary<SourceCells> = fc
  .record({
    mh: headersArb,
    mr: rowsArb(70),
    ch: headersArb,
    cr: rowsArb(5),
    committees: fc.boolean(),
  })
  .map(({ mh, mr, ch, cr, committees }) => {
    const tables: PlannerTables = { Measures: tableOf("Measures", mh, mr) };
    if (committees) tables.Committees = tableOf("Committees", ch, cr);
    return sourcesFromTables(tables);
  });

describe("QueryEvaluator equals the straightforward evaluation", () => {
  test("random tables and queries, one evaluator for many queries", () => {
    fc.assert(
      fc.property(
        sourcesArb,
        fc.array(query, { minLength: 1, maxLength: 12 }),
        (sources, queries) => {
          const ev = new QueryEvaluator(sources);
          for (const q of queries) {
            const direct = evaluateDirect(q, sources);
            expect(ev.evaluate(q)).toBe(direct);
            expect(evaluate(q, sources)).toBe(direct);
          }
          // Asked again, from the cached sets.
          for (const q of queries) expect(ev.evaluate(q)).toBe(evaluateDirect(q, sources));
        }
      ),
      { numRuns: 300 }
    );
  });

  test("row counts around the 32-row words of the bit sets", () => {
    for (const n of [0, 1, 31, 32, 33, 63, 64, 65, 100]) {
      const rows: Cell[][] = [];
      for (let i = 0; i < n; i++)
        rows.push([
          String(i),
          i % 3 === 0 ? "I" : "II",
          i % 5 === 0 ? null : 2020 + (i % 9),
          i % 7 === 0 ? "Completed" : "On track",
          (i * 37) % 101,
        ]);
      const sources = sourcesFromTables({
        Measures: {
          name: "Measures",
          headers: ["No.", "Goal", "End year", "Status", "Progress %"],
          rows,
        },
      });
      const ev = new QueryEvaluator(sources);
      const queries: Query[] = [
        { kind: "count", table: "Measures", terms: [[]] },
        {
          kind: "count",
          table: "Measures",
          terms: [[{ column: "No.", op: "nonblank" }], [{ column: "Goal", op: "=", text: "i" }]],
        },
        {
          kind: "count",
          table: "Measures",
          terms: [
            [
              { column: "End year", op: "<", number: 2025 },
              { column: "Status", op: "<>", text: "completed" },
            ],
          ],
        },
        {
          kind: "mean",
          table: "Measures",
          column: "Progress %",
          terms: [[{ column: "Goal", op: "=", text: "II" }]],
        },
        {
          kind: "mean",
          table: "Measures",
          column: "Progress %",
          terms: [
            [{ column: "Goal", op: "=", text: "I" }],
            [{ column: "Status", op: "=", text: "Completed" }],
          ],
        },
        {
          kind: "lookup",
          table: "Measures",
          column: "End year",
          criteria: [{ column: "Goal", op: "=", text: "I" }],
        },
      ];
      for (const q of queries) expect([n, ev.evaluate(q)]).toEqual([n, evaluateDirect(q, sources)]);
    }
  });
});

function metrics(s: SummaryData): Metric[] {
  const out: Metric[] = [...Object.values(s.keyFigures)];
  for (const c of s.committees) out.push(c.lead, c.coLead, c.total, c.expected, c.difference);
  for (const g of s.goals) out.push(g.total, ...g.byTimeframe, g.otherTimeframe, ...g.byCommittee);
  for (const st of s.statuses) out.push(st.count);
  for (const p of [...s.progress.goals, ...s.progress.committees])
    out.push(p.measures, p.meanProgress, p.completed, p.shareCompleted);
  for (const t of s.timeline.committees) out.push(...t.values);
  out.push(...s.timeline.all);
  return out;
}

describe("summarise's numbers equal the straightforward evaluation of their queries", () => {
  const measureCell: fc.Arbitrary<Cell> = fc.oneof(
    fc.constant(null),
    fc.constantFrom(
      "DGC",
      "dgc",
      "DEBC",
      "DSC; DGC",
      "Committee on Digital Government",
      "I",
      "II",
      "i",
      "VII",
      "Short-term",
      "Medium-term",
      "Completed",
      "at risk",
      "Delayed",
      "On track",
      "2024",
      " 2023 ",
      "២០២២",
      "2026.0",
      "2021-06-30",
      "not yet",
      "50",
      "75 %",
      "៣០",
      "12,5",
      ""
    ),
    fc.date({ min: new Date("2018-01-01"), max: new Date("2037-12-31") }),
    fc.integer({ min: 2019, max: 2036 }),
    fc.integer({ min: -10, max: 120 }),
    fc.double({ min: 0, max: 100, noNaN: true })
  );

  test("random Measures tables under the small framework's Committees", () => {
    const base = sourcesFromFramework(smallFramework());
    const committees = {
      name: "Committees",
      headers: [...TABLE_HEADERS.Committees],
      rows: base.Committees.rows as Cell[][],
    };
    fc.assert(
      fc.property(
        fc.array(fc.array(measureCell, { minLength: 15, maxLength: 15 }), { maxLength: 80 }),
        (rows) => {
          const tables: PlannerTables = {
            Committees: committees,
            Measures: { name: "Measures", headers: [...TABLE_HEADERS.Measures], rows },
          };
          const sources = sourcesFromTables(tables);
          const framework = {
            ...smallFramework(),
            measures: tablesToFramework(tables, 2025).measures,
          };
          for (const m of metrics(summarise(framework, { sources })))
            expect(m.value).toBe(evaluateDirect(m.query, sources));
        }
      ),
      { numRuns: 60 }
    );
  });
});

describe("the Summary counts what validate counts", () => {
  const yearCell: fc.Arbitrary<Cell> = fc.oneof(
    fc.constant(null),
    fc.integer({ min: 2018, max: 2032 }),
    fc.integer({ min: 2018, max: 2032 }).map((y) => String(y)),
    fc.integer({ min: 2018, max: 2032 }).map((y) => ` ${y} `),
    fc
      .integer({ min: 2018, max: 2032 })
      .map((y) => String(y).replace(/\d/g, (d) => String.fromCharCode(0x17e0 + Number(d)))),
    fc.date({ min: new Date("2018-01-01"), max: new Date("2032-12-31"), noInvalidDate: true }),
    fc.integer({ min: 43_000, max: 48_000 }),
    fc.constantFrom("2025-03-01", "2024.0", "TBD", "2024.5", 2024.5, 12, "")
  );
  const progressCell: fc.Arbitrary<Cell> = fc.oneof(
    fc.constant(null),
    fc.integer({ min: -5, max: 105 }),
    fc.integer({ min: 0, max: 100 }).map((p) => String(p)),
    fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`),
    fc.integer({ min: 0, max: 100 }).map((p) => ` ${p} % `),
    fc.constantFrom("៥០", "៧៥%", "40,5", "half", "", 33.3)
  );
  const statusCell: fc.Arbitrary<Cell> = fc.constantFrom(
    ...STATUSES,
    "completed",
    "on track",
    "DELAYED",
    "Done",
    null
  );

  test("Overdue is the overdue rule's count; Mean progress is the mean of the valid Progress %", () => {
    const headers = [...TABLE_HEADERS.Measures];
    const at = (h: string) => headers.indexOf(h);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(yearCell, yearCell, statusCell, progressCell), { maxLength: 60 }),
        fc.integer({ min: 2019, max: 2031 }),
        (cells, asOfYear) => {
          const rows = cells.map(([start, end, status, progress], i) => {
            const row: Cell[] = headers.map(() => null);
            row[at("No.")] = String(i + 1);
            row[at("Start year")] = start;
            row[at("End year")] = end;
            row[at("Status")] = status;
            row[at("Progress %")] = progress;
            return row;
          });
          const tables: PlannerTables = { Measures: { name: "Measures", headers, rows } };
          const findings = validate(tables, { asOfYear });
          const framework = { ...tablesToFramework(tables, asOfYear), committees: [], goals: [] };
          framework.settings = { ...framework.settings, asOfYear };
          const s = summarise(framework, { sources: sourcesFromTables(tables) });
          expect(s.keyFigures.overdue.value).toBe(
            findings.filter((f) => f.rule === "overdue").length
          );
          const invalid = new Set(
            findings.filter((f) => f.rule === "progress-invalid").map((f) => f.row)
          );
          const valid = rows.flatMap((r, i) => {
            const p = readNumber(r[at("Progress %")]);
            return p.kind === "number" && !invalid.has(i + 1) ? [p.value] : [];
          });
          const mean = valid.length ? valid.reduce((a, b) => a + b, 0) / valid.length : "";
          expect(s.keyFigures.meanProgress.value).toBe(mean);
        }
      ),
      { numRuns: 150 }
    );
  });
});
