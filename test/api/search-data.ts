// Search test data: three real Hugging Face daily-papers days (2024 and 2026 papers, with and without
// code), arXiv categories merged into a few of them, and a handful of made-up papers for LaTeX,
// old-style ids and escaping. Loaded into a test database and indexed (ctx.search.catchUp()).

import type { Hono } from 'hono';
import type { PaperRecord } from '../../src/model/paper.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { arxivRecord, boardRecord } from '../helpers/factories.js';
import { type TestContext, testContext } from '../helpers/test-app.js';
import type { TestDatabase } from '../helpers/test-db.js';
import { collapse, hfRecords, type RawHfItem, readHfDay } from './hf-data.js';

export const SEARCH_DAYS = ['2024-05-27', '2026-08-20', '2026-08-21'];

/** arXiv categories for some of the real papers (HF items carry none). */
export const CATEGORIES: Record<string, string[]> = {
  '2608.19880': ['cs.AI', 'cs.LG'],
  '2608.18565': ['cs.SE', 'cs.AI'],
  '2608.16590': ['cs.RO'],
  '2405.15223': ['cs.CV', 'cs.LG'],
  '2405.15574': ['cs.CV'],
};

export const LATEX_PAPER = arxivRecord({
  arxivId: '2401.00001',
  title: 'Attention for $\\alpha$-divergences',
  abstract: 'We study $\\mathcal{L}_2$ divergences between attention maps.',
});

/** Words no other paper uses: "similar papers" has nothing to go on. */
export const LONELY_PAPER = arxivRecord({
  arxivId: '2401.00002',
  title: 'Zorblax quuxification',
  abstract: 'Frobnicated glorpish wibbles.',
  authors: [{ name: 'Nobody Special' }],
  categories: ['cs.XX'],
});

/** A lone `$` (a price) is text, not the start of a formula. */
export const PRICE_PAPER = arxivRecord({
  arxivId: '2401.00009',
  title: 'Cheap inference for everyone',
  abstract: 'Serving costs $5 per million tokens with our cheap inference stack, described here in detail.',
});

/** Two old-style (slash) ids about the same thing, so each is the other's similar paper. */
export const OLD_STYLE = [
  arxivRecord({
    arxivId: 'hep-th/9901001',
    title: 'Supersymmetric gauge dualities on intersecting branes',
    abstract: 'We derive dualities of supersymmetric gauge theories living on intersecting branes.',
    authors: [{ name: 'Edward Witten' }],
    primaryCategory: 'hep-th',
    categories: ['hep-th'],
    publishedAt: '1999-01-04T00:00:00Z',
    versions: [{ version: 1, submittedAt: '1999-01-04T00:00:00Z' }],
  }),
  arxivRecord({
    arxivId: 'hep-th/9901002',
    title: 'Intersecting branes and supersymmetric gauge dualities',
    abstract: 'Supersymmetric gauge dualities follow from intersecting holographic branes in string theory.',
    authors: [{ name: 'Juan Maldacena' }],
    primaryCategory: 'hep-th',
    categories: ['hep-th'],
    publishedAt: '1999-01-05T00:00:00Z',
    versions: [{ version: 1, submittedAt: '1999-01-05T00:00:00Z' }],
  }),
];

export const EVIL_PAPER = boardRecord({
  arxivId: '2608.00003',
  title: 'Escaping <script>alert("title")</script> & quoting',
  // Shares a rare word with hep-th/9901002, so it shows up among that paper's similar papers.
  abstract: '<img src=x onerror=alert(1)> escaping holographic quoting',
  authors: [{ name: '<b>Mallory</b>' }],
});

function withCategories(record: PaperRecord): PaperRecord[] {
  const categories = CATEGORIES[record.arxivId];
  if (!categories) return [];
  const { board: _board, community: _community, ...rest } = record;
  return [{ ...rest, source: 'arxiv-api', categories, primaryCategory: categories[0] }];
}

export function searchRecords(): PaperRecord[] {
  const hf = hfRecords(SEARCH_DAYS);
  return [
    ...hf,
    ...hf.flatMap(withCategories),
    LATEX_PAPER,
    LONELY_PAPER,
    PRICE_PAPER,
    ...OLD_STYLE,
    EVIL_PAPER,
  ];
}

export interface RealPaper {
  id: string;
  title: string;
  publishedAt: string;
  hasCode: boolean;
  raw: RawHfItem;
}

/** The real papers loaded (a paper featured on two days once), for expected values. */
export function realPapers(): Map<string, RealPaper> {
  const papers = new Map<string, RealPaper>();
  for (const day of SEARCH_DAYS) {
    for (const raw of readHfDay(day)) {
      if (papers.has(raw.paper.id)) continue;
      papers.set(raw.paper.id, {
        id: raw.paper.id,
        title: collapse(raw.paper.title),
        publishedAt: raw.paper.publishedAt,
        hasCode: Boolean(raw.paper.githubRepo),
        raw,
      });
    }
  }
  return papers;
}

export async function loadSearchData(database: TestDatabase): Promise<{ ctx: TestContext; app: Hono }> {
  await upsertPapers(database, searchRecords(), '2026-08-21T09:00:00.000Z');
  const ctx = testContext(database);
  await ctx.search.catchUp();
  return { ctx, app: createApp(ctx) };
}
