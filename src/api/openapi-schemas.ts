// components/schemas of the OpenAPI document: the Hugging Face daily-papers and search shapes (required
// keys as in SOURCE.md / HF's own spec), our paper detail, similar papers, reading lists, errors, health and JSON Feed. Used by openapi.ts.

import type { SchemaObject } from './openapi-types.js';

const str = (description: string, extra: SchemaObject = {}): SchemaObject => ({
  type: 'string',
  description,
  ...extra,
});
const nullableStr = (description: string): SchemaObject => ({ type: ['string', 'null'], description });
const dateTime = (description: string): SchemaObject => str(description, { format: 'date-time' });
const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });

const Author: SchemaObject = {
  type: 'object',
  required: ['_id', 'name', 'hidden'],
  properties: {
    _id: str('Stable 24-hex id of this author on this paper (a hash; HF uses MongoDB ObjectIds).'),
    name: str('Author name as written on arXiv.'),
    hidden: { type: 'boolean', description: 'Always false here (HF hides claimed accounts).' },
  },
};

const Paper: SchemaObject = {
  type: 'object',
  description: 'The Hugging Face paper object.',
  required: ['id', 'authors', 'discussionId', 'publishedAt', 'summary', 'title', 'upvotes'],
  properties: {
    id: str('arXiv id without version.', { examples: ['2608.19880', 'hep-th/9901001'] }),
    authors: { type: 'array', items: ref('Author') },
    publishedAt: dateTime('arXiv publication time of v1.'),
    submittedOnDailyAt: dateTime('When the paper was put on the daily board (absent if never).'),
    submittedOnDailyBy: ref('DailySubmitter'),
    title: str('Title; LaTeX is left as source text.'),
    summary: str('Abstract.'),
    upvotes: { type: 'integer', minimum: 0 },
    discussionId: str('The arXiv id (there are no separate discussion threads).'),
    githubRepo: str('Code repository URL.', { format: 'uri' }),
    githubStars: { type: 'integer', minimum: 0 },
    projectPage: str('Project page URL.', { format: 'uri' }),
    ai_summary: str('One-line summary from the Hugging Face page.'),
    ai_keywords: { type: 'array', items: { type: 'string' } },
    ai_summary_model: str('The model that wrote ai_summary (from Hugging Face data).'),
    githubRepoAddedBy: str('Who linked githubRepo on Hugging Face, e.g. "user" or "author".'),
    organization: ref('Organization'),
    mediaUrls: { type: 'array', items: str('Image or video URL.', { format: 'uri' }) },
    withdrawnAt: dateTime('Present when the paper was withdrawn on arXiv.'),
  },
};

const Organization: SchemaObject = {
  type: 'object',
  description: 'The Hugging Face organization a paper is linked to.',
  required: ['_id', 'name', 'fullname'],
  properties: {
    _id: str("Hugging Face's id of the organization."),
    name: str('Its handle (huggingface.co/{name}).'),
    fullname: str('Its display name.'),
    avatar: str('Logo URL.', { format: 'uri' }),
  },
};

const DailySubmitter: SchemaObject = {
  type: 'object',
  description: 'paper.submittedOnDailyBy: who put the paper on the board, the username under `user`.',
  required: ['_id', 'avatarUrl', 'isPro', 'fullname', 'user', 'type', 'name'],
  properties: {
    _id: str('Stable hash of the username.'),
    avatarUrl: str('Avatar URL from Hugging Face data, else "".'),
    isPro: { type: 'boolean' },
    fullname: str('Display name (the username when no other is known).'),
    user: str('Username.'),
    type: { type: 'string', enum: ['user'] },
    name: str('Username.'),
  },
};

const User: SchemaObject = {
  type: 'object',
  description: 'Who put the paper on the board.',
  required: ['_id', 'avatarUrl', 'fullname', 'name', 'type', 'isPro', 'isHf', 'isMod'],
  properties: {
    _id: str('Stable hash of the name.'),
    avatarUrl: str('Avatar URL from Hugging Face data, else "".'),
    fullname: str('Display name; the username when no other is known.'),
    name: str(
      'Username (what `submitter=` filters on); for bulk placements the source ("arXiv listing"), and the site name when unknown.',
    ),
    type: { type: 'string', enum: ['user'] },
    isPro: { type: 'boolean' },
    isHf: { type: 'boolean' },
    isMod: { type: 'boolean' },
  },
};

const DailyPaper: SchemaObject = {
  type: 'object',
  description: 'One item of GET /api/daily_papers, as on huggingface.co.',
  required: [
    'paper',
    'publishedAt',
    'title',
    'summary',
    'thumbnail',
    'numComments',
    'submittedBy',
    'isAuthorParticipating',
  ],
  properties: {
    paper: ref('Paper'),
    publishedAt: dateTime(
      'As on huggingface.co: paper.publishedAt as New York wall-clock time written in UTC (4 or 5 hours earlier); huggingface_hub reads it as submitted_at.',
    ),
    title: str('Copy of paper.title.'),
    summary: str('Copy of paper.summary.'),
    thumbnail: str(
      "Hugging Face's social thumbnail URL for papers that came from the HF daily page; empty string otherwise.",
    ),
    numComments: { type: 'integer', minimum: 0 },
    submittedBy: ref('User'),
    organization: ref('Organization'),
    mediaUrls: { type: 'array', items: str('Image or video URL.', { format: 'uri' }) },
    isAuthorParticipating: { type: 'boolean', description: 'Always false.' },
  },
};

const Highlight: SchemaObject = {
  type: 'object',
  description: 'A piece of a highlighted text; joined in order, the pieces give back the whole text.',
  required: ['type', 'text'],
  properties: {
    type: { type: 'string', enum: ['text', 'highlight'], description: '"highlight" for matched words.' },
    text: { type: 'string' },
  },
};

const SearchResult: SchemaObject = {
  type: 'object',
  description: 'One item of GET /api/papers/search, as on huggingface.co.',
  required: [
    'paper',
    'publishedAt',
    'title',
    'summary',
    'thumbnail',
    'numComments',
    'upvoted',
    'isAuthorParticipating',
    'highlightedTitle',
    'highlightedSummary',
  ],
  properties: {
    paper: ref('Paper'),
    publishedAt: dateTime(
      'As on huggingface.co: paper.publishedAt as New York wall-clock time written in UTC (4 or 5 hours earlier).',
    ),
    title: str('Copy of paper.title.'),
    summary: str('Copy of paper.summary.'),
    thumbnail: str(
      "Hugging Face's social thumbnail URL for papers that came from the HF daily page; empty string otherwise.",
    ),
    numComments: { type: 'integer', minimum: 0 },
    upvoted: { type: 'boolean', description: 'Always false (no accounts).' },
    isAuthorParticipating: { type: 'boolean', description: 'Always false.' },
    highlightedTitle: { type: 'array', items: ref('Highlight'), description: 'The title with matches.' },
    highlightedSummary: {
      type: 'array',
      items: ref('Highlight'),
      description: 'The whole abstract with matches.',
    },
  },
};

const SimilarPaper: SchemaObject = {
  description: 'GET /api/papers/{id}/similar: the HF paper object and its similarity score.',
  allOf: [
    ref('Paper'),
    {
      type: 'object',
      required: ['score'],
      properties: {
        score: {
          type: 'number',
          description:
            "Similarity in [0, 1]: closeness in meaning (the embedding model's vectors) blended with shared distinctive words (BM25), each min-max normalised over the paper's candidates; higher is more similar. Compare only within one response.",
        },
      },
    },
  ],
};

const CodeLink: SchemaObject = {
  type: 'object',
  required: ['kind', 'url'],
  properties: {
    kind: { type: 'string', enum: ['github', 'gitlab', 'huggingface', 'project'] },
    url: str('Normalised URL.', { format: 'uri' }),
  },
};

const PaperVersion: SchemaObject = {
  type: 'object',
  required: ['version', 'submittedAt'],
  properties: {
    version: { type: 'integer', minimum: 1 },
    submittedAt: dateTime('Submission time of this version.'),
    size: str('Size as arXiv reports it, e.g. "1024kb".'),
  },
};

const PaperDetail: SchemaObject = {
  description: 'GET /api/papers/{id}: the HF paper object plus Paperboard fields (HF clients ignore them).',
  allOf: [
    ref('Paper'),
    {
      type: 'object',
      required: [
        'pageUrl',
        'numComments',
        'boardDate',
        'version',
        'versions',
        'primaryCategory',
        'categories',
        'doi',
        'journalRef',
        'arxivComments',
        'license',
        'codeLinks',
      ],
      properties: {
        pageUrl: str('This paper on Paperboard.', { format: 'uri' }),
        numComments: { type: 'integer', minimum: 0 },
        boardDate: {
          type: ['string', 'null'],
          format: 'date',
          description: 'Board day, null if never on the board.',
        },
        version: { type: ['integer', 'null'], description: 'Latest known arXiv version.' },
        versions: { type: 'array', items: ref('PaperVersion') },
        primaryCategory: nullableStr('Primary arXiv category, e.g. cs.LG.'),
        categories: {
          type: 'array',
          items: { type: 'string' },
          description: 'arXiv categories, primary first.',
        },
        doi: nullableStr('DOI of the published version.'),
        journalRef: nullableStr('Journal reference.'),
        arxivComments: nullableStr(
          "The authors' arXiv comments field (not `comments`: huggingface_hub's PaperInfo uses that name for the comment count).",
        ),
        license: nullableStr('License URL.'),
        codeLinks: { type: 'array', items: ref('CodeLink') },
      },
    },
  ],
};

const Collection: SchemaObject = {
  type: 'object',
  description:
    "A reader's reading list and its papers (GET /api/collections/{id} and the list writes): our fields and, beside them, those huggingface_hub's Collection reads.",
  required: [
    'id',
    'slug',
    'name',
    'title',
    'description',
    'isPublic',
    'private',
    'owner',
    'createdAt',
    'updatedAt',
    'lastUpdated',
    'position',
    'theme',
    'upvotes',
    'pageUrl',
    'numPapers',
    'items',
  ],
  properties: {
    id: { type: 'integer', minimum: 1 },
    slug: str('HF: the id as a string; the list is at /collections/{slug}.'),
    name: str('Name given by its owner (1 to 100 characters).'),
    title: str('HF: the name.'),
    description: str('Description given by its owner; "" when none.'),
    isPublic: { type: 'boolean', description: 'False for a private list (only its owner gets it).' },
    private: { type: 'boolean', description: 'HF: not isPublic.' },
    owner: {
      type: 'object',
      required: ['username', 'displayName', 'name', 'fullname', 'type'],
      properties: {
        username: { type: 'string' },
        displayName: { type: 'string' },
        name: str('HF: the username.'),
        fullname: str('HF: the display name.'),
        type: { type: 'string', enum: ['user'] },
      },
    },
    createdAt: dateTime('When the list was made.'),
    updatedAt: dateTime('Last change: renamed, described, made public or private, a paper added or removed.'),
    lastUpdated: dateTime('HF: updatedAt.'),
    position: { type: 'integer', description: 'HF: always 0.' },
    theme: { type: 'string', description: 'HF: always "default".' },
    upvotes: { type: 'integer', description: 'HF: always 0 (lists are not upvoted here).' },
    pageUrl: str('The list on Paperboard.', { format: 'uri' }),
    numPapers: { type: 'integer', minimum: 0 },
    items: {
      type: 'array',
      description: 'Most recently added first.',
      items: {
        type: 'object',
        required: ['_id', 'id', 'type', 'position', 'addedAt', 'paper'],
        properties: {
          _id: str("HF's item object id: the paper's arXiv id."),
          id: str('arXiv id.'),
          type: { type: 'string', enum: ['paper'] },
          position: { type: 'integer', minimum: 0 },
          note: {
            type: 'object',
            description: "The owner's note (absent when none), as HF sends it.",
            required: ['text', 'html'],
            properties: { text: { type: 'string' }, html: { type: 'string' } },
          },
          addedAt: dateTime('When the paper was added to the list.'),
          paper: ref('PaperDetail'),
        },
      },
    },
  },
};

const ErrorSchema: SchemaObject = {
  type: 'object',
  required: ['error', 'code'],
  properties: {
    // A string, as Hugging Face sends it: its client raises with this message.
    error: str('What went wrong, naming the offending parameter.'),
    code: {
      type: 'string',
      enum: [
        'invalid',
        'not_found',
        'unauthorized',
        'forbidden',
        'conflict',
        'too_large',
        'rate_limited',
        'unavailable',
        'internal',
      ],
    },
  },
};

const Health: SchemaObject = {
  type: 'object',
  required: ['status', 'database'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    database: { type: 'string', enum: ['sqlite', 'postgres'] },
    search: {
      type: 'object',
      description:
        "The search index (serve): 'catching_up' while it applies the change log (it serves from what it has), 'rebuilding' for a new format (search answers 503), 'current' once it keeps up.",
      required: ['state', 'revision', 'behind'],
      properties: {
        state: { type: 'string', enum: ['catching_up', 'rebuilding', 'current'] },
        revision: {
          type: ['integer', 'null'],
          description: 'The last change-log revision the index applied.',
        },
        behind: { type: 'integer', description: 'Change-log entries the index has not applied yet.' },
      },
    },
  },
};

const JsonFeed: SchemaObject = {
  type: 'object',
  description: 'JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).',
  required: ['version', 'title', 'items'],
  properties: {
    version: { type: 'string', const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string' },
    home_page_url: { type: 'string', format: 'uri' },
    feed_url: { type: 'string', format: 'uri' },
    description: { type: 'string' },
    language: { type: 'string' },
    authors: {
      type: 'array',
      items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'url', 'title', 'content_html', 'content_text', 'date_published'],
        properties: {
          id: { type: 'string' },
          url: { type: 'string', format: 'uri' },
          external_url: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          content_html: { type: 'string' },
          content_text: { type: 'string' },
          date_published: { type: 'string', format: 'date-time', description: 'When it entered the feed.' },
          date_modified: {
            type: 'string',
            format: 'date-time',
            description: "The item's last change (a paper's latest arXiv version; a comment's edit).",
          },
          authors: {
            type: 'array',
            items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
          },
          tags: { type: 'array', items: { type: 'string' } },
          _paperboard: {
            type: 'object',
            description: 'JSON Feed extension: `arxiv_id` and `upvotes` (papers) or comment ids.',
          },
        },
      },
    },
  },
};

export const schemas: Record<string, SchemaObject> = {
  Author,
  Paper,
  User,
  DailySubmitter,
  Organization,
  DailyPaper,
  Highlight,
  SearchResult,
  SimilarPaper,
  CodeLink,
  PaperVersion,
  PaperDetail,
  Collection,
  Error: ErrorSchema,
  Health,
  JsonFeed,
};
