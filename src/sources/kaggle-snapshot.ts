// Parses one line of the Kaggle/Cornell "arXiv metadata OAI snapshot" (arxiv-metadata-oai-snapshot.json,
// JSON lines, ~2.7M papers) into a PaperRecord. Pure; `paperboard import kaggle` feeds it lines from
// lib/json-lines.ts. Field notes: ../shared/data/arxiv-kaggle-sample/SOURCE.md

import { parseArxivId } from '../model/arxiv-id.js';
import type { Author, PaperRecord, PaperVersion } from '../model/paper.js';
import { splitAuthorString } from './author-string.js';
import {
  collapseWhitespace,
  describeJson,
  FieldReader,
  isJsonObject,
  isWithdrawnComment,
  parseJsonObjectLine,
  rfc2822ToIso,
  withoutUndefined,
} from './text-util.js';

export { RecordError } from './text-util.js';

/** Parses one snapshot line; throws RecordError (with `line N` and the id when known) on bad JSON or fields. */
export function parseKaggleLine(line: string, lineNumber: number): PaperRecord {
  const fields = new FieldReader(parseJsonObjectLine(line, lineNumber), `line ${lineNumber}`);
  const rawId = fields.requireString('id');
  const parsed =
    parseArxivId(rawId) ?? fields.fail(`id is not an arXiv identifier: ${JSON.stringify(rawId)}`);
  fields.id = parsed.id;
  const categories = fields.requireString('categories').split(/\s+/).filter(Boolean);
  if (categories.length === 0) fields.fail('categories is empty');
  const versions = readVersions(fields);
  const comments = optionalText(fields, 'comments');
  return withoutUndefined<PaperRecord>({
    arxivId: parsed.id,
    version: versions.at(-1)?.version,
    title: fields.requireText('title'),
    abstract: fields.requireText('abstract'),
    authors: readAuthors(fields),
    primaryCategory: categories[0],
    categories,
    comments,
    journalRef: optionalText(fields, 'journal-ref'),
    doi: fields.optionalString('doi')?.trim(),
    license: fields.optionalString('license')?.trim(),
    reportNo: optionalText(fields, 'report-no'),
    publishedAt: versions[0]?.submittedAt,
    updatedAt: versions.at(-1)?.submittedAt,
    versions: versions.length > 0 ? versions : undefined,
    isWithdrawn: isWithdrawnComment(comments),
    source: 'kaggle',
  });
}

function optionalText(fields: FieldReader, key: string): string | undefined {
  const value = fields.optionalString(key);
  return value === undefined ? undefined : collapseWhitespace(value);
}

/** `[{version:'v2', created:'Tue, 24 Jul 2007 20:10:27 GMT'}, ...]` → versions sorted by number. */
function readVersions(fields: FieldReader): PaperVersion[] {
  const versions = fields.requireArray('versions').map((entry, i): PaperVersion => {
    const label = `versions[${i}]`;
    if (!isJsonObject(entry)) fields.fail(`${label} must be an object, got ${describeJson(entry)}`);
    const v = new FieldReader(entry, fields.position);
    v.id = fields.id;
    const name = v.requireString('version', `${label}.version`);
    const number =
      /^v(\d+)$/.exec(name)?.[1] ?? v.fail(`${label}.version is not like "v1": ${JSON.stringify(name)}`);
    const created = v.requireString('created', `${label}.created`);
    const submittedAt =
      rfc2822ToIso(created) ?? v.fail(`${label}.created is not an RFC 2822 date: ${JSON.stringify(created)}`);
    return { version: Number(number), submittedAt };
  });
  return versions.sort((a, b) => a.version - b.version);
}

/**
 * Names from `authors_parsed` ([last, first, suffix, affiliation?] — already de-LaTeXed, unlike the
 * `authors` string, e.g. "Balázs" vs "Bal\'azs"); the raw string only when the parsed list is absent.
 */
function readAuthors(fields: FieldReader): Author[] {
  const list = fields.optionalArray('authors_parsed');
  if (list === undefined) return splitAuthorString(fields.requireString('authors'));
  return list.map((entry, i) => parsedAuthor(fields, entry, i)).filter((a): a is Author => a !== undefined);
}

function parsedAuthor(fields: FieldReader, entry: unknown, i: number): Author | undefined {
  if (!Array.isArray(entry) || !entry.every((part) => typeof part === 'string')) {
    fields.fail(`authors_parsed[${i}] must be an array of strings`);
  }
  const [last = '', first = '', suffix = '', affiliation] = (entry as string[]).map(collapseWhitespace);
  const name = [first, last, suffix].filter(Boolean).join(' ');
  if (name === '') return undefined;
  return affiliation && !isFootnoteMark(affiliation) ? { name, affiliations: [affiliation] } : { name };
}

// Multi-affiliation papers leave footnote numbers ("1 and 2") where the affiliation should be.
function isFootnoteMark(text: string): boolean {
  return /^[\d\s,;&]*(?:and[\d\s,;&]*)*$/i.test(text);
}
