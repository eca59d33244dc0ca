// Stored reader models: format 2 reads back to the same weights (so the same scores), format 1 (a
// term object, stored before) still reads, and text that is not a model reads as none.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type ReaderModel, scorePaper } from '../../src/recs/reader-model.js';
import { parseReaderModel, serializeReaderModel } from '../../src/recs/reader-model-codec.js';

const model: ReaderModel = {
  format: 2,
  modelKey: 'lsa-256-x',
  bias: -1.25,
  vector: Float32Array.from([0.5, -0.25, 0.125]),
  terms: ['diffus', 'video', 'robot'],
  termWeights: Float32Array.from([0.75, 0.5, -0.5]),
  termIdf: Float32Array.from([2.5, 1.75, 3]),
  unknownIdf: 4,
  categories: { 'cs.CV': 0.3 },
  trainedOn: { positives: 3, negatives: 10, sampled: 9, notInterested: 1 },
};
const paper = {
  id: 1,
  title: 'Video diffusion',
  vector: Float32Array.from([0.6, 0.8, 0]),
  terms: new Map([
    ['video', 2],
    ['diffus', 1],
    ['world', 1],
  ]),
  categories: ['cs.CV'],
  authorKeys: [],
};

it('format 2 reads back to the same model and scores', () => {
  const back = parseReaderModel(serializeReaderModel(model));
  assert.deepEqual(back, model);
  assert.equal(scorePaper(back as ReaderModel, paper), scorePaper(model, paper));
  assert.notEqual(scorePaper(model, paper), model.bias);
});

it('format 1 models stored before still read, with the same scores', () => {
  const v1 = JSON.stringify({
    ...model,
    format: 1,
    vector: [0.5, -0.25, 0.125],
    terms: { diffus: [0.75, 2.5], video: [0.5, 1.75], robot: [-0.5, 3] },
  });
  const back = parseReaderModel(v1);
  assert.ok(back);
  assert.equal(scorePaper(back, paper), scorePaper(model, paper));
});

it('text that is not a model reads as none', () => {
  for (const text of [
    null,
    '',
    'not json',
    '{"format":3}',
    '{"format":2,"terms":5}',
    '{"format":2,"terms":"a b","vector":"","termWeights":"AAAAAA==","termIdf":"AAAAAA=="}',
  ]) {
    assert.equal(parseReaderModel(text), undefined, String(text));
  }
});
