import type { CheckedWorkbook } from "../../src/host/operations";
import { initialWorkbookState, workbookReducer } from "../../src/taskpane/workbook-state";
import { FakeHost } from "./fake-host";

const checked = (host: FakeHost): CheckedWorkbook => ({
  tables: host.tables,
  asOfYear: 2026,
  findings: [],
  committees: [],
  choices: [],
  counts: { error: 0, warning: 0, info: 0 },
});

test("a write drops the findings and numbers worked out from the old tables, and says whether Undo applies", () => {
  const host = FakeHost.despf("file");
  let s = initialWorkbookState("file", host, "a.xlsx");
  s = workbookReducer(s, { type: "checked", result: checked(host) });
  expect(s.check).not.toBeNull();
  expect(s.changed).toBe(true); // the Validation sheet was written into the file's workbook
  s = workbookReducer(s, { type: "written", tables: host.tables, undoImport: true });
  expect(s.check).toBeNull();
  expect(s.dashboard).toBeNull();
  expect(s.undoImport).toBe(true);
  s = workbookReducer(s, { type: "writing" });
  expect(s.undoImport).toBe(false);
  s = workbookReducer(s, { type: "saved" });
  expect(s.changed).toBe(false);
});

test("another workbook starts from nothing; in Excel a check does not make the pane ask to save", () => {
  const host = FakeHost.despf();
  let s = initialWorkbookState("excel", host, null);
  s = workbookReducer(s, { type: "checked", result: checked(host) });
  expect(s.changed).toBe(false);
  const other = FakeHost.despf("file");
  s = workbookReducer(s, {
    type: "workbook",
    host: other,
    mode: "file",
    fileName: "b.xlsx",
    tables: other.tables,
    changed: true,
  });
  expect(s).toMatchObject({
    host: other,
    mode: "file",
    fileName: "b.xlsx",
    check: null,
    dashboard: null,
    changed: true,
    undoImport: false,
  });
});
