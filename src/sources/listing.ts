// Parses one line of a daily arXiv listing crawl (daily-arXiv-ai-enhanced JSON lines: id, categories,
// authors, title, comment, summary) into a PaperRecord. Pure; `paperboard import listing` feeds it lines
// from lib/json-lines.ts. Field notes: ../shared/data/arxiv-listings-cs/SOURCE.md

import { parseArxivId } from '../model/arxiv-id.js';
import type { Author, PaperRecord } from '../model/paper.js';
import {
  collapseWhitespace,
  FieldReader,
  isWithdrawnComment,
  parseJsonObjectLine,
  withoutUndefined,
} from './text-util.js';

export { RecordError } from './text-util.js';

/**
 * Parses one listing line; throws RecordError (with `line N` and the id when known) on bad JSON or fields.
 * The format has no dates or versions; the shards' derived `_listing_dates` (crawl days, repeated for
 * cross-lists) say when the crawler saw the paper, not when arXiv published it, so they are ignored.
 */
export function parseListingLine(line: string, lineNumber: number): PaperRecord {
  const fields = new FieldReader(parseJsonObjectLine(line, lineNumber), `line ${lineNumber}`);
  const rawId = fields.requireString('id');
  const parsed =
    parseArxivId(rawId) ?? fields.fail(`id is not an arXiv identifier: ${JSON.stringify(rawId)}`);
  fields.id = parsed.id;
  const categories = fields
    .requireStringArray('categories')
    .map((c) => c.trim())
    .filter(Boolean);
  if (categories.length === 0) fields.fail('categories is empty');
  const comment = fields.optionalString('comment');
  const comments = comment === undefined ? undefined : collapseWhitespace(comment);
  return withoutUndefined<PaperRecord>({
    arxivId: parsed.id,
    version: parsed.version,
    title: fields.requireText('title'),
    abstract: fields.requireText('summary'),
    authors: readAuthors(fields),
    primaryCategory: categories[0],
    categories,
    comments,
    isWithdrawn: isWithdrawnComment(comments),
    source: 'listing',
  });
}

// The crawler splits "NVIDIA: A. Author, ..." into ["NVIDIA", ":", ...]; a name needs a letter or digit.
function readAuthors(fields: FieldReader): Author[] {
  return fields
    .requireStringArray('authors')
    .map(collapseWhitespace)
    .filter((name) => /[\p{L}\p{N}]/u.test(name))
    .map((name) => ({ name }));
}
