import {
  planReturns,
  planRun,
  safeFileName,
  isGenericInstitution,
  type RunSource,
} from "../../src/import/returns";
import { ImportSourceError } from "../../src/import";
import { builtinFramework } from "../../src/model/builtin";
import { frameworkToTables } from "../../src/model/convert";
import { comparePeriods, parsePeriod, quarterOf } from "../../src/model/period";
import { TABLE_HEADERS, type PlannerTables } from "../../src/model/schema";
import type { Cell } from "../../src/model/types";

const HEAD = [...TABLE_HEADERS.Measures];

function workbook(): PlannerTables {
  const t = frameworkToTables(builtinFramework("despf", 2026));
  return { ...t };
}

/** A return as the planner sends it out, with some cells changed: No. → {header: value}. */
function aReturn(
  tables: PlannerTables,
  institution: string,
  name: string,
  edits: Record<string, Record<string, Cell>>,
  period = "2026-Q2"
): RunSource {
  const plan = planReturns(tables, { period, language: "en", created: "t", asOfYear: 2026 });
  const file = plan.returns.find((r) => r.institution === institution)!;
  const rows = file.plan.sheets
    .find((s) => s.name === "Measures")!
    .tables[0].rows.map((r) => [...r]);
  for (const row of rows)
    for (const [h, v] of Object.entries(edits[String(row[0])] ?? {})) row[HEAD.indexOf(h)] = v;
  return {
    name,
    rows: [HEAD, ...rows],
    sheetName: "Measures",
    recorded: { institution, period, framework: tables.Framework!.rows[0][1], created: "t" },
  };
}

const opts = { mode: "merge" as const, asOfYear: 2026, recorded: "2026-06-30 10:00 UTC" };

describe("periods", () => {
  test("labels read forgivingly, order by end date, and the current quarter", () => {
    expect(parsePeriod(" 2026 - q2 ")?.label).toBe("2026-Q2");
    expect(parsePeriod(2026)?.label).toBe("2026");
    expect(parsePeriod("2026-H3")).toBeNull();
    expect(parsePeriod("Q2 2026")).toBeNull();
    const sorted = ["2027", "2026-H1", "2026-Q3", "2026-Q2", "2026-Q1"]
      .map((p) => parsePeriod(p)!)
      .sort(comparePeriods)
      .map((p) => p.label);
    expect(sorted).toEqual(["2026-Q1", "2026-H1", "2026-Q2", "2026-Q3", "2027"]);
    expect(quarterOf(new Date(Date.UTC(2026, 10, 30)))).toBe("2026-Q4");
  });
});

describe("returns out", () => {
  test("safe, distinct file names and generic entries", () => {
    const taken = new Set<string>();
    expect(
      safeFileName("Ministry of Industry, Science, Technology and Innovation", "2026-Q2", taken)
    ).toBe("Ministry-of-Industry-Science-Technology-and-Innovation-2026-Q2.xlsx");
    expect(
      safeFileName("ministry of industry science technology and innovation", "2026-Q2", taken)
    ).toBe("ministry-of-industry-science-technology-and-innovation-2-2026-Q2.xlsx");
    expect(safeFileName("../CON", "2026", taken)).toBe("institution-CON-2026.xlsx");
    expect(safeFileName("ក្រសួងប្រៃសណីយ៍ និងទូរគមនាគមន៍", "2026", taken)).toBe(
      "ក្រសួងប្រៃសណីយ៍-និងទូរគមនាគមន៍-2026.xlsx"
    );
    expect(isGenericInstitution("Relevant Ministries and Institutions")).toBe(true);
    expect(isGenericInstitution("All line ministries")).toBe(true);
    expect(
      isGenericInstitution("Ministry of Economy and Finance and Relevant General Departments")
    ).toBe(false);
  });

  test("a bad period is refused", () => {
    expect(() =>
      planReturns(workbook(), { period: "Q2", language: "en", created: "t", asOfYear: 2026 })
    ).toThrow(ImportSourceError);
  });
});

describe("returns in", () => {
  const tables = workbook();
  const MPTC = "Ministry of Post and Telecommunications";
  const MEF = "Ministry of Economy and Finance";

  test("without the lead institution's return among them, the first source given wins; every value is listed", () => {
    // A measure both name and neither leads.
    const shared = builtinFramework("despf", 2026).measures.find(
      (m) =>
        m.institutions.length > 2 &&
        m.institutions.slice(1).includes(MPTC) &&
        m.institutions.slice(1).includes(MEF)
    )!;
    const a = aReturn(tables, MEF, "mef.xlsx", { [shared.no]: { Notes: "from MEF" } });
    const b = aReturn(tables, MPTC, "mptc.xlsx", { [shared.no]: { Notes: "from MPTC" } });
    const report = planRun([b, a], tables, opts);
    expect(report.conflicts).toEqual([
      {
        no: shared.no,
        column: "Notes",
        values: [
          { source: "mptc.xlsx", value: "from MPTC" },
          { source: "mef.xlsx", value: "from MEF" },
        ],
        kept: "from MPTC",
        rule: "first-source",
      },
    ]);
  });

  test("a value for a measure not assigned to the return's institution is flagged and not applied", () => {
    const r = aReturn(tables, "Ministry of Justice", "moj.xlsx", {});
    const foreignNo = builtinFramework("despf", 2026).measures.find(
      (m) => !m.institutions.includes("Ministry of Justice")
    )!.no;
    const row = [...(tables.Measures!.rows.find((x) => x[0] === foreignNo) as Cell[])];
    row[HEAD.indexOf("Status")] = "Completed";
    r.rows.push(row);
    const report = planRun([r], tables, opts);
    expect(report.rejected).toEqual([
      {
        source: "moj.xlsx",
        sourceRow: r.rows.length,
        reason: `Row ${r.rows.length}: No. ${foreignNo} is not assigned to Ministry of Justice; its values are not applied.`,
      },
    ]);
    expect(report.updated).toEqual([]);
  });

  test("findings are those the merge introduces, not the ones the workbook already has", () => {
    const bad: PlannerTables = {
      ...tables,
      Measures: {
        ...tables.Measures!,
        rows: tables.Measures!.rows.map((r, i) =>
          i === 5 ? r.map((c, j) => (j === HEAD.indexOf("Status") ? "Done" : c)) : r
        ),
      },
    };
    const r = aReturn(bad, MPTC, "mptc.xlsx", { "1": { "Progress %": 120 } });
    const report = planRun([r], bad, opts);
    expect(report.findings.map((f) => [f.rule, f.key])).toEqual([["progress-invalid", "1"]]);
  });

  test("a source without a period (recorded or given) adds no Progress rows", () => {
    const r = aReturn(tables, MPTC, "mptc.xlsx", { "1": { Status: "On track" } });
    r.recorded = { ...r.recorded, period: null };
    expect(planRun([r], tables, opts).progressResult).toBeNull();
    expect(planRun([r], tables, { ...opts, period: "2026-Q2" }).progress).toEqual({
      periods: ["2026-Q2"],
      added: 120,
      replaced: 0,
    });
  });
});
