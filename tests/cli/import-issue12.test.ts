/**
 * Issue 12, import half, end to end through `planner`: a workbook's own measures, its CSV
 * export and LibreOffice's re-save of it import back as no change; bad mappings are refused.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { planner, tempDir } from "../helpers/cli";
import { hasSoffice, sofficeConvert } from "../helpers/soffice";

const dir = tempDir("planner-issue12-");

interface Report {
  added: string[];
  updated: Array<{ no: string }>;
  rejected: unknown[];
  unchanged: number;
}

function dryRun(source: string, into: string): Report {
  const r = planner("import", source, "--into", into, "--dry-run", "--format", "json");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return (JSON.parse(r.stdout) as { report: Report }).report;
}

describe.each([
  ["despf", 139],
  ["dgp", 83],
])(
  "the %s workbook imported into itself changes nothing (institutions hold commas)",
  (framework, count) => {
    const book = join(dir, `${framework}.xlsx`);
    beforeAll(() => expect(planner("new", "--framework", framework, "-o", book).status).toBe(0));

    it("from the workbook itself", () => {
      const r = dryRun(book, book);
      expect(r.updated).toEqual([]);
      expect([r.added.length, r.rejected.length, r.unchanged]).toEqual([0, 0, count]);
    });

    it("from its own CSV export", () => {
      const csv = join(dir, `${framework}.csv`);
      expect(planner("export", book, "--format", "csv", "-o", csv).status).toBe(0);
      expect(readFileSync(csv, "utf8")).toMatch(/Ministry of [^;"]*, [^;"]*/); // a name with a comma is in there
      const r = dryRun(csv, book);
      expect(r.updated).toEqual([]);
      expect(r.unchanged).toBe(count);
    });

    (hasSoffice() ? it : it.skip)("from LibreOffice's re-save of it", () => {
      const copy = join(dir, `lo-${framework}.xlsx`);
      copyFileSync(book, copy);
      const saved = join(sofficeConvert(copy, "xlsx"), `lo-${framework}.xlsx`);
      const r = dryRun(saved, book);
      expect(r.updated).toEqual([]);
      expect(r.unchanged).toBe(count);
    });
  }
);

describe("bad sources and mappings: exit 2, one line naming the file and what to do, the workbook untouched", () => {
  const book = join(dir, "target.xlsx");
  const csv = join(dir, "ministry.csv");
  beforeAll(() => {
    expect(planner("new", "--framework", "despf", "-o", book).status).toBe(0);
    writeFileSync(
      csv,
      "No.,Measure,Status\r\n1,Build the data centre,On track\r\n2,Broadband,Delayed\r\n"
    );
  });
  const refused = (args: string[], message: RegExp) => {
    const before = readFileSync(book);
    const r = planner("import", ...args, "--into", book);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(book).equals(before)).toBe(true);
  };

  it("a CSV with one quote never closed", () => {
    const bad = join(dir, "unclosed.csv");
    writeFileSync(
      bad,
      'No.,Measure,Status\r\n1,"Build the data centre,On track\r\n2,Broadband,Delayed\r\n3,Digital ID,Completed\r\n'
    );
    refused([bad], /^planner: unclosed\.csv: Line 2 opens a quote \("\) that is never closed/);
  });

  it("--map to a column no row has anything in", () => {
    refused(
      [csv, "--map", "Status=9"],
      /ministry\.csv: The column mapping puts “Status” in source column J, but no row of the source has anything in that column \(its columns are A to C\)/
    );
  });

  it("--map with letters means the same columns as 0-based numbers", () => {
    refused(
      [csv, "--map", "Status=J"],
      /ministry\.csv: The column mapping puts “Status” in source column J, but no row/
    );
    refused(
      [csv, "--map", "Measure=b,Notes=1"],
      /gives source column B to both “Measure” and “Notes”/
    );
  });

  it("--map giving two fields one column", () => {
    refused(
      [csv, "--map", "Measure=1,Notes=1"],
      /ministry\.csv: The column mapping gives source column B to both “Measure” and “Notes”/
    );
  });
});

it("imports LibreOffice's tab-separated UTF-16 text (Excel's “Unicode Text”) like a CSV", () => {
  const book = join(dir, "khmer-target.xlsx");
  expect(planner("new", "--framework", "despf", "-o", book).status).toBe(0);
  const utf16 = dryRun(join(__dirname, "../fixtures/sources/libreoffice-khmer-utf16.csv"), book);
  const utf8 = dryRun(join(__dirname, "../fixtures/sources/khmer-report.csv"), book);
  expect(utf16.added).toEqual(utf8.added);
  expect(utf16.updated).toEqual(utf8.updated);
  expect(utf16.added.length + utf16.updated.length).toBeGreaterThan(0);
});
