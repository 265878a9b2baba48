/**
 * Lazily loaded chunk "deck": the briefing deck's operation and its writer (pptxgenjs). Loaded
 * only when the planner asks for a deck.
 */
import { briefingDeckPlan, type DeckOperationOptions } from "../../host/deck";
import type { Host } from "../../host/host";
import { writeDeck } from "../../io/deck/write-deck";

export const PPTX_MIME =
  "application/vnd.openxmlformats-officedocument.presentationml.presentation";

/** The briefing deck of the workbook's tables, as .pptx bytes. */
export async function briefingDeckBytes(
  host: Host,
  options: DeckOperationOptions
): Promise<Uint8Array> {
  return writeDeck(await briefingDeckPlan(host, options));
}
