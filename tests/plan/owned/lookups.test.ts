/**
 * The owned sheets look things up once and remember them (committee names, tables, columns,
 * status labels). Against the straightforward lookups, on random inputs.
 */
import fc from "fast-check";
import { CommitteeIndex } from "../../../src/model/committees";
import type { PlannerTables, TableData } from "../../../src/model/schema";
import type { Framework, Measure } from "../../../src/model/types";
import type { Finding } from "../../../src/rules/finding";
import { briefingBlocks } from "../../../src/plan/briefing";
import { LABELS, statusLabel, type Language } from "../../../src/plan/labels";
import {
  findingKey,
  findingLink,
  VALIDATION_HEADER_ROW,
  validationSheet,
} from "../../../src/plan/validation-sheet";
import { committeeDims } from "../../../src/summary/dimensions";
import { COMMITTEES, measure, smallFramework, smallTables } from "../../summary/fixtures";

/** The reference: as briefingBlocks was first written (a filter over all measures per committee). */
function referenceBlocks(
  framework: Framework
): Array<{ code: string | null; name: string; nameKm: string; measures: Measure[] }> {
  const index = new CommitteeIndex(framework.committees);
  const codesOf = framework.measures.map((m) => {
    const codes = new Set<string>();
    for (const c of [m.leadCommittee, ...m.otherCommittees]) {
      const code = index.resolve(c);
      if (code) codes.add(code.toLowerCase());
    }
    return codes;
  });
  const blocks: Array<{ code: string | null; name: string; nameKm: string; measures: Measure[] }> =
    committeeDims(framework).map((c) => ({
      code: c.code,
      name: c.name || c.code,
      nameKm: c.nameKm,
      measures: framework.measures.filter((_, i) => codesOf[i].has(c.code.toLowerCase())),
    }));
  const none = framework.measures.filter((_, i) => codesOf[i].size === 0);
  if (none.length > 0) blocks.push({ code: null, name: "", nameKm: "", measures: none });
  return blocks;
}

const NAMES = [
  "",
  "DGC",
  "dgc",
  " DGC ",
  "DEBC",
  "DSC",
  "Committee on Digital Government",
  "digital security committee",
  "Nobody",
  "X",
];

describe("Briefing blocks", () => {
  test("random committees and measures: the same blocks as a filter per committee", () => {
    const committee = fc.record({
      code: fc.constantFrom("DGC", "dgc", "DEBC", "DSC", "", " X "),
      name: fc.constantFrom(
        "",
        "Digital Government Committee",
        "Digital Security Committee",
        "Nobody"
      ),
      nameKm: fc.constantFrom("", "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល"),
      aliases: fc.array(fc.constantFrom("Committee on Digital Government", "X"), { maxLength: 2 }),
      expectedMeasures: fc.constant(null),
    });
    const m = fc.record({
      leadCommittee: fc.constantFrom(...NAMES),
      otherCommittees: fc.array(fc.constantFrom(...NAMES), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constant(COMMITTEES.map((c) => ({ ...c }))),
          fc.array(committee, { maxLength: 4 })
        ),
        fc.array(m, { maxLength: 40 }),
        (committees, ms) => {
          const f: Framework = {
            ...smallFramework(),
            committees,
            measures: ms.map((x, i) => measure(String(i + 1), x)),
          };
          expect(briefingBlocks(f)).toEqual(referenceBlocks(f));
        }
      ),
      { numRuns: 200 }
    );
  });
});

describe("Validation sheet lookups", () => {
  test("random findings: each row's link and key are findingLink's and findingKey's", () => {
    const base = smallTables();
    const tables: PlannerTables = {
      ...base,
      Goals: {
        ...(base.Goals as TableData),
        headers: ["  CODE ", "goal", "Goal (Khmer)"],
        location: { sheet: "It's", row: 4, col: 27 },
      },
    };
    delete (tables as Record<string, unknown>).Committees;
    (tables as Record<string, TableData>).committees = {
      ...(base.Committees as TableData),
      location: { sheet: "C", row: 0, col: 0 },
    };
    const finding = fc.record({
      rule: fc.constant("overdue" as const),
      severity: fc.constantFrom("error" as const, "warning" as const, "info" as const),
      table: fc.constantFrom(
        "Measures" as const,
        "Goals" as const,
        "Committees" as const,
        "Strategies" as const,
        "Framework" as const
      ),
      row: fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 12 }), fc.constant(2.5)),
      column: fc.oneof(
        fc.constant(null),
        fc.constantFrom(
          "",
          "Code",
          "code",
          "Goal",
          "End year",
          "endyear",
          "Expected measures",
          "No such"
        )
      ),
      key: fc.constant(null),
      message: fc.string({ maxLength: 5 }),
      params: fc.constant({}),
    });
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 30 }), (findings: Finding[]) => {
        const sheet = validationSheet(findings, tables, "en");
        findings.forEach((f, i) => {
          const row = VALIDATION_HEADER_ROW + 1 + i;
          const message = sheet.cells.find((c) => c.row === row && c.col === 6);
          const key = sheet.cells.find((c) => c.row === row && c.col === 7);
          const link = findingLink(f, tables);
          expect(message?.link).toBe(link ?? undefined);
          expect(message?.style).toBe(link ? "link" : undefined);
          expect(key?.value).toBe(findingKey(f, tables));
        });
      }),
      { numRuns: 100 }
    );
  });
});

describe("Status labels", () => {
  test("the five statuses in any case and spacing, anything else as written", () => {
    const keys = {
      "Not started": "stNotStarted",
      "On track": "stOnTrack",
      "At risk": "stAtRisk",
      Delayed: "stDelayed",
      Completed: "stCompleted",
    } as const;
    const reference = (language: Language, status: string): string => {
      const k = (Object.keys(keys) as Array<keyof typeof keys>).find(
        (s) => s.toLowerCase() === status.trim().toLowerCase()
      );
      return k ? LABELS[language][keys[k]] : status;
    };
    const status = fc.oneof(
      fc.constantFrom(
        "Not started",
        " not STARTED ",
        "On track",
        "at risk",
        "Delayed\t",
        "COMPLETED",
        "Done",
        "",
        " "
      ),
      fc.string({ maxLength: 4 })
    );
    fc.assert(
      fc.property(fc.constantFrom("en" as const, "km" as const), status, (language, s) => {
        expect(statusLabel(language, s)).toBe(reference(language, s));
      })
    );
  });
});
