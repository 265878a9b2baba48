/**
 * The Summary's cached values against a spreadsheet program nobody here wrote: the workbook
 * (Measures and Committees as real tables, Summary cells as { formula, result }) goes through
 * LibreOffice headless, which recalculates every formula on load (its profile says so:
 * OOXMLRecalcMode 0 — by default it keeps the cached values, which a planted wrong cached
 * value in a canary cell shows), and writes each sheet to CSV. Every formula cell must read
 * back as the value we cached. Skipped, with a warning, when `soffice` is not on PATH.
 */
import { parseCsvText } from "../helpers/soffice";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { builtinFramework } from "../../src/model/builtin";
import { frameworkToTables } from "../../src/model/convert";
import type { PlannerTables, TableData } from "../../src/model/schema";
import { STATUSES, type Cell } from "../../src/model/types";
import { frameworkForSheets, workbookSummary } from "../../src/plan/owned-sheets";
import { summarySheet } from "../../src/plan/summary-sheet";
import type { PlanSheet } from "../../src/plan/types";
import { oddTables, smallTables } from "./fixtures";

const hasSoffice = spawnSync("sh", ["-c", "command -v soffice"]).status === 0;

const parseCsv = parseCsvText;

function addTable(wb: ExcelJS.Workbook, t: TableData): void {
  const loc = t.location ?? { sheet: t.name, row: 0, col: 0 };
  const ws = wb.getWorksheet(loc.sheet) ?? wb.addWorksheet(loc.sheet);
  ws.addTable({
    name: t.name,
    ref: ws.getCell(loc.row + 1, loc.col + 1).address,
    headerRow: true,
    columns: t.headers.map((name) => ({ name })),
    rows: (t.rows.length ? t.rows : [t.headers.map(() => null)]).map((r) => r.map((c: Cell) => c)),
  });
}

function writeSummary(wb: ExcelJS.Workbook, name: string, sheet: PlanSheet): void {
  const ws = wb.addWorksheet(name);
  for (const c of sheet.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    if (c.formula)
      cell.value = { formula: c.formula, result: c.value ?? "" } as ExcelJS.CellFormulaValue;
    else if (c.value !== null) cell.value = c.value;
  }
}

interface Case {
  file: string;
  tables: PlannerTables;
  sheets: Record<string, PlanSheet>;
}

function makeCase(file: string, tables: PlannerTables): Case {
  const f = frameworkForSheets(tables);
  const data = workbookSummary(tables, f);
  return {
    file,
    tables,
    sheets: {
      Summary: summarySheet(f, data, "en"),
      SummaryA1: summarySheet(f, data, "en", { references: "a1" }),
    },
  };
}

/** DESPF's 139 measures with statuses, progress and a few odd cells filled in. */
function despfTables(): PlannerTables {
  const f = builtinFramework("despf", 2026);
  f.measures.forEach((m, i) => {
    m.status = i % 7 === 6 ? "Stalled" : STATUSES[i % 5];
    m.progress = i % 3 === 0 ? null : (i * 13) % 101;
  });
  const t = frameworkToTables(f);
  const measures: TableData = {
    ...t.Measures,
    rows: t.Measures.rows.map((r) => [...r]),
    location: { sheet: "Measures", row: 0, col: 0 },
  };
  const startCol = measures.headers.indexOf("Start year");
  measures.rows[3][startCol] = String(measures.rows[3][startCol]); // a year typed as text
  measures.rows[5][measures.headers.indexOf("Lead committee")] = "dgc"; // lower case
  measures.rows.push(measures.headers.map(() => null)); // a blank row
  return {
    ...t,
    Measures: measures,
    Committees: { ...t.Committees, location: { sheet: "Committees", row: 1, col: 2 } },
  };
}

/** Seeded odd cells: numbers, booleans, wildcards, quotes, spaces, case, dates, text years. */
function fuzzTables(): PlannerTables {
  const t = frameworkToTables(builtinFramework("blank", 2025));
  t.Goals = {
    ...t.Goals,
    rows: [
      ["I", "One", ""],
      ["1", "Numeric code", ""],
      ["a*", "Wild", ""],
    ],
  };
  t.Timeframes = {
    ...t.Timeframes,
    rows: [
      ["Short-term", 2021, 2025],
      ["2022-2025", 2022, 2025],
      ['Say "x"', null, null],
    ],
  };
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const rows: Cell[][] = [];
  for (let i = 0; i < 60; i++) {
    rows.push([
      pick<Cell>([String(i + 1), i + 1, null, " "]),
      pick<Cell>(["I", "i", 1, "1", "a*", "ab", "A*", null, " I"]),
      "S",
      `m${i}`,
      pick<Cell>(["DGC", "dgc", "DGC ", "DEBC", "DSC", "Digital Security Committee", null, 3, "*"]),
      pick<Cell>(["", "DGC", "dsc; DEBC", "xDGCx", "DEBC", null, "~DGC"]),
      "",
      pick<Cell>(["Short-term", "short-TERM", "2022-2025", 'Say "x"', "Say x", null, 2022]),
      pick<Cell>([2020, 2021, 2023, "2022", null, new Date(Date.UTC(2022, 2, 1)), 2024.5]),
      pick<Cell>([2022, 2025, 2030, "2026", null, 1990]),
      pick<Cell>([
        "Completed",
        "completed",
        "On track",
        "At risk",
        "Delayed",
        "Not started",
        "Done",
        null,
        " Completed",
      ]),
      pick<Cell>([null, 0, 50, 100, 101, -3, "40", 33.3]),
      "",
      "",
      "",
    ]);
  }
  return {
    ...t,
    Measures: { ...t.Measures, rows, location: { sheet: "Measures", row: 0, col: 0 } },
    Committees: {
      ...t.Committees,
      rows: [
        ...t.Committees.rows.map((r, i) => {
          const x = [...r];
          x[4] = [5, "7", null][i];
          return x;
        }),
        ["dgc", "dup", "", "", 2],
      ],
      location: { sheet: "Committees", row: 0, col: 0 },
    },
  };
}

(hasSoffice ? describe : describe.skip)(
  "LibreOffice recalculates the Summary to our cached values",
  () => {
    let dir = "";
    const cases: Case[] = [];
    const csv = new Map<string, string[][]>();

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "summary-lo-"));
      cases.push(
        makeCase("small", smallTables()),
        makeCase("odd", oddTables()),
        makeCase("despf", despfTables()),
        makeCase("fuzz", fuzzTables())
      );
      const files: string[] = [];
      for (const c of cases) {
        const wb = new ExcelJS.Workbook();
        addTable(wb, c.tables.Measures as TableData);
        addTable(wb, c.tables.Committees as TableData);
        for (const [name, sheet] of Object.entries(c.sheets)) writeSummary(wb, name, sheet);
        // A canary: a cached value that is wrong on purpose. 2 proves LibreOffice recalculated.
        wb.addWorksheet("Canary").getCell("A1").value = {
          formula: "1+1",
          result: 99,
        } as ExcelJS.CellFormulaValue;
        const file = path.join(dir, `${c.file}.xlsx`);
        await wb.xlsx.writeFile(file);
        files.push(file);
      }
      // A private profile that tells LibreOffice to recalculate OOXML files on load.
      const user = path.join(dir, "profile", "user");
      fs.mkdirSync(user, { recursive: true });
      fs.writeFileSync(
        path.join(user, "registrymodifications.xcu"),
        `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
      );
      const out = path.join(dir, "csv");
      execFileSync(
        "soffice",
        [
          "--headless",
          `-env:UserInstallation=file://${path.join(dir, "profile")}`,
          "--convert-to",
          "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
          "--outdir",
          out,
          ...files,
        ],
        { stdio: "pipe", timeout: 110_000 }
      );
      for (const name of fs.readdirSync(out))
        csv.set(
          name.replace(/\.csv$/, ""),
          parseCsv(fs.readFileSync(path.join(out, name), "utf8"))
        );
    });

    afterAll(() => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    test("LibreOffice recalculated (the canary's wrong cache is gone)", () => {
      for (const c of cases) expect(csv.get(`${c.file}-Canary`)?.[0]?.[0]).toBe("2");
    });

    test.each(["small", "odd", "despf", "fuzz"])(
      "%s: every formula cell, structured and A1 references",
      (file) => {
        const c = cases.find((x) => x.file === file);
        if (!c) throw new Error(file);
        let checked = 0;
        const mismatches: string[] = [];
        for (const [name, sheet] of Object.entries(c.sheets)) {
          const grid = csv.get(`${file}-${name}`);
          expect(grid).toBeDefined();
          for (const cell of sheet.cells) {
            if (!cell.formula) continue;
            const got = grid?.[cell.row]?.[cell.col] ?? "";
            const want = cell.value;
            const ok =
              typeof want === "number"
                ? got !== "" && Math.abs(Number(got) - want) <= 1e-9 * Math.max(1, Math.abs(want))
                : got === (want ?? "");
            if (!ok)
              mismatches.push(
                `${name}!R${cell.row + 1}C${cell.col + 1} ${cell.formula}: cached ${JSON.stringify(want)}, LibreOffice ${JSON.stringify(got)}`
              );
            checked++;
          }
        }
        expect(mismatches).toEqual([]);
        expect(checked).toBeGreaterThan(50);
      }
    );
  }
);

if (!hasSoffice) {
  console.warn(
    "soffice is not on PATH: the LibreOffice recalculation test of the Summary is skipped."
  );
}
