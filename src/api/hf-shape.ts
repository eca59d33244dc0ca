// Converts stored papers into the Hugging Face papers API shapes (`GET /api/daily_papers` items and
// the paper object), so HF clients work against Paperboard unchanged. Field notes and the required
// keys: ../shared/data/hf-papers-api/SOURCE.md; how huggingface_hub reads them: hf_api.py `PaperInfo`
// (unknown keys become attributes of the same name, so our extra keys must not reuse its attribute
// names: `comments` is its comment count). The shapes are the zod schemas in schemas/papers.ts.
// Called by api/routes.ts.

import { createHash } from 'node:crypto';
import type { Organization } from '../model/paper.js';
import { thumbnailUrl } from '../model/thumbnail.js';
import type { PaperView } from '../store/paper-reads.js';
import type { HfDailyPaper, HfPaper, PaperDetail } from './schemas/papers.js';
import { paperPageUrl, type SiteInfo } from './site.js';

type HfOrganization = NonNullable<HfPaper['organization']>;
type HfDailySubmitter = NonNullable<HfPaper['submittedOnDailyBy']>;
type HfUser = HfDailyPaper['submittedBy'];

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

const NEW_YORK_OFFSET = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  timeZoneName: 'longOffset',
});

/** New York's UTC offset at an instant, in minutes (-240 in summer, -300 in winter). */
function newYorkOffsetMinutes(ms: number): number {
  const name = NEW_YORK_OFFSET.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * The top-level `publishedAt` of HF's list items (daily and search), which huggingface_hub maps to
 * `submitted_at`. In every recorded item since HF added `paper.submittedOnDailyAt` (9,613 of them, and
 * both recorded search responses) it is `paper.publishedAt` as New York wall-clock time written as UTC:
 * 4 hours earlier in summer, 5 in winter (e.g. 2026-08-20T00:00Z → 2026-08-19T20:00Z). Not the board time.
 */
export function hfItemTime(paperPublishedAt: string): string {
  const ms = Date.parse(paperPublishedAt);
  if (Number.isNaN(ms)) return paperPublishedAt;
  return new Date(ms + newYorkOffsetMinutes(ms) * 60_000).toISOString();
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
  const submitter = dailySubmitter(paper);
  if (submitter) out.submittedOnDailyBy = submitter;
  if (paper.githubRepo) out.githubRepo = paper.githubRepo;
  if (paper.githubStars !== null) out.githubStars = paper.githubStars;
  if (paper.githubRepoAddedBy) out.githubRepoAddedBy = paper.githubRepoAddedBy;
  if (paper.projectPage) out.projectPage = paper.projectPage;
  if (paper.aiSummary) out.ai_summary = paper.aiSummary;
  if (paper.aiKeywords) out.ai_keywords = paper.aiKeywords;
  if (paper.aiSummaryModel) out.ai_summary_model = paper.aiSummaryModel;
  if (paper.organization) out.organization = toHfOrganization(paper.organization);
  if (paper.mediaUrls) out.mediaUrls = paper.mediaUrls;
  // arXiv withdraws by posting a new version, so the latest version's date is the withdrawal date.
  if (paper.isWithdrawn) out.withdrawnAt = isoTime(paper.updatedAt ?? paper.modifiedAt);
  return out;
}

function toHfOrganization(org: Organization): HfOrganization {
  return {
    _id: org.id,
    name: org.name,
    fullname: org.fullname,
    ...(org.avatar ? { avatar: org.avatar } : {}),
  };
}

/** `paper.submittedOnDailyBy`, for papers someone put on the board (not bulk listings). */
function dailySubmitter(paper: PaperView): HfDailySubmitter | undefined {
  const board = paper.board;
  if (!board?.submittedBy || (board.source !== 'hf-daily' && board.source !== 'submission')) return undefined;
  return {
    _id: stableId('user', board.submittedBy),
    avatarUrl: board.submitterAvatarUrl ?? '',
    isPro: false,
    fullname: board.submitterFullname ?? board.submittedBy,
    user: board.submittedBy,
    type: 'user',
    name: board.submittedBy,
  };
}

/** The submitter as an HF user object: `name` is the username, `fullname` the display name. */
function toHfUser(paper: PaperView, site: SiteInfo): HfUser {
  const name = paper.board?.submittedBy ?? site.siteName;
  return {
    _id: stableId('user', name),
    avatarUrl: paper.board?.submitterAvatarUrl ?? '',
    fullname: paper.board?.submitterFullname ?? name,
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
    publishedAt: hfItemTime(hfPaper.publishedAt),
    title: paper.title,
    summary: paper.abstract,
    thumbnail: thumbnailUrl(paper),
    numComments: paper.numComments,
    isAuthorParticipating: false,
  };
}

/** One `GET /api/daily_papers` item; HF repeats the organization and media at the top level there. */
export function toHfDailyPaper(paper: PaperView, site: SiteInfo): HfDailyPaper {
  const item = toHfListItem(paper);
  return {
    ...item,
    submittedBy: toHfUser(paper, site),
    ...(item.paper.organization ? { organization: item.paper.organization } : {}),
    ...(item.paper.mediaUrls ? { mediaUrls: item.paper.mediaUrls } : {}),
  };
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
    arxivComments: paper.comments,
    license: paper.license,
    codeLinks: paper.codeLinks,
  };
}
