// Personal access tokens for the write API (`Authorization: Bearer`), and a note on each paper of a
// reading list (Hugging Face's collection item note). A token is stored only as the SHA-256 of its
// secret, like sessions, so a leaked database cannot be replayed; revoking keeps the row (its name and
// last use stay on the tokens page) but the token no longer authenticates.
import type { Kysely } from 'kysely';
import { type Dialect, idColumnType } from '../dialect.js';

export function apiTokens(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const id = idColumnType(dialect, 'int');
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        // 'read' or 'write' (write includes read), as Hugging Face's fine-grained-less token roles.
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
      // Plain text, at most 500 characters (checked by the request layer); null when none.
      await db.schema.alterTable('collection_papers').addColumn('note', 'text').execute();
    },
  };
}
