// The normalised paper record every source parser produces and the store consumes.
// Plain data only: parsers fill what their format carries and leave the rest undefined,
// so the store can merge records from several sources without wiping known fields.

/** Where a record came from; `collection` is an evaluation collection loaded by eval:search. */
export type SourceName =
  | 'arxiv-api'
  | 'oai-pmh'
  | 'hf-daily'
  | 'kaggle'
  | 'listing'
  | 'submission'
  | 'collection';

export interface Author {
  name: string;
  affiliations?: string[];
}

export interface PaperVersion {
  version: number;
  /** ISO-8601 UTC timestamp of the version's submission. */
  submittedAt: string;
  size?: string;
}

export type CodeLinkKind = 'github' | 'gitlab' | 'huggingface' | 'project';

export interface CodeLink {
  kind: CodeLinkKind;
  url: string;
}

/** An organization a paper is linked to on Hugging Face (its `organization` object). */
export interface Organization {
  /** HF's id of the organization. */
  id: string;
  /** Its handle, as in huggingface.co/{name}. */
  name: string;
  fullname: string;
  avatar?: string;
}

/** Community signals carried by Hugging Face daily-papers data. */
export interface CommunityInfo {
  upvotes?: number;
  numComments?: number;
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
  aiSummary?: string;
  aiKeywords?: string[];
  /** The model that wrote `aiSummary`. */
  aiSummaryModel?: string;
  /** Who linked the GitHub repository on HF (e.g. `user`, `author`). */
  githubRepoAddedBy?: string;
  organization?: Organization;
  /** Images and videos uploaded with the daily submission. */
  mediaUrls?: string[];
}

/** Where and when a paper was put on the daily board (distinct from its arXiv dates). */
export interface BoardPlacement {
  /** YYYY-MM-DD */
  date: string;
  /** ISO timestamp when it was put on the board, if known. */
  submittedAt?: string;
  /** Who submitted it: a username where the source has one, else a display name or source name. */
  submittedBy?: string;
  /** The submitter's full name, when the source gives it beside the username. */
  submitterFullname?: string;
  submitterAvatarUrl?: string;
}

export interface PaperRecord {
  /** arXiv identifier without version: `2401.12345` or `hep-th/9901001`. */
  arxivId: string;
  /** Latest version number this record describes, if the source knows it. */
  version?: number;
  title: string;
  abstract: string;
  authors: Author[];
  primaryCategory?: string;
  /** All categories, primary first. */
  categories: string[];
  comments?: string;
  journalRef?: string;
  doi?: string;
  license?: string;
  reportNo?: string;
  /** ISO timestamp of v1 (first submission). */
  publishedAt?: string;
  /** ISO timestamp of the latest version. */
  updatedAt?: string;
  versions?: PaperVersion[];
  isWithdrawn?: boolean;
  community?: CommunityInfo;
  board?: BoardPlacement;
  source: SourceName;
}

/** A record a parser could not use: reported with enough context to find it, then skipped. */
export interface RecordIssue {
  /** arXiv id if it could be read. */
  id?: string;
  /** Where in the input: e.g. `line 12`, `entry 3`, `record 41`. */
  position: string;
  message: string;
}

export interface ParseResult {
  records: PaperRecord[];
  issues: RecordIssue[];
}

/** Thrown when a whole input is unusable (not XML, not JSON, an API error document...). */
export class SourceFormatError extends Error {
  override name = 'SourceFormatError';
}
