// Dialect-specific bulk writes for upsertPapers, the hot path of every import.
// SQLite: reused prepared single-row statements on the raw connection (no SQL compilation per batch).
// PostgreSQL: new papers are COPYed straight into papers with ids drawn from its sequence up front;
// changed papers are COPYed into a session-local staging table and applied with one UPDATE; the
// small tables take one statement per batch over unnest()ed arrays. A batch costs a handful of
// round trips with fixed statement texts, never thousands of parameters.

import type SQLite from 'better-sqlite3';
import { type Kysely, type Selectable, sql } from 'kysely';
import type pg from 'pg';
import type { Database, PapersTable } from '../db/schema.js';
import { copyRows } from './postgres-copy.js';

/** A papers row as imports write it: every column but the generated id and readers' vote and comment counts. */
export type PaperInsertRow = Omit<Selectable<PapersTable>, 'id' | 'community_votes' | 'community_comments'>;

/** A row to write; `id` is the stored paper's id when the paper already exists. */
export interface PaperWrite {
  row: PaperInsertRow;
  id?: number;
}

export interface BoardRow {
  paper_id: number;
  board_date: string;
  submitted_at: string | null;
  submitted_by: string | null;
  submitter_fullname: string | null;
  submitter_avatar_url: string | null;
  source: string;
  trending_score: number;
}

export interface ChangeRow {
  paper_id: number;
  arxiv_id: string;
  kind: string;
  changed_at: string;
}

/** Every papers column we write, in a fixed order. */
export const PAPER_COLUMNS: ReadonlyArray<keyof PaperInsertRow> = [
  'arxiv_id',
  'version',
  'title',
  'abstract',
  'authors',
  'primary_category',
  'categories',
  'comments',
  'journal_ref',
  'doi',
  'license',
  'report_no',
  'published_at',
  'updated_at',
  'is_withdrawn',
  'code_links',
  'versions',
  'upvotes',
  'num_comments',
  'github_repo',
  'github_stars',
  'project_page',
  'ai_summary',
  'ai_keywords',
  'organization',
  'media_urls',
  'ai_summary_model',
  'github_repo_added_by',
  'metadata_source',
  'first_seen_at',
  'modified_at',
];
const columnList = PAPER_COLUMNS.join(', ');
// An update rewrites everything but the natural key and the first-seen time.
const updatedColumns = PAPER_COLUMNS.filter((c) => c !== 'arxiv_id' && c !== 'first_seen_at');

const UPSERT_PAPER = `insert into papers (${columnList}) values (${PAPER_COLUMNS.map(() => '?').join(', ')})
  on conflict (arxiv_id) do update set ${updatedColumns.map((c) => `${c} = excluded.${c}`).join(', ')}
  returning id`;
const UPSERT_BOARD = `insert into board_entries (paper_id, board_date, submitted_at, submitted_by,
  submitter_fullname, submitter_avatar_url, source, trending_score)
  values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (paper_id) do update set board_date = excluded.board_date,
  submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by,
  submitter_fullname = excluded.submitter_fullname, submitter_avatar_url = excluded.submitter_avatar_url,
  source = excluded.source, trending_score = excluded.trending_score`;
const INSERT_CHANGE =
  'insert into paper_changes (paper_id, arxiv_id, kind, changed_at) values (?, ?, ?, ?) returning revision';

interface SqliteStatements {
  paper: SQLite.Statement;
  board: SQLite.Statement;
  change: SQLite.Statement;
}

const statementCache = new WeakMap<SQLite.Database, SqliteStatements>();

function sqliteStatements(connection: SQLite.Database): SqliteStatements {
  let statements = statementCache.get(connection);
  if (!statements) {
    statements = {
      paper: connection.prepare(UPSERT_PAPER),
      board: connection.prepare(UPSERT_BOARD),
      change: connection.prepare(INSERT_CHANGE),
    };
    statementCache.set(connection, statements);
  }
  return statements;
}

function values(row: PaperInsertRow): Array<PaperInsertRow[keyof PaperInsertRow]> {
  return PAPER_COLUMNS.map((c) => row[c]);
}

/** Writes all rows of a batch; the caller holds the transaction. Returns arxiv_id → id and revisions. */
export interface BulkWriter {
  writePapers(writes: PaperWrite[]): Promise<Map<string, number>>;
  writeBoard(rows: BoardRow[]): Promise<void>;
  appendChanges(rows: ChangeRow[]): Promise<number[]>;
}

// Runs inside Kysely's transaction: the SqliteDialect drives this same connection, so these
// statements join the open BEGIN … COMMIT.
export function sqliteBulkWriter(connection: SQLite.Database): BulkWriter {
  const s = sqliteStatements(connection);
  return {
    async writePapers(writes) {
      const ids = new Map<string, number>();
      for (const { row } of writes) {
        const { id } = s.paper.get(values(row)) as { id: number };
        ids.set(row.arxiv_id, id);
      }
      return ids;
    },
    async writeBoard(rows) {
      for (const r of rows) {
        s.board.run(
          r.paper_id,
          r.board_date,
          r.submitted_at,
          r.submitted_by,
          r.submitter_fullname,
          r.submitter_avatar_url,
          r.source,
          r.trending_score,
        );
      }
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

// Session-local staging table for changed papers: no WAL, no indexes, emptied at commit.
const PAPERS_INCOMING = `create temp table if not exists papers_incoming on commit delete rows as
  select ${columnList} from papers with no data`;
const APPLY_INCOMING = `update papers set ${updatedColumns.map((c) => `${c} = i.${c}`).join(', ')}
  from papers_incoming i where papers.arxiv_id = i.arxiv_id`;

/**
 * `client` is the connection `trx` runs on, inside its open transaction, which holds the change-log
 * advisory lock every paper writer takes: no other writer can insert the batch's new arXiv ids
 * between upsertPapers' read and this COPY.
 */
export function postgresBulkWriter(trx: Kysely<Database>, client: pg.PoolClient): BulkWriter {
  async function insertNew(rows: PaperInsertRow[], ids: Map<string, number>): Promise<void> {
    if (rows.length === 0) return;
    const allocated = await client.query<{ id: number }>(
      `select nextval(pg_get_serial_sequence('papers', 'id'))::int as id from generate_series(1, $1)`,
      [rows.length],
    );
    const withIds = rows.map((row, i) => {
      const id = allocated.rows[i]?.id as number;
      ids.set(row.arxiv_id, id);
      return [id, ...values(row)];
    });
    await copyRows(client, 'papers', ['id', ...PAPER_COLUMNS], withIds);
  }

  async function updateExisting(writes: PaperWrite[], ids: Map<string, number>): Promise<void> {
    if (writes.length === 0) return;
    await client.query(PAPERS_INCOMING);
    await copyRows(
      client,
      'papers_incoming',
      PAPER_COLUMNS,
      writes.map((w) => values(w.row)),
    );
    await client.query(APPLY_INCOMING);
    await client.query('truncate papers_incoming');
    for (const w of writes) ids.set(w.row.arxiv_id, w.id as number);
  }

  return {
    async writePapers(writes) {
      const ids = new Map<string, number>();
      await insertNew(
        writes.filter((w) => w.id === undefined).map((w) => w.row),
        ids,
      );
      await updateExisting(
        writes.filter((w) => w.id !== undefined),
        ids,
      );
      return ids;
    },
    async writeBoard(rows) {
      if (rows.length === 0) return;
      await sql`
        insert into board_entries (paper_id, board_date, submitted_at, submitted_by, submitter_fullname,
          submitter_avatar_url, source, trending_score)
        select * from unnest(${column(rows, 'paper_id')}::int[], ${column(rows, 'board_date')}::text[],
          ${column(rows, 'submitted_at')}::text[], ${column(rows, 'submitted_by')}::text[],
          ${column(rows, 'submitter_fullname')}::text[], ${column(rows, 'submitter_avatar_url')}::text[],
          ${column(rows, 'source')}::text[], ${column(rows, 'trending_score')}::float8[])
        on conflict (paper_id) do update set board_date = excluded.board_date, submitted_at = excluded.submitted_at,
          submitted_by = excluded.submitted_by, submitter_fullname = excluded.submitter_fullname,
          submitter_avatar_url = excluded.submitter_avatar_url, source = excluded.source,
          trending_score = excluded.trending_score`.execute(trx);
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
