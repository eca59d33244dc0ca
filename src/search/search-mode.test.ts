import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from './query-parser.js';
import { parseRequestedMode, type RequestedMode, resolveSearchMode, usesOperators } from './search-mode.js';
import type { SearchSort } from './search-types.js';

const resolve = (text: string, requested: RequestedMode = 'auto', sort: SearchSort = 'relevance') =>
  resolveSearchMode(requested, text, parseQuery(text), sort);

describe('parseRequestedMode', () => {
  it('reads the three modes and auto; absent or empty is auto', () => {
    assert.equal(parseRequestedMode('keyword'), 'keyword');
    assert.equal(parseRequestedMode('semantic'), 'semantic');
    assert.equal(parseRequestedMode('hybrid'), 'hybrid');
    assert.equal(parseRequestedMode('auto'), 'auto');
    assert.equal(parseRequestedMode(undefined), 'auto');
    assert.equal(parseRequestedMode(''), 'auto');
  });

  it('refuses anything else, case and spaces included', () => {
    for (const bad of ['Hybrid', 'KEYWORD', ' hybrid', 'vector', 'constructor', 'hybrid,keyword', '1']) {
      assert.equal(parseRequestedMode(bad), undefined, bad);
    }
  });
});

describe('resolveSearchMode: the default', () => {
  it('is hybrid for plain language, filters included', () => {
    assert.deepEqual(resolve('how do transformers handle long documents'), { mode: 'hybrid' });
    assert.deepEqual(resolve('graph neural networks year:2024 cat:cs.LG has:code'), { mode: 'hybrid' });
    assert.deepEqual(resolve('after:2023-06 diffusion models'), { mode: 'hybrid' });
    // A hyphenated word is a phrase inside, but not one the user quoted.
    assert.deepEqual(resolve('time-sharing systems for the I.B.M. 360'), { mode: 'hybrid' });
    // Lower-case or/and/not are words; parentheses and AND alone change nothing.
    assert.deepEqual(resolve('cats or dogs and not birds'), { mode: 'hybrid' });
    assert.deepEqual(resolve('what is TSS (Time Sharing System) for IBM computers'), { mode: 'hybrid' });
    assert.deepEqual(resolve('graph AND networks'), { mode: 'hybrid' });
  });

  it('is keyword whenever the query uses the query language', () => {
    for (const text of [
      'ti:attention',
      'au:vaswani transformers',
      '"attention is all you need"',
      'transformers OR rnn',
      'transformers -vision',
      'transform* models',
      'NOT vision transformers',
      '(graph OR tree) networks',
      'year:2024 abs:"protein folding"',
    ]) {
      assert.deepEqual(resolve(text), { mode: 'keyword', keywordReason: 'operators' }, text);
      assert.equal(usesOperators(text, parseQuery(text)), true, text);
    }
  });

  it('is keyword for filters alone', () => {
    assert.deepEqual(resolve('year:2024 cat:cs.CL'), { mode: 'keyword', keywordReason: 'filters-only' });
  });
});

describe('resolveSearchMode: an explicit mode', () => {
  it('is honoured for plain language', () => {
    assert.deepEqual(resolve('protein folding', 'semantic'), { mode: 'semantic' });
    assert.deepEqual(resolve('protein folding', 'hybrid'), { mode: 'hybrid' });
    assert.deepEqual(resolve('protein folding', 'keyword'), { mode: 'keyword' });
    assert.deepEqual(resolve('"protein folding"', 'keyword'), { mode: 'keyword' });
  });

  it('gives way to keyword for operators and for date or upvote order, saying why', () => {
    assert.deepEqual(resolve('protein -folding', 'semantic'), {
      mode: 'keyword',
      keywordReason: 'operators',
    });
    assert.deepEqual(resolve('protein folding', 'hybrid', 'date'), {
      mode: 'keyword',
      keywordReason: 'sort',
    });
    assert.deepEqual(resolve('protein folding', 'semantic', 'upvotes'), {
      mode: 'keyword',
      keywordReason: 'sort',
    });
  });
});
