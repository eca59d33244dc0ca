// A fixed pool of search worker threads behind a promise API. Queries are validated on the calling
// thread first (a bad query is a 400 without a round trip); a crashed worker is replaced. With a
// semantic service, queries are embedded here (an external provider is an HTTP call) and the workers
// scan the instance's shared vector matrix, which is posted to them whenever it is replaced.

import type { Worker } from 'node:worker_threads';
import type { SqliteMemory } from '../db/connection.js';
import { startModuleWorker } from '../lib/worker.js';
import type { ParsedQuery } from './query-ast.js';
import { parseQuery } from './query-parser.js';
import { resolveSearchMode } from './search-mode.js';
import type { SearchPage, SearchRequest } from './search-types.js';
import type { SemanticService } from './semantic/semantic-service.js';
import type { VectorMatrix } from './semantic/vector-index.js';
import type { SimilarBatch } from './similar-blend.js';
import type { SimilarPaper } from './similar-papers.js';

export type WorkerRequest =
  | { id: number; type: 'search'; request: SearchRequest; queryVector?: Float32Array }
  | { id: number; type: 'similar'; paperId: number; limit: number }
  | { id: number; type: 'similarBatch'; paperIds: number[]; limit: number }
  | { id: 0; type: 'vectors'; vectors: VectorMatrix | undefined };

type WorkerResult = SearchPage | SimilarPaper[] | SimilarBatch;

export type WorkerReply = { id: number; result: WorkerResult } | { id: number; error: string };

interface Pending {
  resolve: (value: WorkerResult) => void;
  reject: (error: Error) => void;
}

/** What the web, API and feeds call; implemented by the worker pool and by an in-process engine. */
export interface SearchService {
  search(request: SearchRequest): Promise<SearchPage>;
  /** A paper's similar papers, computed now (similar-blend.ts); pages read stored lists instead. */
  similar(paperId: number, limit: number): Promise<SimilarPaper[]>;
  /** Blends for several papers, with the index revision they reflect (the similar-papers job). */
  similarBatch(paperIds: number[], limit: number): Promise<SimilarBatch>;
  close(): Promise<void>;
}

export class SearchPool implements SearchService {
  private readonly workers: Worker[] = [];
  private readonly load = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending & { worker: Worker }>();
  private nextId = 1;
  private isClosed = false;

  private vectors: VectorMatrix | undefined;

  constructor(
    private readonly dir: string,
    size: number,
    private readonly semantic?: SemanticService,
    /** Each worker's index connection's page cache and mmap window (SEARCH_INDEX_CACHE_MB, _MMAP_MB). */
    private readonly indexMemory?: SqliteMemory,
  ) {
    for (let i = 0; i < size; i++) this.spawn();
    semantic?.onVectors((vectors) => {
      this.vectors = vectors;
      for (const worker of this.workers) worker.postMessage({ id: 0, type: 'vectors', vectors });
    });
  }

  private spawn(): Worker {
    const worker = startModuleWorker(import.meta.url, 'search-worker', {
      dir: this.dir,
      ...(this.indexMemory ? { memory: this.indexMemory } : {}),
    });
    worker.on('message', (reply: WorkerReply) => this.settle(worker, reply));
    worker.on('error', (error) => this.failAll(worker, error));
    worker.on('exit', () => {
      this.failAll(worker, new Error('search worker exited'));
      this.workers.splice(this.workers.indexOf(worker), 1);
      this.load.delete(worker);
      if (!this.isClosed) this.spawn();
    });
    this.workers.push(worker);
    this.load.set(worker, 0);
    if (this.vectors) worker.postMessage({ id: 0, type: 'vectors', vectors: this.vectors });
    return worker;
  }

  private settle(worker: Worker, reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
    if ('error' in reply) pending.reject(new Error(reply.error));
    else pending.resolve(reply.result);
  }

  private failAll(worker: Worker, error: Error): void {
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      this.pending.delete(id);
      pending.reject(error);
    }
  }

  private dispatch(request: WorkerRequest): Promise<WorkerResult> {
    if (this.isClosed) return Promise.reject(new Error('search pool is closed'));
    // The least busy worker: a slow query on one does not hold up the queries behind it.
    const worker = this.workers.reduce((a, b) =>
      (this.load.get(a) ?? 0) <= (this.load.get(b) ?? 0) ? a : b,
    );
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, worker });
      worker.postMessage(request);
    });
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    const parsed = parseQuery(request.q);
    const queryVector = needsVector(parsed, request) ? await this.semantic?.embedQuery(request.q) : undefined;
    return (await this.dispatch({
      id: this.nextId++,
      type: 'search',
      request,
      ...(queryVector ? { queryVector } : {}),
    })) as SearchPage;
  }

  async similar(paperId: number, limit: number): Promise<SimilarPaper[]> {
    return (await this.dispatch({ id: this.nextId++, type: 'similar', paperId, limit })) as SimilarPaper[];
  }

  async similarBatch(paperIds: number[], limit: number): Promise<SimilarBatch> {
    return (await this.dispatch({
      id: this.nextId++,
      type: 'similarBatch',
      paperIds,
      limit,
    })) as SimilarBatch;
  }

  async close(): Promise<void> {
    this.isClosed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Whether a request will rank by meaning (so its query needs a vector). */
export function needsVector(parsed: ParsedQuery, request: SearchRequest): boolean {
  return resolveSearchMode(request.mode ?? 'auto', request.q, parsed, request.sort).mode !== 'keyword';
}
