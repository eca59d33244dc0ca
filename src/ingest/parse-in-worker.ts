// Parses input files in a worker thread and yields what it sends: record batches, and per file
// "done" or "failed" (not a readable document). Each message is acknowledged so the worker stays
// only a few batches ahead (constant memory on multi-GB files).

import { Worker } from 'node:worker_threads';
import type { ImportFormat } from './detect-format.js';
import type { ParsedBatch } from './read-source-file.js';

export interface ParseJob {
  files: string[];
  format?: ImportFormat;
}

export type WorkerMessage =
  | ({ type: 'batch'; file: string } & ParsedBatch)
  | { type: 'file-done'; file: string }
  | { type: 'file-failed'; file: string; message: string }
  | { type: 'done' }
  | { type: 'error'; message: string };

export type ParseEvent = Exclude<WorkerMessage, { type: 'done' } | { type: 'error' }>;

// Under tsx (tests, benchmarks) the worker is a .ts file and needs tsx registered inside the worker;
// the built package runs the compiled .js directly.
function startWorker(job: ParseJob): Worker {
  const isSource = import.meta.url.endsWith('.ts');
  const entry = new URL(isSource ? './parse-worker.ts' : './parse-worker.js', import.meta.url);
  if (!isSource) return new Worker(entry, { workerData: job });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: job });
}

export async function* parseInWorker(job: ParseJob, signal?: AbortSignal): AsyncGenerator<ParseEvent> {
  const worker = startWorker(job);
  const queue: Array<WorkerMessage | Error> = [];
  let notify: (() => void) | undefined;
  const push = (item: WorkerMessage | Error) => {
    queue.push(item);
    notify?.();
  };
  worker.on('message', push);
  worker.on('error', push);
  worker.on('exit', (code) => {
    if (code !== 0) push(new Error(`parse worker exited with code ${code}`));
  });
  try {
    for (;;) {
      signal?.throwIfAborted();
      while (queue.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      const item = queue.shift() as WorkerMessage | Error;
      if (item instanceof Error) throw item;
      if (item.type === 'error') throw new Error(item.message);
      if (item.type === 'done') return;
      yield item;
      worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}
