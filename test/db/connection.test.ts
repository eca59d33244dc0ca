// The PostgreSQL pool survives an idle connection being killed by the server (restart, failover,
// pg_terminate_backend): the error is reported, not thrown, and the next query reconnects.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openPostgres } from '../../src/db/connection.js';
import {
  createTestDatabase,
  isPostgresEnabled,
  type TestDatabase,
  testPostgresUrl,
} from '../helpers/test-db.js';

describe('PostgreSQL pool', { skip: !isPostgresEnabled }, () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase('postgres', { migrate: false });
  });
  after(async () => {
    await t.destroy();
  });

  it('reports an idle connection killed by the server and reconnects for the next query', async () => {
    const errors: Error[] = [];
    const handle = openPostgres(t.url, 2, (error) => errors.push(error));
    try {
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db)).rows[0]
        ?.pid;
      assert.ok(pid);
      const admin = new pg.Client({ connectionString: testPostgresUrl });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      for (let i = 0; i < 50 && errors.length === 0; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(errors.length, 1);
      assert.match(errors[0]?.message ?? '', /terminat/);
      const again = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      assert.equal(again.rows[0]?.one, 1);
    } finally {
      await handle.close();
    }
  });
});
