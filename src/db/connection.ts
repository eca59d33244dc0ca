// Opens the database named by the config: embedded SQLite (better-sqlite3, WAL) by default,
// PostgreSQL (pg pool) when DATABASE_URL is set. The CLI composition root is the only caller.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Dialect } from './dialect.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';

// int8 (COUNT(*), bigserial) comes back as a string by default; our values stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Human-readable location for logs (password redacted). */
  location: string;
  /** How to open another connection to the same database (import worker threads do). */
  connectOptions: ConnectOptions;
  /** The raw SQLite connection (embedded mode only): store/ reuses prepared statements on it for bulk writes. */
  sqlite?: SQLite.Database;
  /** The PostgreSQL pool (scale-out mode only): store/ checks out a client for COPY-based bulk writes. */
  postgres?: pg.Pool;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl: string;
  sqlitePath: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** An idle pooled PostgreSQL connection failed (server restart, admin kill); the pool replaces it. */
  onIdleConnectionError?: (error: Error) => void;
  /** SQLite's memory per connection (SQLITE_CACHE_MB, SQLITE_MMAP_MB); threads opening the store get it too. */
  sqliteMemory?: SqliteMemory;
}

/** A SQLite connection's page cache and mmap window, in MB. */
export interface SqliteMemory {
  cacheMb: number;
  mmapMb: number;
}

/** The config's defaults: a connection opened without settings (tests, benches) gets these. */
export const DEFAULT_SQLITE_MEMORY: SqliteMemory = { cacheMb: 64, mmapMb: 256 };

/** The pragmas bounding one connection's memory (a negative cache_size is in KiB). */
export function applySqliteMemory(sqlite: SQLite.Database, memory: SqliteMemory): void {
  sqlite.pragma(`mmap_size = ${Math.floor(memory.mmapMb) * 1024 * 1024}`);
  sqlite.pragma(`cache_size = -${Math.floor(memory.cacheMb) * 1024}`);
}

export function openDatabase(options: ConnectOptions): DatabaseHandle {
  if (options.databaseUrl) {
    return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.onIdleConnectionError);
  }
  return openSqlite(options.sqlitePath, options.sqliteMemory);
}

/**
 * The raw SQLite connection under a Kysely opened by openSqlite: prepared queries (prepared-query.ts)
 * run on it directly, without Kysely's per-query machinery, on the paths every request takes.
 */
const rawSqlite = new WeakMap<object, SQLite.Database>();

export function rawSqliteOf(db: object): SQLite.Database | undefined {
  return rawSqlite.get(db);
}

export function openSqlite(path: string, memory: SqliteMemory = DEFAULT_SQLITE_MEMORY): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers proceed during ingest; NORMAL sync is durable across app crashes under WAL.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  applySqliteMemory(sqlite, memory);
  // Checkpoint every ~40 MB of WAL instead of 4 MB: bulk imports fsync the database file 10× less often.
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('journal_size_limit = 67108864');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  rawSqlite.set(db, sqlite);
  return {
    db,
    dialect: 'sqlite',
    location: path,
    connectOptions: { databaseUrl: '', sqlitePath: path, sqliteMemory: memory },
    sqlite,
    close: () => db.destroy(),
  };
}

export function openPostgres(
  url: string,
  poolSize: number,
  onIdleConnectionError: (error: Error) => void = () => {},
): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // Without a listener, an idle connection the server drops (restart, failover, an admin's
  // pg_terminate_backend) is an uncaught 'error' that kills the process; the pool discards it and
  // the next query connects again, and errors of connections in use still reach their queries.
  pool.on('error', onIdleConnectionError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    connectOptions: { databaseUrl: url, sqlitePath: '', poolSize },
    location: url.replace(/(\/\/[^:/]*:)[^@/]*@/, '$1***@'),
    postgres: pool,
    close: () => db.destroy(),
  };
}

/**
 * A Kysely bound to one checked-out PostgreSQL client (whose transaction the caller manages), so
 * Kysely queries and raw-protocol work such as COPY share that transaction.
 */
export function kyselyOnClient(client: pg.PoolClient): Kysely<Database> {
  const borrowed = { query: client.query.bind(client), release: () => {} } as unknown as pg.PoolClient;
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => borrowed, end: async () => {} } }),
  });
}
