import { readFileSync } from "node:fs";
import { join } from "node:path";
import { builtinFramework } from "../../src/model/builtin";
import { measureToRow } from "../../src/model/convert";
import { TABLE_HEADERS } from "../../src/model/schema";
import { planner, tempDir } from "../helpers/cli";
import { hasSoffice, parseCsvText, sofficeSheetsAsCsv } from "../helpers/soffice";

const dir = tempDir();

type JsonTables = { tables: Record<string, Array<Record<string, unknown>>> };

describe.each(["despf", "dgp"] as const)("planner new --framework %s, then export", (id) => {
  const file = join(dir, `${id}.xlsx`);
  const expected = builtinFramework(id, 2026);

  beforeAll(() => {
    const r = planner("new", "--framework", id, "-o", file, "--as-of", "2026");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  test("JSON export round-trips every built-in measure exactly", () => {
    const out = join(dir, `${id}.json`);
    expect(planner("export", file, "--format", "json", "-o", out).status).toBe(0);
    const json = JSON.parse(readFileSync(out, "utf8")) as JsonTables;
    const measures = json.tables.Measures;
    expect(measures).toHaveLength(id === "despf" ? 139 : 83);
    const headers = TABLE_HEADERS.Measures;
    const want = expected.measures.map((m) =>
      Object.fromEntries(
        headers.map((h, i) => [h, measureToRow(m)[i] === "" ? "" : measureToRow(m)[i]])
      )
    );
    expect(measures).toEqual(want);
    expect(Object.keys(json.tables).sort()).toEqual([
      "Committees",
      "Framework",
      "Goals",
      "Measures",
      "Responsibilities",
      "Strategies",
      "Timeframes",
    ]);
    expect(json.tables.Goals).toHaveLength(expected.goals.length);
    expect(json.tables.Strategies).toHaveLength(expected.strategies.length);
  });

  test("CSV export holds the Measures table", () => {
    const out = join(dir, `${id}.csv`);
    expect(planner("export", file, "--format", "csv", "-o", out).status).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsvText(text.slice(1)).filter((r) => r.some((c) => c !== ""));
    expect(rows[0]).toEqual([...TABLE_HEADERS.Measures]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected.measures.map((m) => m.no));
  });

  (hasSoffice() ? test : test.skip)("LibreOffice reads the written Measures sheet", () => {
    const sheets = sofficeSheetsAsCsv(file);
    const rows = parseCsvText(sheets.Measures).filter((r) => r.some((c) => c !== ""));
    expect(rows[0]).toEqual([...TABLE_HEADERS.Measures]);
    expect(rows).toHaveLength(expected.measures.length + 1);
    const last = expected.measures[expected.measures.length - 1];
    expect(rows[rows.length - 1].slice(0, 4)).toEqual([
      last.no,
      last.goal,
      last.strategy,
      last.measure,
    ]);
  });
});

describe("planner bad arguments", () => {
  const cases: Array<[string, string[], RegExp]> = [
    ["no command", [], /Usage/],
    ["unknown command", ["frobnicate"], /Unknown command "frobnicate"/],
    [
      "unknown framework",
      ["new", "--framework", "xyz", "-o", join(dir, "x.xlsx")],
      /--framework must be one of despf, dgp, blank/,
    ],
    ["missing -o", ["new"], /new needs -o/],
    [
      "unwritable path",
      ["new", "-o", "/nonexistent-folder/x.xlsx"],
      /Cannot write \/nonexistent-folder\/x.xlsx: its folder does not exist/,
    ],
    ["missing file", ["validate", join(dir, "missing.xlsx")], /File not found/],
    [
      "not a workbook",
      ["validate", join(__dirname, "new-export.test.ts")],
      /expected an \.xlsx or \.csv file/,
    ],
    ["bad year", ["validate", "x.xlsx", "--as-of", "soon"], /--as-of must be a year/],
  ];
  test.each(cases)("%s: exit 2, a clear message, no stack trace", (_name, args, message) => {
    const r = planner(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
