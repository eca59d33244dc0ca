// The paper shapes the API answers with: Hugging Face's paper object, daily-papers item and search
// result (required keys as in ../shared/data/hf-papers-api/SOURCE.md and HF's own spec), our paper
// detail and similar papers. The types the shape functions (hf-shape.ts, hf-search-shape.ts) return
// are inferred from these, so the code, the OpenAPI document and the tests read one description.

import { z } from 'zod';
import { component } from './registry.js';

const str = (description: string) => z.string().describe(description);
const dateTime = (description: string) => z.string().meta({ format: 'date-time', description });
const uri = (description: string) => z.string().meta({ format: 'uri', description });
const count = () => z.number().int().min(0);

export const HfAuthor = component(
  'Author',
  z.object({
    _id: str('Stable 24-hex id of this author on this paper (a hash; HF uses MongoDB ObjectIds).'),
    name: str('Author name as written on arXiv.'),
    hidden: z.boolean().describe('Always false here (HF hides claimed accounts).'),
  }),
);

export const HfOrganization = component(
  'Organization',
  z.object({
    _id: str("Hugging Face's id of the organization."),
    name: str('Its handle (huggingface.co/{name}).'),
    fullname: str('Its display name.'),
    avatar: uri('Logo URL.').optional(),
  }),
  'The Hugging Face organization a paper is linked to.',
);

export const HfDailySubmitter = component(
  'DailySubmitter',
  z.object({
    _id: str('Stable hash of the username.'),
    avatarUrl: str('Avatar URL from Hugging Face data, else "".'),
    isPro: z.boolean(),
    fullname: str('Display name (the username when no other is known).'),
    user: str('Username.'),
    type: z.literal('user'),
    name: str('Username.'),
  }),
  'paper.submittedOnDailyBy: who put the paper on the board, the username under `user`.',
);

const mediaUrls = () => z.array(uri('Image or video URL.'));

const paperFields = {
  id: z
    .string()
    .meta({ description: 'arXiv id without version.', examples: ['2608.19880', 'hep-th/9901001'] }),
  authors: z.array(HfAuthor),
  publishedAt: dateTime('arXiv publication time of v1.'),
  submittedOnDailyAt: dateTime('When the paper was put on the daily board (absent if never).').optional(),
  submittedOnDailyBy: HfDailySubmitter.optional(),
  title: str('Title; LaTeX is left as source text.'),
  summary: str('Abstract.'),
  upvotes: count(),
  discussionId: str('The arXiv id (there are no separate discussion threads).'),
  githubRepo: uri('Code repository URL.').optional(),
  githubStars: count().optional(),
  projectPage: uri('Project page URL.').optional(),
  githubRepoAddedBy: str('Who linked githubRepo on Hugging Face, e.g. "user" or "author".').optional(),
  ai_summary: str('One-line summary from the Hugging Face page.').optional(),
  ai_keywords: z.array(z.string()).optional(),
  ai_summary_model: str('The model that wrote ai_summary (from Hugging Face data).').optional(),
  organization: HfOrganization.optional(),
  mediaUrls: mediaUrls().optional(),
  withdrawnAt: dateTime('Present when the paper was withdrawn on arXiv.').optional(),
};

export const HfPaper = component('Paper', z.object(paperFields), 'The Hugging Face paper object.');
export type HfPaper = z.infer<typeof HfPaper>;

export const HfUser = component(
  'User',
  z.object({
    _id: str('Stable hash of the name.'),
    avatarUrl: str('Avatar URL from Hugging Face data, else "".'),
    fullname: str('Display name; the username when no other is known.'),
    name: str(
      'Username (what `submitter=` filters on); for bulk placements the source ("arXiv listing"), and the site name when unknown.',
    ),
    type: z.literal('user'),
    isPro: z.boolean(),
    isHf: z.boolean(),
    isMod: z.boolean(),
  }),
  'Who put the paper on the board.',
);

const HF_ITEM_TIME =
  'As on huggingface.co: paper.publishedAt as New York wall-clock time written in UTC (4 or 5 hours earlier); huggingface_hub reads it as submitted_at.';
const THUMBNAIL =
  "Hugging Face's social thumbnail URL for papers that came from the HF daily page; empty string otherwise.";

/** The fields every HF list item (daily papers, search results) carries around its `paper`. */
const listItemFields = {
  paper: HfPaper,
  publishedAt: dateTime(HF_ITEM_TIME),
  title: str('Copy of paper.title.'),
  summary: str('Copy of paper.summary.'),
  thumbnail: str(THUMBNAIL),
  numComments: count(),
  isAuthorParticipating: z.boolean().describe('Always false.'),
};

export const HfDailyPaper = component(
  'DailyPaper',
  z.object({
    ...listItemFields,
    submittedBy: HfUser,
    organization: HfOrganization.optional(),
    mediaUrls: mediaUrls().optional(),
  }),
  'One item of GET /api/daily_papers, as on huggingface.co.',
);
export type HfDailyPaper = z.infer<typeof HfDailyPaper>;

export const HfHighlight = component(
  'Highlight',
  z.object({
    type: z.enum(['text', 'highlight']).describe('"highlight" for matched words.'),
    text: z.string(),
  }),
  'A piece of a highlighted text; joined in order, the pieces give back the whole text.',
);
export type HfHighlight = z.infer<typeof HfHighlight>;

export const HfSearchResult = component(
  'SearchResult',
  z.object({
    ...listItemFields,
    upvoted: z.boolean().describe('Always false (no accounts).'),
    highlightedTitle: z.array(HfHighlight).describe('The title with matches.'),
    highlightedSummary: z.array(HfHighlight).describe('The whole abstract with matches.'),
  }),
  'One item of GET /api/papers/search, as on huggingface.co.',
);
export type HfSearchResult = z.infer<typeof HfSearchResult>;

export const SimilarPaper = component(
  'SimilarPaper',
  HfPaper.extend({
    score: z
      .number()
      .describe(
        "Similarity in [0, 1]: closeness in meaning (the embedding model's vectors) blended with shared distinctive words (BM25), each min-max normalised over the paper's candidates; higher is more similar. Compare only within one response.",
      ),
  }),
  'GET /api/papers/{id}/similar: the HF paper object and its similarity score.',
);
export type SimilarPaper = z.infer<typeof SimilarPaper>;

const CodeLink = component(
  'CodeLink',
  z.object({
    kind: z.enum(['github', 'gitlab', 'huggingface', 'project']),
    url: uri('Normalised URL.'),
  }),
);

const PaperVersion = component(
  'PaperVersion',
  z.object({
    version: z.number().int().min(1),
    submittedAt: dateTime('Submission time of this version.'),
    size: str('Size as arXiv reports it, e.g. "1024kb".').optional(),
  }),
);

const nullableStr = (description: string) => z.string().nullable().describe(description);

export const PaperDetail = component(
  'PaperDetail',
  HfPaper.extend({
    pageUrl: uri('This paper on Paperboard.'),
    numComments: count(),
    boardDate: z
      .string()
      .nullable()
      .meta({ format: 'date', description: 'Board day, null if never on the board.' }),
    version: z.number().int().nullable().describe('Latest known arXiv version.'),
    versions: z.array(PaperVersion),
    primaryCategory: nullableStr('Primary arXiv category, e.g. cs.LG.'),
    categories: z.array(z.string()).describe('arXiv categories, primary first.'),
    doi: nullableStr('DOI of the published version.'),
    journalRef: nullableStr('Journal reference.'),
    arxivComments: nullableStr(
      "The authors' arXiv comments field (not `comments`: huggingface_hub's PaperInfo uses that name for the comment count).",
    ),
    license: nullableStr('License URL.'),
    codeLinks: z.array(CodeLink),
  }),
  'GET /api/papers/{id}: the HF paper object plus Paperboard fields (HF clients ignore them).',
);
export type PaperDetail = z.infer<typeof PaperDetail>;
