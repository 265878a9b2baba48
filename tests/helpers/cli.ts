import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `planner` exactly as `npm run planner --` does. */
export function planner(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [TSX, join(ROOT, "src/cli/main.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = "planner-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
