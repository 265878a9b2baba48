import ExcelJS from "exceljs";
import { planImport } from "../../src/import";
import { readImportSource } from "../../src/io/import-source";
import { parseCsv } from "../../src/io/csv";
import { REFERENCE, targetTable } from "../import/reference";

/**
 * 100 000 measures. Timings are printed, not asserted (machines differ); the 100 000-row
 * .xlsx case takes some 20 s and 1.5 GB, so it runs only with PLANNER_LARGE=1.
 */

const N = 100_000;
const HEADER = [
  "No.",
  "Key Policy Measures",
  "Comittee",
  "Ministry-Institution",
  "Timefrme",
  "Start",
  "Deadline",
  "Status",
  "Progress",
];

function sourceRow(i: number): Array<string | number> {
  return [
    i,
    `Measure number ${i}, with a comma and "quotes"`,
    i % 3 ? "Committee on Digital Government" : "DSC; DEBC",
    "MPTC\nMEF",
    i % 2 ? "Short-trm" : "Medium-term",
    "2021",
    2025,
    i % 5 ? "ongoing" : "done",
    `${i % 100}%`,
  ];
}

function csvOf(rows: Array<Array<string | number>>): Uint8Array {
  const q = (v: string | number) =>
    typeof v === "number" ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  return new TextEncoder().encode(
    "\uFEFFProgress report, 2025\r\n" + rows.map((r) => r.map(q).join(",")).join("\r\n") + "\r\n"
  );
}

function timed<T>(label: string, f: () => T): T {
  const t = performance.now();
  const out = f();
  console.log(`${label}: ${Math.round(performance.now() - t)} ms`);
  return out;
}

async function timedAsync<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await f();
  console.log(`${label}: ${Math.round(performance.now() - t)} ms`);
  return out;
}

function checkReport(report: ReturnType<typeof planImport>) {
  expect(report.headerRow).toBe(2);
  expect(report.rejected).toEqual([]);
  expect(report.added).toHaveLength(N - 3); // Nos 1, 2 and 99 exist in the target
  expect(report.updated.map((u) => u.no)).toEqual(["1", "2", "99"]);
  const r = report.result;
  expect(r.rows).toHaveLength(4 + N - 3);
  const last = r.rows[r.rows.length - 1];
  expect(last[0]).toBe(String(N));
  expect(last[r.headers.indexOf("Lead committee")]).toBe("DGC");
  expect(last[r.headers.indexOf("Timeframe")]).toBe("Medium-term");
  expect(r.rows[r.rows.length - 2][r.headers.indexOf("Timeframe")]).toBe("Short-term"); // from "Short-trm"
  expect(last[r.headers.indexOf("Progress %")]).toBe(0);
  expect(last[r.headers.indexOf("Institutions")]).toBe("MPTC; MEF");
}

describe("100 000 measures", () => {
  it("imports a 100 000-row CSV", async () => {
    const rows = [HEADER, ...Array.from({ length: N }, (_, i) => sourceRow(i + 1))];
    const bytes = csvOf(rows);
    console.log(`CSV: ${(bytes.length / 1e6).toFixed(1)} MB`);
    const parsed = timed("parseCsv 100k rows", () => parseCsv(bytes));
    expect(parsed).toHaveLength(N + 2);
    expect(parsed[2]).toEqual([
      "1",
      'Measure number 1, with a comma and "quotes"',
      "Committee on Digital Government",
      "MPTC\nMEF",
      "Short-trm",
      "2021",
      "2025",
      "ongoing",
      "1%",
    ]);
    const source = await timedAsync("readImportSource (csv)", () =>
      readImportSource("big.csv", bytes)
    );
    const report = timed("planImport merge 100k rows", () =>
      planImport(source, targetTable(), REFERENCE, { mode: "merge" })
    );
    checkReport(report);
  });

  (process.env.PLANNER_LARGE ? it : it.skip)(
    "imports a 100 000-row xlsx (PLANNER_LARGE=1)",
    async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("Report");
      ws.addRow(["Progress report, 2025"]);
      ws.addRow(HEADER);
      for (let i = 1; i <= N; i++) ws.addRow(sourceRow(i));
      const bytes = new Uint8Array(
        await timedAsync("ExcelJS write 100k rows", () => wb.xlsx.writeBuffer())
      );
      console.log(`xlsx: ${(bytes.length / 1e6).toFixed(1)} MB`);
      const source = await timedAsync("readImportSource (xlsx)", () =>
        readImportSource("big.xlsx", bytes)
      );
      expect(source.rows).toHaveLength(N + 2);
      const report = timed("planImport merge 100k rows (xlsx)", () =>
        planImport(source, targetTable(), REFERENCE, { mode: "merge" })
      );
      checkReport(report);
    }
  );
});
