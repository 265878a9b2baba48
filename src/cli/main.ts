import { ExitError, runCommand } from "./commands";
import { USAGE, UsageError } from "./args";
import { InputError } from "./open";

async function main(argv: string[]): Promise<number> {
  try {
    return await runCommand(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`planner: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof InputError || e instanceof ExitError) {
      process.stderr.write(`planner: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`planner: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

export { main };
