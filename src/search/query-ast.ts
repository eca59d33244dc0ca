// The search query AST: node and filter types, builders that keep trees flat, the searchability
// check FTS5 needs, and serializeQuery (canonical text). Built by query-parser.ts, compiled by query-fts.ts.
import { AppError } from '../lib/errors.js';
import { displayToken } from './query-tokenize.js';

/** Indexed columns of papers_fts that a field prefix (ti: au: abs:) restricts a term to. */
export type Field = 'title' | 'authors' | 'abstract';

export type QueryNode =
  | { kind: 'term'; text: string; field?: Field; isPrefix: boolean }
  | { kind: 'phrase'; words: string[]; field?: Field; isPrefix: boolean }
  | { kind: 'and' | 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode };

export type LeafNode = Extract<QueryNode, { kind: 'term' | 'phrase' }>;

/**
 * Filters apply to the whole query (AND-ed with it) wherever they were written, even inside OR.
 * Categories are any-of, like facets: `cat:cs.CL cat:cs.LG` means a paper in either category.
 */
export interface QueryFilters {
  /** Inclusive publication-year range; `year:2024` is `{ from: 2024, to: 2024 }`. */
  years?: { from: number; to: number };
  /** As written: `2024`, `2024-06` or `2024-06-01`; matches papers published before that period starts. */
  before?: string;
  /** As written; matches papers published after that period ends (`after:2023` means 2024 on). */
  after?: string;
  /** true for `has:code`, false for `-has:code`. */
  hasCode?: boolean;
  /** Normalised arXiv categories (`cs.CL`, `physics.optics`, `hep-th`) or archive prefixes (`cs.*`). */
  categories?: string[];
  /** Categories excluded with `-cat:`. */
  excludedCategories?: string[];
}

export interface QueryChip {
  label: string;
  /** The canonical query with this chip removed, for a "remove" link. */
  removeQuery: string;
}

export interface ParsedQuery {
  /** Undefined when the query has no words (empty, or filters only). */
  root?: QueryNode;
  filters: QueryFilters;
  chips: QueryChip[];
}

/** A query the user must fix; an AppError('invalid') so each surface maps it to a 400 once. */
export class QueryError extends AppError {
  constructor(message: string) {
    super('invalid', message);
    this.name = 'QueryError';
  }
}

export const FIELD_PREFIX: Record<Field, string> = {
  title: 'ti',
  authors: 'au',
  abstract: 'abs',
};

export function leafNode(words: string[], isPrefix: boolean, field?: Field): LeafNode | undefined {
  const [first] = words;
  if (first === undefined) return undefined;
  const node: LeafNode =
    words.length === 1 ? { kind: 'term', text: first, isPrefix } : { kind: 'phrase', words, isPrefix };
  if (field) node.field = field;
  return node;
}

function groupNode(kind: 'and' | 'or', parts: Array<QueryNode | undefined>): QueryNode | undefined {
  const children: QueryNode[] = [];
  for (const part of parts) {
    if (!part) continue;
    // (a b) c is a b c: flattening keeps the compiled FTS5 expression shallow.
    if (part.kind === kind) children.push(...part.children);
    else children.push(part);
  }
  if (children.length <= 1) return children[0];
  return { kind, children };
}

export const andNode = (parts: Array<QueryNode | undefined>) => groupNode('and', parts);
export const orNode = (parts: Array<QueryNode | undefined>) => groupNode('or', parts);

export function notNode(child: QueryNode | undefined): QueryNode | undefined {
  if (!child) return undefined;
  return child.kind === 'not' ? child.child : { kind: 'not', child };
}

export const isLeaf = (node: QueryNode): node is LeafNode => node.kind === 'term' || node.kind === 'phrase';

const ONLY_EXCLUSIONS =
  'Add at least one word to search for: a query of only exclusions (like -foo) has nothing to match.';
const EXCLUSION_IN_OR =
  'One side of OR is only an exclusion (like a OR -b), which the search index cannot run. ' +
  'Put a word next to it, e.g. (a -b) OR c.';
const EMPTY_EXCLUSION = 'An excluded group needs at least one plain word inside, like -(a -b).';

/**
 * FTS5 has no unary NOT (https://www.sqlite.org/fts5.html#full_text_query_syntax): `a NOT b` only.
 * So every AND needs a positive child, and OR branches and excluded groups must be searchable too.
 */
export function assertSearchable(node: QueryNode, message = ONLY_EXCLUSIONS): void {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return;
    case 'not':
      throw new QueryError(message);
    case 'or':
      for (const child of node.children) assertSearchable(child, EXCLUSION_IN_OR);
      return;
    case 'and': {
      const positives = node.children.filter((child) => child.kind !== 'not');
      if (positives.length === 0) throw new QueryError(message);
      for (const child of node.children) {
        if (child.kind === 'not') assertSearchable(child.child, EMPTY_EXCLUSION);
        else assertSearchable(child, message);
      }
    }
  }
}

/** Composite nesting depth; FTS5's expression parser overflows its stack around 35 levels. */
export function nodeDepth(node: QueryNode): number {
  if (node.kind === 'not') return 1 + nodeDepth(node.child);
  if (node.kind === 'and' || node.kind === 'or') return 1 + Math.max(...node.children.map(nodeDepth));
  return 0;
}

export function countWords(node: QueryNode): number {
  if (node.kind === 'term') return 1;
  if (node.kind === 'phrase') return node.words.length;
  if (node.kind === 'not') return countWords(node.child);
  return node.children.reduce((sum, child) => sum + countWords(child), 0);
}

export function serializeNode(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
    case 'phrase': {
      const prefix = node.field ? `${FIELD_PREFIX[node.field]}:` : '';
      const body =
        node.kind === 'term' ? displayToken(node.text) : `"${node.words.map(displayToken).join(' ')}"`;
      return `${prefix}${body}${node.isPrefix ? '*' : ''}`;
    }
    case 'not':
      return isLeaf(node.child) ? `-${serializeNode(node.child)}` : `-(${serializeNode(node.child)})`;
    case 'and':
      // OR binds looser than the implicit AND, so only OR children need parentheses.
      return node.children
        .map((c) => (c.kind === 'or' ? `(${serializeNode(c)})` : serializeNode(c)))
        .join(' ');
    case 'or':
      return node.children.map(serializeNode).join(' OR ');
  }
}

export function serializeFilters(filters: QueryFilters): string[] {
  const parts: string[] = [];
  const { years } = filters;
  if (years) parts.push(years.from === years.to ? `year:${years.from}` : `year:${years.from}-${years.to}`);
  if (filters.after) parts.push(`after:${filters.after}`);
  if (filters.before) parts.push(`before:${filters.before}`);
  if (filters.hasCode !== undefined) parts.push(filters.hasCode ? 'has:code' : '-has:code');
  for (const category of filters.categories ?? []) parts.push(`cat:${category}`);
  for (const category of filters.excludedCategories ?? []) parts.push(`-cat:${category}`);
  return parts;
}

/** Canonical text of a parsed query; parseQuery(serializeQuery(q)) gives back the same root and filters. */
export function serializeQuery(parsed: Pick<ParsedQuery, 'root' | 'filters'>): string {
  const parts = serializeFilters(parsed.filters);
  if (parsed.root) parts.unshift(serializeNode(parsed.root));
  return parts.join(' ');
}
