// The real `paperboard serve` for bench:serve, in its own process: runs the CLI as the binary does and
// answers the bench's IPC message 'memory' with this process's memory, so RSS and heap are the server's.
import { runCli } from '../src/cli/program.js';

process.on('message', (message) => {
  if (message === 'memory') process.send?.(process.memoryUsage());
});
// The IPC channel must not keep the server alive once it has shut down.
process.channel?.unref();

runCli([process.argv[0] ?? 'node', 'paperboard', 'serve', ...process.argv.slice(2)]).catch(
  (error: unknown) => {
    process.stderr.write(`serve-process: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
