/**
 * Workbooks and decks built the way `planner build` / `planner brief` build them, with a spread
 * of statuses so that every status colour is drawn, rendered by LibreOffice to PDF, read back
 * page by page with pdftotext and kept as PNGs in test-results/.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { briefingDeckPlan } from "../../src/host/deck";
import { buildSummary } from "../../src/host/operations";
import { FileHost } from "../../src/io/file-host";
import { builtinFramework } from "../../src/model/builtin";
import type { Framework, FrameworkId, Language } from "../../src/model/types";
import { setupPlan } from "../../src/plan/setup";
import { planner } from "../helpers/cli";
import { sofficeProfile } from "../helpers/soffice";

export const ARTEFACTS = resolve(__dirname, "../../test-results");
export const AS_OF = 2026;

/** The built-in framework with statuses spread over its measures (every fifth one each). */
export function variedFramework(id: FrameworkId): Framework {
  const f = builtinFramework(id, AS_OF);
  const cycle = ["Not started", "On track", "At risk", "Delayed", "Completed"];
  f.measures = f.measures.map((m, i) => ({
    ...m,
    status: cycle[i % 5],
    progress: cycle[i % 5] === "Completed" ? 100 : cycle[i % 5] === "Not started" ? null : 30,
  }));
  return f;
}

export async function hostFor(id: FrameworkId): Promise<FileHost> {
  const host = FileHost.blank();
  await host.applyPlan(setupPlan(variedFramework(id)));
  return host;
}

/** `planner build` on the varied workbook: the .xlsx path. */
export async function builtWorkbook(
  dir: string,
  id: FrameworkId,
  language: Language
): Promise<string> {
  const host = await hostFor(id);
  await buildSummary(host, { asOfYear: AS_OF, language });
  const file = join(dir, `${id}-${language}.xlsx`);
  writeFileSync(file, await host.exportXlsx());
  return file;
}

/**
 * `planner brief` on the varied workbook: the .pptx path and its plan. The deck is written by the
 * CLI itself (pptxgenjs loads node:fs with a dynamic import, which jest's VM refuses).
 */
export async function builtDeck(dir: string, id: FrameworkId, language: Language) {
  const host = await hostFor(id);
  const plan = await briefingDeckPlan(host, { asOfYear: AS_OF, language });
  const source = join(dir, `${id}-${language}-source.xlsx`);
  writeFileSync(source, await host.exportXlsx());
  const file = join(dir, `${id}-${language}-deck.pptx`);
  const r = planner("brief", source, "-o", file, "--as-of", String(AS_OF), "--lang", language);
  if (r.status !== 0) throw new Error(`planner brief failed: ${r.stderr}`);
  return { file, plan };
}

/** Converts files to PDF in one LibreOffice run; returns the output folder. */
export function toPdf(files: string[]): string {
  const out = mkdtempSync(join(tmpdir(), "lo-pdf-"));
  const profile = sofficeProfile(false);
  const r = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      out,
      ...files,
    ],
    { encoding: "utf8", timeout: 300_000 }
  );
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  return out;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  text: string;
}

export function pdfPages(pdf: string): PdfPage[] {
  const info = spawnSync("pdfinfo", ["-f", "1", "-l", "100000", pdf], { encoding: "utf8" }).stdout;
  const sizes = [...info.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    number: Number(m[1]),
    width: Number(m[2]),
    height: Number(m[3]),
  }));
  return sizes.map((s) => ({
    ...s,
    text: spawnSync(
      "pdftotext",
      ["-layout", "-f", String(s.number), "-l", String(s.number), pdf, "-"],
      { encoding: "utf8" }
    ).stdout,
  }));
}

/** Keeps pages of a PDF as PNGs in test-results/ (name-N.png). */
export function keepPages(pdf: string, name: string, pages: number[]): void {
  mkdirSync(ARTEFACTS, { recursive: true });
  for (const p of pages)
    spawnSync("pdftoppm", [
      "-png",
      "-r",
      "60",
      "-f",
      String(p),
      "-l",
      String(p),
      "-singlefile",
      pdf,
      join(ARTEFACTS, `${name}-${p}`),
    ]);
}

/** Words as a wrapped cell may break them: at spaces and after hyphens. */
export function words(text: string): string[] {
  return text.split(/\s+|(?<=-)/).filter((w) => w !== "");
}
