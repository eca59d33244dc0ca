// The instance's semantic side, on the main thread: the vector index (kept current from the database
// every poll), the active model's Embedder for queries, and listeners told when the shared matrix is
// replaced (grown or a new model), so the search workers scan the current one. Used by `serve`, the
// CLI and tests through SearchPool / InProcessSearch.

import type { Config } from '../../config/config.js';
import type { DatabaseHandle } from '../../db/connection.js';
import type { Logger } from '../../lib/logger.js';
import { getActiveModel } from '../../store/embeddings.js';
import type { Embedder } from './embedder.js';
import { embedderFor } from './semantic-models.js';
import { int8VectorCodec } from './vector-codec.js';
import { VectorIndex, type VectorMatrix } from './vector-index.js';

export class SemanticService {
  private readonly index: VectorIndex;
  private embedder: Embedder | undefined;
  private published: VectorMatrix | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly listeners: Array<(vectors: VectorMatrix | undefined) => void> = [];

  constructor(
    private readonly database: DatabaseHandle,
    private readonly config: Config,
    private readonly log: Logger,
  ) {
    this.index = new VectorIndex(database, int8VectorCodec);
  }

  /** Called with every new matrix (and undefined when no model is active). */
  onVectors(listener: (vectors: VectorMatrix | undefined) => void): void {
    this.listeners.push(listener);
    listener(this.published);
  }

  /** The current matrix (for in-process search). */
  vectors(): VectorMatrix | undefined {
    return this.published;
  }

  /** Applies new vectors; reloads the Embedder when another model became active. */
  catchUp(): Promise<void> {
    if (this.running) return this.running.then(() => this.catchUp());
    this.running = (async () => {
      try {
        const result = await this.index.catchUp();
        if (result.isSwitched || !this.embedder) await this.loadEmbedder();
        const snapshot = this.index.snapshot();
        // A new buffer (grown, or another model) must reach the workers; row writes into the shared
        // buffers and a larger row count are seen through the same buffers and `rows` below.
        if (
          snapshot?.matrix !== this.published?.matrix ||
          snapshot?.deleted !== this.published?.deleted ||
          snapshot?.rows !== this.published?.rows
        ) {
          this.published = snapshot;
          for (const listener of this.listeners) listener(snapshot);
        }
        if (result.applied > 0) this.log.debug({ job: 'vector-index', ...result }, 'vector index caught up');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** A model that cannot be loaded leaves semantic search off (keyword still answers), logged. */
  private async loadEmbedder(): Promise<void> {
    const model = await getActiveModel(this.database.db);
    try {
      this.embedder = model ? await embedderFor(model, this.config, this.database.db) : undefined;
    } catch (error) {
      this.embedder = undefined;
      this.log.error({ err: error, model: model?.modelKey }, 'embedding model could not be loaded');
    }
  }

  /** The query's vector under the active model; undefined without one, or when it has no known word. */
  async embedQuery(text: string): Promise<Float32Array | undefined> {
    const embedder = this.embedder;
    if (!embedder || !this.published || embedder.modelKey !== this.published.modelKey) return undefined;
    const vector = await embedder.embedQuery(text);
    return vector.some((x) => x !== 0) ? vector : undefined;
  }

  start(intervalMs: number): void {
    const tick = () => {
      this.timer = setTimeout(() => {
        this.catchUp()
          .catch((error: unknown) =>
            this.log.error({ job: 'vector-index', err: error }, 'vector index catch-up failed'),
          )
          .finally(tick);
      }, intervalMs);
      this.timer.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
  }
}
