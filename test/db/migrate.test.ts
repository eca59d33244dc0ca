import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { type Migration, Migrator, sql } from 'kysely';
import {
  assertSchemaCurrent,
  migrateTo,
  migrateToLatest,
  migrationsFor,
  pendingMigrations,
  StaleSchemaError,
} from '../../src/db/migrate.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

eachDialect('migrations', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
  });
  after(async () => {
    await t.destroy();
  });

  it('a fresh database is stale and the server check refuses it', async () => {
    assert.deepEqual(await pendingMigrations(t.db, t.dialect), [
      '001-initial-schema',
      '002-inline-versions',
      '003-accounts',
      '004-trending',
      '005-votes',
      '006-comments',
      '007-moderation',
      '008-collections',
      '009-digests',
      '010-embeddings',
      '011-similar-papers',
      '012-hf-paper-fields',
      '013-api-tokens',
      '014-arxiv-lookups',
      '015-reader-signals',
      '016-reader-report-index',
      '017-reader-feed-tokens',
      '018-similar-requests',
      '019-reader-model-requests',
      '020-paper-full-texts',
    ]);
    await assert.rejects(assertSchemaCurrent(t.db, t.dialect), StaleSchemaError);
  });

  it('concurrent migrate calls apply each migration once, under the lock', async () => {
    const applied = await Promise.all([1, 2, 3].map(() => migrateToLatest(t.db, t.dialect)));
    assert.deepEqual(applied.flat(), [
      '001-initial-schema',
      '002-inline-versions',
      '003-accounts',
      '004-trending',
      '005-votes',
      '006-comments',
      '007-moderation',
      '008-collections',
      '009-digests',
      '010-embeddings',
      '011-similar-papers',
      '012-hf-paper-fields',
      '013-api-tokens',
      '014-arxiv-lookups',
      '015-reader-signals',
      '016-reader-report-index',
      '017-reader-feed-tokens',
      '018-similar-requests',
      '019-reader-model-requests',
      '020-paper-full-texts',
    ]);
    await assertSchemaCurrent(t.db, t.dialect);
    assert.deepEqual(await migrateToLatest(t.db, t.dialect), []);
  });
});

eachDialect('migration 002: version history moves into papers.versions', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
  });
  after(async () => {
    await t.destroy();
  });

  it('carries every stored version over, in order, with sizes only where known', async () => {
    await migrateTo(t.db, t.dialect, '001-initial-schema');
    const now = '2026-11-26T00:00:00.000Z';
    for (const arxivId of ['2401.00001', 'hep-th/9901001']) {
      await sql`insert into papers (arxiv_id, title, abstract, authors, categories, metadata_source, first_seen_at, modified_at)
        values (${arxivId}, 'T', 'A', '[]', '[]', 'kaggle', ${now}, ${now})`.execute(t.db);
    }
    const ids = await sql<{ id: number; arxiv_id: string }>`select id, arxiv_id from papers`.execute(t.db);
    const idOf = (arxivId: string) => ids.rows.find((r) => r.arxiv_id === arxivId)?.id;
    // Inserted out of order: the migration sorts by version number.
    for (const [version, size] of [
      [2, null],
      [1, '12kb'],
      [3, '15kb'],
    ] as const) {
      await sql`insert into paper_versions (paper_id, version, submitted_at, size)
        values (${idOf('2401.00001')}, ${version}, ${`2024-01-0${version}T00:00:00.000Z`}, ${size})`.execute(
        t.db,
      );
    }
    await migrateToLatest(t.db, t.dialect);
    const rows = await sql<{
      arxiv_id: string;
      versions: string;
    }>`select arxiv_id, versions from papers order by arxiv_id`.execute(t.db);
    assert.deepEqual(
      rows.rows.map((r) => [r.arxiv_id, JSON.parse(r.versions)]),
      [
        [
          '2401.00001',
          [
            { version: 1, submittedAt: '2024-01-01T00:00:00.000Z', size: '12kb' },
            { version: 2, submittedAt: '2024-01-02T00:00:00.000Z' },
            { version: 3, submittedAt: '2024-01-03T00:00:00.000Z', size: '15kb' },
          ],
        ],
        ['hep-th/9901001', []],
      ],
    );
    await assert.rejects(sql`select 1 from paper_versions`.execute(t.db));
  });
});

eachDialect('migration 015 lands after 016', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
  });
  after(async () => {
    await t.destroy();
  });

  it('a database migrated to 016 before 015 existed applies 015 and is then current', async () => {
    // The migration list as released before 015: everything else, 016 included (019, which alters
    // 015's table, came later still).
    const {
      '015-reader-signals': _,
      '019-reader-model-requests': __,
      ...released
    } = migrationsFor(t.dialect);
    const old = new Migrator({
      db: t.db,
      provider: { getMigrations: async (): Promise<Record<string, Migration>> => released },
    });
    const first = await old.migrateToLatest();
    assert.equal(first.error, undefined);
    assert.ok(first.results?.some((r) => r.migrationName === '016-reader-report-index'));
    const pending = ['015-reader-signals', '019-reader-model-requests'];
    assert.deepEqual(await pendingMigrations(t.db, t.dialect), pending);
    assert.deepEqual(await migrateToLatest(t.db, t.dialect), pending);
    await assertSchemaCurrent(t.db, t.dialect);
    await sql`select user_id, paper_id, kind, created_at from reader_feedback`.execute(t.db);
    await sql`select user_id, signal_version, trained_version, model, wanted_at from reader_models`.execute(
      t.db,
    );
  });
});
