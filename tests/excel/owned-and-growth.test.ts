/**
 * The Office host's side of issue 12, on the recording fake: owned sheets carry the
 * PolicyPlanner_Owned marker, and a table that gains columns moves what is beside it right
 * (Range.insert "Right") instead of writing over it.
 */
import { OfficeHost } from "../../src/excel/office-host";
import { buildSummary, setupWorkbook } from "../../src/host/operations";
import { TABLE_HEADERS } from "../../src/model/schema";
import { OWNED_MARKER } from "../../src/plan/owned-sheets";
import { RecordingExcel, seedTable } from "./recording-context";

let fake: RecordingExcel;
let uninstall: () => void;
beforeEach(() => {
  fake = new RecordingExcel();
  uninstall = fake.install();
});
afterEach(() => uninstall());

test("every rebuilt owned sheet carries the marker, once, after building twice", async () => {
  const host = new OfficeHost();
  await setupWorkbook(host, "despf", 2026);
  await buildSummary(host, { asOfYear: 2026 });
  await buildSummary(host, { asOfYear: 2026 });
  const owned = fake.model.sheets.filter((s) => /^(Summary|Briefing|Validation)/.test(s.name));
  expect(owned.length).toBeGreaterThanOrEqual(3);
  for (const sheet of owned)
    expect({ sheet: sheet.name, names: [...sheet.names.keys()] }).toEqual({
      sheet: sheet.name,
      names: [OWNED_MARKER],
    });
  expect([...fake.model.sheet("Measures").names.keys()]).toEqual([]);
});

test("an extra column moves the user's table beside the Measures table right, nothing overwritten", async () => {
  const headers = [...TABLE_HEADERS.Measures];
  const rows = ["1", "2", "3"].map((no) => [
    no,
    "I",
    "I.A",
    `Measure ${no}`,
    "DGC",
    "",
    "",
    "Short-term",
    2021,
    2025,
    "Not started",
    "",
    "",
    "",
    "",
  ]);
  const measures = seedTable(fake.model, "Measures", "Measures", headers, rows);
  seedTable(
    fake.model,
    "Measures",
    "Budget",
    ["Item", "Amount"],
    [
      ["Fibre", 1200],
      ["Audit", 50],
    ],
    0,
    headers.length + 1
  );
  const host = new OfficeHost();
  await host.writeTable({
    name: "Measures",
    headers: [...headers, "Budget line", "Owner"],
    rows: rows.map((r) => [...r, "BL-1", "Dara"]),
  });
  const budget = fake.model.table("Budget");
  expect(budget.left).toBe(headers.length + 3);
  expect(budget.headers).toEqual(["Item", "Amount"]);
  expect(budget.body()).toEqual([
    ["Fibre", 1200],
    ["Audit", 50],
  ]);
  expect(measures.width).toBe(headers.length + 2);
  expect(measures.headers.slice(-2)).toEqual(["Budget line", "Owner"]);
  expect(measures.body()[0].slice(-2)).toEqual(["BL-1", "Dara"]);
});

test("a taller table beside cannot be split: Excel refuses the insert and nothing is written", async () => {
  const headers = [...TABLE_HEADERS.Measures];
  const rows = [
    [
      "1",
      "I",
      "I.A",
      "One",
      "DGC",
      "",
      "",
      "Short-term",
      2021,
      2025,
      "Not started",
      "",
      "",
      "",
      "",
    ],
  ];
  seedTable(fake.model, "Measures", "Measures", headers, rows);
  seedTable(
    fake.model,
    "Measures",
    "Budget",
    ["Item", "Amount"],
    [
      ["Fibre", 1200],
      ["Audit", 50],
      ["Training", 300],
    ],
    0,
    headers.length + 1
  );
  const before = JSON.stringify([...fake.model.sheet("Measures").rows.entries()]);
  const e = await new OfficeHost()
    .writeTable({
      name: "Measures",
      headers: [...headers, "Budget line"],
      rows: rows.map((r) => [...r, "BL-1"]),
    })
    .catch((x: unknown) => x);
  expect((e as Error).message).toMatch(/Could not write the Measures table/);
  expect(fake.model.table("Budget").left).toBe(headers.length + 1);
  expect(JSON.stringify([...fake.model.sheet("Measures").rows.entries()])).toBe(before);
});
