// The evaluations' offline model: LSA trained on everything in the store, stored and activated as
// the embeddings job would, with every paper embedded (int8, as serve keeps them).

import type { DatabaseHandle } from '../../src/db/connection.js';
import type { Logger } from '../../src/lib/logger.js';
import { reembedAll } from '../../src/search/semantic/embed-job.js';
import { embedderFor, lsaModelRow, trainLsaFromStore } from '../../src/search/semantic/semantic-models.js';
import { int8VectorCodec } from '../../src/search/semantic/vector-codec.js';

/** Trains LSA of `dims` dimensions on the store's papers and embeds them all; returns its dimensions. */
export async function embedStoreWithLsa(database: DatabaseHandle, log: Logger, dims = 256): Promise<number> {
  const config = { lsaDimensions: dims } as Parameters<typeof embedderFor>[1];
  const lsa = await trainLsaFromStore(database, { dims });
  await reembedAll(
    {
      database,
      log,
      now: () => new Date(),
      codec: int8VectorCodec,
      embedderFor: (m) => embedderFor(m, config, database.db),
    },
    lsaModelRow(lsa),
  );
  return lsa.dims;
}
