// Semantic vectors as derived data stored once in the database: the embedding models (the offline
// LSA model's bytes, or the name of an external provider's model) and one vector per paper and model.
// Every vector write takes a new `seq`, so each instance's in-memory index polls "changed after seq X".
import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';
import { type Dialect, idColumnType } from '../dialect.js';

export function embeddings(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const id = idColumnType(dialect, 'int');
      const primary = (c: ColumnDefinitionBuilder) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey();
      const bytes = dialect === 'sqlite' ? 'blob' : 'bytea';

      await db.schema
        .createTable('embedding_models')
        .addColumn('id', id, primary)
        // e.g. `lsa-256-3f9a…`, `openai:nomic-embed-text`: vectors of different models are never compared.
        .addColumn('model_key', 'text', (c) => c.notNull().unique())
        // lsa | external
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('dims', 'integer', (c) => c.notNull())
        // building (re-embedding into it) | active (searched) | retired
        .addColumn('state', 'text', (c) => c.notNull())
        // The serialised LSA model; null for an external provider.
        .addColumn('model_bytes', bytes)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('activated_at', 'text')
        .execute();
      // Exactly one active model: a partial unique index (both dialects support them).
      await sql`create unique index embedding_models_one_active on embedding_models (state) where state = 'active'`.execute(
        db,
      );

      await db.schema
        .createTable('paper_vectors')
        .addColumn('model_id', 'integer', (c) =>
          c.notNull().references('embedding_models.id').onDelete('cascade'),
        )
        .addColumn('paper_id', 'integer', (c) => c.notNull().references('papers.id').onDelete('cascade'))
        // Packed quantised vector; null is a tombstone (the paper was withdrawn), kept so that
        // instances polling by seq learn about the removal.
        .addColumn('vector', bytes)
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('paper_vectors_pk', ['model_id', 'paper_id'])
        .execute();
      await db.schema
        .createIndex('paper_vectors_model_seq')
        .unique()
        .on('paper_vectors')
        .columns(['model_id', 'seq'])
        .execute();
      // PostgreSQL draws seq from a sequence (writers commit in seq order under an advisory lock);
      // SQLite has one writer at a time and continues from the model's highest seq.
      if (dialect === 'postgres') await sql`create sequence paper_vectors_seq`.execute(db);
    },
  };
}
