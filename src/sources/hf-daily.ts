// Parses one Hugging Face daily-papers response (`GET https://huggingface.co/api/daily_papers?date=`)
// into PaperRecords carrying community signals and the board placement. Pure; called by the HF daily
// ingest job and by `paperboard import` for recorded files. Field notes: ../shared/data/hf-papers-api/SOURCE.md

import { parseArxivId } from '../model/arxiv-id.js';
import type {
  Author,
  BoardPlacement,
  CommunityInfo,
  Organization,
  PaperRecord,
  ParseResult,
  RecordIssue,
} from '../model/paper.js';
import { SourceFormatError } from '../model/paper.js';
import {
  collapseWhitespace,
  describeJson,
  FieldReader,
  isJsonObject,
  type JsonObject,
  RecordError,
  withoutUndefined,
} from './text-util.js';

export interface HfDailyOptions {
  /** YYYY-MM-DD the response was requested for (the `date=` parameter, or the file's name). */
  boardDate?: string;
}

/** Parses a daily-papers JSON array (or `{ "data": [...] }`); bad items become issues, the rest are kept. */
export function parseHfDailyPapers(json: string, opts: HfDailyOptions = {}): ParseResult {
  if (opts.boardDate !== undefined && !isCalendarDate(opts.boardDate)) {
    throw new RangeError(`boardDate must be YYYY-MM-DD, got ${JSON.stringify(opts.boardDate)}`);
  }
  const records: PaperRecord[] = [];
  const issues: RecordIssue[] = [];
  readItems(json).forEach((item, index) => {
    try {
      records.push(parseItem(item, `item ${index + 1}`, opts.boardDate));
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      issues.push(error.toIssue());
    }
  });
  return { records, issues };
}

/** `.../2024-12-16-ex.json` → `2024-12-16`; undefined when the file name does not start with a date. */
export function boardDateFromFileName(path: string): string | undefined {
  const base = path.split(/[\\/]/).pop() ?? '';
  const date = /^(\d{4}-\d{2}-\d{2})(?!\d)/.exec(base)?.[1];
  return date && isCalendarDate(date) ? date : undefined;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text);
}

function readItems(json: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new SourceFormatError(`HF daily papers: not JSON (${(error as Error).message})`);
  }
  if (Array.isArray(value)) return value;
  // One recorded day was saved by its bot as `{"status","date","count","data":[...]}`.
  if (isJsonObject(value) && Array.isArray(value.data)) return value.data;
  if (isJsonObject(value) && typeof value.error === 'string') {
    throw new SourceFormatError(`HF daily papers: API error: ${value.error}`);
  }
  throw new SourceFormatError(`HF daily papers: expected a JSON array of items, got ${describeJson(value)}`);
}

function parseItem(item: unknown, position: string, boardDate: string | undefined): PaperRecord {
  if (!isJsonObject(item)) throw new RecordError(position, `expected an object, got ${describeJson(item)}`);
  const top = new FieldReader(item, position);
  const paper = new FieldReader(top.optionalObject('paper') ?? top.fail('paper is missing'), position);
  const rawId = paper.requireString('id', 'paper.id');
  const parsed =
    parseArxivId(rawId) ?? paper.fail(`paper.id is not an arXiv identifier: ${JSON.stringify(rawId)}`);
  top.id = paper.id = parsed.id;
  return withoutUndefined<PaperRecord>({
    arxivId: parsed.id,
    version: parsed.version,
    title: paper.requireText('title', 'paper.title'),
    abstract: paper.requireText('summary', 'paper.summary'),
    authors: readAuthors(paper),
    categories: [],
    publishedAt: paper.requireTimestamp('publishedAt', 'paper.publishedAt'),
    isWithdrawn: paper.optionalString('withdrawnAt', 'paper.withdrawnAt') === undefined ? undefined : true,
    community: readCommunity(top, paper),
    board: readBoard(top, paper, boardDate),
    source: 'hf-daily',
  });
}

/** All author names in order, hidden ones included (hidden only hides the HF account link). */
function readAuthors(paper: FieldReader): Author[] {
  return paper.requireArray('authors', 'paper.authors').map((author, i) => {
    const name = isJsonObject(author) ? author.name : undefined;
    if (typeof name !== 'string' || collapseWhitespace(name) === '') {
      paper.fail(`paper.authors[${i}].name must be a non-empty string`);
    }
    return { name: collapseWhitespace(name) };
  });
}

function readCommunity(top: FieldReader, paper: FieldReader): CommunityInfo {
  const aiSummary = paper.optionalString('ai_summary', 'paper.ai_summary');
  return withoutUndefined<CommunityInfo>({
    upvotes: paper.optionalCount('upvotes', 'paper.upvotes'),
    numComments: top.optionalCount('numComments'),
    githubRepo: paper.optionalString('githubRepo', 'paper.githubRepo')?.trim(),
    githubStars: paper.optionalCount('githubStars', 'paper.githubStars'),
    projectPage: paper.optionalString('projectPage', 'paper.projectPage')?.trim(),
    aiSummary: aiSummary === undefined ? undefined : collapseWhitespace(aiSummary),
    aiKeywords: paper.optionalStringArray('ai_keywords', 'paper.ai_keywords')?.map(collapseWhitespace),
    aiSummaryModel: paper.optionalString('ai_summary_model', 'paper.ai_summary_model')?.trim() || undefined,
    githubRepoAddedBy:
      paper.optionalString('githubRepoAddedBy', 'paper.githubRepoAddedBy')?.trim() || undefined,
    organization: readOrganization(
      paper.optionalObject('organization', 'paper.organization') ?? top.optionalObject('organization'),
    ),
    mediaUrls: readMediaUrls(top, paper),
  });
}

/** HF's `{ _id, name, fullname, avatar? }`; one without an id or handle is left out. */
function readOrganization(value: JsonObject | undefined): Organization | undefined {
  const text = (key: string) => {
    const v = value?.[key];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const id = text('_id');
  const name = text('name');
  if (!id || !name) return undefined;
  return withoutUndefined<Organization>({
    id,
    name,
    fullname: text('fullname') ?? name,
    avatar: text('avatar'),
  });
}

// The paper's list, else the item's copy. (The single `mediaUrl` of 2024 items is only the social
// thumbnail, which `thumbnail` already gives.)
function readMediaUrls(top: FieldReader, paper: FieldReader): string[] | undefined {
  const urls =
    paper.optionalStringArray('mediaUrls', 'paper.mediaUrls') ?? top.optionalStringArray('mediaUrls') ?? [];
  const kept = urls.map((u) => u.trim()).filter((u) => u !== '');
  return kept.length > 0 ? kept : undefined;
}

// Since 2025-03 `paper.submittedOnDailyAt` is the board time and always falls on the requested date;
// the item's `publishedAt` then lags it by days, so it is only the fallback for older responses.
function readBoard(top: FieldReader, paper: FieldReader, boardDate: string | undefined): BoardPlacement {
  const submittedAt =
    paper.optionalTimestamp('submittedOnDailyAt', 'paper.submittedOnDailyAt') ??
    top.optionalTimestamp('publishedAt');
  const date = boardDate ?? submittedAt?.slice(0, 10) ?? top.fail('no board date: publishedAt is missing');
  const submitter =
    paper.optionalObject('submittedOnDailyBy', 'paper.submittedOnDailyBy') ??
    top.optionalObject('submittedBy');
  const username = firstText(submitter, ['user', 'name']);
  const fullname = firstText(submitter, ['fullname']);
  return withoutUndefined<BoardPlacement>({
    date,
    submittedAt,
    // The username (HF's `submittedBy.name`, `submittedOnDailyBy.user`), which `submitter=` filters on.
    submittedBy: username ?? fullname,
    submitterFullname: username && fullname && fullname !== username ? fullname : undefined,
    submitterAvatarUrl: firstText(submitter, ['avatarUrl']),
  });
}

function firstText(user: JsonObject | undefined, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = user?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}
