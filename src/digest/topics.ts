// A subscriber's topics as search queries in the one query language (search/query-*): a category
// is `cat:cs.CL`, a followed author `au:"Ada Lovelace"`, a saved search is itself. Checked when
// saved, so a digest run never meets a query that cannot run.

import { AppError } from '../lib/errors.js';
import type { DigestTopics } from '../model/digest-preferences.js';
import { toFtsMatch } from '../search/query-fts.js';
import { parseQuery } from '../search/query-parser.js';

export interface TopicQuery {
  /** What the subscriber chose, for "why this paper" in the digest. */
  label: string;
  query: string;
}

/** Quotes a name or keyword for the query language (its own quotes cannot be escaped, so they go). */
function quoted(text: string): string {
  return `"${text.replaceAll('"', ' ').trim()}"`;
}

export function topicQueries(topics: DigestTopics): TopicQuery[] {
  return [
    ...topics.categories.map((c) => ({ label: c, query: `cat:${c}` })),
    ...topics.queries.map((q) => ({ label: q, query: q })),
    ...topics.authors.map((a) => ({ label: a, query: `au:${quoted(a)}` })),
  ];
}

/** The query whose matches an excluded keyword removes. */
export function exclusionQuery(keyword: string): string {
  return quoted(keyword);
}

/** Problems with saved searches and keywords, as sentences for the preferences form. */
export function topicQueryProblems(topics: DigestTopics): string[] {
  const problems: string[] = [];
  const quote = (text: string) => `"${text.slice(0, 60)}${text.length > 60 ? '…' : ''}"`;
  const checks = [
    ...topics.queries.map((q) => ({ label: `The saved search ${quote(q)}`, query: q })),
    ...topics.categories.map((c) => ({ label: `The category ${quote(c)}`, query: `cat:${c}` })),
    ...topics.authors.map((a) => ({ label: `The author name ${quote(a)}`, query: `au:${quoted(a)}` })),
    ...topics.exclude.map((k) => ({ label: `The excluded keyword ${quote(k)}`, query: exclusionQuery(k) })),
  ];
  for (const { label, query } of checks) {
    try {
      const parsed = parseQuery(query);
      const hasFilters = Object.values(parsed.filters).some((v) => v !== undefined);
      if (parsed.root) toFtsMatch(parsed.root);
      else if (!hasFilters) problems.push(`${label} has no words to look for.`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push(`${label} cannot be searched: ${error.message}`);
    }
  }
  return problems;
}
