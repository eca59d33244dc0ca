// Kysely's SQLite driver prepares every query anew: better-sqlite3's prepare() parses and plans the
// SQL each time, which was ~45% of a signed-in API request (the session lookup) under load. Kysely
// compiles the same query shape to the same SQL string, so the connection it is given keeps the
// most recently used statements by SQL and hands them out again. A statement still iterating (a
// streamed query) is busy and cannot run again until it finishes: such a call gets a fresh one.

import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every query shape the app runs; `in (?, ?, …)` lists of many lengths rotate out. */
const DEFAULT_CAPACITY = 512;

export function withStatementCache(sqlite: SQLite.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        statements.set(sql, statement);
        if (statements.size > capacity) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      return statement;
    },
  };
}
