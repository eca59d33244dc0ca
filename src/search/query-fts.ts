// Compiles a parsed query for the SQLite search index: the AST to an FTS5 MATCH string, filters to a
// parameterised WHERE fragment over search_docs (alias d). Called by the search index module.
// FTS5 query syntax: https://www.sqlite.org/fts5.html#full_text_query_syntax
import { assertSearchable, isLeaf, type LeafNode, type QueryFilters, type QueryNode } from './query-ast.js';
import { firstDayOf, lastDayOf } from './query-filters.js';

/** FTS5 string: every word is quoted (doubling any `"`), so no user text is read as an operator. */
function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function compileLeaf(node: LeafNode): string {
  const phrase = quote(node.kind === 'term' ? node.text : node.words.join(' '));
  // `"a b" *` makes the last token a prefix; `col : phrase` is a column filter.
  const body = node.isPrefix ? `${phrase} *` : phrase;
  return node.field ? `${node.field} : ${body}` : body;
}

function compileNode(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return compileLeaf(node);
    case 'or':
      return node.children.map(compileOperand).join(' OR ');
    case 'and':
      return compileAnd(node.children);
    case 'not':
      // assertSearchable has already refused a NOT with nothing to subtract from.
      throw new Error('unreachable: bare NOT');
  }
}

function compileOperand(node: QueryNode): string {
  return isLeaf(node) ? compileLeaf(node) : `(${compileNode(node)})`;
}

/** FTS5's NOT is binary, so `a b -c -d` becomes `("a" AND "b") NOT ("c" OR "d")`. */
function compileAnd(children: QueryNode[]): string {
  const positives = children.filter((child) => child.kind !== 'not').map(compileOperand);
  const negatives = children.flatMap((child) => (child.kind === 'not' ? [child.child] : []));
  const included = positives.join(' AND ');
  const [first, ...others] = negatives;
  if (!first) return included;
  const excluded: QueryNode = others.length === 0 ? first : { kind: 'or', children: negatives };
  return `${positives.length > 1 ? `(${included})` : included} NOT ${compileOperand(excluded)}`;
}

/** The MATCH expression for a query root; throws QueryError if FTS5 cannot express it. */
export function toFtsMatch(root: QueryNode): string {
  assertSearchable(root);
  return compileNode(root);
}

export interface SqlFragment {
  /** Conditions AND-ed together; `1 = 1` when there are no filters, so it always composes. */
  sql: string;
  params: unknown[];
}

/**
 * WHERE conditions over search_docs (alias `d`) and doc_categories for category filters. User text
 * only ever travels in params. before:/after: exclude the whole named period (after:2023 is 2024 on).
 */
export function toFilterSql(filters: QueryFilters): SqlFragment {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filters.years) {
    clauses.push('d.year BETWEEN ? AND ?');
    params.push(filters.years.from, filters.years.to);
  }
  if (filters.after) {
    clauses.push('d.published_date > ?');
    params.push(lastDayOf(filters.after));
  }
  if (filters.before) {
    clauses.push('d.published_date < ?');
    params.push(firstDayOf(filters.before));
  }
  if (filters.hasCode !== undefined) clauses.push(`d.has_code = ${filters.hasCode ? 1 : 0}`);
  addCategoryClause(clauses, params, 'IN', filters.categories);
  addCategoryClause(clauses, params, 'NOT IN', filters.excludedCategories);
  return { sql: clauses.length > 0 ? clauses.join(' AND ') : '1 = 1', params };
}

/**
 * Papers in any of the categories: `cs.CL` exactly, `cs.*` (or `cs`) any category of the archive
 * (`cs.CL`, `cs.LG` …, and a bare `cs`), by ranges over doc_categories' (category, rowid) key.
 */
function addCategoryClause(clauses: string[], params: unknown[], op: 'IN' | 'NOT IN', list?: string[]): void {
  if (!list || list.length === 0) return;
  const tests: string[] = [];
  for (const category of list) {
    const archive = category.endsWith('.*')
      ? category.slice(0, -2)
      : category.includes('.')
        ? undefined
        : category;
    if (archive === undefined) {
      tests.push('c.category = ?');
      params.push(category);
    } else {
      // '.' + 1 is '/': every `archive.x` sorts in [archive., archive/).
      tests.push('(c.category = ? OR (c.category >= ? AND c.category < ?))');
      params.push(archive, `${archive}.`, `${archive}/`);
    }
  }
  clauses.push(`d.rowid ${op} (SELECT c.rowid FROM doc_categories c WHERE ${tests.join(' OR ')})`);
}
