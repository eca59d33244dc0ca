import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { arxivRecord } from '../helpers/factories.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

// A small seeded PRNG so a failure names an input that reproduces.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'attention',
  'graph',
  '"',
  '(',
  ')',
  '*',
  '^',
  ':',
  '-',
  '+',
  'OR',
  'AND',
  'NOT',
  'NEAR(',
  'ti:',
  'au:',
  'cat:cs.*',
  'year:2024',
  'year:abc',
  'before:2024-13-01',
  'after:2023',
  'has:code',
  "'; DROP TABLE papers;--",
  '{title}',
  '\u0000',
  '\u001f',
  '😀',
  '\uE000',
  'Schrödinger',
  '$\\alpha$',
  '%',
  '&',
  '<script>',
  ' ',
  '  ',
];

function randomQuery(random: () => number): string {
  if (random() < 0.02) return 'x'.repeat(1000 + Math.floor(random() * 9000));
  const n = 1 + Math.floor(random() * 8);
  return Array.from({ length: n }, () => PIECES[Math.floor(random() * PIECES.length)]).join(
    random() < 0.5 ? ' ' : '',
  );
}

describe('search endpoints under random input', () => {
  let t: TestDatabase;
  let app: Hono;
  before(async () => {
    t = await createTestDatabase('sqlite');
    await upsertPapers(t, [
      arxivRecord({
        arxivId: '2401.00011',
        title: 'Graph attention networks',
        abstract: 'Attention over graphs costs $5.',
      }),
      arxivRecord({
        arxivId: '2401.00012',
        title: 'Schrödinger bridges',
        abstract: 'Diffusion with $\\alpha$ noise.',
      }),
    ]);
    const ctx = testContext(t);
    await ctx.search.catchUp();
    app = createApp(ctx);
  });
  after(async () => {
    await t.destroy();
  });

  it('answers 2,000 random queries on the API, the page and the feed with 200 or a 400 message, never a 500', async () => {
    const random = seeded(2026);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      const q = randomQuery(random);
      const path = ['/api/papers/search?q=', '/search?q=', '/feeds/search.json?q='][i % 3] as string;
      // \uE000 stands for bytes no browser would send: an encoded lone surrogate and a cut-off escape.
      const encoded = encodeURIComponent(q).replaceAll('%EE%80%80', i % 2 ? '%ED%A0%80' : '%E0%A4%A');
      const res = await app.request(path + encoded);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      assert.ok(
        res.status === 200 || res.status === 400,
        `${res.status} for ${JSON.stringify(q.slice(0, 200))} at ${path}`,
      );
      if (res.status === 400 && path.startsWith('/api')) {
        const body = (await res.json()) as { error: string; code: string };
        assert.equal(body.code, 'invalid');
        assert.ok(body.error.length > 10);
      } else {
        await res.arrayBuffer();
      }
    }
    assert.ok((statuses.get(200) ?? 0) > 500, `mostly answered: ${JSON.stringify([...statuses])}`);
  });
});
