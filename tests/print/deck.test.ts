/**
 * The briefing deck: slides and titles as planned, charts as native chart parts (not pictures)
 * in the status colours, LibreOffice converts it to PDF with one page per slide. DESPF and DGP,
 * English and Khmer; `planner brief` on bad input: one line, exit 2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import JSZip from "jszip";
import { briefingDeck, ROWS_PER_SLIDE, type DeckPlan } from "../../src/plan/deck";
import { frameworkForSheets, workbookSummary } from "../../src/plan/owned-sheets";
import { frameworkToTables } from "../../src/model/convert";
import { STATUS_COLORS } from "../../src/plan/palette";
import type { FrameworkId, Language } from "../../src/model/types";
import { planner } from "../helpers/cli";
import { hasSoffice } from "../helpers/soffice";
import {
  AS_OF,
  builtDeck,
  builtWorkbook,
  keepPages,
  pdfPages,
  toPdf,
  variedFramework,
} from "./render";

const CASES: Array<[FrameworkId, Language]> = [
  ["despf", "en"],
  ["despf", "km"],
  ["dgp", "en"],
  ["dgp", "km"],
];

function planFor(id: FrameworkId, language: Language, committee?: string): DeckPlan {
  const tables = frameworkToTables(variedFramework(id));
  const f = frameworkForSheets(tables, AS_OF);
  return briefingDeck(f, workbookSummary(tables, f), { language, committee });
}

describe("the deck's plan", () => {
  test("title, overview, per committee its status chart and attention measures (continued), annex", () => {
    const plan = planFor("despf", "en");
    const titles = plan.slides.map((s) => s.title);
    expect(titles[0]).toBe("Briefing");
    expect(titles[1]).toBe("Overview");
    expect(titles).toContain("Digital Government Committee");
    expect(
      titles.some((t) =>
        t.startsWith(
          "Digital Economy and Business Committee: measures needing attention (continued 2)"
        )
      )
    ).toBe(true);
    expect(
      titles.filter((t) => t.startsWith("Annex: overdue and delayed measures")).length
    ).toBeGreaterThan(1);
    for (const s of plan.slides)
      if (s.kind === "table" && s.table)
        expect(s.table.rows.length).toBeLessThanOrEqual(ROWS_PER_SLIDE);
    const overview = plan.slides[1];
    if (overview.kind !== "overview") throw new Error("no overview");
    expect(overview.charts[0].series.map((s) => [s.name, s.color])).toEqual([
      ["Not started", STATUS_COLORS["Not started"]],
      ["On track", STATUS_COLORS["On track"]],
      ["At risk", STATUS_COLORS["At risk"]],
      ["Delayed", STATUS_COLORS.Delayed],
      ["Completed", STATUS_COLORS.Completed],
    ]);
    expect(overview.charts[1].series[1].values[0]).toBe(60); // DGC's expected count beside its actual
  });

  test("one committee only; an unknown code is refused with the codes there are", () => {
    const plan = planFor("despf", "en", "dsc");
    expect(plan.slides[0].title).toBe("Briefing — Digital Security Committee");
    expect(plan.slides.filter((s) => s.kind === "committee").map((s) => s.title)).toEqual([
      "Digital Security Committee",
    ]);
    expect(() => planFor("despf", "en", "ZZ")).toThrow(
      'No committee with the code "ZZ" (the Committees table has DGC, DEBC, DSC).'
    );
  });

  test("Khmer words and the Khmer UI font", () => {
    const plan = planFor("despf", "km");
    expect(plan.font).toBe("Khmer UI");
    expect(plan.slides[1].title).toBe("ទិដ្ឋភាពទូទៅ");
    expect(plan.slides.some((s) => s.title === "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល")).toBe(true);
  });
});

const run = hasSoffice() ? describe : describe.skip;

run("the deck as a file, rendered by LibreOffice", () => {
  const dir = mkdtempSync(join(tmpdir(), "deck-"));
  const decks = new Map<string, { file: string; plan: DeckPlan }>();
  const pages = new Map<string, ReturnType<typeof pdfPages>>();

  beforeAll(async () => {
    for (const [id, lang] of CASES) decks.set(`${id}-${lang}`, await builtDeck(dir, id, lang));
    const out = toPdf([...decks.values()].map((d) => d.file));
    for (const [key, d] of decks) {
      const pdf = join(out, basename(d.file).replace(/\.pptx$/, ".pdf"));
      pages.set(key, pdfPages(pdf));
      keepPages(pdf, `${key}-deck`, [1, 2, 3]);
    }
  }, 600_000);

  test.each(CASES)(
    "%s in %s: native chart parts in the status colours, no pictures",
    async (id, lang) => {
      const { file, plan } = decks.get(`${id}-${lang}`)!;
      const zip = await JSZip.loadAsync(readFileSync(file));
      const names = Object.keys(zip.files);
      const charts = names.filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
      const planned = plan.slides.reduce(
        (n, s) =>
          n + (s.kind === "overview" ? s.charts.length : s.kind === "committee" && s.chart ? 1 : 0),
        0
      );
      expect(charts).toHaveLength(planned);
      expect(names.filter((n) => n.startsWith("ppt/media/") && !n.endsWith("/"))).toEqual([]);
      expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(
        plan.slides.length
      );
      const xml = (await Promise.all(charts.map((c) => zip.file(c)!.async("string")))).join("\n");
      for (const hex of Object.values(STATUS_COLORS))
        expect(xml).toContain(`<a:srgbClr val="${hex}"/>`);
      expect(xml).toContain('<c:showVal val="1"/>');
      // The slides place the charts as graphic frames over chart parts.
      const slides = (
        await Promise.all(
          names
            .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
            .map((n) => zip.file(n)!.async("string"))
        )
      ).join("\n");
      expect((slides.match(/<c:chart /g) ?? []).length).toBe(planned);
    }
  );

  test.each(CASES)(
    "%s in %s: LibreOffice gives one page per slide, the titles on their pages",
    (id, lang) => {
      const { plan } = decks.get(`${id}-${lang}`)!;
      const got = pages.get(`${id}-${lang}`)!;
      expect(got).toHaveLength(plan.slides.length);
      if (lang === "en")
        plan.slides.forEach((s, i) =>
          expect({
            slide: i + 1,
            found: got[i].text.replace(/\s+/g, " ").includes(s.title),
          }).toEqual({ slide: i + 1, found: true })
        );
      else
        plan.slides.forEach((s, i) =>
          expect(got[i].text.replace(/[\s\uFFFD]/g, "").length).toBeGreaterThan(0)
        );
    }
  );
});

describe("planner brief", () => {
  const dir = mkdtempSync(join(tmpdir(), "brief-"));

  test("writes the deck; bad input gets one clear line and exit 2", async () => {
    const source = await builtWorkbook(dir, "despf", "en");
    const out = join(dir, "deck.pptx");
    const ok = planner(
      "brief",
      source,
      "-o",
      out,
      "--as-of",
      "2026",
      "--lang",
      "km",
      "--committee",
      "DGC"
    );
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Wrote .*deck\.pptx: \d+ slides\.\n$/);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");

    const garbage = join(dir, "garbage.xlsx");
    writeFileSync(garbage, "not a workbook");
    const empty = join(dir, "empty.xlsx");
    writeFileSync(empty, readFileSync(source));
    for (const [args, message] of [
      [[garbage, "-o", join(dir, "a.pptx")], /^planner: .*garbage\.xlsx: .+\n$/],
      [
        [source, "-o", join(dir, "no-such-folder", "a.pptx")],
        /^planner: Cannot write .*a\.pptx: its folder does not exist\.\n$/,
      ],
      [
        [source, "-o", join(dir, "a.pptx"), "--committee", "ZZ"],
        /^planner: .*No committee with the code "ZZ" \(the Committees table has DGC, DEBC, DSC\)\.\n$/,
      ],
      [
        [join(dir, "missing.xlsx"), "-o", join(dir, "a.pptx")],
        /^planner: File not found: .*missing\.xlsx\n$/,
      ],
    ] as Array<[string[], RegExp]>) {
      const r = planner("brief", ...args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toMatch(message);
    }
  });

  test("a workbook with no Measures table", async () => {
    const csvLess = join(dir, "nomeasures.xlsx");
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Notes").getCell("A1").value = "hello";
    writeFileSync(csvLess, new Uint8Array(await wb.xlsx.writeBuffer()));
    const r = planner("brief", csvLess, "-o", join(dir, "b.pptx"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^planner: .*nomeasures\.xlsx: no Measures table to brief on\.\n$/);
  });
});
