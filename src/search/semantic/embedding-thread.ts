// The embeddings job's work, on a worker thread (embedding-worker.ts): training LSA on a new hub's
// abstracts (~40 s for 23k papers) and embedding the papers that changed are CPU-bound and, on the
// thread that answers requests, held every page until they finished. The worker keeps its own
// database connection and deserialised model between runs; its log lines are re-logged here.

import type { Worker } from 'node:worker_threads';
import type { Config } from '../../config/config.js';
import type { ConnectOptions } from '../../db/connection.js';
import type { Logger } from '../../lib/logger.js';
import { startModuleWorker } from '../../lib/worker.js';
import type { EmbeddingRun } from './semantic-models.js';

export type EmbeddingRequest = { type: 'run'; id: number } | { type: 'abort'; id: number };
export type EmbeddingEvent =
  | { type: 'done'; id: number; run: EmbeddingRun }
  | { type: 'failed'; id: number; message: string }
  | { type: 'log'; line: string };

/** How long an aborted run may take to stop by itself before its thread is ended. */
const ABORT_GRACE_MS = 2000;

interface Pending {
  resolve: (run: EmbeddingRun) => void;
  reject: (error: Error) => void;
}

export class EmbeddingThread {
  #worker: Worker | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(
    private readonly connectOptions: ConnectOptions,
    private readonly config: Config,
    private readonly log: Logger,
  ) {}

  /** One run of the embeddings job (embedPendingPapers) on the thread; aborting asks it to stop early. */
  run(signal: AbortSignal): Promise<EmbeddingRun> {
    // Shutting down already: a run would only be asked to stop at its first step.
    if (signal.aborted) return Promise.resolve({ result: undefined });
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    return new Promise<EmbeddingRun>((resolve, reject) => {
      let grace: NodeJS.Timeout | undefined;
      const onAbort = () => {
        worker.postMessage({ type: 'abort', id } satisfies EmbeddingRequest);
        // The thread reads the message between steps; LSA training is one synchronous step of up to
        // a minute. Past the grace period the thread is ended: each write of the job is its own
        // transaction, so an ended thread leaves none half done, and the next run starts a new one.
        grace = setTimeout(() => {
          if (!this.#pending.delete(id)) return;
          settle();
          resolve({ result: undefined });
          void worker.terminate();
        }, ABORT_GRACE_MS);
        grace.unref();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        signal.removeEventListener('abort', onAbort);
        clearTimeout(grace);
      };
      this.#pending.set(id, {
        resolve: (run) => {
          settle();
          resolve(run);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      worker.postMessage({ type: 'run', id } satisfies EmbeddingRequest);
    });
  }

  #start(): Worker {
    // Functions do not cross threads: the worker gets plain connection options and the config.
    const { databaseUrl, sqlitePath } = this.connectOptions;
    const worker = startModuleWorker(import.meta.url, 'embedding-worker', {
      connectOptions: { databaseUrl, sqlitePath, poolSize: 2 },
      config: this.config,
    });
    worker.on('message', (event: EmbeddingEvent) => this.#onEvent(event));
    worker.on('error', (error) =>
      this.log.error({ job: 'embeddings', err: error }, 'embedding thread failed'),
    );
    worker.on('exit', (code) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      // The next run starts a new thread; the runs in flight fail (the scheduler logs and retries).
      for (const pending of this.#pending.values())
        pending.reject(new Error(`embedding thread exited with code ${code}`));
      this.#pending.clear();
    });
    this.#worker = worker;
    return worker;
  }

  #onEvent(event: EmbeddingEvent): void {
    if (event.type === 'log') {
      relog(this.log, event.line);
      return;
    }
    const pending = this.#pending.get(event.id);
    this.#pending.delete(event.id);
    if (event.type === 'done') pending?.resolve(event.run);
    else pending?.reject(new Error(event.message));
  }

  /** Ends the thread (the scheduler has already stopped and drained the job). */
  async stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }
}

/** A pino line from the worker, logged again here at its level (with its own time dropped). */
function relog(log: Logger, line: string): void {
  try {
    const { level, msg, time: _time, ...fields } = JSON.parse(line) as Record<string, unknown>;
    const label = typeof level === 'number' ? log.levels.labels[level] : undefined;
    const message = typeof msg === 'string' ? msg : '';
    if (label === 'fatal' || label === 'error') log.error(fields, message);
    else if (label === 'warn') log.warn(fields, message);
    else if (label === 'debug' || label === 'trace') log.debug(fields, message);
    else log.info(fields, message);
  } catch {
    log.info({ job: 'embeddings', line }, 'embedding thread wrote a line that is not JSON');
  }
}
