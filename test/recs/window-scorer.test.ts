// The window scorer (one reader's model over a window's shared candidates) gives scorePaper's logits
// for real papers, and the candidate cache reads a window once within its lifetime, again after it.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { CandidateCache, loadCandidatePapers } from '../../src/recs/candidate-papers.js';
import { scorePaper, trainReaderModel } from '../../src/recs/reader-model.js';
import { windowScorer } from '../../src/recs/window-scorer.js';
import { getActiveModel } from '../../src/store/embeddings.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { hfRecords } from '../api/hf-data.js';
import { embedAllWithHashing } from '../helpers/hashing-embedder.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const NOW = new Date('2026-08-22T09:00:00Z');
const WINDOW = { fromDate: '2026-08-20', toDate: '2026-08-22', limit: 5000 };

eachDialect('window scorer', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, hfRecords(['2024-05-27', '2026-08-20', '2026-08-21']), NOW.toISOString());
    await embedAllWithHashing(t, NOW);
  });
  after(async () => {
    await t.destroy();
  });

  it('scores every candidate as scorePaper does, under a model trained on other papers', async () => {
    const active = await getActiveModel(t.db);
    const training = await loadCandidatePapers(t.db, active?.id, {
      ...WINDOW,
      fromDate: '2024-05-27',
      toDate: '2024-05-28',
    });
    const window = await loadCandidatePapers(t.db, active?.id, WINDOW);
    assert.ok(training.ids.length > 5 && window.ids.length > 20);
    const examples = training.ids.map((id, i) => ({
      features: training.features.get(id) as NonNullable<ReturnType<typeof training.features.get>>,
      label: (i % 3 === 0 ? 1 : 0) as 0 | 1,
      weight: 1,
    }));
    const model = trainReaderModel(examples, active?.modelKey ?? null);
    const score = windowScorer(model, window);
    const logits = window.ids.map((id) => {
      const paper = window.features.get(id);
      assert.ok(paper);
      assert.ok(Math.abs(score(paper) - scorePaper(model, paper)) < 1e-9, `paper ${id}`);
      return score(paper);
    });
    assert.ok(new Set(logits.map((l) => l.toFixed(6))).size > 10, 'the logits differ between papers');
  });

  it('the cache reads a window once within its lifetime and again after it', async () => {
    const cache = new CandidateCache({ ttlMs: 1000, maxWindows: 2 });
    const first = cache.get(t.db, undefined, WINDOW, 0);
    assert.equal(cache.get(t.db, undefined, WINDOW, 999), first);
    const later = cache.get(t.db, undefined, WINDOW, 1000);
    assert.notEqual(later, first);
    assert.deepEqual((await later).ids, (await first).ids);
    // A third window pushes out the oldest.
    cache.get(t.db, undefined, { ...WINDOW, limit: 10 }, 1001);
    cache.get(t.db, undefined, { ...WINDOW, limit: 20 }, 1002);
    assert.notEqual(cache.get(t.db, undefined, WINDOW, 1003), later);
  });
});
