import ExcelJS from "exceljs";
import { setAsOfYear } from "../../src/host/as-of";
import { checkWorkbook, setupWorkbook } from "../../src/host/operations";
import { FileHost } from "../../src/io/file-host";
import { workbookAsOfYear } from "../../src/model/as-of";

describe("setAsOfYear writes the workbook's one As of year", () => {
  test("the saved file holds it (ExcelJS reads it back) and the check counts from it", async () => {
    const host = FileHost.blank();
    await setupWorkbook(host, "despf", 2026);
    const at2026 = await checkWorkbook(host);
    expect(at2026.asOfYear).toBe(2026);
    expect((await setAsOfYear(host, 2031)).asOfYear).toBe(2031);
    const bytes = await host.exportXlsx();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
    const values: unknown[][] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => values.push((r.values as unknown[]).slice(1))));
    expect(values).toContainEqual(["As of year", 2031]);
    const reopened = await FileHost.open(bytes);
    expect(workbookAsOfYear(await reopened.readTables())).toBe(2031);
    const at2031 = await checkWorkbook(reopened);
    expect(at2031.asOfYear).toBe(2031);
    const overdue = (r: typeof at2026) => r.findings.filter((f) => f.rule === "overdue").length;
    expect(overdue(at2031)).toBeGreaterThan(overdue(at2026));
    // An explicit year still wins.
    expect(
      (await checkWorkbook(reopened, { asOfYear: 2026 })).findings.filter(
        (f) => f.rule === "overdue"
      ).length
    ).toBe(overdue(at2026));
  });

  test("bad input: a clear message and nothing written", async () => {
    const host = FileHost.blank();
    await expect(setAsOfYear(host, 2031)).rejects.toThrow(/no Framework table/);
    await setupWorkbook(host, "dgp", 2026);
    const before = await host.exportXlsx();
    await expect(setAsOfYear(host, 20300)).rejects.toThrow(/from 1900 to 2200/);
    expect(workbookAsOfYear(await host.readTables())).toBe(2026);
    expect((await host.exportXlsx()).length).toBe(before.length);
  });
});
