/**
 * The briefing deck operation: one read of the tables, the deck's plan (plan/deck.ts). Writing
 * the .pptx is the caller's file concern (io/deck), so the pane loads pptxgenjs only on demand.
 */
import { resolveAsOfYear } from "../model/as-of";
import { findTable } from "../model/schema";
import { briefingDeck, type DeckPlan } from "../plan/deck";
import { frameworkForSheets, workbookSummary } from "../plan/owned-sheets";
import { NoMeasuresTableError } from "./errors";
import type { Host } from "./host";
import type { OperationOptions } from "./operations";

export interface DeckOperationOptions extends Pick<OperationOptions, "asOfYear" | "language"> {
  /** Only this committee's slides (its code). */
  committee?: string;
}

export async function briefingDeckPlan(
  host: Host,
  options: DeckOperationOptions = {}
): Promise<DeckPlan> {
  const tables = await host.readTables();
  if (!findTable(tables, "Measures")) throw new NoMeasuresTableError();
  const asOfYear = resolveAsOfYear(tables, options.asOfYear);
  const framework = frameworkForSheets(tables, asOfYear);
  const data = workbookSummary(tables, framework);
  return briefingDeck(framework, data, {
    language: options.language ?? "en",
    committee: options.committee,
  });
}
