// What the search index needs from the store: the indexable fields of given papers, and papers in
// id order for a full rebuild. Only reads; the index follows the change log (store/changes.ts).

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Author, CodeLink } from '../model/paper.js';

export interface IndexablePaper {
  id: number;
  arxivId: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  publishedAt: string | null;
  upvotes: number;
  hasCode: boolean;
  isWithdrawn: boolean;
}

type Row = Pick<
  Database['papers'],
  | 'arxiv_id'
  | 'title'
  | 'abstract'
  | 'authors'
  | 'categories'
  | 'published_at'
  | 'upvotes'
  | 'code_links'
  | 'is_withdrawn'
> & { id: number; community_votes: number };

const COLUMNS = [
  'id',
  'arxiv_id',
  'title',
  'abstract',
  'authors',
  'categories',
  'published_at',
  'upvotes',
  'code_links',
  'is_withdrawn',
  'community_votes',
] as const;

function toIndexable(row: Row): IndexablePaper {
  const links = JSON.parse(row.code_links) as CodeLink[];
  return {
    id: row.id,
    arxivId: row.arxiv_id,
    title: row.title,
    abstract: row.abstract,
    authors: (JSON.parse(row.authors) as Author[]).map((a) => a.name),
    categories: JSON.parse(row.categories) as string[],
    publishedAt: row.published_at,
    upvotes: row.upvotes + row.community_votes,
    hasCode: links.some((l) => l.kind !== 'project'),
    isWithdrawn: row.is_withdrawn === 1,
  };
}

export async function getIndexablePapers(db: Kysely<Database>, ids: number[]): Promise<IndexablePaper[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('papers').select(COLUMNS).where('id', 'in', ids).execute();
  return rows.map(toIndexable);
}

/** The next `limit` papers with id > afterId, in id order (for rebuilding the index in pages). */
export async function listIndexablePapers(
  db: Kysely<Database>,
  afterId: number,
  limit: number,
): Promise<IndexablePaper[]> {
  const rows = await db
    .selectFrom('papers')
    .select(COLUMNS)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toIndexable);
}
