/** The entry of the built program (dist/planner.js, `npx planner`): runs the CLI and sets the exit code. */
import { main } from "./main";

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
