import { extname } from "node:path";
import { briefingDeckPlan } from "../host/deck";
import { writeDeck } from "../io/deck/write-deck";
import { UnknownCommitteeError } from "../plan/deck";
import {
  flag,
  oneOf,
  positional,
  requireFlag,
  UsageError,
  yearFlag,
  type ParsedArgs,
} from "./args";
import { InputError, openPlannerFile } from "./open";
import { writeOutput } from "./output";

/** `brief FILE -o OUT.pptx [--as-of YEAR] [--lang en|km] [--committee CODE]`. */
export async function runBrief(
  args: ParsedArgs,
  withMeasures: <T>(op: Promise<T>, message: string) => Promise<T>
): Promise<number> {
  const [file] = positional(args, 1, "one FILE");
  const out = requireFlag(args, "-o", "OUT.pptx");
  if (extname(out).toLowerCase() !== ".pptx")
    throw new UsageError(`-o must name a .pptx file (got "${out}").`);
  const language = oneOf(flag(args, "--lang"), ["en", "km"] as const, "--lang", "en");
  const asOfYear = yearFlag(args);
  const committee = flag(args, "--committee");
  const host = await openPlannerFile(file, asOfYear ?? new Date().getFullYear());
  let plan;
  try {
    plan = await withMeasures(
      briefingDeckPlan(host, { asOfYear, language, committee }),
      `${file}: no Measures table to brief on.`
    );
  } catch (e) {
    if (e instanceof UnknownCommitteeError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
  const bytes = await writeDeck(plan);
  writeOutput(out, bytes);
  process.stdout.write(`Wrote ${out}: ${plan.slides.length} slides.\n`);
  return 0;
}
