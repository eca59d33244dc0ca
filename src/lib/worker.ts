// Starts a worker thread from a module next to the caller. Under tsx (tests, benchmarks) the module
// is a .ts file and tsx must be registered inside the worker first; the built package runs the
// compiled .js directly.

import { Worker } from 'node:worker_threads';

/** `callerUrl` is the caller's import.meta.url; `name` the module's base name without extension. */
export function startModuleWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  const isSource = callerUrl.endsWith('.ts');
  const entry = new URL(`./${name}.${isSource ? 'ts' : 'js'}`, callerUrl);
  if (!isSource) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
