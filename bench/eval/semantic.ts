// The evaluation's semantic side, built the way `serve` builds it: the embeddings job trains the
// configured model on the collection's papers in the store (LSA by default, dimensions chosen by
// `dimensionsFor` as in production, or EMBEDDINGS_URL's provider) and writes every vector to the
// database; a SemanticService then loads them and embeds queries, as it does for the search workers.

import { loadConfig } from '../../src/config/config.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { silentLogger } from '../../src/lib/logger.js';
import { embeddingDeps, embedPendingPapers } from '../../src/search/semantic/semantic-models.js';
import { SemanticService } from '../../src/search/semantic/semantic-service.js';

/** The configuration comes from the environment like serve's, so LSA_DIMENSIONS and EMBEDDINGS_URL apply. */
export async function startSemanticService(database: DatabaseHandle): Promise<SemanticService> {
  const config = loadConfig();
  const log = silentLogger();
  const deps = embeddingDeps({ database, log, now: () => new Date(), config });
  const run = await embedPendingPapers(deps, config);
  if (run.ensured === 'too-few-papers') throw new Error('too few documents to train a semantic model');
  const service = new SemanticService(database, config, log);
  await service.catchUp();
  if (!service.vectors()) throw new Error('the embeddings job left no active model');
  return service;
}
