// A query prepared once runs with each call's values, on both databases: the session lookup (its one
// caller on every request) finds a live session's user and nobody for an unknown, expired or banned
// one; constants the query holds stay; a missing value is an error, not a query with a marker in it.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { prepareQuery } from '../../src/db/prepared-query.js';
import type { Database } from '../../src/db/schema.js';
import { createSession, findSessionUser } from '../../src/store/sessions.js';
import { createUser } from '../../src/store/users.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const NOW = '2026-12-05T12:00:00.000Z';

eachDialect('prepared query', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('finds each session’s own user, and nobody for unknown, expired or banned sessions', async () => {
    const ada = await createUser(t.db, {
      email: 'ada@x.org',
      usernameBase: 'ada',
      displayName: 'Ada',
      now: NOW,
    });
    const bob = await createUser(t.db, {
      email: 'bob@x.org',
      usernameBase: 'bob',
      displayName: 'Bob',
      now: NOW,
    });
    await createSession(t.db, {
      idHash: 'h-ada',
      userId: ada.id,
      now: NOW,
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    await createSession(t.db, {
      idHash: 'h-bob',
      userId: bob.id,
      now: NOW,
      expiresAt: '2026-12-05T13:00:00.000Z',
    });
    assert.equal((await findSessionUser(t.db, 'h-ada', NOW))?.username, 'ada');
    assert.equal((await findSessionUser(t.db, 'h-bob', NOW))?.username, 'bob');
    assert.equal(await findSessionUser(t.db, 'h-nobody', NOW), undefined);
    assert.equal(await findSessionUser(t.db, 'h-bob', '2026-12-05T14:00:00.000Z'), undefined, 'expired');
    await t.db.updateTable('users').set({ banned_at: NOW }).where('id', '=', ada.id).execute();
    assert.equal(await findSessionUser(t.db, 'h-ada', NOW), undefined, 'banned');
    assert.equal((await findSessionUser(t.db, 'h-bob', NOW))?.username, 'bob', 'still bob after the others');
  });

  it('keeps the constants a query holds, uses a value as often as named, and refuses a missing one', async () => {
    const query = prepareQuery<Database, { username: string }, { name: string }>(t.db, (value) =>
      t.db
        .selectFrom('users')
        .select('username')
        .where((eb) => eb.or([eb('username', '=', value('name')), eb('display_name', '=', value('name'))]))
        .where('email', 'like', '%@x.org'),
    );
    assert.deepEqual(await query.execute({ name: 'Bob' }), [{ username: 'bob' }]);
    assert.deepEqual(await query.execute({ name: 'ada' }), [{ username: 'ada' }]);
    await assert.rejects(query.execute({} as { name: string }), /no value for name/);
  });
});
