// Which embedding model the hub searches with, and its Embedder: by default the offline LSA model
// trained on the hub's own abstracts; with EMBEDDINGS_URL, the external /v1/embeddings provider.
// `ensureSemanticModel` (the embeddings job, `serve --sample`) trains or registers one and embeds
// every paper when none fits the configuration; `trainLsaFromStore` is also what `reindex` retrains with.

import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.js';
import type { DatabaseHandle } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { Logger } from '../../lib/logger.js';
import {
  type EmbeddingModel,
  getActiveModel,
  getModelBytes,
  type NewEmbeddingModel,
} from '../../store/embeddings.js';
import { countPapers } from '../../store/paper-reads.js';
import { listIndexablePapers } from '../../store/search-feed.js';
import { type EmbedJobDeps, type EmbedResult, embedChanges, reembedAll } from './embed-job.js';
import type { EmbeddableDocument, Embedder } from './embedder.js';
import { deserializeLsaModel, type LsaModel, serializeLsaModel } from './lsa-model.js';
import { seededRandom } from './lsa-svd.js';
import { LSA_DEFAULTS, type LsaTrainingProgress, trainLsaModel } from './lsa-train.js';
import { OpenAiEmbedder } from './openai-embeddings.js';
import { int8VectorCodec } from './vector-codec.js';

/** Fewer papers than this teach LSA nothing useful; semantic search waits for more. */
export const MIN_TRAINING_PAPERS = 50;

const lsaCache = new Map<string, LsaModel>();

/** What the embedding job and re-embedding need: the store, the vector codec and the model's Embedder. */
export function embeddingDeps(ctx: {
  database: DatabaseHandle;
  log: Logger;
  now: () => Date;
  config: Config;
}): EmbedJobDeps {
  return {
    database: ctx.database,
    log: ctx.log,
    now: ctx.now,
    codec: int8VectorCodec,
    embedderFor: (model) => embedderFor(model, ctx.config, ctx.database.db),
    batchSize: ctx.config.embeddingsUrl ? ctx.config.embeddingsBatchSize : 512,
  };
}

/** What one run of the embeddings job did: whether it activated a model, and the papers it embedded. */
export interface EmbeddingRun {
  ensured?: EnsureOutcome;
  result: EmbedResult | undefined;
}

/** One run of the embeddings job: a model that fits the configuration, then the changed papers' vectors. */
export async function embedPendingPapers(deps: EmbedJobDeps, config: Config): Promise<EmbeddingRun> {
  const ensured = await ensureSemanticModel(deps, config);
  return { ensured, result: await embedChanges(deps) };
}

/** The Embedder of a stored model (LSA models are read and deserialised once per process). */
export async function embedderFor(
  model: EmbeddingModel,
  config: Config,
  db: Kysely<Database>,
): Promise<Embedder> {
  if (model.kind === 'lsa') {
    const cached = lsaCache.get(model.modelKey);
    if (cached) return cached;
    const bytes = await getModelBytes(db, model.id);
    if (!bytes) throw new Error(`LSA model ${model.modelKey} has no stored bytes`);
    const lsa = deserializeLsaModel(bytes);
    lsaCache.set(model.modelKey, lsa);
    return lsa;
  }
  return new OpenAiEmbedder({
    url: config.embeddingsUrl,
    model: config.embeddingsModel,
    dims: model.dims,
    batchSize: config.embeddingsBatchSize,
    timeoutMs: config.embeddingsTimeoutMs,
    ...(config.embeddingsApiKey ? { apiKey: config.embeddingsApiKey } : {}),
  });
}

/**
 * Trains LSA on a uniform seeded sample of the store's papers (at most LSA_DEFAULTS.maxDocuments,
 * reservoir-sampled while paging through them, so a million papers never sit in memory at once).
 */
export async function trainLsaFromStore(
  database: DatabaseHandle,
  options: { dims: number; onProgress?: (p: LsaTrainingProgress) => void; signal?: AbortSignal },
): Promise<LsaModel> {
  const max = LSA_DEFAULTS.maxDocuments;
  const random = seededRandom(LSA_DEFAULTS.seed);
  const sample: EmbeddableDocument[] = [];
  let seen = 0;
  const total = await countPapers(database.db);
  for (let afterId = 0; ; ) {
    options.signal?.throwIfAborted();
    const page = await listIndexablePapers(database.db, afterId, 5000);
    const last = page.at(-1);
    if (!last) break;
    for (const paper of page) {
      if (paper.isWithdrawn) continue;
      const document = { title: paper.title, abstract: paper.abstract };
      seen += 1;
      if (sample.length < max) sample.push(document);
      else {
        const slot = Math.floor(random() * seen);
        if (slot < max) sample[slot] = document;
      }
    }
    afterId = last.id;
    options.onProgress?.({ phase: 'reading', done: seen, total });
  }
  return trainLsaModel(sample, {
    dims: dimensionsFor(sample.length, options.dims),
    maxDocuments: sample.length,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/**
 * LSA generalises only when it keeps far fewer concepts than there are documents: with 256
 * dimensions for 500 papers it is nearly the tf-idf space itself, and a query finds only papers
 * sharing its words. So a small collection gets about one dimension per 8 papers (a multiple of 16,
 * which the vector scan's SIMD kernel wants), and LSA_DIMENSIONS from 2,048 papers on.
 */
export function dimensionsFor(papers: number, configured: number): number {
  const bySize = Math.max(16, Math.floor(papers / 8 / 16) * 16);
  return Math.min(configured, bySize);
}

/** The model the configuration asks for: the external provider's, or an LSA model (any trained one). */
function wantsExternal(config: Config): boolean {
  return config.embeddingsUrl !== '';
}

export type EnsureOutcome = 'active' | 'activated' | 'too-few-papers';

/**
 * Makes sure a model matching the configuration is active, training LSA or registering the external
 * provider and embedding every paper if not (resumable and exclusive: reembedAll holds a lease).
 */
export async function ensureSemanticModel(deps: EmbedJobDeps, config: Config): Promise<EnsureOutcome> {
  const active = await getActiveModel(deps.database.db);
  if (wantsExternal(config)) {
    const key = `openai:${config.embeddingsModel}`;
    if (active?.modelKey === key) return 'active';
    // The provider tells its dimensions by embedding something.
    const probe = new OpenAiEmbedder({
      url: config.embeddingsUrl,
      model: config.embeddingsModel,
      dims: 0,
      batchSize: 1,
      timeoutMs: config.embeddingsTimeoutMs,
      ...(config.embeddingsApiKey ? { apiKey: config.embeddingsApiKey } : {}),
    });
    const dims = await probe.probeDimensions();
    await reembedAll(deps, { modelKey: key, kind: 'external', dims, modelBytes: null });
    return 'activated';
  }
  if (active?.kind === 'lsa') return 'active';
  if ((await countPapers(deps.database.db)) < MIN_TRAINING_PAPERS) return 'too-few-papers';
  const lsa = await trainLsaFromStore(deps.database, {
    dims: config.lsaDimensions,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  await reembedAll(deps, lsaModelRow(lsa));
  return 'activated';
}

export function lsaModelRow(lsa: LsaModel): NewEmbeddingModel {
  lsaCache.set(lsa.modelKey, lsa);
  return { modelKey: lsa.modelKey, kind: 'lsa', dims: lsa.dims, modelBytes: serializeLsaModel(lsa) };
}
