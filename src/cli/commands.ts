import { basename, extname } from "node:path";
import { NoMeasuresTableError } from "../host/errors";
import { buildSummary, setupAndRead, validateWorkbook } from "../host/operations";
import { FileHost } from "../io/file-host";
import { tablesToJson, tableToCsv } from "../io/export";
import { FRAMEWORK_IDS } from "../model/builtin";
import { ALL_TABLE_NAMES } from "../model/schema";
import type { FrameworkId } from "../model/types";
import { formatReport } from "./report";
import {
  flag,
  oneOf,
  parseArgs,
  positional,
  requireFlag,
  USAGE,
  UsageError,
  yearFlag,
  type ParsedArgs,
} from "./args";
import { InputError, openPlannerFile } from "./open";
import { asRefusal, refuseExisting, refuseOverwrite, writeOutput } from "./output";
import { runImport } from "./import-command";
import { runReturns } from "./returns-command";
import { runBrief } from "./brief-command";

export class ExitError extends Error {}

const thisYear = () => new Date().getFullYear();

function xlsxOut(args: ParsedArgs): string {
  const out = requireFlag(args, "-o", "OUT.xlsx");
  if (extname(out).toLowerCase() !== ".xlsx")
    throw new UsageError(`-o must name an .xlsx file (got "${out}").`);
  return out;
}

/** The operation's result; its refusal of a workbook without a Measures table told the CLI's way (exit 2). */
async function withMeasures<T>(operation: Promise<T>, message: string): Promise<T> {
  try {
    return await operation;
  } catch (e) {
    if (e instanceof NoMeasuresTableError) throw new InputError(message);
    throw e;
  }
}

async function cmdNew(args: ParsedArgs): Promise<number> {
  positional(args, 0, "no file name (use -o FILE.xlsx)");
  const id = oneOf<FrameworkId>(flag(args, "--framework"), FRAMEWORK_IDS, "--framework", "despf");
  const out = xlsxOut(args);
  refuseExisting(out);
  const host = FileHost.blank();
  const { measures } = await setupAndRead(host, id, yearFlag(args) ?? thisYear());
  writeOutput(out, await host.exportXlsx());
  process.stdout.write(`Wrote ${out}: ${id} framework, ${measures} measures.\n`);
  return 0;
}

async function cmdValidate(args: ParsedArgs): Promise<number> {
  const [file] = positional(args, 1, "one FILE");
  const format = oneOf(flag(args, "--format"), ["text", "json"] as const, "--format", "text");
  const language = oneOf(flag(args, "--lang"), ["en", "km"] as const, "--lang", "en");
  const asOfYear = yearFlag(args);
  const host = await openPlannerFile(file, asOfYear ?? thisYear());
  // Validate reads the tables once and writes nothing (no Validation sheet: there is no file to save).
  const {
    tables,
    findings,
    asOfYear: year,
  } = await withMeasures(
    validateWorkbook(host, { asOfYear, language }),
    `${file}: no Measures table. Create one with 'planner new' or import measures into a planner workbook.`
  );
  if (format === "json")
    process.stdout.write(
      JSON.stringify({ findings: findings.map(({ params: _p, ...f }) => f) }) + "\n"
    );
  else process.stdout.write(formatReport(findings, basename(file), language, year, tables));
  return findings.some((f) => f.severity === "error") ? 1 : 0;
}

async function cmdBuild(args: ParsedArgs): Promise<number> {
  const [file] = positional(args, 1, "one FILE");
  const out = xlsxOut(args);
  const language = oneOf(flag(args, "--lang"), ["en", "km"] as const, "--lang", "en");
  const asOfYear = yearFlag(args);
  const host = await openPlannerFile(file, asOfYear ?? thisYear());
  let built: Awaited<ReturnType<typeof buildSummary>>;
  try {
    built = await withMeasures(
      buildSummary(host, { asOfYear, language }),
      `${file}: no Measures table to summarise.`
    );
  } catch (e) {
    throw asRefusal(file, e);
  }
  const { counts, asOfYear: year } = built;
  writeOutput(out, await host.exportXlsx());
  process.stdout.write(
    `Wrote ${out}: Summary, Briefing and Validation (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info). As of ${year}.\n`
  );
  return 0;
}

async function cmdExport(args: ParsedArgs): Promise<number> {
  const [file] = positional(args, 1, "one FILE");
  const format = oneOf(flag(args, "--format"), ["csv", "json"] as const, "--format", "json");
  const out = requireFlag(args, "-o", "OUT");
  refuseOverwrite(file, out, format === "csv" ? "CSV text" : "JSON text");
  const host = await openPlannerFile(file, thisYear());
  const tables = await host.readTables();
  if (format === "json") {
    writeOutput(out, JSON.stringify(tablesToJson(tables), null, 2) + "\n");
  } else {
    const name = oneOf(flag(args, "--table"), ALL_TABLE_NAMES, "--table", "Measures");
    const table = tables[name];
    if (!table) throw new InputError(`${file}: no ${name} table.`);
    writeOutput(out, tableToCsv(table));
  }
  process.stdout.write(`Wrote ${out}.\n`);
  return 0;
}

export async function runCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === "") throw new UsageError("No command given.");
  if (
    args.command === "help" ||
    args.command === "--help" ||
    args.command === "-h" ||
    args.flags.has("--help")
  ) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  switch (args.command) {
    case "new":
      return cmdNew(args);
    case "validate":
      return cmdValidate(args);
    case "build":
      return cmdBuild(args);
    case "import":
      return runImport(args);
    case "export":
      return cmdExport(args);
    case "returns":
      return runReturns(args);
    case "brief":
      return runBrief(args, withMeasures);
    default:
      throw new UsageError(`Unknown command "${args.command}".`);
  }
}
