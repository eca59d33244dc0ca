// Entry point of the `paperboard` binary: hands argv to the CLI and turns failures into exit codes.
import { runCli } from './cli/program.js';

runCli(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`paperboard: ${message}\n`);
  process.exitCode = 1;
});
