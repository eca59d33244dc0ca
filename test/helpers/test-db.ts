// Fresh databases for tests: a temporary SQLite file, and a private database on the PostgreSQL server
// (TEST_DATABASE_URL, default postgres@127.0.0.1:5432/test; set it to `none` to skip PostgreSQL).
// `eachDialect` runs a suite once per backend so every store feature is tested on both.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'node:test';
import pg from 'pg';
import { type DatabaseHandle, openPostgres, openSqlite } from '../../src/db/connection.js';
import type { Dialect } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const testPostgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const isPostgresEnabled = testPostgresUrl !== 'none';

export interface TestDatabase extends DatabaseHandle {
  /** Connection string other processes can use to reach the same database (SQLite: file path). */
  url: string;
  /** Drops the database (or deletes the file) after closing. */
  destroy(): Promise<void>;
}

export function tempDir(prefix = 'paperboard-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function createTestDatabase(
  dialect: Dialect,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const handle = dialect === 'sqlite' ? createSqlite() : await createPostgres();
  if (options.migrate !== false) await migrateToLatest(handle.db, handle.dialect);
  return handle;
}

function createSqlite(): TestDatabase {
  const dir = tempDir();
  const path = join(dir, 'paperboard.db');
  const handle = openSqlite(path);
  return {
    ...handle,
    url: path,
    async destroy() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A database per test file rather than a schema: Kysely's migrator looks for its lock table in any
// schema, so concurrent files sharing one database would see each other's migration tables.
async function createPostgres(): Promise<TestDatabase> {
  const name = `pb_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`create database ${name}`);
  const u = new URL(testPostgresUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const handle = openPostgres(url, 5);
  return {
    ...handle,
    url,
    async destroy() {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

export const dialects: Dialect[] = isPostgresEnabled ? ['sqlite', 'postgres'] : ['sqlite'];

/** Declares `describe(\`${name} [dialect]\`)` once per enabled backend. */
export function eachDialect(name: string, suite: (dialect: Dialect) => void): void {
  for (const dialect of dialects) describe(`${name} [${dialect}]`, () => suite(dialect));
}
