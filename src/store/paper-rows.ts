// Converts between the papers table's rows (JSON text, 0/1 flags) and the StoredPaper domain state.

import type { Selectable } from 'kysely';
import type { BoardEntriesTable, PapersTable } from '../db/schema.js';
import type { PaperVersion, SourceName } from '../model/paper.js';
import type { StoredBoardEntry, StoredPaper } from '../model/stored-paper.js';
import type { PaperInsertRow } from './paper-bulk-writes.js';

export type PaperRow = Selectable<PapersTable>;

export function toPaperRow(
  paper: StoredPaper,
  timestamps: { firstSeenAt: string; modifiedAt: string },
): PaperInsertRow {
  return {
    arxiv_id: paper.arxivId,
    version: paper.version,
    title: paper.title,
    abstract: paper.abstract,
    authors: JSON.stringify(paper.authors),
    primary_category: paper.primaryCategory,
    categories: JSON.stringify(paper.categories),
    comments: paper.comments,
    journal_ref: paper.journalRef,
    doi: paper.doi,
    license: paper.license,
    report_no: paper.reportNo,
    published_at: paper.publishedAt,
    updated_at: paper.updatedAt,
    is_withdrawn: paper.isWithdrawn ? 1 : 0,
    code_links: JSON.stringify(paper.codeLinks),
    versions: JSON.stringify(paper.versions),
    upvotes: paper.upvotes,
    num_comments: paper.numComments,
    github_repo: paper.githubRepo,
    github_stars: paper.githubStars,
    project_page: paper.projectPage,
    ai_summary: paper.aiSummary,
    ai_keywords: paper.aiKeywords ? JSON.stringify(paper.aiKeywords) : null,
    organization: paper.organization ? JSON.stringify(paper.organization) : null,
    media_urls: paper.mediaUrls ? JSON.stringify(paper.mediaUrls) : null,
    ai_summary_model: paper.aiSummaryModel,
    github_repo_added_by: paper.githubRepoAddedBy,
    metadata_source: paper.metadataSource,
    first_seen_at: timestamps.firstSeenAt,
    modified_at: timestamps.modifiedAt,
  };
}

export function toBoardEntry(row: Selectable<BoardEntriesTable> | undefined): StoredBoardEntry | null {
  if (!row) return null;
  const entry: StoredBoardEntry = { date: row.board_date, source: row.source as SourceName };
  if (row.submitted_at !== null) entry.submittedAt = row.submitted_at;
  if (row.submitted_by !== null) entry.submittedBy = row.submitted_by;
  if (row.submitter_fullname !== null) entry.submitterFullname = row.submitter_fullname;
  if (row.submitter_avatar_url !== null) entry.submitterAvatarUrl = row.submitter_avatar_url;
  return entry;
}

export function toStoredPaper(row: PaperRow, board: StoredBoardEntry | null): StoredPaper {
  return {
    arxivId: row.arxiv_id,
    version: row.version,
    title: row.title,
    abstract: row.abstract,
    authors: JSON.parse(row.authors),
    primaryCategory: row.primary_category,
    categories: JSON.parse(row.categories),
    comments: row.comments,
    journalRef: row.journal_ref,
    doi: row.doi,
    license: row.license,
    reportNo: row.report_no,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    isWithdrawn: row.is_withdrawn === 1,
    codeLinks: JSON.parse(row.code_links),
    upvotes: row.upvotes,
    numComments: row.num_comments,
    githubRepo: row.github_repo,
    githubStars: row.github_stars,
    projectPage: row.project_page,
    aiSummary: row.ai_summary,
    aiKeywords: row.ai_keywords ? JSON.parse(row.ai_keywords) : null,
    aiSummaryModel: row.ai_summary_model,
    githubRepoAddedBy: row.github_repo_added_by,
    organization: row.organization ? JSON.parse(row.organization) : null,
    mediaUrls: row.media_urls ? JSON.parse(row.media_urls) : null,
    metadataSource: row.metadata_source as SourceName,
    versions: JSON.parse(row.versions) as PaperVersion[],
    board,
  };
}
