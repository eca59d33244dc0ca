// The write transaction every store writer uses (paper upserts, votes): SQLite takes the write lock
// up front; PostgreSQL holds the change-log advisory lock on one checked-out client.

import { type Kysely, sql } from 'kysely';
import { type DatabaseHandle, kyselyOnClient } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { type BulkWriter, postgresBulkWriter, sqliteBulkWriter } from './paper-bulk-writes.js';

// Any constant: PostgreSQL writers take this transaction-scoped advisory lock so change-log
// revisions commit in the order they were allocated, and a reader past revision N never skips one.
const CHANGE_LOG_LOCK = 7_201_401;

/**
 * A transaction that will write, with the bulk writer for its connection. SQLite: BEGIN IMMEDIATE
 * takes the write lock up front — a deferred transaction that reads first fails with
 * SQLITE_BUSY_SNAPSHOT when another process commits in between (e.g. `import` while `serve --ingest`
 * runs), and busy_timeout cannot help it. PostgreSQL: one checked-out client (COPY needs the raw
 * connection) holding the change-log advisory lock, so revisions commit in the order they were allocated.
 */
export async function inWriteTransaction<T>(
  database: DatabaseHandle,
  work: (trx: Kysely<Database>, writer: BulkWriter) => Promise<T>,
): Promise<T> {
  if (database.postgres) {
    const client = await database.postgres.connect();
    let broken: unknown;
    try {
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
      const trx = kyselyOnClient(client);
      const result = await work(trx, postgresBulkWriter(trx, client));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch((rollbackError: unknown) => (broken = rollbackError));
      throw error;
    } finally {
      // A client whose rollback did not go through is discarded rather than returned to the pool.
      client.release(broken instanceof Error ? broken : undefined);
    }
  }
  const sqlite = database.sqlite;
  if (!sqlite) throw new Error('database handle has neither a SQLite connection nor a PostgreSQL pool');
  return inSqliteImmediate(database, (connection) => work(connection, sqliteBulkWriter(sqlite)));
}

function inSqliteImmediate<T>(
  database: DatabaseHandle,
  work: (connection: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return database.db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

/**
 * A transaction that reads, then writes what it read (no change-log lock): BEGIN IMMEDIATE on
 * SQLite for the reason above, an ordinary transaction on PostgreSQL (pair it with FOR UPDATE).
 */
export async function inReadWriteTransaction<T>(
  database: DatabaseHandle,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (database.postgres) return database.db.transaction().execute(work);
  return inSqliteImmediate(database, work);
}
