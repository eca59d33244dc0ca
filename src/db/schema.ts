// Kysely table types: the shape of every table the migrations create.
// Timestamps are ISO-8601 UTC text and booleans 0/1 integers on both dialects, so rows read the
// same from SQLite and PostgreSQL; list-valued columns hold JSON text.

import type { Generated } from 'kysely';

export interface PapersTable {
  id: Generated<number>;
  arxiv_id: string;
  version: number | null;
  title: string;
  abstract: string;
  /** JSON: Author[] */
  authors: string;
  primary_category: string | null;
  /** JSON: string[] */
  categories: string;
  comments: string | null;
  journal_ref: string | null;
  doi: string | null;
  license: string | null;
  report_no: string | null;
  published_at: string | null;
  updated_at: string | null;
  is_withdrawn: number;
  /** JSON: CodeLink[] */
  code_links: string;
  /** JSON: PaperVersion[], ascending by version */
  versions: string;
  upvotes: number;
  num_comments: number;
  github_repo: string | null;
  github_stars: number | null;
  project_page: string | null;
  ai_summary: string | null;
  /** JSON: string[] | null */
  ai_keywords: string | null;
  /** JSON: Organization | null (HF's organization of the paper) */
  organization: string | null;
  /** JSON: string[] | null */
  media_urls: string | null;
  ai_summary_model: string | null;
  github_repo_added_by: string | null;
  /** Upvotes by this hub's readers (the votes table), on top of the imported `upvotes`. */
  community_votes: Generated<number>;
  /** Visible comments by this hub's readers (the comments table), on top of the imported count. */
  community_comments: Generated<number>;
  /** Source whose arXiv metadata the row holds (decides precedence when sources disagree). */
  metadata_source: string;
  first_seen_at: string;
  modified_at: string;
}

export interface BoardEntriesTable {
  paper_id: number;
  board_date: string;
  submitted_at: string | null;
  /** Who put it on the board: a username (ours, or HF's), or a source name for bulk placements. */
  submitted_by: string | null;
  submitter_fullname: string | null;
  submitter_avatar_url: string | null;
  source: string;
  /** model/trending.ts, from the paper's upvotes and this placement's time. */
  trending_score: number;
}

export interface PaperChangesTable {
  revision: Generated<number>;
  paper_id: number;
  arxiv_id: string;
  kind: string;
  changed_at: string;
}

export interface IngestStateTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface JobLeasesTable {
  name: string;
  owner: string;
  expires_at: string;
}

/** What the category enrichment learnt per arXiv id (migration 014). */
export interface ArxivLookupsTable {
  arxiv_id: string;
  outcome: string;
  attempts: number;
  checked_at: string;
  detail: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  is_admin: number;
  banned_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface SignInTokensTable {
  token_hash: string;
  email: string;
  browser_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface CommentsTable {
  id: Generated<number>;
  paper_id: number;
  user_id: number;
  parent_id: number | null;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  /** Hidden by a moderator (restorable); the count on the paper leaves it out. */
  hidden_at: string | null;
}

export interface ReportsTable {
  id: Generated<number>;
  reporter_id: number;
  target_type: 'comment' | 'submission';
  target_id: number;
  reason: string;
  created_at: string;
  resolved_at: string | null;
}

export interface ModerationLogTable {
  id: Generated<number>;
  actor_id: number;
  action: string;
  /** What was acted on, e.g. `user:12`, `comment:40`, `submission:2401.00001`. */
  target: string;
  reason: string | null;
  created_at: string;
}

export interface VotesTable {
  user_id: number;
  paper_id: number;
  created_at: string;
}

export interface CollectionsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  description: Generated<string>;
  is_public: number;
  created_at: string;
  /** Last change to the list: renamed, described, made public/private, a paper added or removed. */
  updated_at: string;
}

export interface CollectionPapersTable {
  collection_id: number;
  paper_id: number;
  added_at: string;
  /** The owner's note on this paper in the list (HF's collection item note); null when none. */
  note: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** SHA-256 of the secret (accounts/secrets.ts); the secret itself is shown once and never stored. */
  token_hash: string;
  scope: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'bouncing';
export type DigestFrequency = 'daily' | 'weekly';
export type OutboxState =
  | 'pending'
  | 'claimed'
  | 'committing'
  | 'sent'
  | 'skipped'
  | 'failed'
  | 'bounced'
  | 'cancelled';

export interface SubscribersTable {
  id: Generated<number>;
  email: string;
  user_id: number | null;
  status: SubscriberStatus;
  frequency: DigestFrequency;
  /** ISO weekday of the weekly digest, 1 = Monday. */
  weekly_day: number;
  /** Local hour (0–23) in `time_zone` when the digest goes out. */
  send_hour: number;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  time_zone: string;
  max_papers: number;
  include_trending: number;
  /** JSON: DigestTopics */
  topics: string;
  link_version: Generated<number>;
  confirm_token_hash: string | null;
  confirm_expires_at: string | null;
  /** When the next digest is due (UTC); null while not active. */
  next_due_at: string | null;
  bounce_count: Generated<number>;
  created_at: string;
  confirmed_at: string | null;
  updated_at: string;
}

export interface DigestOutboxTable {
  id: Generated<number>;
  subscriber_id: number;
  period_key: string;
  frequency: DigestFrequency;
  window_from: string;
  window_to: string;
  state: OutboxState;
  attempts: Generated<number>;
  next_attempt_at: string;
  claim_token: string | null;
  lease_until: string | null;
  message_id: string | null;
  /** JSON: number[] — the papers this digest showed. */
  paper_ids: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface DigestRunsTable {
  id: Generated<number>;
  frequency: DigestFrequency | null;
  instance: string;
  is_dry_run: Generated<number>;
  started_at: string;
  finished_at: string | null;
  enqueued: Generated<number>;
  composed: Generated<number>;
  sent: Generated<number>;
  skipped_empty: Generated<number>;
  retried: Generated<number>;
  bounced: Generated<number>;
  failed: Generated<number>;
  uncertain: Generated<number>;
}

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export type EmbeddingModelKind = 'lsa' | 'external';
export type EmbeddingModelState = 'building' | 'active' | 'retired';

export interface EmbeddingModelsTable {
  id: Generated<number>;
  /** e.g. `lsa-256-3f9a…`, `openai:nomic-embed-text`. */
  model_key: string;
  kind: EmbeddingModelKind;
  dims: number;
  state: EmbeddingModelState;
  /** The serialised LSA model; null for an external provider. */
  model_bytes: Uint8Array | null;
  created_at: string;
  activated_at: string | null;
}

export interface PaperVectorsTable {
  model_id: number;
  paper_id: number;
  /** Packed quantised vector; null is a tombstone (the paper was withdrawn). */
  vector: Uint8Array | null;
  /** Assigned on every write, increasing per model: instances poll vectors changed after a seq. */
  seq: number;
}

export interface SimilarPapersTable {
  paper_id: number;
  /** The embedding model whose vectors took part; '' for a lexical-only list. */
  model_key: string;
  /** Hash of the title and abstract the list was computed from. */
  text_hash: string;
  /** JSON [[paper_id, score], ...], most similar first. */
  similar: string;
  computed_at: string;
}

/** A paper whose page was read before its similar list was stored: the similar-papers job's first work. */
export interface SimilarRequestsTable {
  paper_id: number;
  requested_at: string;
}

/** A paper's body from arXiv's HTML rendering, as Markdown (migration 019). */
export interface PaperFullTextsTable {
  paper_id: number;
  /** The arXiv version the body was rendered from; null when the paper's version is not known. */
  version: number | null;
  /** Null: arXiv has no HTML rendering of that version. */
  markdown: string | null;
  fetched_at: string;
}

export type ReaderFeedbackKind = 'more' | 'less';
export type ReaderFollowKind = 'author' | 'category';

export interface ReaderFeedbackTable {
  user_id: number;
  paper_id: number;
  kind: ReaderFeedbackKind;
  created_at: string;
}

export interface ReaderFollowsTable {
  user_id: number;
  kind: ReaderFollowKind;
  /** An author's name as written on papers, or an arXiv category (`cs.LG`). */
  value: string;
  created_at: string;
}

/** A reader's private feed secret, hashed (migration 017); one row per reader. */
export interface ReaderFeedTokensTable {
  user_id: number;
  token_hash: string;
  created_at: string;
}

export interface ReaderModelsTable {
  user_id: number;
  /** Raised by every signal write (store/reader-signals.ts bumpSignalVersion). */
  signal_version: Generated<number>;
  /** The signal_version the stored model was trained at; stale while lower. */
  trained_version: Generated<number>;
  /** When the signals last changed. */
  signal_at: string;
  /** JSON (recs/reader-model.ts); null until first trained. */
  model: string | null;
  /** The embedding model whose vectors the weights apply to; null when trained without vectors. */
  model_key: string | null;
  trained_at: string | null;
  /** When a request found the model stale (the retraining job takes these first); null otherwise. */
  wanted_at: string | null;
}

export interface Database {
  papers: PapersTable;
  board_entries: BoardEntriesTable;
  paper_changes: PaperChangesTable;
  ingest_state: IngestStateTable;
  job_leases: JobLeasesTable;
  arxiv_lookups: ArxivLookupsTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_tokens: SignInTokensTable;
  rate_limits: RateLimitsTable;
  votes: VotesTable;
  comments: CommentsTable;
  reports: ReportsTable;
  moderation_log: ModerationLogTable;
  collections: CollectionsTable;
  collection_papers: CollectionPapersTable;
  api_tokens: ApiTokensTable;
  subscribers: SubscribersTable;
  digest_outbox: DigestOutboxTable;
  digest_runs: DigestRunsTable;
  app_secrets: AppSecretsTable;
  embedding_models: EmbeddingModelsTable;
  paper_vectors: PaperVectorsTable;
  similar_papers: SimilarPapersTable;
  similar_requests: SimilarRequestsTable;
  paper_full_texts: PaperFullTextsTable;
  reader_feedback: ReaderFeedbackTable;
  reader_follows: ReaderFollowsTable;
  reader_models: ReaderModelsTable;
  reader_feed_tokens: ReaderFeedTokensTable;
}
