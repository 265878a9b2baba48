import { OfficeMockObject } from "office-addin-mock";
import { PlannerError, explainOfficeError, officeErrorCode } from "../../src/excel/errors";
import { OfficeHost } from "../../src/excel/office-host";

/** What Office.js rejects a sync with: an OfficeExtension.Error (RichApi). */
function richApiError(code: string, message = `RichApi error ${code}`): Error {
  return Object.assign(new Error(message), {
    name: "RichApi.Error",
    code,
    debugInfo: { code, message, errorLocation: "Range.values" },
  });
}

/**
 * office-addin-mock gives the object model of the one path select() takes (tables.getItem →
 * getDataBodyRange → getRow → worksheet.activate / select), and a sync that fails the way
 * Excel does.
 */
function mockExcel(error: Error): { calls: string[] } {
  const calls: string[] = [];
  const range = {
    worksheet: { activate: () => calls.push("activate") },
    select: () => calls.push("select"),
  };
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        tables: {
          getItem: (name: string) => {
            calls.push(`getItem ${name}`);
            return {
              getDataBodyRange: () => ({ getRow: () => range }),
              getHeaderRowRange: () => range,
            };
          },
        },
      },
      sync: async () => {
        calls.push("sync");
        throw error;
      },
    },
    run: async function (this: { context: unknown }, callback: (ctx: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  });
  (globalThis as unknown as { Excel: unknown }).Excel = mock;
  return { calls };
}

afterEach(() => {
  delete (globalThis as unknown as { Excel?: unknown }).Excel;
});

describe("OfficeHost turns Excel's errors into sentences (office-addin-mock)", () => {
  const cases: Array<[string, RegExp]> = [
    [
      "AccessDenied",
      /a sheet is protected: unprotect the sheet \(Review ▸ Unprotect Sheet\) and try again/,
    ],
    [
      "InvalidOperationInCellEditMode",
      /press Enter or Esc to leave the cell you are typing in, then try again/,
    ],
    ["ItemNotFound", /missing — it may have been renamed or deleted.*Run "Set up workbook"/],
    ["InvalidArgument", /Excel refused the change \(Excel reported it at Range\.values\)/],
    ["RangeExceedsLimit", /more cells than Excel allows in one step/],
    ["OperationCellsExceedLimit", /more cells than Excel allows in one step/],
    ["FormulaLengthExceedsLimit", /longer than Excel's limit of 8,192 characters/],
    ["RequestPayloadSizeLimitExceeded", /refused a request larger than 5 MB/],
    ["ResponsePayloadSizeLimitExceeded", /refused to send back more than 5 MB/],
    ["MergedRangeConflict", /unmerge the cells/],
    ["GeneralException", /internal error.*Save the workbook, close and reopen the planner pane/],
  ];
  test.each(cases)("%s", async (code, expected) => {
    const { calls } = mockExcel(richApiError(code));
    const promise = new OfficeHost().select({ table: "Measures", row: 3, column: null });
    await expect(promise).rejects.toThrow(expected);
    await expect(promise).rejects.toThrow(/^Could not go to Measures row 3: /);
    expect(calls).toEqual(["getItem Measures", "activate", "select", "sync"]);
  });

  test("keeps the original error as the cause", async () => {
    const original = richApiError("AccessDenied");
    mockExcel(original);
    const e = await new OfficeHost()
      .select({ table: "Goals", row: 1, column: null })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).cause).toBe(original);
  });
});

describe("explainOfficeError", () => {
  test("names the sheet when the caller knows it", () => {
    expect(explainOfficeError(richApiError("AccessDenied"), { sheet: "Measures" })).toBe(
      "a sheet is protected: unprotect Measures (Review ▸ Unprotect Sheet) and try again. If the whole workbook is protected, use Review ▸ Protect Workbook to turn it off."
    );
  });

  test("reads the code from debugInfo too, and passes planner errors through", () => {
    expect(officeErrorCode({ debugInfo: { code: "ItemNotFound" } })).toBe("ItemNotFound");
    expect(officeErrorCode(new Error("x"))).toBeNull();
    expect(explainOfficeError(new PlannerError("Already worded."))).toBe("Already worded.");
    expect(explainOfficeError(new Error("Plain failure"))).toBe("Plain failure");
    expect(explainOfficeError(richApiError("SomethingNew", "Odd"))).toBe(
      'Excel reported "SomethingNew": Odd'
    );
    expect(explainOfficeError("text")).toBe("text");
  });
});
