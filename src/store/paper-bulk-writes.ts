// Dialect-specific bulk writes for upsertPapers, the hot path of every import.
// SQLite: reused prepared single-row statements on the raw connection (no SQL compilation per batch).
// PostgreSQL: one statement per table per batch over unnest()ed arrays, so a 2,000-row batch costs a
// handful of round trips with a fixed, cacheable statement text instead of tens of thousands of parameters.

import type SQLite from 'better-sqlite3';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, PapersTable } from '../db/schema.js';

/** A papers row as written: every column but the generated id. */
export type PaperInsertRow = Omit<Selectable<PapersTable>, 'id'>;

export interface VersionRow {
  paper_id: number;
  version: number;
  submitted_at: string;
  size: string | null;
}

export interface BoardRow {
  paper_id: number;
  board_date: string;
  submitted_at: string | null;
  submitted_by: string | null;
  source: string;
}

export interface ChangeRow {
  paper_id: number;
  arxiv_id: string;
  kind: string;
  changed_at: string;
}

/** Column order and PostgreSQL array type of every papers column we write. */
export const PAPER_COLUMNS: ReadonlyArray<readonly [keyof PaperInsertRow, string]> = [
  ['arxiv_id', 'text'],
  ['version', 'int'],
  ['title', 'text'],
  ['abstract', 'text'],
  ['authors', 'text'],
  ['primary_category', 'text'],
  ['categories', 'text'],
  ['comments', 'text'],
  ['journal_ref', 'text'],
  ['doi', 'text'],
  ['license', 'text'],
  ['report_no', 'text'],
  ['published_at', 'text'],
  ['updated_at', 'text'],
  ['is_withdrawn', 'int'],
  ['code_links', 'text'],
  ['upvotes', 'int'],
  ['num_comments', 'int'],
  ['github_repo', 'text'],
  ['github_stars', 'int'],
  ['project_page', 'text'],
  ['ai_summary', 'text'],
  ['ai_keywords', 'text'],
  ['metadata_source', 'text'],
  ['first_seen_at', 'text'],
  ['modified_at', 'text'],
];
const columnNames = PAPER_COLUMNS.map(([name]) => name);
// An update rewrites everything but the natural key and the first-seen time.
const updateSet = columnNames
  .filter((c) => c !== 'arxiv_id' && c !== 'first_seen_at')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

const UPSERT_PAPER = `insert into papers (${columnNames.join(', ')}) values (${columnNames.map(() => '?').join(', ')})
  on conflict (arxiv_id) do update set ${updateSet} returning id`;
const UPSERT_VERSION = `insert into paper_versions (paper_id, version, submitted_at, size) values (?, ?, ?, ?)
  on conflict (paper_id, version) do update set submitted_at = excluded.submitted_at, size = excluded.size`;
const UPSERT_BOARD = `insert into board_entries (paper_id, board_date, submitted_at, submitted_by, source)
  values (?, ?, ?, ?, ?) on conflict (paper_id) do update set board_date = excluded.board_date,
  submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by, source = excluded.source`;
const INSERT_CHANGE =
  'insert into paper_changes (paper_id, arxiv_id, kind, changed_at) values (?, ?, ?, ?) returning revision';

interface SqliteStatements {
  paper: SQLite.Statement;
  version: SQLite.Statement;
  board: SQLite.Statement;
  change: SQLite.Statement;
}

const statementCache = new WeakMap<SQLite.Database, SqliteStatements>();

function sqliteStatements(connection: SQLite.Database): SqliteStatements {
  let statements = statementCache.get(connection);
  if (!statements) {
    statements = {
      paper: connection.prepare(UPSERT_PAPER),
      version: connection.prepare(UPSERT_VERSION),
      board: connection.prepare(UPSERT_BOARD),
      change: connection.prepare(INSERT_CHANGE),
    };
    statementCache.set(connection, statements);
  }
  return statements;
}

/** Writes all rows of a batch; the caller holds the transaction. Returns arxiv_id → id and revisions. */
export interface BulkWriter {
  writePapers(rows: PaperInsertRow[]): Promise<Map<string, number>>;
  writeVersions(rows: VersionRow[]): Promise<void>;
  writeBoard(rows: BoardRow[]): Promise<void>;
  appendChanges(rows: ChangeRow[]): Promise<number[]>;
}

// Runs inside Kysely's transaction: the SqliteDialect drives this same connection, so these
// statements join the open BEGIN … COMMIT.
export function sqliteBulkWriter(connection: SQLite.Database): BulkWriter {
  const s = sqliteStatements(connection);
  return {
    async writePapers(rows) {
      const ids = new Map<string, number>();
      for (const row of rows) {
        const { id } = s.paper.get(...columnNames.map((c) => row[c])) as { id: number };
        ids.set(row.arxiv_id, id);
      }
      return ids;
    },
    async writeVersions(rows) {
      for (const r of rows) s.version.run(r.paper_id, r.version, r.submitted_at, r.size);
    },
    async writeBoard(rows) {
      for (const r of rows) s.board.run(r.paper_id, r.board_date, r.submitted_at, r.submitted_by, r.source);
    },
    async appendChanges(rows) {
      return rows.map(
        (r) => (s.change.get(r.paper_id, r.arxiv_id, r.kind, r.changed_at) as { revision: number }).revision,
      );
    },
  };
}

function column<T, K extends keyof T>(rows: T[], key: K): Array<T[K]> {
  return rows.map((r) => r[key]);
}

export function postgresBulkWriter(trx: Kysely<Database>): BulkWriter {
  return {
    async writePapers(rows) {
      if (rows.length === 0) return new Map();
      const arrays = PAPER_COLUMNS.map(([name, type]) => sql`${column(rows, name)}::${sql.raw(type)}[]`);
      const result = await sql<{ id: number; arxiv_id: string }>`
        insert into papers (${sql.raw(columnNames.join(', '))})
        select * from unnest(${sql.join(arrays)})
        on conflict (arxiv_id) do update set ${sql.raw(updateSet)}
        returning id, arxiv_id`.execute(trx);
      return new Map(result.rows.map((r) => [r.arxiv_id, r.id]));
    },
    async writeVersions(rows) {
      if (rows.length === 0) return;
      await sql`
        insert into paper_versions (paper_id, version, submitted_at, size)
        select * from unnest(${column(rows, 'paper_id')}::int[], ${column(rows, 'version')}::int[],
          ${column(rows, 'submitted_at')}::text[], ${column(rows, 'size')}::text[])
        on conflict (paper_id, version) do update set submitted_at = excluded.submitted_at, size = excluded.size`.execute(
        trx,
      );
    },
    async writeBoard(rows) {
      if (rows.length === 0) return;
      await sql`
        insert into board_entries (paper_id, board_date, submitted_at, submitted_by, source)
        select * from unnest(${column(rows, 'paper_id')}::int[], ${column(rows, 'board_date')}::text[],
          ${column(rows, 'submitted_at')}::text[], ${column(rows, 'submitted_by')}::text[], ${column(rows, 'source')}::text[])
        on conflict (paper_id) do update set board_date = excluded.board_date, submitted_at = excluded.submitted_at,
          submitted_by = excluded.submitted_by, source = excluded.source`.execute(trx);
    },
    async appendChanges(rows) {
      if (rows.length === 0) return [];
      // WITH ORDINALITY keeps the input order, so revisions follow the batch order.
      const result = await sql<{ revision: number }>`
        insert into paper_changes (paper_id, arxiv_id, kind, changed_at)
        select p, a, k, c from unnest(${column(rows, 'paper_id')}::int[], ${column(rows, 'arxiv_id')}::text[],
          ${column(rows, 'kind')}::text[], ${column(rows, 'changed_at')}::text[]) with ordinality as t(p, a, k, c, n)
        order by n
        returning revision`.execute(trx);
      return result.rows.map((r) => r.revision);
    },
  };
}
