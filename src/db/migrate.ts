// Forward-only numbered migrations, applied under Kysely's migration lock so two instances
// starting together never both migrate; `serve` refuses to start while any are pending.

import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Dialect } from './dialect.js';
import { initialSchema } from './migrations/001-initial-schema.js';
import { inlineVersions } from './migrations/002-inline-versions.js';
import { accounts } from './migrations/003-accounts.js';
import { trending } from './migrations/004-trending.js';
import { votes } from './migrations/005-votes.js';
import { comments } from './migrations/006-comments.js';
import { moderation } from './migrations/007-moderation.js';
import { collections } from './migrations/008-collections.js';
import { digests } from './migrations/009-digests.js';
import { embeddings } from './migrations/010-embeddings.js';
import { similarPapers } from './migrations/011-similar-papers.js';
import { hfPaperFields } from './migrations/012-hf-paper-fields.js';
import { apiTokens } from './migrations/013-api-tokens.js';
import { arxivLookups } from './migrations/014-arxiv-lookups.js';
import { readerSignals } from './migrations/015-reader-signals.js';
import { readerReportIndex } from './migrations/016-reader-report-index.js';
import { readerFeedTokens } from './migrations/017-reader-feed-tokens.js';
import { similarRequests } from './migrations/018-similar-requests.js';
import { readerModelRequests } from './migrations/019-reader-model-requests.js';
import { paperFullTexts } from './migrations/020-paper-full-texts.js';
import type { Database } from './schema.js';

export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '001-initial-schema': initialSchema(dialect),
    '002-inline-versions': inlineVersions(dialect),
    '003-accounts': accounts(dialect),
    '004-trending': trending(),
    '005-votes': votes(),
    '006-comments': comments(dialect),
    '007-moderation': moderation(dialect),
    '008-collections': collections(dialect),
    '009-digests': digests(dialect),
    '010-embeddings': embeddings(dialect),
    '011-similar-papers': similarPapers(dialect),
    '012-hf-paper-fields': hfPaperFields(),
    '013-api-tokens': apiTokens(dialect),
    '014-arxiv-lookups': arxivLookups(),
    '015-reader-signals': readerSignals(),
    '016-reader-report-index': readerReportIndex(),
    '017-reader-feed-tokens': readerFeedTokens(),
    '018-similar-requests': similarRequests(),
    '019-reader-model-requests': readerModelRequests(),
    '020-paper-full-texts': paperFullTexts(),
  };
}

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrationsFor(this.dialect);
  }
}

/**
 * Numbers are taken when work starts, so one can land after a higher one (015 after 016): unordered
 * migrations let a database already at 016 still apply 015. Each migration is independent of the
 * ones numbered near it, which is what makes this safe.
 */
function migrator(db: Kysely<Database>, dialect: Dialect): Migrator {
  return new Migrator({ db, provider: new StaticMigrationProvider(dialect), allowUnorderedMigrations: true });
}

export class StaleSchemaError extends Error {
  override name = 'StaleSchemaError';
}

/** Applies pending migrations; returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const { error, results } = await migrator(db, dialect).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies pending migrations up to and including `name` (upgrade tests start from an old schema). */
export async function migrateTo(db: Kysely<Database>, dialect: Dialect, name: string): Promise<void> {
  const { error } = await migrator(db, dialect).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** Names of migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const all = await migrator(db, dialect).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

export async function assertSchemaCurrent(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const pending = await pendingMigrations(db, dialect);
  if (pending.length > 0) {
    throw new StaleSchemaError(
      `database schema is out of date (pending: ${pending.join(', ')}); run \`paperboard migrate\``,
    );
  }
}
