// Keeps the search index in step with the store: reads the change log past the index's last applied
// revision, re-reads those papers, and writes them (withdrawn or deleted papers are removed) together
// with the new revision in one index transaction, so a crash never leaves the index silently behind.

import type { DatabaseHandle } from '../db/connection.js';
import type { Logger } from '../lib/logger.js';
import { listChangesSince } from '../store/changes.js';
import { getIndexablePapers } from '../store/search-feed.js';
import { appliedRevision, isTermStatsStale, refreshTermStats } from './index-db.js';
import type { IndexHandle } from './index-handle.js';
import { recordRevision, removePapers, writePapers } from './index-writer.js';

const CHANGES_PER_STEP = 5000;

export interface CatchUpResult {
  /** Change-log entries applied. */
  applied: number;
  /** The index's revision afterwards. */
  revision: number;
}

/**
 * Applies every change after the index's revision; safe to call concurrently with writers.
 * `onStep` hears the revision reached after each committed step (serve reports it in /healthz).
 */
export async function catchUpIndex(
  handle: IndexHandle,
  database: DatabaseHandle,
  onStep?: (revision: number) => void,
): Promise<CatchUpResult> {
  let applied = 0;
  for (;;) {
    const index = handle.get();
    const from = appliedRevision(index.sqlite);
    if (applied > 0) onStep?.(from);
    const changes = await listChangesSince(database.db, from, CHANGES_PER_STEP);
    const last = changes.at(-1);
    if (!last) {
      if (applied > 0 && isTermStatsStale(index.sqlite)) refreshTermStats(index.sqlite);
      return { applied, revision: from };
    }
    const ids = [...new Set(changes.map((c) => c.paperId))];
    const papers = await getIndexablePapers(database.db, ids);
    const found = new Set(papers.map((p) => p.id));
    index.sqlite.transaction(() => {
      writePapers(index.sqlite, papers);
      removePapers(
        index.sqlite,
        ids.filter((id) => !found.has(id)),
      );
      recordRevision(index.sqlite, last.revision);
    })();
    applied += changes.length;
  }
}

/**
 * Polls the change log (every instance keeps its own index, so PostgreSQL deployments work the
 * same way) and applies what is new. `poke()` makes it look right away, e.g. after an import.
 */
export class IndexFollower {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private isStopped = false;

  constructor(
    private readonly index: IndexHandle,
    private readonly database: DatabaseHandle,
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Catches up now, or, when a run is in progress, once more right after it (it may have missed new changes). */
  poke(): Promise<void> {
    return this.running ? this.running.then(() => this.tick()) : this.tick();
  }

  private schedule(delayMs: number): void {
    if (this.isStopped) return;
    this.timer = setTimeout(() => void this.tick().finally(() => this.schedule(this.intervalMs)), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        const started = performance.now();
        const result = await catchUpIndex(this.index, this.database);
        if (result.applied > 0) {
          const duration_ms = Math.round(performance.now() - started);
          this.log.info({ job: 'search-index', ...result, duration_ms }, 'search index caught up');
        }
      } catch (error) {
        this.log.error({ job: 'search-index', err: error }, 'search index catch-up failed');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
