// The keyword engine ranks exactly as FTS5's bm25() does: for real papers, after updates,
// withdrawals and segment merges, on both databases, its top results and their scores are equal to
// an exhaustive `ORDER BY bm25(...)` over the same index, and pages through runSearch agree too.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { importPath } from '../../src/ingest/import-path.js';
import { silentLogger } from '../../src/lib/logger.js';
import { InProcessSearch } from '../../src/search/in-process-search.js';
import { readCollectionStats } from '../../src/search/keyword/fts-averages.js';
import { rankExact } from '../../src/search/keyword/keyword-ranker.js';
import { keywordReaderFor } from '../../src/search/keyword/keyword-reader.js';
import { pairKey, pairVocabularyOf } from '../../src/search/keyword/phrase-pairs.js';
import { tokenOracleFor } from '../../src/search/keyword/token-oracle.js';
import { toFilterSql, toFtsMatch } from '../../src/search/query-fts.js';
import { parseQuery } from '../../src/search/query-parser.js';
import { rebuildIndex } from '../../src/search/rebuild-index.js';
import { FIELD_WEIGHTS } from '../../src/search/search-types.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { getIndexablePapers } from '../../src/store/search-feed.js';
import { arxivRecord } from '../helpers/factories.js';
import { sharedData } from '../helpers/paths.js';
import { createTestDatabase, eachDialect, type TestDatabase, tempDir } from '../helpers/test-db.js';

const SHARD = `${sharedData}arxiv-listings-cs/daily-arxiv-ai-enhanced/dedup-shards/cs-papers-00.jsonl`;

// Common, middling and rare words of the shard, stop words, and words in no paper.
const QUERIES = [
  'model',
  'language',
  'the',
  'learning model',
  'large language models',
  'diffusion',
  'benchmark agents',
  'graph neural network',
  'reinforcement learning reward',
  'segmentation medical',
  'quantum',
  'retrieval augmented generation',
  'we propose a novel',
  'zebrafish',
  'model model',
  'transformer -vision',
  'agents -llm -reasoning',
  'model year:2026',
  'learning cat:cs.CV',
  'data cat:cs.* -cat:cs.LG',
  'xyzzyplugh',
];

/** Hyphenated words are two-word phrases: ranked by the engine's pair postings (exact too). */
const PHRASE_QUERIES = ['fine-tuning', 'large-scale', 'multi-agent', 'zero-shot model', 'real-time -video'];

function reference(sqlite: import('better-sqlite3').Database, q: string, limit: number) {
  const parsed = parseQuery(q);
  assert.ok(parsed.root);
  const filter = toFilterSql(parsed.filters);
  return sqlite
    .prepare(
      `select f.rowid as id, bm25(papers_fts, ${FIELD_WEIGHTS.join(', ')}) as score
       from papers_fts f join search_docs d on d.rowid = f.rowid
       where papers_fts match ? and ${filter.sql} order by score, f.rowid limit ?`,
    )
    .all(toFtsMatch(parsed.root), ...filter.params, limit) as Array<{ id: number; score: number }>;
}

function engine(sqlite: import('better-sqlite3').Database, q: string, limit: number, offset = 0) {
  const parsed = parseQuery(q);
  assert.ok(parsed.root);
  const children = parsed.root.kind === 'and' ? parsed.root.children : [parsed.root];
  const oracle = tokenOracleFor(sqlite);
  const pairs = pairVocabularyOf(sqlite).pairs;
  const terms: string[] = [];
  const excluded: string[] = [];
  for (const child of children) {
    const leaf = child.kind === 'not' ? child.child : child;
    let token: string | undefined;
    if (leaf.kind === 'term') token = oracle.tokenizeWord(leaf.text);
    else if (leaf.kind === 'phrase' && leaf.words.length === 2) {
      const [first, second] = leaf.words.map((w) => oracle.tokenizeWord(w) as string) as [string, string];
      token = pairKey(first, second);
      assert.ok(pairs.has(token), `${token} is in the pair vocabulary`);
    }
    assert.ok(token, `${q}: a word or a known pair`);
    (child.kind === 'not' ? excluded : terms).push(token);
  }
  const reader = keywordReaderFor(sqlite);
  assert.ok(reader.refresh(), 'the index has keyword postings');
  const filter = toFilterSql(parsed.filters);
  let allowed: Uint8Array | undefined;
  if (filter.sql !== '1 = 1') {
    allowed = new Uint8Array(reader.size);
    for (const id of sqlite
      .prepare(`select d.rowid from search_docs d where ${filter.sql}`)
      .pluck()
      .all(...filter.params) as number[]) {
      allowed[id] = 1;
    }
  }
  return rankExact(reader, readCollectionStats(sqlite), {
    terms,
    excluded,
    require: 'all',
    limit,
    offset,
    ...(allowed ? { allowed } : {}),
  });
}

eachDialect('keyword engine equals exhaustive FTS5 bm25', (dialect) => {
  let t: TestDatabase;
  let search: InProcessSearch;
  before(async () => {
    t = await createTestDatabase(dialect);
    await importPath(SHARD, { database: t, log: silentLogger() });
    // Built by a rebuild (which fixes the phrase-pair vocabulary), then kept by the follower.
    const dir = join(tempDir(), 'search');
    await rebuildIndex(dir, t);
    search = new InProcessSearch(dir, t);
    await search.catchUp();
    // Rewrites (new abstracts), withdrawals and new papers in small batches: new segments and merges.
    const papers = await getIndexablePapers(
      t.db,
      Array.from({ length: 60 }, (_, i) => i * 17 + 3),
    );
    for (let batch = 0; batch < 12; batch++) {
      const slice = papers.slice(batch * 5, batch * 5 + 5);
      await upsertPapers(
        t,
        slice.map((p, i) =>
          arxivRecord({
            arxivId: p.arxivId,
            version: 9,
            title: `${p.title} revisited`,
            abstract: `${p.abstract} We add a model of diffusion agents, fine tuning and a large-scale benchmark.`,
            categories: p.categories,
            ...(i === 0 ? { isWithdrawn: true } : {}),
          }),
        ),
      );
      await upsertPapers(t, [
        arxivRecord({
          arxivId: `2612.${String(batch).padStart(5, '0')}`,
          title: `Model number ${batch}`,
          abstract: 'learning model language model',
        }),
      ]);
      await search.catchUp();
    }
  });
  after(async () => {
    await search.close();
    await t.destroy();
  });

  it('merged the follower segments (the index stays at a few segments)', () => {
    const { n } = search.handle.get().sqlite.prepare('select count(*) as n from segments').get() as {
      n: number;
    };
    assert.ok(n <= 9, `${n} segments`);
  });

  it('uses FTS5 statistics that match the index', () => {
    const sqlite = search.handle.get().sqlite;
    const stats = readCollectionStats(sqlite);
    const { rows, tokens } = sqlite
      .prepare('select count(*) as rows, sum(len) as tokens from doc_segments where seg > 0')
      .get() as { rows: number; tokens: number };
    assert.deepEqual({ rows: stats.rows, tokens: stats.tokens }, { rows, tokens });
    const { n } = sqlite.prepare('select count(*) as n from papers_fts').get() as { n: number };
    assert.equal(rows, n);
  });

  for (const q of [...QUERIES, ...PHRASE_QUERIES]) {
    it(`ranks ${JSON.stringify(q)} exactly: same papers, same order, same scores`, () => {
      const sqlite = search.handle.get().sqlite;
      const expected = reference(sqlite, q, 40);
      const got = engine(sqlite, q, 40);
      assert.deepEqual(
        got.hits.map((h) => [h.id, h.score]),
        expected.map((r) => [r.id, r.score]),
      );
      assert.equal(got.total, reference(sqlite, q, 1_000_000).length, 'total');
    });
  }

  it('a relaxed query lists its all-word papers first, in their exhaustive bm25 order (stop words scored)', async () => {
    const sqlite = search.handle.get().sqlite;
    let relaxedSeen = 0;
    // Stop words with a topic word: few papers hold all of them, so the query relaxes to that word.
    const rare = ['robot', 'medical', 'video', 'speech', 'privacy', 'graph', 'agents', 'diffusion'];
    for (const q of rare.flatMap((word) => [`about are ${word}`, `was ${word}`, `these ${word}`])) {
      const expected = reference(sqlite, q, 1_000).map((r) => r.id);
      if (expected.length < 3 || expected.length >= 20) continue;
      const first = await search.search({ q, sort: 'relevance', limit: 20, offset: 0 });
      if (!first.isRelaxed) continue;
      relaxedSeen += 1;
      assert.deepEqual(
        first.hits.slice(0, expected.length).map((h) => h.id),
        expected,
        q,
      );
      // A later page starting inside the all-word tier continues the same order.
      const later = await search.search({ q, sort: 'relevance', limit: 10, offset: 1 });
      assert.deepEqual(
        later.hits.map((h) => h.id),
        first.hits.slice(1, 11).map((h) => h.id),
        q,
      );
    }
    assert.ok(relaxedSeen > 0, 'at least one query relaxed');
  });

  it('pages through runSearch as the exhaustive order does', async () => {
    const sqlite = search.handle.get().sqlite;
    for (const q of ['model', 'language models', 'transformer -vision', 'fine-tuning']) {
      const expected = reference(sqlite, q, 60).map((r) => r.id);
      const pages = [];
      for (let offset = 0; offset < 60; offset += 20) {
        const page = await search.search({ q, sort: 'relevance', limit: 20, offset });
        pages.push(...page.hits.map((h) => h.id));
      }
      assert.deepEqual(pages, expected, q);
    }
  });
});
