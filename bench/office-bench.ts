/**
 * Round trips and payload of the Office host, measured on the recording fake of Excel
 * (tests/excel/recording-context.ts): `npx tsx bench/office-bench.ts [sizes…]`.
 *
 * For each size n, on a fresh workbook: `setup` applies the set-up plan of a generated
 * framework with n measures to an empty workbook; `validate` is checkWorkbook (readTables, then
 * one applyPlan that rebuilds Validation and re-marks the tables); `mark` is the marks alone
 * (an applyPlan of MARKS_ONLY, the path checkWorkbook's applyPlan takes for its marks); `summary` is buildSummary (readTables, then one applyPlan that
 * rebuilds Summary, Briefing and Validation and re-marks). Each reports the syncs it made and
 * the largest payload of any of them (request or response bytes, whichever is larger).
 */
import { LiveCheck } from "../src/excel/live-check";
import { OfficeHost } from "../src/excel/office-host";
import { buildSummary, checkWorkbook } from "../src/host/operations";
import { tablesToFramework } from "../src/model/convert";
import type { PlannerTables } from "../src/model/schema";
import { MARKS_ONLY } from "../src/plan/marks";
import { setupPlan } from "../src/plan/setup";
import { RecordingExcel, stats, type SyncRecord } from "../tests/excel/recording-context";
import { AS_OF_YEAR, generateTables } from "./generate";

export interface OpStats {
  syncs: number;
  max_bytes_per_sync: number;
}

export type OfficeBench = Record<
  "setup" | "validate" | "mark" | "summary" | "edit",
  Record<string, OpStats>
>;

function op(records: SyncRecord[]): OpStats {
  const s = stats(records);
  return { syncs: s.syncs, max_bytes_per_sync: s.maxBytes };
}

/** One Host method call inside an operation, with the syncs it made. */
export interface HostCall {
  measures: number;
  operation: keyof OfficeBench;
  method: string;
  records: SyncRecord[];
}

/**
 * Wraps the host's methods so that each call reports its syncs. Only the outermost call is
 * reported (a method that calls another is one Host call).
 */
function observed(
  host: OfficeHost,
  fake: RecordingExcel,
  report: (method: string, records: SyncRecord[]) => void
): OfficeHost {
  let depth = 0;
  for (const method of ["readTables", "applyPlan", "writeTable", "select"] as const) {
    const original = host[method].bind(host) as (...args: unknown[]) => Promise<unknown>;
    (host as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const from = fake.syncs.length;
      depth++;
      try {
        return await original(...args);
      } finally {
        depth--;
        if (depth === 0) report(method, fake.since(from));
      }
    };
  }
  return host;
}

/**
 * Syncs and the largest payload per sync of each operation, at each number of measures.
 * `onHostCall` also gets every Host method call inside the operations.
 */
export async function officeBench(
  sizes: number[],
  onHostCall?: (call: HostCall) => void
): Promise<OfficeBench> {
  const out: OfficeBench = { setup: {}, validate: {}, mark: {}, summary: {}, edit: {} };
  for (const n of sizes) {
    const fake = new RecordingExcel();
    const uninstall = fake.install();
    try {
      let operation: keyof OfficeBench = "setup";
      const host = observed(new OfficeHost(), fake, (method, records) =>
        onHostCall?.({ measures: n, operation, method, records })
      );
      const plan = setupPlan(tablesToFramework(generateTables(n), AS_OF_YEAR));
      let from = fake.syncs.length;
      await host.applyPlan(plan);
      out.setup[String(n)] = op(fake.since(from));

      operation = "validate";
      from = fake.syncs.length;
      await checkWorkbook(host, { asOfYear: AS_OF_YEAR });
      out.validate[String(n)] = op(fake.since(from));

      operation = "mark";
      from = fake.syncs.length;
      await host.applyPlan(MARKS_ONLY);
      out.mark[String(n)] = op(fake.since(from));

      operation = "summary";
      from = fake.syncs.length;
      const built = await buildSummary(host, { asOfYear: AS_OF_YEAR });
      out.summary[String(n)] = op(fake.since(from));

      operation = "edit";
      out.edit[String(n)] = await oneCellEdit(fake, built.tables, n);
    } finally {
      uninstall();
    }
  }
  return out;
}

/**
 * Check as you type: the live check started on the checked workbook, one Measures cell typed
 * (a middle row's Status becomes one Excel does not know), the re-check after the pause.
 */
async function oneCellEdit(
  fake: RecordingExcel,
  tables: PlannerTables,
  n: number
): Promise<OpStats> {
  const errors: string[] = [];
  let wrote = false;
  const live = await LiveCheck.start(tables, {
    asOfYear: AS_OF_YEAR,
    language: "en",
    onUpdate: (u) => (wrote = u.wrote),
    onError: (e) => errors.push(e),
    // The pause is not timed here: flush() runs the re-check at once.
    scheduler: { after: () => () => undefined },
  });
  try {
    const t = fake.model.table("Measures");
    const from = fake.syncs.length;
    fake.typeInto("Measures", Math.floor(n / 2), t.headers.indexOf("Status"), [["Paused"]]);
    await live.flush();
    if (errors.length > 0 || !wrote)
      throw new Error(`the live check did not write: ${errors.join("; ")}`);
    return op(fake.since(from));
  } finally {
    await live.stop();
  }
}

const isMain =
  typeof require !== "undefined"
    ? require.main === module
    : process.argv[1]?.includes("office-bench");
if (isMain) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const calls: string[] = [];
  void officeBench(sizes.length > 0 ? sizes : [10, 1000, 100_000], (c) => {
    const s = stats(c.records);
    calls.push(
      `${String(c.measures).padStart(7)} ${c.operation.padEnd(8)} ${c.method.padEnd(12)} syncs ${String(s.syncs).padStart(3)}  max request ${s.maxRequestBytes}  max response ${s.maxResponseBytes}`
    );
  }).then((r) => {
    console.log(JSON.stringify(r, null, 2));
    console.log(calls.join("\n"));
  });
}
