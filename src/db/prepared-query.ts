// A query built and compiled once, run many times with new values: for the few queries on every
// request's path (the session lookup), where Kysely's building and compiling cost more than SQLite
// takes to answer (~50 µs against ~2 µs). The query is built with a marker in place of each value;
// each run swaps the markers in its compiled parameters for the values, and the SQL, the same text
// every time, meets the connection's cached statement (statement-cache.ts). On SQLite a read runs
// straight on the raw connection's statement (as Kysely's driver would run it, minus its per-query
// transform and connection steps: ~40 µs a query under load), unless a transaction is open there.

import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { rawSqliteOf } from './connection.js';

/**
 * Stands for the named value in a query being prepared (typed as the column it is compared with, so
 * the query builder accepts it). Never a value a real query carries.
 */
export type Marker = <T = string>(name: string) => T;

const MARKER_PREFIX = '\u0000prepared-query:';

export interface PreparedQuery<Row, Values extends Record<string, unknown>> {
  execute(values: Values): Promise<Row[]>;
}

export function prepareQuery<DB, Row, Values extends Record<string, unknown>>(
  db: Kysely<DB>,
  build: (value: Marker) => Compilable<Row>,
): PreparedQuery<Row, Values> {
  const marker = <T>(name: string) => `${MARKER_PREFIX}${name}` as T;
  const compiled: CompiledQuery<Row> = build(marker).compile();
  // Where each parameter comes from: a value by name, or a constant the query itself holds.
  const sources = compiled.parameters.map((parameter): { name: string } | { constant: unknown } =>
    typeof parameter === 'string' && parameter.startsWith(MARKER_PREFIX)
      ? { name: parameter.slice(MARKER_PREFIX.length) }
      : { constant: parameter },
  );
  const sqlite = rawSqliteOf(db);
  const statement = sqlite?.prepare(compiled.sql);
  return {
    async execute(values) {
      const parameters = sources.map((source) => {
        if (!('name' in source)) return source.constant;
        if (!(source.name in values)) throw new Error(`prepared query: no value for ${source.name}`);
        return values[source.name];
      });
      // Inside an open transaction (another caller's, awaiting between its statements) a read on the
      // raw connection would see its uncommitted writes: it queues behind it through Kysely instead.
      if (statement?.reader && !sqlite?.inTransaction && !statement.busy) {
        return statement.all(parameters) as Row[];
      }
      const result = await db.executeQuery<Row>({ ...compiled, parameters });
      return result.rows;
    },
  };
}

/**
 * A prepared query per database handle, built on its first use there: how store/ declares one (a
 * handle is a connection or a pool for the process's lifetime; a transaction gets its own).
 */
export function preparedPerDatabase<DB, Row, Values extends Record<string, unknown>>(
  build: (db: Kysely<DB>, value: Marker) => Compilable<Row>,
): (db: Kysely<DB>) => PreparedQuery<Row, Values> {
  const byDatabase = new WeakMap<Kysely<DB>, PreparedQuery<Row, Values>>();
  return (db) => {
    let query = byDatabase.get(db);
    if (!query) {
      query = prepareQuery<DB, Row, Values>(db, (value) => build(db, value));
      byDatabase.set(db, query);
    }
    return query;
  };
}
