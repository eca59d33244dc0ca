import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import {
  assertSchemaCurrent,
  migrateToLatest,
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
    assert.deepEqual(await pendingMigrations(t.db, t.dialect), ['001-initial-schema']);
    await assert.rejects(assertSchemaCurrent(t.db, t.dialect), StaleSchemaError);
  });

  it('concurrent migrate calls apply each migration once, under the lock', async () => {
    const applied = await Promise.all([1, 2, 3].map(() => migrateToLatest(t.db, t.dialect)));
    assert.deepEqual(applied.flat(), ['001-initial-schema']);
    await assertSchemaCurrent(t.db, t.dialect);
    assert.deepEqual(await migrateToLatest(t.db, t.dialect), []);
  });
});
