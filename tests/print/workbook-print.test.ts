/**
 * The built workbook as LibreOffice prints it: every Briefing page names the committee of every
 * measure on it, the owned sheets print on A4, no cell's text is cut, the Summary opens with its
 * cover page. DESPF and DGP, English and Khmer.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { frameworkToTables } from "../../src/model/convert";
import { committeeBriefings } from "../../src/plan/briefing";
import { frameworkForSheets, workbookSummary } from "../../src/plan/owned-sheets";
import { label, localName, timeframeLabel, type Language } from "../../src/plan/labels";
import type { FrameworkId } from "../../src/model/types";
import { hasSoffice } from "../helpers/soffice";
import {
  AS_OF,
  builtWorkbook,
  keepPages,
  pdfPages,
  toPdf,
  variedFramework,
  words,
  type PdfPage,
} from "./render";

const CASES: Array<[FrameworkId, Language]> = [
  ["despf", "en"],
  ["despf", "km"],
  ["dgp", "en"],
  ["dgp", "km"],
];
/** pdftotext splits Khmer clusters with spaces and drops some glyphs: compare without them. */
const squeeze = (t: string) => t.replace(/[\s\uFFFD]/g, "");
const A4 = (p: PdfPage) =>
  Math.abs(Math.max(p.width, p.height) - 841.9) < 1 &&
  Math.abs(Math.min(p.width, p.height) - 595.3) < 1;

const run = hasSoffice() ? describe : describe.skip;

run("the built workbook printed by LibreOffice", () => {
  const pdfs = new Map<string, PdfPage[]>();
  const dir = mkdtempSync(join(tmpdir(), "print-"));

  beforeAll(async () => {
    const files = [];
    for (const [id, lang] of CASES) files.push(await builtWorkbook(dir, id, lang));
    const out = toPdf(files);
    for (const f of files) {
      const pdf = join(out, basename(f).replace(/\.xlsx$/, ".pdf"));
      const pages = pdfPages(pdf);
      pdfs.set(basename(f, ".xlsx"), pages);
      const cover =
        pages.find((p) => p.text.includes(" — ") && p.text.includes("Framework")) ??
        pages.find((p) => p.text.includes(" — "));
      keepPages(
        pdf,
        basename(f, ".xlsx"),
        cover ? [cover.number, cover.number + 1, cover.number + 8, cover.number + 9] : [1]
      );
    }
  }, 600_000);

  test.each(CASES)(
    "%s in %s: every Briefing page names the committee of every measure on it; A4; no measure or timeframe cut",
    (id, lang) => {
      const pages = pdfs.get(`${id}-${lang}`) ?? [];
      const f = variedFramework(id);
      const briefings = committeeBriefings(f);
      const names = briefings.map((b) =>
        b.code === null ? label(lang, "briefingNone") : localName(lang, b.name, b.nameKm)
      );
      // A Briefing page: its page header (the first line) is a committee's name; its body the table.
      let seen = 0;
      let measuresSeen = 0;
      for (const page of pages) {
        const first = page.text.split("\n").find((l) => l.trim() !== "") ?? "";
        const i = names.findIndex((n) => squeeze(first).startsWith(squeeze(n).slice(0, 18)));
        if (i < 0 || !page.text.includes(label(lang, "no"))) continue;
        seen += 1;
        expect(A4(page)).toBe(true);
        const b = briefings[i];
        const mine = new Map(b.measures.map((m) => [m.no, m]));
        const nos = [...page.text.matchAll(/^ {0,4}(\d+) {2,}\S/gm)].map((m) => m[1]);
        if (b.measures.length === 0) {
          // DGP names only DGC: the other committees' sheets say they have none.
          if (lang === "en") expect(page.text).toContain(label(lang, "noMeasures"));
          continue;
        }
        expect(nos.length).toBeGreaterThan(0);
        const pageWords = new Map<string, number>();
        for (const w of words(page.text)) pageWords.set(w, (pageWords.get(w) ?? 0) + 1);
        for (const no of nos) {
          // The committee on the page is the committee of the measure.
          expect({ page: page.number, committee: b.code, no, ok: mine.has(no) }).toEqual({
            page: page.number,
            committee: b.code,
            no,
            ok: true,
          });
          const m = mine.get(no)!;
          // Every word of the measure and of its (English) timeframe is on the page: nothing clipped.
          const expected = [
            ...words(m.measure),
            ...(lang === "en" ? words(timeframeLabel(lang, m.timeframe)) : []),
          ];
          const missing = expected.filter((w) => !pageWords.has(w));
          expect({ no, missing }).toEqual({ no, missing: [] });
          measuresSeen += 1;
        }
      }
      expect(seen).toBeGreaterThanOrEqual(briefings.length);
      expect(measuresSeen).toBeGreaterThanOrEqual(f.measures.length);
    }
  );

  test.each(CASES)(
    "%s in %s: the Summary opens with a one-page cover, on A4 like every owned page",
    (id, lang) => {
      const pages = pdfs.get(`${id}-${lang}`) ?? [];
      const f = variedFramework(id);
      const cover = pages.find((p) => p.text.includes(`— ${f.settings.name}`));
      expect(cover).toBeDefined();
      expect(A4(cover!)).toBe(true);
      expect(cover!.width).toBeGreaterThan(cover!.height); // landscape
      if (lang === "en") expect(cover!.text).toContain(label(lang, "chartStatusByCommittee"));
      expect(cover!.text).toContain(String(AS_OF));
      for (const c of f.committees) expect(cover!.text).toContain(c.code);
      // The next page starts the details (Key figures: the measure count first), not the rest of the cover.
      const next = pages.find((p) => p.number === cover!.number + 1);
      if (lang === "en") expect(next?.text).toContain(label(lang, "keyFigures"));
      expect(next?.text).toMatch(new RegExp(`\\b${f.measures.length}\\b`));
      // The cover holds the ten measures most needing attention (Khmer rows are taller: they
      // still all fit), each No. starting its line.
      const tables = frameworkToTables(f);
      const data = workbookSummary(tables, frameworkForSheets(tables, AS_OF));
      const shown = data.attention.items.slice(0, 10);
      expect(shown.length).toBe(10);
      for (const it of shown)
        expect({
          no: it.no,
          on: new RegExp(`^ {0,6}${it.no} {2,}`, "m").test(cover!.text),
        }).toEqual({ no: it.no, on: true });
      expect(squeeze(cover!.text)).toContain(
        squeeze(label(lang, "attentionCount", { shown: 10, total: data.attention.total }))
      );
      // Header words whole on the Summary's pages (9-unit columns broke "Differenc|e").
      if (lang === "en") {
        const summaryWords = new Set(
          pages
            .filter((p) => p.number >= cover!.number && p.number <= cover!.number + 4)
            .flatMap((p) => words(p.text))
        );
        for (const w of ["Difference", "Completed", "Measures", "Expected", "implemented)"])
          if (w !== "implemented)" || id === "despf")
            expect({ w, whole: summaryWords.has(w) }).toEqual({ w, whole: true });
      }
      // Every page from the cover on (Summary, Briefings, Validation) is A4.
      for (const p of pages.filter((x) => x.number >= cover!.number))
        expect({ page: p.number, a4: A4(p) }).toEqual({ page: p.number, a4: true });
    }
  );
});
