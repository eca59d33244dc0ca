import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuseScores, minMaxNormalise, monotoneDown } from './fusion.js';

describe('minMaxNormalise', () => {
  it('maps the best to 1 and the worst to 0, linearly', () => {
    const n = minMaxNormalise([
      { id: 1, score: 10 },
      { id: 2, score: 7.5 },
      { id: 3, score: 5 },
    ]);
    assert.deepEqual(
      [...n],
      [
        [1, 1],
        [2, 0.5],
        [3, 0],
      ],
    );
  });

  it('maps a list of equal scores (or one hit) to 1, and an empty list to nothing', () => {
    assert.deepEqual([...minMaxNormalise([{ id: 4, score: -3 }])], [[4, 1]]);
    assert.deepEqual(
      [
        ...minMaxNormalise([
          { id: 4, score: 2 },
          { id: 5, score: 2 },
        ]),
      ],
      [
        [4, 1],
        [5, 1],
      ],
    );
    assert.equal(minMaxNormalise([]).size, 0);
  });
});

describe('monotoneDown', () => {
  it("caps each score at the one before it, keeping the order and the leaders' scores", () => {
    // The keyword ranking's all-word papers (8, 7) first, then papers with some words, one scoring higher.
    const capped = monotoneDown([
      { id: 8, score: 9 },
      { id: 7, score: 4 },
      { id: 3, score: 6 },
      { id: 5, score: 2 },
    ]);
    assert.deepEqual(
      capped.map((h) => [h.id, h.score]),
      [
        [8, 9],
        [7, 4],
        [3, 4],
        [5, 2],
      ],
    );
    assert.deepEqual(monotoneDown([]), []);
  });

  it('with lexical weight 1, fusion gives the keyword order back', () => {
    const keyword = [
      { id: 8, score: 9 },
      { id: 7, score: 4 },
      { id: 3, score: 6 },
      { id: 1, score: 4 },
    ];
    const fused = fuseScores(monotoneDown(keyword), [{ id: 2, score: 1 }], { lexicalWeight: 1 });
    assert.deepEqual(
      fused.map((h) => h.id),
      [8, 7, 3, 1, 2],
    );
  });
});

describe('fuseScores', () => {
  const lexical = [
    { id: 10, score: 20 },
    { id: 11, score: 15 },
    { id: 12, score: 10 },
  ];
  const semantic = [
    { id: 12, score: 1 },
    { id: 13, score: 0.625 },
    { id: 10, score: 0.5 },
  ];

  it('sums weighted normalised scores over the union; a list that missed a paper gives it 0', () => {
    const fused = fuseScores(lexical, semantic, { lexicalWeight: 0.7 });
    // lexical: 10→1, 11→0.5, 12→0; semantic: 12→1, 13→0.25, 10→0.
    assert.deepEqual(
      fused.map((h) => [h.id, Number(h.score.toFixed(6)), h.lexical, h.semantic]),
      [
        [10, 0.7, 1, 0],
        [11, 0.35, 0.5, 0],
        [12, 0.3, 0, 1],
        [13, 0.075, 0, 0.25],
      ],
    );
  });

  it('is one list alone at weight 1 or 0, and keeps the lexical order on ties, then lower id', () => {
    assert.deepEqual(
      fuseScores(lexical, semantic, { lexicalWeight: 1 }).map((h) => h.id),
      [10, 11, 12, 13],
    );
    assert.deepEqual(
      fuseScores(lexical, semantic, { lexicalWeight: 0 }).map((h) => h.id),
      [12, 13, 10, 11],
    );
    const tied = fuseScores(
      [
        { id: 9, score: 1 },
        { id: 3, score: 0 },
      ],
      [
        { id: 3, score: 1 },
        { id: 9, score: 0 },
      ],
      { lexicalWeight: 0.5 },
    );
    assert.deepEqual(
      tied.map((h) => [h.id, h.score]),
      [
        [9, 0.5],
        [3, 0.5],
      ],
    );
    const semanticOnly = fuseScores(
      [],
      [
        { id: 8, score: 1 },
        { id: 2, score: 1 },
      ],
      { lexicalWeight: 0.5 },
    );
    assert.deepEqual(
      semanticOnly.map((h) => h.id),
      [2, 8],
    );
  });

  it('works with an empty side and refuses a weight outside [0, 1]', () => {
    assert.deepEqual(
      fuseScores([], semantic, { lexicalWeight: 0.7 }).map((h) => [h.id, Number(h.score.toFixed(6))]),
      [
        [12, 0.3],
        [13, 0.075],
        [10, 0],
      ],
    );
    assert.deepEqual(fuseScores([], [], { lexicalWeight: 0.5 }), []);
    assert.throws(() => fuseScores(lexical, semantic, { lexicalWeight: 1.5 }), RangeError);
    assert.throws(() => fuseScores(lexical, semantic, { lexicalWeight: Number.NaN }), RangeError);
  });
});
