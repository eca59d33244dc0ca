// Loaded with `--import` into the `paperboard serve` that bench:serve runs from dist/ (what users run,
// without the tsx loader's memory): answers the bench's IPC message 'memory' with this process's
// memory, so the RSS and heap it prints are the server's own. Plain JavaScript: it runs before any loader.
process.on('message', (message) => {
  if (message === 'memory') process.send?.(process.memoryUsage());
});
// The IPC channel must not keep the server alive once it has shut down.
process.channel?.unref();
