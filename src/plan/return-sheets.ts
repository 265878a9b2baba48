/**
 * The sheets of one institution's return workbook: Instructions (in the chosen language),
 * Measures (that institution's measures, the filled columns unlocked, the rest locked by sheet
 * protection without a password, a Status dropdown) and Return (where the file came from).
 */
import { TABLE_HEADERS } from "../model/schema";
import { STATUSES, type Cell } from "../model/types";
import type { Language } from "./labels";
import { NUMBER_FORMATS } from "./setup";
import type { PlanCell, PlanSheet, WorkbookPlan } from "./types";

/** The Measures columns a ministry fills in; every other cell of a return is locked. */
export const RETURN_FILLED_COLUMNS = [
  "Status",
  "Progress %",
  "Indicator",
  "Target",
  "Notes",
] as const;

export const RETURN_TABLE = "Return";
export const RETURN_SETTINGS = ["Institution", "Period", "Framework", "Created"] as const;
export const INSTRUCTIONS_SHEET = "Instructions";

export interface ReturnContent {
  institution: string;
  period: string;
  framework: string;
  /** When the return was made ("2026-11-30 16:55 UTC"). */
  created: string;
  /** Measures rows in TABLE_HEADERS.Measures order. */
  rows: Cell[][];
  language: Language;
}

const TEXT: Record<Language, { title: string; lines: (c: ReturnContent) => string[] }> = {
  en: {
    title: "Progress return",
    lines: (c) => [
      `Institution: ${c.institution}`,
      `Period: ${c.period}`,
      `Framework: ${c.framework}`,
      "",
      `The Measures sheet lists the ${c.rows.length} measure(s) your institution is named on. For each one, fill in:`,
      `  • Status: choose one of ${STATUSES.join(", ")} from the list;`,
      "  • Progress %: a number from 0 to 100 (leave it blank if not known);",
      "  • Indicator and Target: how progress is measured, and the value aimed at;",
      "  • Notes: what was done this period, and why progress went down if it did.",
      "",
      "The other columns, the Return sheet and this sheet are locked (sheet protection without a password) so that the secretariat can merge your return by measure No.",
      "Do not add, remove, move or rename rows or columns, and do not rename the sheets: a changed structure cannot be merged and the return will be sent back.",
      "Save the file as .xlsx (Excel, LibreOffice or any program that writes .xlsx) and send it back under any name.",
    ],
  },
  km: {
    title: "របាយការណ៍វឌ្ឍនភាព",
    lines: (c) => [
      `ស្ថាប័ន៖ ${c.institution}`,
      `រយៈពេល៖ ${c.period}`,
      `ក្របខណ្ឌ៖ ${c.framework}`,
      "",
      `សន្លឹក Measures មានវិធានការចំនួន ${c.rows.length} ដែលស្ថាប័នរបស់អ្នកត្រូវបានចាត់តាំង។ សម្រាប់វិធានការនីមួយៗ សូមបំពេញ៖`,
      `  • ស្ថានភាព (Status)៖ ជ្រើសរើសមួយពីបញ្ជី (${STATUSES.join(", ")});`,
      "  • វឌ្ឍនភាព (Progress %)៖ ចំនួនពី 0 ដល់ 100 (ទុកទទេ ប្រសិនបើមិនដឹង);",
      "  • សូចនាករ (Indicator) និងគោលដៅ (Target)៖ របៀបវាស់វឌ្ឍនភាព និងតម្លៃដែលត្រូវសម្រេច;",
      "  • កំណត់សម្គាល់ (Notes)៖ អ្វីដែលបានធ្វើក្នុងរយៈពេលនេះ និងមូលហេតុ ប្រសិនបើវឌ្ឍនភាពធ្លាក់ចុះ។",
      "",
      "ជួរឈរផ្សេងទៀត សន្លឹក Return និងសន្លឹកនេះ ត្រូវបានចាក់សោ (ការការពារសន្លឹកដោយគ្មានពាក្យសម្ងាត់) ដើម្បីឱ្យលេខាធិការដ្ឋានអាចបញ្ចូលរបាយការណ៍របស់អ្នកតាមលេខរៀងវិធានការ។",
      "សូមកុំបន្ថែម លុប ផ្លាស់ទី ឬប្តូរឈ្មោះជួរដេក ឬជួរឈរ ហើយកុំប្តូរឈ្មោះសន្លឹក៖ របាយការណ៍ដែលមានរចនាសម្ព័ន្ធផ្លាស់ប្តូរ មិនអាចបញ្ចូលបានទេ ហើយនឹងត្រូវបញ្ជូនត្រឡប់មកវិញ។",
      "សូមរក្សាទុកឯកសារជា .xlsx (Excel, LibreOffice ឬកម្មវិធីណាមួយដែលសរសេរ .xlsx) ហើយផ្ញើត្រឡប់មកវិញ ក្រោមឈ្មោះណាមួយក៏បាន។",
    ],
  },
};

/** The whole return workbook as a plan (a new workbook: the sheets in tab order). */
export function returnWorkbookPlan(c: ReturnContent): WorkbookPlan {
  const text = TEXT[c.language];
  const cells: PlanCell[] = [{ row: 0, col: 0, value: text.title, style: "title" }];
  text
    .lines(c)
    .forEach((line, i) =>
      cells.push({ row: i + 2, col: 0, value: line, style: line ? "wrap" : undefined })
    );
  const instructions: PlanSheet = {
    name: INSTRUCTIONS_SHEET,
    owned: true,
    cells,
    tables: [],
    charts: [],
    columnWidths: [110],
    protection: { unlockedColumns: [] },
  };
  const headers = [...TABLE_HEADERS.Measures];
  const measures: PlanSheet = {
    name: "Measures",
    owned: false,
    cells: [],
    tables: [
      {
        name: "Measures",
        topLeft: { row: 0, col: 0 },
        headers,
        rows: c.rows,
        style: "TableStyleMedium2",
        numberFormats: NUMBER_FORMATS.Measures,
        validations: [
          { column: "Status", kind: "list", values: [...STATUSES] },
          { column: "Progress %", kind: "decimal", min: 0, max: 100 },
        ],
      },
    ],
    charts: [],
    columnWidths: headers.map((h) =>
      h === "Measure"
        ? 60
        : h === "Institutions"
          ? 40
          : h === "Notes" || h === "Indicator"
            ? 30
            : 14
    ),
    freeze: { rows: 1, cols: 1 },
    protection: { unlockedColumns: [...RETURN_FILLED_COLUMNS] },
  };
  const values: Record<(typeof RETURN_SETTINGS)[number], string> = {
    Institution: c.institution,
    Period: c.period,
    Framework: c.framework,
    Created: c.created,
  };
  const ret: PlanSheet = {
    name: RETURN_TABLE,
    owned: true,
    cells: [],
    tables: [
      {
        name: RETURN_TABLE,
        topLeft: { row: 0, col: 0 },
        headers: ["Setting", "Value"],
        rows: RETURN_SETTINGS.map((s) => [s, values[s]]),
        style: "TableStyleLight9",
      },
    ],
    charts: [],
    columnWidths: [16, 60],
    protection: { unlockedColumns: [] },
  };
  return { sheets: [instructions, measures, ret] };
}
