/**
 * Issue 12, import half, end to end through `planner`: a workbook's own measures, its CSV
 * export and LibreOffice's re-save of it import back as no change; bad mappings are refused.
 */
import { copyFileSync, readFileSync } from "node:fs";
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
])("the %s workbook imported into itself changes nothing (institutions hold commas)", (framework, count) => {
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
});
