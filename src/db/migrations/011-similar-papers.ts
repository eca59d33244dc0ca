// "Similar papers" precomputed and stored: per paper, its most similar papers (vector neighbours blended
// with lexical evidence, search/similar-blend.ts) as a JSON list of [paper_id, score], the embedding
// model they were computed with and a hash of the text they were computed from, so the similar-papers
// job can tell cheaply whether a change (a vote, a new version with the same abstract) needs new ones.
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export function similarPapers(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('similar_papers')
        .addColumn('paper_id', 'integer', (c) => c.primaryKey().references('papers.id').onDelete('cascade'))
        // The embedding model whose vectors took part ('' when the list is lexical only).
        .addColumn('model_key', 'text', (c) => c.notNull())
        // Hash of the title and abstract the list was computed from.
        .addColumn('text_hash', 'text', (c) => c.notNull())
        // JSON [[paper_id, score], ...], most similar first.
        .addColumn('similar', 'text', (c) => c.notNull())
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
