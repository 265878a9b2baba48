import { frameworkWithAsOfYear, resolveAsOfYear, workbookAsOfYear } from "../../src/model/as-of";
import type { PlannerTables, TableData } from "../../src/model/schema";

const framework = (rows: unknown[][], headers = ["Setting", "Value"]): PlannerTables => ({
  Framework: { name: "Framework", headers, rows } as TableData,
});

describe("the As of year: explicit, then the workbook's, then this year", () => {
  const now = new Date("2027-06-01T00:00:00Z");
  test("an explicit year wins over the workbook's", () => {
    expect(resolveAsOfYear(framework([["As of year", 2030]]), 2024, now)).toBe(2024);
  });
  test("without one, the workbook's Framework value (number, text, spelt loosely)", () => {
    expect(resolveAsOfYear(framework([["As of year", 2030]]), undefined, now)).toBe(2030);
    expect(resolveAsOfYear(framework([["  as of YEAR ", "2031"]]), null, now)).toBe(2031);
    expect(
      workbookAsOfYear(
        framework(
          [
            ["Name", "x"],
            ["As of year", 2029],
          ],
          ["setting", "VALUE"]
        )
      )
    ).toBe(2029);
  });
  test("without both, the current year; an unusable value does not count", () => {
    expect(resolveAsOfYear({}, undefined, now)).toBe(2027);
    expect(resolveAsOfYear(framework([["As of year", "soon"]]), undefined, now)).toBe(2027);
    expect(resolveAsOfYear(framework([["As of year", "twenty"]]), 1.5, now)).toBe(2027);
    expect(resolveAsOfYear(null, undefined, now)).toBe(2027);
  });
  test("setting it changes that one row, or adds it; other rows and extra columns stay", () => {
    const t: TableData = {
      name: "Framework",
      headers: ["Setting", "Value", "Note"],
      rows: [
        ["Name", "DESPF", "x"],
        ["As of year", 2026, "mine"],
      ],
    };
    expect(frameworkWithAsOfYear(t, 2030)!.rows).toEqual([
      ["Name", "DESPF", "x"],
      ["As of year", 2030, "mine"],
    ]);
    expect(t.rows[1][1]).toBe(2026); // the input is not changed
    const without: TableData = {
      name: "Framework",
      headers: ["Value", "Setting"],
      rows: [["DESPF", "Name"]],
    };
    expect(frameworkWithAsOfYear(without, 2030)!.rows).toEqual([
      ["DESPF", "Name"],
      [2030, "As of year"],
    ]);
    expect(
      frameworkWithAsOfYear({ name: "Framework", headers: ["Setting"], rows: [] }, 2030)
    ).toBeNull();
  });
});
