export class UsageError extends Error {}

export interface ParsedArgs {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

const WITH_VALUE = new Set([
  "--framework",
  "-o",
  "--output",
  "--as-of",
  "--format",
  "--into",
  "--table",
  "--lang",
  "--map",
  "--mode",
  "--by",
  "--period",
  "--committee",
]);
const BOOLEAN = new Set(["--dry-run", "--replace", "--help", "-h"]);

export function parseArgs(argv: string[]): ParsedArgs {
  const [command = "", ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (WITH_VALUE.has(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
      if (value === undefined || value === "") throw new UsageError(`${name} needs a value.`);
      flags.set(name === "--output" ? "-o" : name, value);
    } else if (BOOLEAN.has(name)) {
      flags.set(name === "-h" ? "--help" : name, true);
    } else if (a.startsWith("-") && a !== "-") {
      throw new UsageError(`Unknown option ${a}.`);
    } else {
      positional.push(a);
    }
  }
  return { command, positional, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

export function requireFlag(args: ParsedArgs, name: string, what: string): string {
  const v = flag(args, name);
  if (!v) throw new UsageError(`${args.command} needs ${name} ${what}.`);
  return v;
}

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
  fallback: T
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be one of ${allowed.join(", ")} (got "${value}").`);
}

export function yearFlag(args: ParsedArgs): number | undefined {
  const v = flag(args, "--as-of");
  if (v === undefined) return undefined;
  if (!/^\d{4}$/.test(v)) throw new UsageError(`--as-of must be a year such as 2026 (got "${v}").`);
  return Number(v);
}

export function positional(args: ParsedArgs, count: number, what: string): string[] {
  if (args.positional.length !== count) {
    throw new UsageError(
      `${args.command} takes ${what}; got ${args.positional.length === 0 ? "none" : args.positional.join(" ")}.`
    );
  }
  return args.positional;
}

export const USAGE = `Usage: npm run planner -- <command>

  new [--framework despf|dgp|blank] -o FILE.xlsx     a workbook with the framework's tables
  validate FILE [--as-of YEAR] [--format text|json] [--lang en|km]
                                                      findings; exit 0 no errors, 1 errors, 2 unusable input
  build FILE -o OUT.xlsx [--as-of YEAR] [--lang en|km]
                                                      FILE plus Summary, Briefing and Validation sheets
  import SOURCE... --into FILE [-o OUT.xlsx] [--period P] [--dry-run] [--replace] [--map "Header=K,..."] [--as-of YEAR] [--format text|json]
                                                      merge measures (returns or any xlsx/csv) by No.; conflicts and new findings listed
  returns FILE --by institution -o DIR [--period P] [--lang en|km]
                                                      one return workbook per institution named in Measures
  export FILE --format csv|json -o OUT [--table NAME] the tables as CSV (one table) or JSON (all)
  brief FILE -o OUT.pptx [--as-of YEAR] [--lang en|km] [--committee CODE]
                                                      a briefing deck with native PowerPoint charts

YEAR: without --as-of, the workbook's Framework "As of year", else the current year.
FILE may be .xlsx or .csv (a csv holds the Measures table; the built-in DESPF reference tables are used).`;
