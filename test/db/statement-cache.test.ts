// The SQLite connection Kysely is given reuses prepared statements by SQL: the same statement object
// for a repeated query, a fresh one while the cached one is still iterating, and at most `capacity`
// kept. Through Kysely, one query shape with different parameters answers each right.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { withStatementCache } from '../../src/db/statement-cache.js';

function numbers(): SQLite.Database {
  const sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (n integer primary key)');
  const insert = sqlite.prepare('insert into t (n) values (?)');
  for (let n = 1; n <= 5; n++) insert.run(n);
  return sqlite;
}

describe('statement cache', () => {
  it('hands out the same statement for the same SQL, and a new one for other SQL', () => {
    const cached = withStatementCache(numbers());
    const first = cached.prepare('select n from t where n > ?');
    assert.equal(cached.prepare('select n from t where n > ?'), first);
    assert.notEqual(cached.prepare('select n from t where n < ?'), first);
    assert.deepEqual(first.all([3]), [{ n: 4 }, { n: 5 }]);
    cached.close();
  });

  it('prepares a fresh statement while the cached one is iterating', () => {
    const cached = withStatementCache(numbers());
    const statement = cached.prepare('select n from t order by n');
    const iterator = statement.iterate([]);
    assert.deepEqual(iterator.next().value, { n: 1 });
    const other = cached.prepare('select n from t order by n');
    assert.notEqual(other, statement);
    assert.equal(other.all([]).length, 5);
    iterator.return?.();
    assert.equal(cached.prepare('select n from t order by n'), statement, 'the cached one is free again');
    cached.close();
  });

  it('keeps at most `capacity` statements, dropping the least recently used', () => {
    const cached = withStatementCache(numbers(), 2);
    const a = cached.prepare('select 1');
    const b = cached.prepare('select 2');
    assert.equal(cached.prepare('select 1'), a, 'using a makes b the oldest');
    cached.prepare('select 3');
    assert.equal(cached.prepare('select 1'), a);
    assert.notEqual(cached.prepare('select 2'), b, 'b was dropped');
    cached.close();
  });

  it('gives Kysely right answers for one query shape with different parameters, streamed or not', async () => {
    const db = new Kysely<{ t: { n: number } }>({
      dialect: new SqliteDialect({ database: withStatementCache(numbers()) }),
    });
    const above = (n: number) => db.selectFrom('t').select('n').where('n', '>', n).orderBy('n');
    assert.deepEqual(
      (await above(3).execute()).map((r) => r.n),
      [4, 5],
    );
    assert.deepEqual(
      (await above(1).execute()).map((r) => r.n),
      [2, 3, 4, 5],
    );
    const streamed: number[] = [];
    for await (const row of above(2).stream()) streamed.push(row.n);
    assert.deepEqual(streamed, [3, 4, 5]);
    assert.deepEqual(
      (await above(4).execute()).map((r) => r.n),
      [5],
    );
    await db.destroy();
  });
});
