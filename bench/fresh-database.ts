// A fresh, migrated-on-demand database for a benchmark: a new SQLite file in bench/out, or a new
// PostgreSQL database (dropped first) on the server at BENCH_DATABASE_URL.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { type DatabaseHandle, openPostgres, openSqlite } from '../src/db/connection.js';
import type { Dialect } from '../src/db/dialect.js';
import { benchOutDir } from './paths.js';

export const defaultPostgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function adminQuery(adminUrl: string, text: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(
  dialect: Dialect,
  name: string,
  adminUrl = defaultPostgresUrl,
  poolSize = 4,
): Promise<DatabaseHandle> {
  if (dialect === 'sqlite') {
    const path = `${benchOutDir}${name}.db`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    return openSqlite(path);
  }
  await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return openPostgres(url.toString(), poolSize);
}
