import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { planWorkbookReturns } from "../host/returns";
import { returnWorkbookBytes } from "../io/return-workbook";
import { parsePeriod, quarterOf } from "../model/period";
import {
  flag,
  oneOf,
  positional,
  requireFlag,
  UsageError,
  yearFlag,
  type ParsedArgs,
} from "./args";
import { recordedNow } from "./import-command";
import { InputError, openPlannerFile } from "./open";
import { writeOutput } from "./output";

/** `planner returns FILE --by institution -o DIR [--period P] [--lang en|km]`: one return workbook per institution. */
export async function runReturns(args: ParsedArgs): Promise<number> {
  const [file] = positional(args, 1, "one FILE (the planner workbook)");
  oneOf(requireFlag(args, "--by", "institution"), ["institution"] as const, "--by", "institution");
  const dir = requireFlag(args, "-o", "DIR (the folder to write the returns into)");
  const language = oneOf(flag(args, "--lang"), ["en", "km"] as const, "--lang", "en");
  const now = new Date();
  const period = flag(args, "--period") ?? quarterOf(now);
  if (!parsePeriod(period))
    throw new UsageError(
      `--period must be a period label such as 2026-Q2, 2026-H1 or 2026 (got "${period}").`
    );
  const asOfYear = yearFlag(args) ?? now.getFullYear();
  const host = await openPlannerFile(file, asOfYear);
  let plan;
  try {
    plan = await planWorkbookReturns(host, {
      period,
      language,
      created: recordedNow(now),
      asOfYear,
    });
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new InputError(`${dir} is a file: -o names the folder the returns are written into.`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`Cannot create the folder ${dir}: ${(e as Error).message}`);
  }
  for (const r of plan.returns)
    writeOutput(join(dir, r.fileName), await returnWorkbookBytes(r.plan));
  const lines = [`Wrote ${plan.returns.length} returns for ${plan.period} into ${dir}:`];
  for (const r of plan.returns)
    lines.push(`  ${r.fileName}: ${r.institution}, ${r.measures.length} measure(s)`);
  if (plan.generic.length) {
    lines.push(
      "",
      "No return for these entries, which name no one institution (assign their measures to named institutions to include them):"
    );
    for (const g of plan.generic)
      lines.push(
        `  ${g.name}: ${g.measures.length} measure(s) (No. ${g.measures.slice(0, 12).join(", ")}${g.measures.length > 12 ? ", …" : ""})`
      );
  }
  process.stdout.write(lines.join("\n") + "\n");
  return 0;
}
