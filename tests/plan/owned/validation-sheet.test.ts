import type { PlannerTables } from "../../../src/model/schema";
import type { Finding } from "../../../src/rules/finding";
import { findingLink, validationSheet } from "../../../src/plan/validation-sheet";
import type { PlanCell, PlanSheet } from "../../../src/plan/types";
import { smallTables } from "../../summary/fixtures";

const at = (s: PlanSheet, row: number, col: number): PlanCell | undefined =>
  s.cells.find((c) => c.row === row && c.col === col);

const finding = (f: Partial<Finding>): Finding => ({
  rule: "overdue",
  severity: "warning",
  table: "Measures",
  row: 6,
  column: "End year",
  key: "6",
  message: "Measure 6 ended in 2023 and is not Completed.",
  params: {},
  ...f,
});

describe("Validation sheet", () => {
  const tables = smallTables(); // Measures' header at B3 on sheet "Measures"
  const findings: Finding[] = [
    finding({
      rule: "goal-unknown",
      severity: "error",
      row: 5,
      column: "Goal",
      key: "5",
      message: "Goal III is not in Goals.",
    }),
    finding({}),
    finding({
      rule: "committee-count",
      severity: "warning",
      row: null,
      column: "Expected measures",
      table: "Committees",
      key: null,
      message: "DGC: 4 vs 3",
    }),
    finding({
      rule: "measure-count",
      severity: "info",
      row: null,
      column: null,
      key: null,
      message: "7 measures, 8 expected.",
    }),
  ];
  const sheet = validationSheet(findings, tables, "en");

  test("links to the offending cell: header row + data row, header column + column index", () => {
    // Header at row 2 (0-based), col 1: data row 6 is sheet row 8 → "9"; End year is column 9 of the headers → col 10 → K.
    expect(findingLink(findings[1], tables)).toBe("'Measures'!K9");
    expect(findingLink(findings[0], tables)).toBe("'Measures'!C8");
    expect(findingLink(findings[2], tables)).toBe("'Committees'!E1"); // no row: the column's header
    expect(findingLink(findings[3], tables)).toBe("'Measures'!B3"); // no row, no column: the table's first header cell
    expect(findingLink({ table: "Measures", row: 2, column: "No such column" }, tables)).toBe(
      "'Measures'!B5"
    ); // the row's first cell
    const noLocation: PlannerTables = {
      ...tables,
      Measures: { ...tables.Measures!, location: undefined },
    };
    expect(findingLink(findings[1], noLocation)).toBeNull();
    expect(findingLink(findings[1], {})).toBeNull();
  });

  test("counts line, headers, rows styled by severity", () => {
    expect(sheet.name).toBe("Validation");
    expect(sheet.owned).toBe(true);
    expect([0, 1, 2, 3, 4, 5].map((c) => at(sheet, 1, c)?.value)).toEqual([
      "Errors",
      1,
      "Warnings",
      2,
      "Info",
      1,
    ]);
    expect(at(sheet, 1, 0)?.style).toBe("error");
    expect(at(sheet, 1, 2)?.style).toBe("warning");
    expect(at(sheet, 1, 4)?.style).toBe("info");
    expect([0, 1, 2, 3, 4, 5, 6].map((c) => at(sheet, 3, c)?.value)).toEqual([
      "Severity",
      "Rule",
      "Table",
      "Row",
      "Column",
      "No.",
      "Message",
    ]);
    expect([0, 1, 2, 3, 4, 5, 6].map((c) => at(sheet, 4, c)?.value)).toEqual([
      "error",
      "goal-unknown",
      "Measures",
      5,
      "Goal",
      "5",
      "Goal III is not in Goals.",
    ]);
    expect(at(sheet, 4, 0)?.style).toBe("error");
    expect(at(sheet, 5, 0)?.style).toBe("warning");
    expect(at(sheet, 7, 0)?.style).toBe("info");
    expect(at(sheet, 4, 6)).toMatchObject({ link: "'Measures'!C8", style: "link" });
    expect(at(sheet, 7, 3)?.value).toBeNull();
  });

  test("no findings", () => {
    const s = validationSheet([], tables, "en");
    expect(at(s, 1, 1)?.value).toBe(0);
    expect(at(s, 4, 0)?.style).toBe("note");
  });

  test("in Khmer", () => {
    const km = validationSheet(findings, tables, "km");
    expect(at(km, 0, 0)?.value).toBe("ការត្រួតពិនិត្យ");
    expect(at(km, 1, 0)?.value).toBe("កំហុស");
    expect(at(km, 4, 0)?.value).toBe("កំហុស");
    expect(at(km, 4, 1)?.value).toBe("goal-unknown"); // rule ids are stable, never translated
  });
});
