import { rollUpFindings, RULE_URGENCY, shortTitle } from "../../src/rules/rollup";
import { RULE_IDS } from "../../src/rules/finding";
import { validate } from "../../src/rules/validate";
import { FileHost } from "../../src/io/file-host";
import { setupWorkbook } from "../../src/host/operations";

describe("findings rolled up by rule, most urgent first", () => {
  test("every rule has one place in the urgency order", () => {
    expect([...RULE_URGENCY].sort()).toEqual([...RULE_IDS].sort());
  });

  test("a fresh DESPF workbook at 2030: overdue before not-started-late, each line with No., short title, committee", async () => {
    const host = FileHost.blank();
    await setupWorkbook(host, "despf", 2030);
    const tables = await host.readTables();
    const findings = validate(tables);
    const groups = rollUpFindings(findings, tables);
    const rules = groups.map((g) => g.rule);
    expect(rules.indexOf("overdue")).toBeGreaterThanOrEqual(0);
    expect(rules.indexOf("overdue")).toBeLessThan(rules.indexOf("not-started-late"));
    expect(groups.reduce((n, g) => n + g.lines.length, 0)).toBe(findings.length);
    const overdue = groups.find((g) => g.rule === "overdue")!;
    expect(overdue.lines.length).toBe(findings.filter((f) => f.rule === "overdue").length);
    for (const line of overdue.lines) {
      expect(line.finding).toBe(findings[line.index]);
      expect(line.no).toBe(line.finding.key);
      expect(line.title.length).toBeGreaterThan(0);
      expect(line.title.length).toBeLessThanOrEqual(60);
      expect(["DGC", "DEBC", "DSC"]).toContain(
        line.committee
          .split(/[;,]/)[0]
          .trim()
          .replace(/^Committee on Digital (Government|Economy and Business|Security)$/, "DGC")
      );
    }
    // Severity first: no warning group before an error group.
    const sev = groups.map((g) => ["error", "warning", "info"].indexOf(g.severity));
    expect([...sev].sort((a, b) => a - b)).toEqual(sev);
  });

  test("findings carry the sheet row and cell as Excel shows them; row stays the data-row index", async () => {
    const host = FileHost.blank();
    await setupWorkbook(host, "despf", 2030);
    const tables = await host.readTables();
    const loc = tables.Measures!.location!;
    const f = validate(tables).find((x) => x.table === "Measures" && x.column === "End year")!;
    expect(f.sheetRow).toBe(loc.row + f.row! + 1);
    expect(f.cell).toBe(
      `${loc.sheet}!J${loc.row + f.row! + 1}`.replace(/^([^!]*[^A-Za-z0-9_.!][^!]*)!/, "'$1'!")
    );
  });

  test("short titles cut at a word, never mid-word when a space is near", () => {
    expect(shortTitle("Short one")).toBe("Short one");
    const long =
      "Establish a national framework for the interoperability of government information systems and data";
    const s = shortTitle(long);
    expect(s.endsWith("…")).toBe(true);
    expect(s.length).toBeLessThanOrEqual(60);
    expect(long.startsWith(s.slice(0, -1))).toBe(true);
    expect(long[s.length - 1]).toBe(" ");
  });
});
