// Converts stored papers into the Hugging Face papers API shapes (`GET /api/daily_papers` items and
// the paper object), so HF clients work against Paperboard unchanged. Field notes and the required
// keys: ../shared/data/hf-papers-api/SOURCE.md. Called by api/routes.ts.

import { createHash } from 'node:crypto';
import type { CodeLink, PaperVersion } from '../model/paper.js';
import type { PaperView } from '../store/paper-reads.js';
import { paperPageUrl, type SiteInfo } from './site.js';

export interface HfAuthor {
  _id: string;
  name: string;
  hidden: boolean;
}

export interface HfPaper {
  id: string;
  authors: HfAuthor[];
  publishedAt: string;
  submittedOnDailyAt?: string;
  title: string;
  summary: string;
  upvotes: number;
  discussionId: string;
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
  ai_summary?: string;
  ai_keywords?: string[];
  withdrawnAt?: string;
}

export interface HfUser {
  _id: string;
  avatarUrl: string;
  fullname: string;
  name: string;
  type: 'user';
  isPro: boolean;
  isHf: boolean;
  isMod: boolean;
}

export interface HfDailyPaper {
  paper: HfPaper;
  /** When the paper was put on the board (not its arXiv date). */
  publishedAt: string;
  title: string;
  summary: string;
  thumbnail: string;
  numComments: number;
  submittedBy: HfUser;
  isAuthorParticipating: boolean;
}

/** The HF paper object plus Paperboard's own fields (HF clients ignore unknown keys). */
export interface PaperDetail extends HfPaper {
  pageUrl: string;
  numComments: number;
  boardDate: string | null;
  version: number | null;
  versions: PaperVersion[];
  primaryCategory: string | null;
  categories: string[];
  doi: string | null;
  journalRef: string | null;
  comments: string | null;
  license: string | null;
  codeLinks: CodeLink[];
}

/**
 * HF ids are 24-hex MongoDB ObjectIds; ours have the same form but are a hash, so they stay
 * stable across re-ingests and instances without storing anything.
 */
export function stableId(...parts: Array<string | number>): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}

/** HF writes `2026-08-20T00:00:00.000Z`; sources may omit the milliseconds. */
function isoTime(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

function boardTime(paper: PaperView): string | undefined {
  if (!paper.board) return undefined;
  return isoTime(paper.board.submittedAt ?? `${paper.board.date}T00:00:00Z`);
}

/** The HF `paper` object. Optional keys are omitted (not null) when unknown, as HF does. */
export function toHfPaper(paper: PaperView): HfPaper {
  const submittedOnDailyAt = boardTime(paper);
  const out: HfPaper = {
    id: paper.arxivId,
    // Every author is listed; `hidden` on HF only hides a claimed account link, which we never have.
    authors: paper.authors.map((a, i) => ({
      _id: stableId(paper.arxivId, i, a.name),
      name: a.name,
      hidden: false,
    })),
    // arXiv v1 date; a paper known only from a board without dates falls back to when we first saw it.
    publishedAt: isoTime(paper.publishedAt ?? submittedOnDailyAt ?? paper.firstSeenAt),
    title: paper.title,
    summary: paper.abstract,
    upvotes: paper.upvotes,
    // There are no separate discussion threads here; the arXiv id is the stable key of the paper.
    discussionId: paper.arxivId,
  };
  if (submittedOnDailyAt) out.submittedOnDailyAt = submittedOnDailyAt;
  if (paper.githubRepo) out.githubRepo = paper.githubRepo;
  if (paper.githubStars !== null) out.githubStars = paper.githubStars;
  if (paper.projectPage) out.projectPage = paper.projectPage;
  if (paper.aiSummary) out.ai_summary = paper.aiSummary;
  if (paper.aiKeywords) out.ai_keywords = paper.aiKeywords;
  // arXiv withdraws by posting a new version, so the latest version's date is the withdrawal date.
  if (paper.isWithdrawn) out.withdrawnAt = isoTime(paper.updatedAt ?? paper.modifiedAt);
  return out;
}

/**
 * HF renders a social thumbnail for every paper on its daily page, at the URL pattern seen in all
 * 12,444 recorded items; we point there only for papers that came from that page. Other papers have
 * no image anywhere (arXiv has none and our paper page is HTML), so their thumbnail is "".
 */
export function thumbnailUrl(paper: PaperView): string {
  return paper.board?.source === 'hf-daily'
    ? `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${paper.arxivId}.png`
    : '';
}

/** The submitter as an HF user object; we keep only a display name (our own ingest when unknown). */
function toHfUser(paper: PaperView, site: SiteInfo): HfUser {
  const name = paper.board?.submittedBy ?? site.siteName;
  return {
    _id: stableId('user', name),
    avatarUrl: '',
    fullname: name,
    name,
    type: 'user',
    isPro: false,
    isHf: false,
    isMod: false,
  };
}

/** The fields every HF list item (daily papers, search results) carries around its `paper`. */
export function toHfListItem(paper: PaperView) {
  const hfPaper = toHfPaper(paper);
  return {
    paper: hfPaper,
    publishedAt: hfPaper.submittedOnDailyAt ?? hfPaper.publishedAt,
    title: paper.title,
    summary: paper.abstract,
    thumbnail: thumbnailUrl(paper),
    numComments: paper.numComments,
    isAuthorParticipating: false,
  };
}

/** One `GET /api/daily_papers` item. */
export function toHfDailyPaper(paper: PaperView, site: SiteInfo): HfDailyPaper {
  return { ...toHfListItem(paper), submittedBy: toHfUser(paper, site) };
}

/** `GET /api/papers/{id}`: the HF paper object with our extra fields. */
export function toPaperDetail(paper: PaperView, site: SiteInfo): PaperDetail {
  return {
    ...toHfPaper(paper),
    pageUrl: paperPageUrl(site, paper.arxivId),
    numComments: paper.numComments,
    boardDate: paper.board?.date ?? null,
    version: paper.version,
    versions: paper.versions,
    primaryCategory: paper.primaryCategory,
    categories: paper.categories,
    doi: paper.doi,
    journalRef: paper.journalRef,
    comments: paper.comments,
    license: paper.license,
    codeLinks: paper.codeLinks,
  };
}
