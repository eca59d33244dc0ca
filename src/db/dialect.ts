// Which SQL dialect a database speaks, and the few column types that differ between them.
export type Dialect = 'sqlite' | 'postgres';

/** Auto-incrementing integer key: SQLite's rowid alias; PostgreSQL's serial or bigserial. */
export function idColumnType(dialect: Dialect, size: 'int' | 'bigint'): 'integer' | 'serial' | 'bigserial' {
  if (dialect === 'sqlite') return 'integer';
  return size === 'int' ? 'serial' : 'bigserial';
}
