/**
 * Round trips per operation, on the recording fake of Excel (which refuses, as Excel on the
 * web does, any request or response over 5 MB).
 *
 * The targets: while a workbook's data fit in one payload (here 10 and 1 000 measures) every
 * operation (setup, validate, mark, summary) makes the same number of syncs, at most 3, and so
 * does every Host method. Past it (100 000
 * measures, about 30 MB of cells) a fixed number of syncs cannot carry the data under the
 * 5 MB limit, so the target becomes: the same fixed syncs plus the payload's blocks
 * (payload.ts: greedy packing under a 4 MiB budget), each sync under 5 MB.
 */
import { officeBench, type HostCall, type OfficeBench } from "../../bench/office-bench";
import { OfficeHost } from "../../src/excel/office-host";
import { PAYLOAD_BUDGET } from "../../src/excel/payload";
import { RecordingExcel, WEB_LIMIT, seedTable, stats } from "./recording-context";

const OPERATIONS = ["setup", "validate", "mark", "summary"] as const;
let result: OfficeBench;
const calls: HostCall[] = [];

beforeAll(async () => {
  result = await officeBench([10, 1000, 100_000], (c) => calls.push(c));
}, 600_000);

test("every operation makes at most 3 syncs, the same number at 10 and at 1 000 measures", () => {
  for (const op of OPERATIONS) {
    expect({ op, syncs: result[op]["1000"].syncs }).toEqual({ op, syncs: result[op]["10"].syncs });
    expect({ op, syncs: Math.min(3, result[op]["10"].syncs) }).toEqual({
      op,
      syncs: result[op]["10"].syncs,
    });
  }
  expect(result.setup["10"].syncs).toBe(3); // read (tables missing), list, write
  expect(result.validate["10"].syncs).toBe(3); // readTables 1; applyPlan (Validation + marks) 2: read, write
  expect(result.mark["10"].syncs).toBe(2); // applyPlan of marks only: read, write
  expect(result.summary["10"].syncs).toBe(3); // readTables 1; applyPlan (owned sheets + marks) 2
});

test("check as you type: one Measures cell edited after a check is re-checked in at most 2 syncs at every size, each small", () => {
  for (const n of ["10", "1000", "100000"]) {
    expect({ n, syncs: Math.min(2, result.edit[n].syncs) }).toEqual({
      n,
      syncs: result.edit[n].syncs,
    });
    // constant: the changed row and the Validation rows it moves, whatever the table's size
    expect(result.edit[n].max_bytes_per_sync).toBe(result.edit["10"].max_bytes_per_sync);
  }
});

test("validate and summary are one readTables and one applyPlan that also marks", () => {
  const small = calls.filter((c) => c.measures <= 1000);
  for (const operation of ["validate", "summary"] as const) {
    for (const measures of [10, 1000]) {
      const methods = small
        .filter((c) => c.operation === operation && c.measures === measures)
        .map((c) => `${c.method}:${c.records.length}`);
      expect({ operation, measures, methods }).toEqual({
        operation,
        measures,
        methods: ["readTables:1", "applyPlan:2"],
      });
    }
  }
  // mark is an applyPlan of marks only, reported once
  expect(small.filter((c) => c.operation === "mark").map((c) => c.method)).toEqual([
    "applyPlan",
    "applyPlan",
  ]);
});

test("while the data fit in one payload, every Host method syncs at most 3 times", () => {
  const small = calls.filter((c) => c.measures <= 1000);
  expect(small.length).toBeGreaterThan(10);
  for (const c of small)
    expect({ method: c.method, syncs: Math.min(3, c.records.length) }).toEqual({
      method: c.method,
      syncs: c.records.length,
    });
});

test("at 100 000 measures no sync carries 5 MB or more, either way", () => {
  for (const op of OPERATIONS) {
    expect(result[op]["100000"].max_bytes_per_sync).toBeLessThan(5_000_000);
    expect(result[op]["100000"].max_bytes_per_sync).toBeLessThan(WEB_LIMIT);
  }
  const big = calls
    .filter((c) => c.measures === 100_000)
    .flatMap((c) =>
      c.records.map((r, i) => ({
        call: `${c.operation}/${c.method}#${i}`,
        bytes: Math.max(r.requestBytes, r.responseBytes),
      }))
    );
  expect(big.length).toBeGreaterThan(OPERATIONS.length);
  for (const r of big)
    expect({ call: r.call, under5MB: r.bytes < 5_000_000 }).toEqual({
      call: r.call,
      under5MB: true,
    });
  // the one refused sync is setup's first read, on a workbook without planner tables
  const refused = calls
    .flatMap((c) =>
      c.records.map((r, i) => ({ call: `${c.operation}/${c.method}#${i}`, error: r.error }))
    )
    .filter((r) => r.error);
  expect(refused).toEqual(
    [0, 1, 2].map(() => ({ call: "setup/applyPlan#0", error: "ItemNotFound" }))
  );
});

test("past one payload, the extra syncs are the payload's blocks: fixed + ceil(bytes / budget), each well filled", () => {
  const big = calls.filter((c) => c.measures === 100_000);
  for (const c of big) {
    const fixed =
      calls.find((x) => x.measures === 10 && x.operation === c.operation && x.method === c.method)
        ?.records.length ?? 0;
    const bytes = c.records.reduce((n, r) => n + Math.max(r.requestBytes, r.responseBytes), 0);
    const extra = c.records.length - fixed;
    // no more syncs than blocks of a quarter budget would need, and none when everything fits in one
    expect({
      call: `${c.operation}/${c.method}`,
      ok: extra <= Math.ceil(bytes / (PAYLOAD_BUDGET / 4)),
    }).toEqual({ call: `${c.operation}/${c.method}`, ok: true });
    if (bytes < PAYLOAD_BUDGET / 2)
      expect({ call: `${c.operation}/${c.method}`, extra }).toEqual({
        call: `${c.operation}/${c.method}`,
        extra: 0,
      });
  }
  // per operation: the fixed syncs of 10 measures plus the payload's blocks
  for (const op of OPERATIONS) {
    const bytes = big
      .filter((c) => c.operation === op)
      .reduce(
        (n, c) => n + c.records.reduce((m, r) => m + Math.max(r.requestBytes, r.responseBytes), 0),
        0
      );
    const extra = result[op]["100000"].syncs - result[op]["10"].syncs;
    expect({ op, extra: extra >= 0 && extra <= Math.ceil(bytes / (PAYLOAD_BUDGET / 4)) }).toEqual({
      op,
      extra: true,
    });
  }
  expect(result.mark["100000"].syncs).toBe(result.mark["10"].syncs);
  expect(result.setup["100000"].syncs).toBeGreaterThan(result.setup["10"].syncs);
});

describe("reads Excel refuses are retried smaller", () => {
  let fake: RecordingExcel;
  let uninstall: () => void;
  beforeEach(() => {
    fake = new RecordingExcel();
    uninstall = fake.install();
  });
  afterEach(() => uninstall());

  test("a first window over 5 MB: read again without it, in blocks", async () => {
    const long = "ក".repeat(1000); // 3 000 bytes
    const rows = Array.from({ length: 2500 }, (_, i) => [String(i + 1), long]);
    seedTable(fake.model, "Measures", "Measures", ["No.", "Measure"], rows);
    const tables = await new OfficeHost().readTables();
    expect(tables.Measures?.rows).toEqual(rows);
    const errors = fake.syncs.map((s) => s.error).filter(Boolean);
    // Measures alone: one read refused for the missing tables, one for the window, at most one block
    expect(errors.slice(0, 2)).toEqual(["ItemNotFound", "ResponsePayloadSizeLimitExceeded"]);
    expect(errors.length).toBeLessThanOrEqual(3);
    expect(stats(fake.syncs.filter((s) => !s.error)).maxBytes).toBeLessThan(WEB_LIMIT);
  });

  test("a block whose rows are longer than the first window's: halved until it fits", async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => [
      String(i + 1),
      i < 2000 ? "short" : "ក".repeat(2000),
    ]);
    seedTable(fake.model, "Measures", "Measures", ["No.", "Measure"], rows);
    const tables = await new OfficeHost().readTables();
    expect(tables.Measures?.rows).toEqual(rows);
    // 4 000 rows of 6 kB asked for as 120 kB: each refusal at least halves the rows asked
    const refused = fake.syncs.filter((s) => s.error === "ResponsePayloadSizeLimitExceeded").length;
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(refused).toBeLessThanOrEqual(Math.ceil(Math.log2((4000 * 6000) / WEB_LIMIT)) + 1);
    expect(stats(fake.syncs.filter((s) => !s.error)).maxBytes).toBeLessThan(WEB_LIMIT);
  });
});
