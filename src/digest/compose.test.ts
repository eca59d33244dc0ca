import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DEFAULT_PREFERENCES, type DigestPreferences } from '../model/digest-preferences.js';
import type { PaperView } from '../store/paper-reads.js';
import { composeDigest, digestPaperIds, isEmptyDigest, TRENDING_SLOTS } from './compose.js';
import { PeriodPapers } from './period-papers.js';
import { exclusionQuery, topicQueries, topicQueryProblems } from './topics.js';

function paper(id: number, fields: Partial<PaperView>): PaperView {
  return {
    id,
    arxivId: `2608.${String(10000 + id)}`,
    version: 1,
    title: `Paper ${id}`,
    abstract: 'An abstract.',
    authors: [{ name: 'Ada Lovelace' }],
    primaryCategory: 'cs.LG',
    categories: ['cs.LG'],
    comments: null,
    journalRef: null,
    doi: null,
    license: null,
    reportNo: null,
    publishedAt: '2026-08-20T00:00:00Z',
    updatedAt: null,
    isWithdrawn: false,
    codeLinks: [],
    upvotes: 0,
    numComments: 0,
    importedComments: 0,
    githubRepo: null,
    githubStars: null,
    projectPage: null,
    aiSummary: null,
    aiKeywords: null,
    aiSummaryModel: null,
    githubRepoAddedBy: null,
    organization: null,
    mediaUrls: null,
    metadataSource: 'arxiv-api',
    versions: [],
    board: null,
    firstSeenAt: '2026-08-20T00:00:00Z',
    modifiedAt: '2026-08-20T00:00:00Z',
    trendingScore: 0,
    ...fields,
  };
}

// Ranked by trending score, as the board lists them: 1 and 2 trend most; 3 and 4 are about agents.
const PAPERS = [
  paper(1, {
    title: 'A survey of diffusion',
    upvotes: 40,
    trendingScore: 100,
    categories: ['cs.CV'],
    primaryCategory: 'cs.CV',
  }),
  paper(2, { title: 'Sparse attention at scale', upvotes: 30, trendingScore: 99 }),
  paper(3, { title: 'Planning agents', upvotes: 5, trendingScore: 98, authors: [{ name: 'Grace Hopper' }] }),
  paper(4, {
    title: 'Agents that use tools',
    upvotes: 9,
    trendingScore: 97,
    categories: ['cs.CL'],
    primaryCategory: 'cs.CL',
  }),
  paper(5, { title: 'A withdrawn agent paper', upvotes: 50, trendingScore: 96, isWithdrawn: true }),
  paper(6, { title: 'Fresh, no votes yet', upvotes: 0, trendingScore: 95 }),
  paper(7, { title: 'Agent benchmark survey', upvotes: 20, trendingScore: 94 }),
];

const prefs = (
  overrides: Partial<Omit<DigestPreferences, 'topics'>> & { topics?: Partial<DigestPreferences['topics']> },
): DigestPreferences => ({
  ...DEFAULT_PREFERENCES,
  ...overrides,
  topics: { ...DEFAULT_PREFERENCES.topics, ...overrides.topics },
});

const ids = (items: Array<{ paper: PaperView }>) => items.map((i) => i.paper.id);

describe('digest composition', () => {
  const period = new PeriodPapers('2026-08-20', '2026-08-21', PAPERS);
  after(() => period.close());

  it('topics first, most upvoted first, with what each matched; trending fills the rest', () => {
    const content = composeDigest(
      prefs({ maxPapers: 6, topics: { queries: ['agent'], authors: ['Grace Hopper'] } }),
      period,
      new Set(),
    );
    assert.deepEqual(ids(content.topical), [7, 4, 3]);
    assert.deepEqual(
      content.topical.map((i) => i.matchedTopics),
      [['agent'], ['agent'], ['agent', 'Grace Hopper']],
    );
    // Trending: by trending score, without the topic papers, the withdrawn one or one with no votes.
    assert.deepEqual(ids(content.trending), [1, 2]);
    assert.deepEqual(digestPaperIds(content), [7, 4, 3, 1, 2]);
  });

  it('keeps trending places for subscribers with busy topics', () => {
    const content = composeDigest(
      prefs({ maxPapers: 4, topics: { categories: ['cs.*'] } }),
      period,
      new Set(),
    );
    const reserved = Math.min(TRENDING_SLOTS, Math.ceil(4 / 2));
    assert.equal(content.topical.length, 4 - reserved);
    assert.equal(content.topical.length + content.trending.length, 4);
  });

  it('leaves out excluded keywords and papers shown before; nothing left is an empty digest', () => {
    const content = composeDigest(
      prefs({ topics: { queries: ['agent'], exclude: ['survey'] } }),
      period,
      new Set([4]),
    );
    assert.deepEqual(ids(content.topical), [3]);
    assert.deepEqual(ids(content.trending), [2]);
    const nothing = composeDigest(
      prefs({ includeTrending: false, topics: { queries: ['xylophone'] } }),
      period,
      new Set(),
    );
    assert.equal(isEmptyDigest(nothing), true);
  });

  it('turns topics into queries of the search language, and says which cannot run', () => {
    assert.deepEqual(
      topicQueries({
        categories: ['cs.CL'],
        queries: ['sparse attention'],
        authors: ['Ada "the first" Lovelace'],
        exclude: [],
      }),
      [
        { label: 'cs.CL', query: 'cat:cs.CL' },
        { label: 'sparse attention', query: 'sparse attention' },
        { label: 'Ada "the first" Lovelace', query: 'au:"Ada  the first  Lovelace"' },
      ],
    );
    assert.equal(exclusionQuery('large "language" model'), '"large  language  model"');
    assert.deepEqual(
      topicQueryProblems({
        categories: [],
        queries: ['-only -exclusions', 'fine words'],
        authors: ['"'],
        exclude: ['ok'],
      }),
      [
        'The saved search "-only -exclusions" cannot be searched: Add at least one word to search for: a query of only exclusions (like -foo) has nothing to match.',
        'The author name """ has no words to look for.',
      ],
    );
  });
});
