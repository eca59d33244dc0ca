// The merged state of one paper as the store keeps it, and the pure merge of an incoming source
// record into it. Merging is deterministic and idempotent so re-running any ingest changes nothing.

import { dedupeCodeLinks, extractCodeLinks, normaliseCodeLink } from './code-links.js';
import type {
  Author,
  BoardPlacement,
  CodeLink,
  Organization,
  PaperRecord,
  PaperVersion,
  SourceName,
} from './paper.js';

export interface StoredBoardEntry extends BoardPlacement {
  source: SourceName;
}

export interface StoredPaper {
  arxivId: string;
  version: number | null;
  title: string;
  abstract: string;
  authors: Author[];
  primaryCategory: string | null;
  categories: string[];
  comments: string | null;
  journalRef: string | null;
  doi: string | null;
  license: string | null;
  reportNo: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  isWithdrawn: boolean;
  codeLinks: CodeLink[];
  upvotes: number;
  numComments: number;
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  aiSummary: string | null;
  aiKeywords: string[] | null;
  aiSummaryModel: string | null;
  githubRepoAddedBy: string | null;
  organization: Organization | null;
  mediaUrls: string[] | null;
  metadataSource: SourceName;
  versions: PaperVersion[];
  board: StoredBoardEntry | null;
}

// arXiv's own records beat a daily listing, which beats a community mirror of the abstract.
const SOURCE_RANK: Record<SourceName, number> = {
  'arxiv-api': 3,
  'oai-pmh': 3,
  kaggle: 3,
  submission: 3,
  listing: 2,
  collection: 2,
  'hf-daily': 1,
};

/**
 * Does the incoming record's arXiv metadata replace the stored one? The better source wins, then the
 * newer version; at the same rank and version (one file holding an id twice with different content,
 * two mirrors disagreeing) the content decides, so the result never depends on the order records
 * arrive in — batches, worker threads — and re-importing the same data changes nothing.
 */
function doesIncomingWin(existing: StoredPaper | undefined, incoming: PaperRecord): boolean {
  if (!existing) return true;
  const diff = SOURCE_RANK[incoming.source] - SOURCE_RANK[existing.metadataSource];
  if (diff !== 0) return diff > 0;
  const versionDiff = (incoming.version ?? 0) - (existing.version ?? 0);
  if (versionDiff !== 0) return versionDiff > 0;
  return compareContent(contentOfRecord(incoming), contentOfStored(existing)) >= 0;
}

/**
 * The metadata a tie is decided on, field by field, compared as strings with a missing field lowest.
 * Merging only fills a stored state's missing fields from records that lose, which never lowers it in
 * this order, so the stored state stays at or above every record merged into it: re-importing any of
 * them leaves it as it is. The price: a correction re-sent at the same version wins only if its
 * content sorts higher (a field filled in where it was empty always does).
 */
type Content = Array<string | null>;

function contentOfRecord(r: PaperRecord): Content {
  const hasAffiliations = r.authors.some((a) => a.affiliations?.length);
  return [
    clean(r.title),
    clean(r.abstract),
    r.authors.length ? r.authors.map((a) => a.name).join('\n') : null,
    clean(r.primaryCategory ?? r.categories[0]),
    r.categories.length ? r.categories.join(' ') : null,
    clean(r.comments),
    clean(r.journalRef),
    clean(r.doi),
    clean(r.license),
    clean(r.reportNo),
    r.isWithdrawn ? 'withdrawn' : null,
    hasAffiliations ? JSON.stringify(r.authors.map((a) => a.affiliations ?? [])) : null,
  ];
}

function contentOfStored(p: StoredPaper): Content {
  const hasAffiliations = p.authors.some((a) => a.affiliations?.length);
  return [
    p.title || null,
    p.abstract || null,
    p.authors.length ? p.authors.map((a) => a.name).join('\n') : null,
    p.primaryCategory,
    p.categories.length ? p.categories.join(' ') : null,
    p.comments,
    p.journalRef,
    p.doi,
    p.license,
    p.reportNo,
    p.isWithdrawn ? 'withdrawn' : null,
    hasAffiliations ? JSON.stringify(p.authors.map((a) => a.affiliations ?? [])) : null,
  ];
}

function compareContent(a: Content, b: Content): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function clean(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function pick<T>(wins: boolean, incoming: T | null | undefined, existing: T | null | undefined): T | null {
  return wins ? (incoming ?? existing ?? null) : (existing ?? incoming ?? null);
}

function mergeVersions(existing: PaperVersion[], incoming: PaperVersion[] | undefined): PaperVersion[] {
  const byNumber = new Map<number, PaperVersion>(existing.map((v) => [v.version, v]));
  for (const v of incoming ?? []) {
    const old = byNumber.get(v.version);
    byNumber.set(v.version, { ...old, ...v, size: v.size ?? old?.size });
  }
  return [...byNumber.values()]
    .map((v) => (v.size === undefined ? { version: v.version, submittedAt: v.submittedAt } : v))
    .sort((a, b) => a.version - b.version);
}

function sameNames(a: Author[], b: Author[]): boolean {
  return a.length === b.length && a.every((author, i) => author.name === b[i]?.name);
}

function mergeAuthors(wins: boolean, existing: Author[] | undefined, incoming: Author[]): Author[] {
  if (!existing || existing.length === 0) return incoming;
  if (!wins || incoming.length === 0) return existing;
  // Some sources list affiliations and others do not: keep them when only the affiliations differ.
  const incomingHasAffiliations = incoming.some((a) => a.affiliations?.length);
  if (!incomingHasAffiliations && sameNames(existing, incoming)) return existing;
  return incoming;
}

// Placements that come with bulk arXiv data (a paper appearing in a listing or harvest) only put
// new papers on the board; people's submissions (HF daily, our own) are the real board and win.
const EXPLICIT_BOARD_SOURCES: ReadonlySet<SourceName> = new Set(['hf-daily', 'submission']);

export function isExplicitPlacement(entry: { source: SourceName }): boolean {
  return EXPLICIT_BOARD_SOURCES.has(entry.source);
}

function mergeBoard(existing: StoredBoardEntry | null, incoming: PaperRecord): StoredBoardEntry | null {
  const placement = incoming.board ? { ...incoming.board, source: incoming.source } : null;
  if (!existing || !placement) return existing ?? placement;
  if (isExplicitPlacement(existing) !== isExplicitPlacement(placement)) {
    return isExplicitPlacement(existing) ? existing : placement;
  }
  // A paper is on the board once: the earliest placement wins, later data only fills gaps.
  const [first, second] = placement.date < existing.date ? [placement, existing] : [existing, placement];
  // The submitter's name, full name and avatar come together from one placement.
  const submitter = first.submittedBy !== undefined ? first : second;
  return withoutUndefinedKeys({
    date: first.date,
    submittedAt: first.submittedAt ?? second.submittedAt,
    submittedBy: submitter.submittedBy,
    submitterFullname: submitter.submitterFullname,
    submitterAvatarUrl: submitter.submitterAvatarUrl,
    source: first.source,
  });
}

function withoutUndefinedKeys<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function mergeCodeLinks(
  existing: CodeLink[],
  merged: Pick<StoredPaper, 'abstract' | 'comments' | 'githubRepo' | 'projectPage'>,
): CodeLink[] {
  const curated = [merged.githubRepo, merged.projectPage]
    .map((url) => (url ? normaliseCodeLink(url) : undefined))
    .filter((link): link is CodeLink => link !== undefined);
  const found = extractCodeLinks(merged.abstract, merged.comments ?? undefined);
  // Existing first, so re-merging the same data leaves the order (and the stored row) unchanged.
  return dedupeCodeLinks([...existing, ...curated.slice(0, 1), ...found, ...curated.slice(1)]);
}

/** Merges an incoming record into the stored state (undefined for a new paper). */
export function mergePaper(existing: StoredPaper | undefined, incoming: PaperRecord): StoredPaper {
  const wins = doesIncomingWin(existing, incoming);
  const versions = mergeVersions(existing?.versions ?? [], incoming.versions);
  const latest = versions.at(-1);
  const first = versions.find((v) => v.version === 1);
  const community = incoming.community ?? {};
  const maxVersion = Math.max(existing?.version ?? 0, incoming.version ?? 0, latest?.version ?? 0);
  const text = (field: 'comments' | 'journalRef' | 'doi' | 'license' | 'reportNo') =>
    pick(wins, clean(incoming[field]), existing?.[field]);

  const base = {
    arxivId: incoming.arxivId,
    version: maxVersion > 0 ? maxVersion : null,
    title: pick(wins, clean(incoming.title), existing?.title) ?? '',
    abstract: pick(wins, clean(incoming.abstract), existing?.abstract) ?? '',
    authors: mergeAuthors(wins, existing?.authors, incoming.authors),
    primaryCategory: pick(
      wins,
      clean(incoming.primaryCategory ?? incoming.categories[0]),
      existing?.primaryCategory,
    ),
    categories:
      pick(wins, incoming.categories.length ? incoming.categories : null, existing?.categories) ?? [],
    comments: text('comments'),
    journalRef: text('journalRef'),
    doi: text('doi'),
    license: text('license'),
    reportNo: text('reportNo'),
    publishedAt: first?.submittedAt ?? pick(wins, incoming.publishedAt, existing?.publishedAt),
    updatedAt:
      latest && latest.version === maxVersion
        ? latest.submittedAt
        : pick(wins, incoming.updatedAt, existing?.updatedAt),
    isWithdrawn: wins
      ? (incoming.isWithdrawn ?? existing?.isWithdrawn ?? false)
      : (existing?.isWithdrawn ?? false) || incoming.isWithdrawn === true,
    upvotes: Math.max(existing?.upvotes ?? 0, community.upvotes ?? 0),
    numComments: Math.max(existing?.numComments ?? 0, community.numComments ?? 0),
    githubRepo: clean(community.githubRepo) ?? existing?.githubRepo ?? null,
    githubStars: community.githubStars ?? existing?.githubStars ?? null,
    projectPage: clean(community.projectPage) ?? existing?.projectPage ?? null,
    aiSummary: clean(community.aiSummary) ?? existing?.aiSummary ?? null,
    aiKeywords: community.aiKeywords?.length ? community.aiKeywords : (existing?.aiKeywords ?? null),
    aiSummaryModel: clean(community.aiSummaryModel) ?? existing?.aiSummaryModel ?? null,
    githubRepoAddedBy: clean(community.githubRepoAddedBy) ?? existing?.githubRepoAddedBy ?? null,
    organization: community.organization ?? existing?.organization ?? null,
    mediaUrls: community.mediaUrls?.length ? community.mediaUrls : (existing?.mediaUrls ?? null),
    metadataSource: wins ? incoming.source : (existing?.metadataSource ?? incoming.source),
    versions,
    board: mergeBoard(existing?.board ?? null, incoming),
  };
  return { ...base, codeLinks: mergeCodeLinks(existing?.codeLinks ?? [], base) };
}

/** The stored state as a source record again (metadata, versions), e.g. to re-place a known paper on the board. */
export function recordOf(paper: StoredPaper, source: SourceName): PaperRecord {
  const optional = <T>(value: T | null): T | undefined => value ?? undefined;
  return {
    arxivId: paper.arxivId,
    version: optional(paper.version),
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    primaryCategory: optional(paper.primaryCategory),
    categories: paper.categories,
    comments: optional(paper.comments),
    journalRef: optional(paper.journalRef),
    doi: optional(paper.doi),
    license: optional(paper.license),
    reportNo: optional(paper.reportNo),
    publishedAt: optional(paper.publishedAt),
    updatedAt: optional(paper.updatedAt),
    versions: paper.versions,
    isWithdrawn: paper.isWithdrawn,
    source,
  };
}

/** True when two states hold the same data (used to skip writes and revisions on re-ingest). */
export function isSamePaper(a: StoredPaper, b: StoredPaper): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

// Key order differs between a state built by mergePaper and one read back from the database.
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
