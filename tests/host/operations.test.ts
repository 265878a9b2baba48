import { NoMeasuresTableError } from "../../src/host/errors";
import { applyImport, previewImport } from "../../src/host/import";
import { buildSummary, checkWorkbook, summariseWorkbook } from "../../src/host/operations";
import { validate } from "../../src/rules/validate";
import { FakeHost } from "../taskpane/fake-host";

describe("operations check their preconditions before writing", () => {
  for (const [name, run] of [
    ["checkWorkbook", (h: FakeHost) => checkWorkbook(h, { asOfYear: 2026 })],
    ["buildSummary", (h: FakeHost) => buildSummary(h, { asOfYear: 2026 })],
    ["summariseWorkbook", (h: FakeHost) => summariseWorkbook(h, { asOfYear: 2026 })],
  ] as const) {
    test(`${name} refuses a workbook without a Measures table, reading once and writing nothing`, async () => {
      const host = FakeHost.despf();
      delete host.tables.Measures;
      await expect(run(host)).rejects.toBeInstanceOf(NoMeasuresTableError);
      expect(host.calls).toEqual(["readTables"]);
    });
  }
});

describe("operations return what the front ends show, from one read", () => {
  test("checkWorkbook: findings with their committees, counts, committee choices", async () => {
    const host = FakeHost.despf();
    host.set("Measures", 3, "No.", "1");
    const r = await checkWorkbook(host, { asOfYear: 2026 });
    expect(host.calls).toEqual(["readTables", "applyPlan:Validation+marks"]);
    expect(r.findings).toEqual(validate(host.tables, { asOfYear: 2026 }));
    expect(r.committees).toHaveLength(r.findings.length);
    expect(r.counts.error).toBe(r.findings.filter((f) => f.severity === "error").length);
    expect(r.choices.map((c) => c.code)).toEqual(host.tables.Committees!.rows.map((row) => row[0]));
    // The repeated No. is on a measure led by a committee: its codes come from its row.
    const dup = r.findings.findIndex((f) => f.rule === "key-duplicate");
    expect(r.committees[dup].length).toBeGreaterThan(0);
  });

  test("buildSummary: the dashboard of the tables it read, the same as summariseWorkbook's", async () => {
    const host = FakeHost.despf();
    host.set("Measures", 1, "Status", "Completed");
    const built = await buildSummary(host, { asOfYear: 2026 });
    expect(host.calls).toEqual([
      "readTables",
      "applyPlan:Summary,Briefing DGC,Briefing DEBC,Briefing DSC,Validation+marks",
    ]);
    const { dashboard } = await summariseWorkbook(host, { asOfYear: 2026 });
    expect(built.dashboard).toEqual(dashboard);
    expect(dashboard.measures).toBe(139);
    expect(dashboard.completed).toBe(1);
  });

  test("applyImport returns the tables as written, without reading again", async () => {
    const host = FakeHost.despf();
    const preview = await previewImport(host, {
      source: {
        sheetName: "s",
        rows: [
          ["No.", "Measure"],
          ["140", "New"],
        ],
      },
      asOfYear: 2026,
      mode: "merge",
    });
    const tables = await applyImport(host, preview);
    expect(host.calls).toEqual(["readTables", "writeTable:Measures"]);
    expect(tables.Measures?.rows).toHaveLength(140);
    expect(tables.Measures?.location).toEqual(preview.tables.Measures?.location);
  });
});
