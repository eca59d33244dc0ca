// The semantic ranker's options over a real int8 matrix of HashingEmbedder vectors: the top k, papers
// scored as well wherever they rank (hybrid's lexical candidates), filters, and vector feedback.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embedPaperMatrix, ScanSemanticRanker } from '../../src/search/hybrid/semantic-ranker.js';
import { HashingEmbedder } from '../helpers/hashing-embedder.js';

const papers = [
  { id: 1, title: 'graph neural networks', abstract: 'message passing on graphs' },
  { id: 2, title: 'protein folding', abstract: 'structure prediction of proteins' },
  { id: 3, title: 'graph transformers', abstract: 'attention on graphs and message passing' },
  { id: 4, title: 'speech recognition', abstract: 'acoustic models for speech' },
  { id: 5, title: 'folding proteins with attention', abstract: 'protein structure prediction' },
];

async function ranker() {
  const embedder = new HashingEmbedder(64);
  const matrix = await embedPaperMatrix(embedder, papers);
  return new ScanSemanticRanker(embedder, () => matrix);
}

describe('ScanSemanticRanker', () => {
  it('scores papers asked for after the top k, with the scores a full ranking gives them', async () => {
    const r = await ranker();
    const all = await r.rank('graph message passing', papers.length);
    const top = await r.rank('graph message passing', 2, { alsoScore: [4, 1, 2] });
    assert.deepEqual(top.slice(0, 2), all.slice(0, 2));
    const rest = top.slice(2);
    const asked = [4, 1, 2].filter((id) => !all.slice(0, 2).some((hit) => hit.id === id));
    assert.deepEqual(
      rest.map((hit) => hit.id),
      asked,
    );
    for (const hit of rest) assert.equal(hit.score, all.find((a) => a.id === hit.id)?.score);
  });

  it('leaves out papers the filter forbids, also among those asked for', async () => {
    const r = await ranker();
    const allowed = new Uint8Array(6);
    allowed[1] = 1;
    allowed[3] = 1;
    const hits = await r.rank('graph message passing', 5, { allowed, alsoScore: [2, 3, 4] });
    assert.deepEqual(hits.map((hit) => hit.id).sort(), [1, 3]);
  });

  it('feedback moves the query towards the feedback papers', async () => {
    const r = await ranker();
    const plain = await r.rank('attention', 5);
    const towardsProteins = await r.rank('attention', 5, { feedback: { paperIds: [2], queryWeight: 0.3 } });
    const scoreOf = (hits: typeof plain, id: number) => hits.find((hit) => hit.id === id)?.score ?? 0;
    // Paper 2 shares no word with the query; the protein paper with "attention" pulls further ahead
    // of the graph paper with "attention".
    assert.equal(scoreOf(plain, 2), 0);
    assert.ok(scoreOf(towardsProteins, 2) > scoreOf(towardsProteins, 3));
    assert.ok(
      scoreOf(towardsProteins, 5) - scoreOf(towardsProteins, 3) > scoreOf(plain, 5) - scoreOf(plain, 3),
    );
  });
});
