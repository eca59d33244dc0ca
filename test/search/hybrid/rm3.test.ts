// RM3's term model on a tiny in-memory index, with numbers worked by hand: P(w|D) from plain title and
// abstract token counts (authors left out, no column weights), feedback papers weighted by P(Q|D), the
// query mixed with the best expansion terms by λ.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  expandQuery,
  feedbackModels,
  type Rm3Options,
  relevanceModel,
} from '../../../src/search/hybrid/rm3.js';
import { openIndexDb } from '../../../src/search/index-db.js';

const { sqlite } = openIndexDb(':memory:');
const insert = sqlite.prepare('insert into papers_fts (rowid, title, authors, abstract) values (?, ?, ?, ?)');
// Tokens (porter): 1 = spars attent | spars attent cut the cost of attent (9 tokens);
// 2 = attent kernel | kernel approxim attent (5 tokens). Authors never count.
insert.run(1, 'Sparse attention', 'Ada Lovelace', 'Sparse attention cuts the cost of attention.');
insert.run(2, 'Attention kernels', 'Grace Hopper', 'Kernels approximate attention.');

const options: Rm3Options = { feedbackDocs: 10, expansionTerms: 4, queryWeight: 0.5, docWeight: 'score' };
// bm25() as the engine reports it (negative); paper 1 counts twice as much as paper 2.
const feedback = [
  { id: 1, score: -2 },
  { id: 2, score: -1 },
];
const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

describe('RM3 term model', () => {
  after(() => sqlite.close());

  it('P(w|D) is the plain title + abstract count over their length, without authors', () => {
    const models = feedbackModels(sqlite, [1, 2]);
    const first = models.get(1) as Map<string, number>;
    close(first.get('attent') as number, 3 / 9);
    close(first.get('spars') as number, 2 / 9);
    close(first.get('the') as number, 1 / 9);
    assert.equal(first.has('ada'), false);
    assert.equal(first.has('lovelac'), false);
    close((models.get(2) as Map<string, number>).get('kernel') as number, 2 / 5);
  });

  it('RM1 weights each paper by its normalised score and keeps the best terms, no stop words', () => {
    const model = relevanceModel(sqlite, feedback, options);
    // attent = 2/3·3/9 + 1/3·2/5 = 16/45; spars = 2/3·2/9; kernel = 1/3·2/5; cost = cut = 2/3·1/9 (by name).
    assert.deepEqual(
      model.map(([token]) => token),
      ['attent', 'spars', 'kernel', 'cost'],
    );
    close(model[0]?.[1] as number, 16 / 45);
    close(model[1]?.[1] as number, 4 / 27);
    close(model[2]?.[1] as number, 2 / 15);
    close(model[3]?.[1] as number, 2 / 27);
  });

  it('mixes the query with the expansion by λ, scaled to the query length', () => {
    const query = expandQuery(sqlite, ['spars', 'attent'], feedback, { ...options, expansionTerms: 2 });
    // Expansion normalised: attent 12/17, spars 5/17; λ 0.5; query 1/2 each; × 2 words.
    assert.deepEqual(query.terms, ['spars', 'attent']);
    close(query.weights[0] as number, 1 / 2 + 5 / 17);
    close(query.weights[1] as number, 1 / 2 + 12 / 17);
    const alone = expandQuery(sqlite, ['spars', 'spars'], feedback, { ...options, queryWeight: 1 });
    assert.deepEqual(alone, { terms: ['spars'], weights: [2] });
    assert.deepEqual(expandQuery(sqlite, ['spars'], [], options), { terms: ['spars'], weights: [1] });
  });
});
