/** The incremental engine: after any sequence of edits, inserts and deletes, its findings equal a full validate. */
import fc from "fast-check";
import { TABLE_HEADERS, type PlannerTables, type TableData } from "../../src/model/schema";
import type { Cell } from "../../src/model/types";
import { IncrementalValidator, type RowChange } from "../../src/rules/incremental";
import { validate } from "../../src/rules/validate";
import { measure, referenceTables, table, tables } from "./helpers";

const NOS = ["1", "2", "3", "1 ", "A1", "a1", "", " "];
const COMMITTEES = [
  "DGC",
  "DEBC",
  "DSC",
  "dsc",
  "Committee on Digital Government",
  "NOPE",
  "",
  "DGC; DSC",
  "DSC;DSC;DEBC",
  "DEBC; NOPE",
];

/** Cells drawn from values the rules care about, so that most changes move some finding. */
const measureRow: fc.Arbitrary<Cell[]> = fc
  .record({
    no: fc.constantFrom(...NOS),
    goal: fc.constantFrom("G1", "G2", "G3", ""),
    strategy: fc.constantFrom("S1", "S2", "S9", ""),
    lead: fc.constantFrom(...COMMITTEES),
    others: fc.constantFrom(...COMMITTEES),
    timeframe: fc.constantFrom("Short-term", "Medium-term", "Long-term", "Soon", ""),
    start: fc.constantFrom<Cell>(2021, 2026, 2031, "2027", "x", null, 2040),
    end: fc.constantFrom<Cell>(2025, 2030, 2035, "2029", null, 2019),
    status: fc.constantFrom("Not started", "On track", "Completed", "Done", ""),
    progress: fc.constantFrom<Cell>(0, 50, 100, "abc", null, 140),
    blank: fc.boolean(),
  })
  .map((r) =>
    r.blank && r.no === ""
      ? TABLE_HEADERS.Measures.map((): Cell => null)
      : measure({
          "No.": r.no,
          Goal: r.goal,
          Strategy: r.strategy,
          "Lead committee": r.lead,
          "Other committees": r.others,
          Timeframe: r.timeframe,
          "Start year": r.start,
          "End year": r.end,
          Status: r.status,
          "Progress %": r.progress,
        })
  );

/** A change drawn against a table of unknown length: positions are fractions, resolved when applied. */
type Op =
  | { kind: "edit" | "insert"; at: number; rows: Cell[][] }
  | { kind: "delete"; at: number; count: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant<"edit">("edit"),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      rows: fc.array(measureRow, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant<"insert">("insert"),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      rows: fc.array(measureRow, { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant<"delete">("delete"),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  }
);

function resolve(op: Op, n: number): RowChange | null {
  if (op.kind === "insert")
    return { kind: "insert", start: Math.floor(op.at * (n + 1)) % (n + 1), rows: op.rows };
  if (n === 0) return null;
  const start = Math.floor(op.at * n) % n;
  if (op.kind === "delete") return { kind: "delete", start, count: Math.min(op.count, n - start) };
  return { kind: "edit", start, rows: op.rows.slice(0, n - start) };
}

/** The same change on a plain array of rows: the model the engine is checked against. */
function applyPlain(rows: Cell[][], change: RowChange): void {
  if (change.kind === "edit") change.rows.forEach((r, i) => (rows[change.start + i] = r));
  else if (change.kind === "insert") rows.splice(change.start, 0, ...change.rows);
  else rows.splice(change.start, change.count);
}

/** A Measures table read from a workbook: its header at Measures!B4, so findings carry sheetRow and cell. */
function located(rows: Cell[][]): TableData {
  return { ...table("Measures", rows), location: { sheet: "My Measures", row: 3, col: 1 } };
}

/** Reference tables that make the table-wide rules speak: expected counts for committees and measures. */
function counted(expectedMeasures: number, dgc: number): PlannerTables {
  const ref = referenceTables();
  ref.Framework.rows[4] = ["Expected measures", expectedMeasures];
  ref.Committees.rows[0][4] = dgc;
  ref.Committees.rows[2][4] = 1;
  ref.Committees.location = { sheet: "Committees", row: 0, col: 0 };
  return ref;
}

describe("IncrementalValidator", () => {
  it("equals a full validate after every change of thousands of random edit, insert and delete sequences", () => {
    fc.assert(
      fc.property(
        fc.array(measureRow, { maxLength: 12 }),
        fc.array(opArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom<"en" | "km">("en", "km"),
        (initial, ops, expectedMeasures, dgc, language) => {
          const options = { asOfYear: 2027, language };
          const ref = counted(expectedMeasures, dgc);
          const rows = initial.map((r) => [...r]);
          const engine = new IncrementalValidator(
            { ...ref, Measures: located([...rows]) },
            options
          );
          for (const op of ops) {
            const change = resolve(op, rows.length);
            if (!change) continue;
            engine.apply(change);
            applyPlain(rows, change);
            const full = validate({ ...ref, Measures: located(rows) }, options);
            const mine = engine.findings();
            // jest's deep equality is slow over thousands of runs: compare the text first.
            if (JSON.stringify(mine) !== JSON.stringify(full)) expect(mine).toEqual(full);
          }
          expect(engine.rowCount).toBe(rows.length);
        }
      ),
      { numRuns: 2000 }
    );
  });

  it("equals a full validate when a reference table changes between row changes", () => {
    fc.assert(
      fc.property(
        fc.array(measureRow, { minLength: 1, maxLength: 10 }),
        fc.array(opArb, { maxLength: 6 }),
        fc.integer({ min: 0, max: 5 }),
        (initial, ops, dgc) => {
          const rows = initial.map((r) => [...r]);
          const engine = new IncrementalValidator(tables([...rows]), { asOfYear: 2027 });
          const ref = counted(rows.length, dgc);
          engine.replaceTable("Committees", ref.Committees);
          engine.replaceTable("Framework", ref.Framework);
          for (const op of ops) {
            const change = resolve(op, rows.length);
            if (!change) continue;
            engine.apply(change);
            applyPlain(rows, change);
          }
          const goals: TableData = table("Goals", [["G1", "Goal one", ""]]);
          engine.replaceTable("Goals", goals);
          expect(engine.findings()).toEqual(
            validate(
              {
                ...referenceTables(),
                Committees: ref.Committees,
                Framework: ref.Framework,
                Goals: goals,
                Measures: table("Measures", rows),
              },
              { asOfYear: 2027 }
            )
          );
        }
      ),
      { numRuns: 300 }
    );
  });

  it("equals a full validate when reference tables are missing or empty (reference-missing and the built-in fallbacks)", () => {
    const names = ["Framework", "Goals", "Strategies", "Committees", "Timeframes"] as const;
    fc.assert(
      fc.property(
        fc.array(measureRow, { maxLength: 8 }),
        fc.array(opArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom<"absent" | "empty" | "kept">("absent", "empty", "kept"), {
          minLength: names.length,
          maxLength: names.length,
        }),
        (initial, ops, states) => {
          const ref: PlannerTables = referenceTables();
          names.forEach((name, i) => {
            if (states[i] === "absent") delete ref[name];
            else if (states[i] === "empty") ref[name] = table(name, [[null, " "]]);
          });
          const rows = initial.map((r) => [...r]);
          const engine = new IncrementalValidator(
            { ...ref, Measures: located([...rows]) },
            { asOfYear: 2027 }
          );
          for (const op of ops) {
            const change = resolve(op, rows.length);
            if (!change) continue;
            engine.apply(change);
            applyPlain(rows, change);
            const full = validate({ ...ref, Measures: located(rows) }, { asOfYear: 2027 });
            const mine = engine.findings();
            if (JSON.stringify(mine) !== JSON.stringify(full)) expect(mine).toEqual(full);
          }
        }
      ),
      { numRuns: 500 }
    );
  });

  it("tells the Progress table's findings after the rows, against the keys as they now are", () => {
    fc.assert(
      fc.property(
        fc.array(measureRow, { minLength: 1, maxLength: 8 }),
        fc.array(opArb, { maxLength: 6 }),
        (initial, ops) => {
          const rows = initial.map((r) => [...r]);
          const progress = table("Progress", [
            ["2026-Q1", "1", "On track", 50, "", "a.xlsx", "t"],
            ["2026-Q2", "1", "At risk", 40, "", "a.xlsx", "t"],
            ["2026-Q9", "2", "On track", 10, "", "a.xlsx", "t"],
            ["2026-Q2", "A1", "On track", 10, "", "b.xlsx", "t"],
          ]);
          const engine = new IncrementalValidator(
            { ...tables([...rows]), Progress: progress },
            { asOfYear: 2027 }
          );
          for (const op of ops) {
            const change = resolve(op, rows.length);
            if (!change) continue;
            engine.apply(change);
            applyPlain(rows, change);
          }
          expect(engine.findings()).toEqual(
            validate({ ...tables(rows), Progress: progress }, { asOfYear: 2027 })
          );
        }
      ),
      { numRuns: 200 }
    );
  });

  it("renumbers the findings below an inserted row and the first row a duplicate points to", () => {
    const engine = new IncrementalValidator(
      tables([measure({ "No.": "1" }), measure({ "No.": "1" })]),
      { asOfYear: 2027 }
    );
    expect(engine.findings().find((f) => f.rule === "key-duplicate")).toMatchObject({
      row: 2,
      params: { firstRow: 1 },
    });
    engine.apply({ kind: "insert", start: 0, rows: [measure({ "No.": "9", Status: "Done" })] });
    const after = engine.findings();
    expect(after.find((f) => f.rule === "key-duplicate")).toMatchObject({
      row: 3,
      params: { firstRow: 2 },
    });
    expect(after.find((f) => f.rule === "status-unknown")).toMatchObject({ row: 1, key: "9" });
    engine.apply({ kind: "delete", start: 1, count: 1 });
    expect(engine.findings().filter((f) => f.rule === "key-duplicate")).toEqual([]);
  });

  it("refuses a change outside the body", () => {
    const engine = new IncrementalValidator(tables([measure()]));
    expect(() => engine.apply({ kind: "edit", start: 1, rows: [measure()] })).toThrow(RangeError);
    expect(() => engine.apply({ kind: "delete", start: 0, count: 2 })).toThrow(RangeError);
  });

  it("has no findings without a Measures table, as validate", () => {
    const engine = new IncrementalValidator(referenceTables());
    expect(engine.findings()).toEqual([]);
    engine.replaceTable("Measures", table("Measures", [measure({ Goal: "G9" })]));
    expect(engine.findings().map((f) => f.rule)).toContain("goal-unknown");
  });
});
