// GET /api/papers/:id (HF paper object + Paperboard extras) and the /api error surface:
// 400 for malformed ids, 404 JSON for unknown papers and routes, 500 JSON (logged) on failures.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import type { PaperDetail } from '../../src/api/schemas/papers.js';
import { createLogger } from '../../src/lib/logger.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { arxivRecord, boardRecord } from '../helpers/factories.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { collapse, hfRecords, readHfDay } from './hf-data.js';

const T0 = '2026-08-21T09:00:00.000Z';

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  // HF's shape: the message as a string under `error` (what its client shows), and our code.
  const body = (await res.json()) as { error: string; code: string };
  assert.deepEqual(Object.keys(body), ['error', 'code']);
  return { code: body.code, message: body.error };
}

eachDialect('GET /api/papers/:id', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  const getPaper = async (id: string) => {
    const res = await app.request(`/api/papers/${id}`);
    return { res, body: (await res.json()) as PaperDetail };
  };

  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, hfRecords(['2026-08-21']), T0);
    // arXiv metadata for one of the HF papers (categories, versions, DOI) merges into the same paper.
    await upsertPapers(
      t,
      [
        arxivRecord({
          arxivId: '2608.19880',
          version: 2,
          title: 'EnvHarness: Awakening Static Worlds for Agent Learning',
          primaryCategory: 'cs.AI',
          categories: ['cs.AI', 'cs.LG'],
          doi: '10.1234/envharness',
          comments: '30 pages',
          versions: [
            { version: 1, submittedAt: '2026-08-20T00:00:00Z', size: '2mb' },
            { version: 2, submittedAt: '2026-08-22T00:00:00Z' },
          ],
        }),
        arxivRecord({
          arxivId: 'hep-th/9901001',
          title: 'An old-style paper',
          journalRef: 'Nucl. Phys. B 1 (1999)',
          categories: ['hep-th'],
          primaryCategory: 'hep-th',
        }),
        arxivRecord({
          arxivId: '2401.00002',
          version: 2,
          isWithdrawn: true,
          updatedAt: '2024-03-01T12:00:00Z',
          versions: [
            { version: 1, submittedAt: '2024-01-01T10:00:00Z' },
            { version: 2, submittedAt: '2024-03-01T12:00:00Z', size: '1kb' },
          ],
        }),
        boardRecord({ arxivId: '2401.00003', source: 'listing', board: { date: '2026-08-19' } }),
      ],
      T0,
    );
    app = createApp(testContext(t));
  });
  after(async () => {
    await t.destroy();
  });

  it('returns the HF paper object for a paper from the daily board', async () => {
    const raw =
      readHfDay('2026-08-21').find((r) => r.paper.id === '2608.19867') ?? readHfDay('2026-08-21')[1];
    assert.ok(raw);
    const { res, body } = await getPaper(raw.paper.id);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(body.id, raw.paper.id);
    assert.equal(body.title, collapse(raw.paper.title));
    assert.equal(body.upvotes, raw.paper.upvotes);
    assert.equal(body.publishedAt, raw.paper.publishedAt);
    assert.equal(body.submittedOnDailyAt, raw.paper.submittedOnDailyAt);
    assert.equal(body.githubRepo, raw.paper.githubRepo);
    assert.equal(body.discussionId, raw.paper.id);
    assert.equal(body.authors.length, raw.paper.authors.length);
    assert.equal(body.boardDate, '2026-08-21');
    assert.equal(body.pageUrl, `http://paperboard.test/papers/${raw.paper.id}`);
    assert.deepEqual(body.categories, []);
    assert.equal(body.withdrawnAt, undefined);
  });

  it('merges arXiv metadata into the extras and keeps HF community fields', async () => {
    const raw = readHfDay('2026-08-21')[0];
    assert.equal(raw?.paper.id, '2608.19880');
    const { body } = await getPaper('2608.19880');
    assert.equal(body.upvotes, raw.paper.upvotes);
    assert.equal(body.publishedAt, '2026-08-20T00:00:00.000Z');
    assert.deepEqual(body.categories, ['cs.AI', 'cs.LG']);
    assert.equal(body.primaryCategory, 'cs.AI');
    assert.equal(body.version, 2);
    assert.deepEqual(
      body.versions.map((v) => v.version),
      [1, 2],
    );
    assert.equal(body.doi, '10.1234/envharness');
    assert.equal(body.arxivComments, '30 pages');
    assert.equal(body.journalRef, null);
    assert.equal(body.boardDate, '2026-08-21');
    assert.ok(body.codeLinks.some((l) => l.kind === 'github'));
  });

  it('normalises versioned and prefixed ids', async () => {
    for (const id of ['2608.19880v2', '2608.19880v1', 'arXiv:2608.19880']) {
      const { res, body } = await getPaper(id);
      assert.equal(res.status, 200, id);
      assert.equal(body.id, '2608.19880');
    }
  });

  it('serves old-style ids with their slash, raw or percent-encoded', async () => {
    for (const id of ['hep-th/9901001', 'hep-th/9901001v1', 'hep-th%2F9901001']) {
      const { res, body } = await getPaper(id);
      assert.equal(res.status, 200, id);
      assert.equal(body.id, 'hep-th/9901001');
      assert.equal(body.journalRef, 'Nucl. Phys. B 1 (1999)');
      assert.equal(body.boardDate, null);
      assert.equal(body.submittedOnDailyAt, undefined);
      assert.equal(body.pageUrl, 'http://paperboard.test/papers/hep-th/9901001');
    }
  });

  it('marks withdrawn papers with withdrawnAt (the withdrawing version date)', async () => {
    const { body } = await getPaper('2401.00002');
    assert.equal(body.withdrawnAt, '2024-03-01T12:00:00.000Z');
  });

  it('gives board papers that did not come from Hugging Face an empty thumbnail', async () => {
    const res = await app.request('/api/daily_papers?date=2026-08-19');
    const items = (await res.json()) as Array<{ thumbnail: string; paper: { id: string } }>;
    assert.deepEqual(
      items.map((i) => [i.paper.id, i.thumbnail]),
      [['2401.00003', '']],
    );
  });

  it('unknown paper → 404 not_found', async () => {
    const res = await app.request('/api/papers/2608.99999');
    assert.equal(res.status, 404);
    const error = await errorOf(res);
    assert.equal(error.code, 'not_found');
    assert.match(error.message, /2608\.99999/);
  });

  for (const id of [
    'not-an-id',
    '2613.00001',
    '2608.1',
    '2608.19880v0',
    '2608.19880/',
    'hep-th/99',
    '%3Cscript%3E',
  ]) {
    it(`malformed id ${id} → 400 invalid`, async () => {
      const res = await app.request(`/api/papers/${id}`);
      assert.equal(res.status, 400);
      assert.equal((await errorOf(res)).code, 'invalid');
    });
  }

  for (const [method, path] of [
    ['GET', '/api/nonexistent'],
    ['GET', '/api'],
    ['GET', '/api/papers/'],
    // POST /api/daily_papers is a token write now (api-tokens.test.ts); PUT has no route.
    ['PUT', '/api/daily_papers'],
    ['DELETE', '/api/papers/2608.19880'],
  ] as const) {
    it(`${method} ${path} → 404 JSON`, async () => {
      // From our own origin: the CSRF check (below) lets it through to routing.
      const res = await app.request(path, { method, headers: { origin: 'http://paperboard.test' } });
      assert.equal(res.status, 404);
      const error = await errorOf(res);
      assert.equal(error.code, 'not_found');
    });
  }

  it('a cross-site (or origin-less) form POST under /api is refused as 403 JSON before routing', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, {}] as Array<Record<string, string>>) {
      const res = await app.request('/api/daily_papers', { method: 'POST', headers });
      assert.equal(res.status, 403);
      assert.equal((await errorOf(res)).code, 'forbidden');
    }
  });
});

eachDialect('API failures', (dialect) => {
  it('an unexpected error is a logged 500 JSON without internals', async () => {
    const t = await createTestDatabase(dialect);
    const lines: string[] = [];
    const ctx = {
      ...testContext(t),
      log: createLogger('error', { write: (line: string) => void lines.push(line) }),
    };
    const app = createApp(ctx);
    await t.destroy();
    const res = await app.request('/api/daily_papers?date=2026-08-21');
    assert.equal(res.status, 500);
    assert.deepEqual(await errorOf(res), {
      code: 'internal',
      message: 'An unexpected error occurred; it has been logged.',
    });
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; path: string; err?: unknown });
    assert.ok(logged.some((l) => l.msg === 'request failed' && l.path === '/api/daily_papers' && l.err));
  });
});
