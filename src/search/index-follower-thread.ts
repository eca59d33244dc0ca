// `serve`'s search index follower, on a worker thread (index-follower-worker.ts) so the server
// listens at once and answers from the index it has while the index catches up with the change log
// (after downtime: minutes of synchronous FTS5 writes) or is rebuilt for a new format. Reports the
// index's state for /healthz; search answers 503 "index rebuilding" until a rebuild is published.

import type { Worker } from 'node:worker_threads';
import type { ConnectOptions, DatabaseHandle, SqliteMemory } from '../db/connection.js';
import { unavailable } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { startModuleWorker } from '../lib/worker.js';
import { latestRevision } from '../store/changes.js';
import { appliedRevision } from './index-db.js';
import { IndexHandle } from './index-handle.js';
import type { SearchService } from './search-pool.js';

export type SearchIndexState = 'rebuilding' | 'catching_up' | 'current';

export interface SearchIndexStatus {
  state: SearchIndexState;
  /** The last change-log revision the index has applied (null before it is known, or while rebuilding). */
  revision: number | null;
}

/** /healthz's `search` field: the state, and how many change-log entries the index has not applied yet. */
export interface SearchHealth extends SearchIndexStatus {
  behind: number;
}

export type FollowerRequest = { type: 'poke'; id: number } | { type: 'stop' };
export type FollowerEvent =
  | ({ type: 'status' } & SearchIndexStatus)
  | { type: 'poked'; id: number }
  | { type: 'stopped' }
  | { type: 'log'; level: 'info' | 'error'; fields: Record<string, unknown>; message: string };

export class IndexFollowerThread {
  private worker: Worker | undefined;
  private current: SearchIndexStatus = { state: 'catching_up', revision: null };
  private readonly pokes = new Map<number, () => void>();
  private nextPoke = 1;
  private isStopping = false;

  constructor(
    private readonly dir: string,
    private readonly connectOptions: ConnectOptions,
    private readonly log: Logger,
    private readonly intervalMs: number,
    /** The index connection's page cache and mmap window (SEARCH_INDEX_CACHE_MB, _MMAP_MB). */
    private readonly indexMemory?: SqliteMemory,
  ) {}

  start(): void {
    this.current = this.readStatus();
    // Functions do not cross threads: the worker's pool logs nothing of its own.
    const { databaseUrl, sqlitePath, sqliteMemory } = this.connectOptions;
    const worker = startModuleWorker(import.meta.url, 'index-follower-worker', {
      dir: this.dir,
      connectOptions: { databaseUrl, sqlitePath, poolSize: 2, ...(sqliteMemory ? { sqliteMemory } : {}) },
      intervalMs: this.intervalMs,
      ...(this.indexMemory ? { indexMemory: this.indexMemory } : {}),
    });
    worker.on('message', (event: FollowerEvent) => this.onEvent(event));
    worker.on('error', (error) =>
      this.log.error({ job: 'search-index', err: error }, 'search index thread failed'),
    );
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const resolve of this.pokes.values()) resolve();
      this.pokes.clear();
      if (this.isStopping) return;
      this.log.warn({ job: 'search-index' }, 'search index thread exited; restarting it');
      setTimeout(() => this.isStopping || this.start(), this.intervalMs).unref();
    });
    this.worker = worker;
  }

  /** The live index's state, read here so /healthz tells it before the thread reports (a few ms). */
  private readStatus(): SearchIndexStatus {
    const handle = new IndexHandle(this.dir, { readonly: true });
    try {
      return handle.isCurrentFormat()
        ? { state: 'catching_up', revision: appliedRevision(handle.get().sqlite) }
        : { state: 'rebuilding', revision: null };
    } catch {
      return { state: 'catching_up', revision: null }; // no index yet (a fresh install): the thread creates it
    } finally {
      handle.close();
    }
  }

  private onEvent(event: FollowerEvent): void {
    if (event.type === 'status') this.current = { state: event.state, revision: event.revision };
    else if (event.type === 'poked') {
      this.pokes.get(event.id)?.();
      this.pokes.delete(event.id);
    } else if (event.type === 'log') this.log[event.level](event.fields, event.message);
  }

  status(): SearchIndexStatus {
    return this.current;
  }

  /** Resolves once the index has applied what the change log held when called. */
  poke(): Promise<void> {
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    const id = this.nextPoke++;
    return new Promise((resolve) => {
      this.pokes.set(id, resolve);
      worker.postMessage({ type: 'poke', id } satisfies FollowerRequest);
    });
  }

  /** Lets a running step commit (at most 10 s), then ends the thread. */
  async stop(): Promise<void> {
    this.isStopping = true;
    const worker = this.worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => {
      worker.on('message', (event: FollowerEvent) => event.type === 'stopped' && resolve());
      worker.once('exit', () => resolve());
    });
    worker.postMessage({ type: 'stop' } satisfies FollowerRequest);
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    await worker.terminate();
  }
}

/** The search index's health, with the live distance to the change log (one indexed max() query). */
export async function searchHealth(
  status: SearchIndexStatus,
  database: DatabaseHandle,
): Promise<SearchHealth> {
  const latest = await latestRevision(database.db);
  return { ...status, behind: Math.max(0, latest - (status.revision ?? 0)) };
}

/** Search that answers 503 "index rebuilding" while the live index is of another format. */
export function searchUnlessRebuilding(
  search: SearchService,
  status: () => SearchIndexStatus,
): SearchService {
  const guarded =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (status().state === 'rebuilding')
        throw unavailable('search index rebuilding; try again in a few minutes');
      return call(...args);
    };
  return {
    search: guarded((request) => search.search(request)),
    similar: guarded((paperId, limit) => search.similar(paperId, limit)),
    similarBatch: guarded((paperIds, limit) => search.similarBatch(paperIds, limit)),
    close: () => search.close(),
  };
}
