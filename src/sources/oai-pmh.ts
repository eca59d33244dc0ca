// Pure parser for arXiv OAI-PMH responses (ListRecords / GetRecord) in the `arXivRaw` and `arXiv`
// metadata formats: records, deletions, the resumptionToken and OAI errors. Called by the OAI
// harvester and ingest; no I/O. Spec: https://www.openarchives.org/OAI/openarchivesprotocol.html,
// arXiv's formats: https://info.arxiv.org/help/oa/index.html
import { parseArxivId } from '../model/arxiv-id.js';
import type { Author, PaperRecord, PaperVersion, ParseResult, RecordIssue } from '../model/paper.js';
import { SourceFormatError } from '../model/paper.js';
import { hasNameCharacters, splitAuthorString } from './author-string.js';
import { isWithdrawnComment, withoutUndefined } from './text-util.js';
import {
  attrOf,
  child,
  children,
  cleanText,
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
