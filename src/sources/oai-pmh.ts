// Pure parser for arXiv OAI-PMH responses (ListRecords / GetRecord) in the `arXivRaw` and `arXiv`
// metadata formats: records, deletions, the resumptionToken and OAI errors. Called by the OAI
// harvester and ingest; no I/O. Spec: https://www.openarchives.org/OAI/openarchivesprotocol.html,
// arXiv's formats: https://info.arxiv.org/help/oa/index.html
import { parseArxivId } from '../model/arxiv-id.js';
import type { Author, PaperRecord, PaperVersion, ParseResult, RecordIssue } from '../model/paper.js';
import { SourceFormatError } from '../model/paper.js';
import { isWithdrawnComment, withoutUndefined } from './text-util.js';
import {
  attrOf,
  child,
  children,
  cleanText,
  collapseWhitespace,
  firstDoi,
  isXmlObject,
  parseXml,
  rootName,
  textOf,
  toInteger,
  toIsoDate,
} from './xml-util.js';

export interface OaiPage extends ParseResult {
  /** <responseDate>, normalised to ISO-8601 UTC. */
  responseDate?: string;
  /** Present while the list has more pages; absent on the last page (empty token element). */
  resumptionToken?: { token: string; cursor?: number; completeListSize?: number };
  /** The repository answered `noRecordsMatch`: a valid, empty result (e.g. nothing new since `from`). */
  isNoRecordsMatch: boolean;
  /** arXiv ids (no version) whose header has status="deleted"; they carry no metadata. */
  deletedIds: string[];
}

/** An OAI-PMH protocol error other than noRecordsMatch (spec section 3.6). */
export class OaiPmhError extends Error {
  override name = 'OaiPmhError';
  /** badArgument, badResumptionToken, badVerb, cannotDisseminateFormat, idDoesNotExist, ... */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Parses one OAI-PMH response body. Throws OaiPmhError for protocol errors, SourceFormatError for junk. */
export function parseOaiPmh(xml: string): OaiPage {
  const doc = parseXml(xml, 'OAI-PMH response');
  const name = rootName(doc);
  if (name !== 'OAI-PMH' || !isXmlObject(doc[name])) {
    throw new SourceFormatError(`OAI-PMH response: expected <OAI-PMH>, got <${name}>`);
  }
  const root = doc[name];
  const responseDate = toIsoDate(cleanText(child(root, 'responseDate')));
  const empty = withoutUndefined<OaiPage>({
    responseDate,
    records: [],
    issues: [],
    deletedIds: [],
    isNoRecordsMatch: false,
  });

  if (readErrors(root)) return { ...empty, isNoRecordsMatch: true };
  const list = root.ListRecords ?? root.GetRecord;
  if (list === undefined) {
    throw new SourceFormatError(
      'OAI-PMH response: neither <ListRecords> nor <GetRecord> (unsupported verb?)',
    );
  }
  const page = { ...empty, ...readRecords(list) };
  const token = readResumptionToken(child(list, 'resumptionToken'));
  return token ? { ...page, resumptionToken: token } : page;
}

// Throws the first real error; returns true when every error is noRecordsMatch (an empty result,
// not a failure: the spec uses it for "no records since `from`" and for unknown sets).
function readErrors(root: unknown): boolean {
  const errors = children(root, 'error');
  if (errors.length === 0) return false;
  const real = errors.find((node) => attrOf(node, 'code') !== 'noRecordsMatch');
  if (!real) return true;
  const code = attrOf(real, 'code') ?? 'unknown';
  throw new OaiPmhError(code, cleanText(real) ?? code);
}

function readRecords(list: unknown): Pick<OaiPage, 'records' | 'issues' | 'deletedIds'> {
  const page: Pick<OaiPage, 'records' | 'issues' | 'deletedIds'> = {
    records: [],
    issues: [],
    deletedIds: [],
  };
  children(list, 'record').forEach((record, index) => {
    const result = readRecord(record, `record ${index + 1}`);
    if (typeof result === 'string') page.deletedIds.push(result);
    else if ('source' in result) page.records.push(result);
    else page.issues.push(result);
  });
  return page;
}

/** A record, the id of a deleted record, or an issue. */
function readRecord(record: unknown, position: string): PaperRecord | RecordIssue | string {
  const header = child(record, 'header');
  if (!isXmlObject(header)) return issue(position, 'record has no <header>');
  const identifier = cleanText(child(header, 'identifier'));
  const headerId = identifier ? parseArxivId(identifier.replace(/^oai:arXiv\.org:/i, '')) : undefined;
  // Deleted records keep only their header (spec section 2.5.1).
  if (attrOf(header, 'status') === 'deleted') {
    return (
      headerId?.id ?? issue(position, `deleted record with unusable identifier ${JSON.stringify(identifier)}`)
    );
  }
  const metadata = child(record, 'metadata');
  const raw = child(metadata, 'arXivRaw');
  if (isXmlObject(raw)) return parseArxivRaw(raw, position, headerId?.id);
  const structured = child(metadata, 'arXiv');
  if (isXmlObject(structured)) return parseArxivFormat(structured, position, headerId?.id);
  const format = isXmlObject(metadata) ? Object.keys(metadata)[0] : undefined;
  return issue(
    position,
    format ? `unsupported metadata format <${format}>` : 'record has no <metadata>',
    headerId?.id,
  );
}

// An empty <resumptionToken/> (possibly with attributes) marks the last page (spec section 3.5).
// The token is opaque: only the surrounding whitespace of pretty-printed files is removed.
function readResumptionToken(node: unknown): OaiPage['resumptionToken'] {
  const token = textOf(node)?.trim();
  if (!token) return undefined;
  const cursor = toInteger(attrOf(node, 'cursor'));
  const completeListSize = toInteger(attrOf(node, 'completeListSize'));
  return {
    token,
    ...(cursor === undefined ? {} : { cursor }),
    ...(completeListSize === undefined ? {} : { completeListSize }),
  };
}

function issue(position: string, message: string, id?: string): RecordIssue {
  return id === undefined ? { position, message } : { id, position, message };
}

type Result<T> = { ok: true; value: T } | { ok: false; issue: RecordIssue };

// The metadata <id> is authoritative; the header identifier (`oai:arXiv.org:<id>`) is the fallback.
function readId(meta: unknown, position: string, headerId: string | undefined): Result<string> {
  const raw = cleanText(child(meta, 'id'));
  if (!raw) {
    return headerId
      ? { ok: true, value: headerId }
      : { ok: false, issue: issue(position, 'record has no arXiv id') };
  }
  const parsed = parseArxivId(raw);
  if (parsed) return { ok: true, value: parsed.id };
  return {
    ok: false,
    issue: issue(position, `record <id> is not an arXiv id: ${JSON.stringify(raw)}`, headerId),
  };
}

/** Id and title, which every record needs; an issue when either is missing. */
function readIdentity(
  meta: unknown,
  position: string,
  headerId?: string,
): Result<{ id: string; title: string }> {
  const id = readId(meta, position, headerId);
  if (!id.ok) return id;
  const title = cleanText(child(meta, 'title'));
  if (!title) return { ok: false, issue: issue(position, 'record has no <title>', id.value) };
  return { ok: true, value: { id: id.value, title } };
}

// Fields spelled the same in arXivRaw.xsd and arXiv.xsd. proxy, msc-class and acm-class are not kept.
function readSharedFields(meta: unknown) {
  const categories = [...new Set(cleanText(child(meta, 'categories'))?.split(' ') ?? [])];
  return {
    abstract: cleanText(child(meta, 'abstract')) ?? '',
    primaryCategory: categories[0],
    categories,
    comments: cleanText(child(meta, 'comments')),
    journalRef: cleanText(child(meta, 'journal-ref')),
    doi: firstDoi(cleanText(child(meta, 'doi'))),
    license: cleanText(child(meta, 'license')),
    reportNo: cleanText(child(meta, 'report-no')),
  };
}

/** `arXivRaw`: the full version history and the author string as submitted. */
function parseArxivRaw(meta: unknown, position: string, headerId?: string): PaperRecord | RecordIssue {
  const identity = readIdentity(meta, position, headerId);
  if (!identity.ok) return identity.issue;
  const { id, title } = identity.value;
  const versions = readVersions(meta);
  if (typeof versions === 'string') return issue(position, versions, id);
  const latest = versions.at(-1);
  const shared = readSharedFields(meta);
  return withoutUndefined<PaperRecord>({
    arxivId: id,
    version: latest?.version,
    title,
    authors: splitAuthorString(cleanText(child(meta, 'authors')) ?? ''),
    ...shared,
    publishedAt: versions[0]?.submittedAt,
    updatedAt: latest?.submittedAt,
    versions: versions.length > 0 ? versions.map(({ sourceType: _, ...version }) => version) : undefined,
    isWithdrawn: isWithdrawnSource(latest?.sourceType) || isWithdrawnText(shared.comments, shared.abstract),
    source: 'oai-pmh',
  });
}

type RawVersion = PaperVersion & { sourceType?: string };

/** Versions sorted oldest first, or a message naming the first unusable one. */
function readVersions(meta: unknown): RawVersion[] | string {
  const versions: RawVersion[] = [];
  for (const node of children(meta, 'version')) {
    const label = attrOf(node, 'version') ?? '';
    const number = /^v(\d+)$/.exec(label.trim())?.[1];
    const date = cleanText(child(node, 'date'));
    const submittedAt = toIsoDate(date);
    if (!number || !submittedAt) {
      return `version ${JSON.stringify(label)} has no usable number or date (${date})`;
    }
    const size = cleanText(child(node, 'size'));
    const sourceType = cleanText(child(node, 'source_type'));
    versions.push(withoutUndefined<RawVersion>({ version: Number(number), submittedAt, size, sourceType }));
  }
  return versions.sort((a, b) => a.version - b.version);
}

// A withdrawal is a new version whose source flag contains `I` ("ignore": no files, no paper), as
// arXiv's own code reads it (arxiv-browse SourceFlag.ignore). The comments then give the reason,
// often without the word "withdrawn".
function isWithdrawnSource(sourceType: string | undefined): boolean {
  return sourceType?.includes('I') ?? false;
}

// Older withdrawals, and formats without source flags, only say so in the text. The comments rule
// is the one every source parser shares; some withdrawals replaced the abstract with the notice.
function isWithdrawnText(comments: string | undefined, abstract: string): boolean {
  return isWithdrawnComment(comments) || /\b(?:has|have) been withdrawn\b/i.test(abstract);
}

/** `arXiv`: structured authors and only the first (`created`) and latest (`updated`) dates. */
function parseArxivFormat(meta: unknown, position: string, headerId?: string): PaperRecord | RecordIssue {
  const identity = readIdentity(meta, position, headerId);
  if (!identity.ok) return identity.issue;
  const shared = readSharedFields(meta);
  const created = toIsoDate(cleanText(child(meta, 'created')));
  return withoutUndefined<PaperRecord>({
    arxivId: identity.value.id,
    title: identity.value.title,
    authors: children(child(meta, 'authors'), 'author').flatMap(readStructuredAuthor),
    ...shared,
    publishedAt: created,
    // arXiv.xsd: <updated> is only present when there are revisions, so v1 is also the latest.
    updatedAt: toIsoDate(cleanText(child(meta, 'updated'))) ?? created,
    // No source flags in this format: only a statement in the text counts; otherwise unknown.
    isWithdrawn: isWithdrawnText(shared.comments, shared.abstract) || undefined,
    source: 'oai-pmh',
  });
}

// <author><keyname/><forenames/><suffix/><affiliation/>*: written as "Forenames Keyname Suffix".
function readStructuredAuthor(node: unknown): Author[] {
  const name = ['forenames', 'keyname', 'suffix']
    .map((part) => cleanText(child(node, part)))
    .filter((part) => part !== undefined)
    .join(' ');
  // arXiv's own splitting leaves punctuation-only "authors" such as `:` after a collaboration name.
  if (!hasNameCharacters(name)) return [];
  const affiliations = children(node, 'affiliation')
    .map(cleanText)
    .filter((text): text is string => text !== undefined);
  return [affiliations.length > 0 ? { name, affiliations } : { name }];
}

function hasNameCharacters(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** One name of an arXivRaw author string with the parenthesised groups written after it. */
interface AuthorToken {
  text: string;
  groups: string[];
}

const NAME_SUFFIX = /^(?:(?:jr|sr)\.?|II|III|IV)$/i;
const ET_AL = /^et\.? ?al\.?$/i;
const NUMBER_REFS = /^\d+(?:\s*(?:,|and|&)\s*\d+)*$/i;
const NOTE_GROUP = /^(?:eds?\.?|editors?|(?:with|and)\b.*)$/i;

/**
 * Splits an arXivRaw author string as submitted (https://info.arxiv.org/help/prep.html#authors):
 * names separated by commas, semicolons, " and " or a "Collaboration:" colon, "A, B, and C" too;
 * "(MIT)" after a name is its affiliation; numbered affiliations "A (1,2), B (2) ((1) MIT, (2) CERN)"
 * are resolved; "Jr." after a comma stays with its name; "et al." is dropped. TeX stays verbatim.
 */
export function splitAuthorString(authors: string): Author[] {
  const { rest, numbered } = takeNumberedAffiliations(collapseWhitespace(authors));
  const result: Author[] = [];
  for (const token of tokenizeAuthors(rest)) {
    const name = token.text.replace(/^and(?:\s+|$)/i, '');
    const affiliations = token.groups.flatMap((group) => resolveGroup(group, numbered));
    const last = result.at(-1);
    if (last && (NAME_SUFFIX.test(name) || (name === '' && affiliations.length > 0))) {
      if (name) last.name = `${last.name} ${name}`;
      addAffiliations(last, affiliations);
    } else if (!ET_AL.test(name) && hasNameCharacters(name)) {
      result.push(affiliations.length > 0 ? { name, affiliations: [...new Set(affiliations)] } : { name });
    }
  }
  return result;
}

function addAffiliations(author: Author, affiliations: string[]): void {
  if (affiliations.length === 0) return;
  author.affiliations = [...new Set([...(author.affiliations ?? []), ...affiliations])];
}

function tokenizeAuthors(text: string): AuthorToken[] {
  const tokens: AuthorToken[] = [];
  let current: AuthorToken = { text: '', groups: [] };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '(' || ch === '{') {
      const end = closingIndex(text, i);
      if (ch === '(') current.groups.push(collapseWhitespace(text.slice(i + 1, end)));
      else current.text += text.slice(i, end + 1); // TeX group such as {\l}: part of the name
      i = end + 1;
      continue;
    }
    const separator = separatorLength(text, i);
    if (separator > 0) {
      tokens.push(current);
      current = { text: '', groups: [] };
      i += separator;
      continue;
    }
    current.text += ch;
    i += 1;
  }
  tokens.push(current);
  return tokens.map((token) => ({ text: collapseWhitespace(token.text), groups: token.groups }));
}

function separatorLength(text: string, i: number): number {
  if (',;:'.includes(text[i] ?? '')) return 1;
  const word = / (?:and|&) /iy;
  word.lastIndex = i;
  return word.test(text) ? word.lastIndex - i : 0;
}

/** Index of the bracket closing the one at `open` (or the end of text when it is never closed). */
function closingIndex(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === opener) depth += 1;
    else if (text[i] === closer && --depth === 0) return i;
  }
  return text.length;
}

// A final "((1) Inst A, (2) Inst B)" group defines the numbers used after names.
function takeNumberedAffiliations(text: string): { rest: string; numbered: Map<string, string> } {
  const numbered = new Map<string, string>();
  const open = text.endsWith(')') ? openingIndex(text, text.length - 1) : -1;
  const inner = open >= 0 ? text.slice(open + 1, -1) : '';
  if (!/^\s*\(\d+\)/.test(inner)) return { rest: text, numbered };
  const parts = inner.split(/\((\d+)\)/);
  for (let k = 1; k < parts.length; k += 2) {
    const affiliation = collapseWhitespace(parts[k + 1] ?? '')
      .replace(/[,;]$/, '')
      .trim();
    if (affiliation) numbered.set(parts[k] ?? '', affiliation);
  }
  return { rest: text.slice(0, open).trim(), numbered };
}

function openingIndex(text: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i -= 1) {
    if (text[i] === ')') depth += 1;
    else if (text[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

function resolveGroup(group: string, numbered: Map<string, string>): string[] {
  if (NUMBER_REFS.test(group)) {
    return group
      .split(/\s*(?:,|and|&)\s*/i)
      .map((n) => numbered.get(n))
      .filter((affiliation): affiliation is string => affiliation !== undefined);
  }
  if (group === '' || NOTE_GROUP.test(group)) return [];
  return [group];
}
