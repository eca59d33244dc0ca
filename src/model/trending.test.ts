import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainTrending, placementTime, trendingScore } from './trending.js';

describe('trending score', () => {
  it('is log10 of the upvotes plus two-day units since 2020-01-01 (exact values)', () => {
    assert.equal(trendingScore(1, '2020-01-01T00:00:00.000Z'), 0);
    assert.equal(trendingScore(100, '2020-01-03T00:00:00.000Z'), 3);
    assert.equal(trendingScore(10, '2026-08-21T08:00:00.000Z'), 1213.166667);
    assert.equal(trendingScore(42, '2026-08-21T08:00:00.000Z'), 1213.789916);
    // No upvotes counts as one: a new paper is not sunk below zero votes' worth.
    assert.equal(trendingScore(0, '2026-08-21T00:00:00.000Z'), 1212);
  });

  it('weighs two days of recency as ten times the upvotes', () => {
    assert.equal(
      trendingScore(10, '2026-08-23T00:00:00.000Z'),
      trendingScore(100, '2026-08-21T00:00:00.000Z'),
    );
    assert.ok(trendingScore(9, '2026-08-23T00:00:00.000Z') < trendingScore(100, '2026-08-21T00:00:00.000Z'));
    assert.ok(trendingScore(11, '2026-08-23T00:00:00.000Z') > trendingScore(100, '2026-08-21T00:00:00.000Z'));
  });

  it('explains its parts', () => {
    assert.deepEqual(explainTrending(42, '2026-08-21T08:00:00.000Z'), {
      upvotes: 42,
      placedAt: '2026-08-21T08:00:00.000Z',
      voteTerm: 1.623249,
      timeTerm: 1212.166667,
      score: 1213.789916,
    });
  });

  it('places a board entry at its submission time, else at the start of its day', () => {
    assert.equal(
      placementTime({ date: '2026-08-21', submittedAt: '2026-08-21T08:00:00.000Z' }),
      '2026-08-21T08:00:00.000Z',
    );
    assert.equal(placementTime({ date: '2026-08-21' }), '2026-08-21T00:00:00.000Z');
  });
});
