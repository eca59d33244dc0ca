import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArxivId } from './arxiv-id.js';

describe('parseArxivId', () => {
  const cases: Array<[string, ReturnType<typeof parseArxivId>]> = [
    ['2401.12345', { id: '2401.12345' }],
    ['2401.12345v3', { id: '2401.12345', version: 3 }],
    ['0704.0001', { id: '0704.0001' }],
    ['arXiv:2106.09685v2', { id: '2106.09685', version: 2 }],
    ['hep-th/9901001', { id: 'hep-th/9901001' }],
    ['math.GT/0309136v1', { id: 'math.GT/0309136', version: 1 }],
    ['https://arxiv.org/abs/2401.12345v2', { id: '2401.12345', version: 2 }],
    ['http://arxiv.org/pdf/2401.12345v1.pdf', { id: '2401.12345', version: 1 }],
    ['https://arxiv.org/pdf/2401.12345', { id: '2401.12345' }],
    ['https://www.arxiv.org/abs/astro-ph/0601001?context=astro-ph', { id: 'astro-ph/0601001' }],
    ['  2401.12345  ', { id: '2401.12345' }],
  ];
  for (const [input, expected] of cases) {
    it(`parses ${JSON.stringify(input)}`, () => assert.deepEqual(parseArxivId(input), expected));
  }

  for (const bad of [
    '',
    'abc',
    '2413.12345',
    '2401.123',
    '2401.123456',
    '2401.12345v0',
    'hep-th/990100',
    'https://example.com/abs/2401.12345',
    "2401.12345'; drop table papers;--",
  ]) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.equal(parseArxivId(bad), undefined));
  }
});
