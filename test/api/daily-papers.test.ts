// GET /api/daily_papers over real Hugging Face responses: values, HF field shape, periods, paging,
// and a 400 JSON error for every malformed query. Runs on every dialect.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import type { HfDailyPaper } from '../../src/api/schemas/papers.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { collapse, type ExpectedItem, expectedBoard, expectedOn, hfRecords, readHfDay } from './hf-data.js';

const DAYS = ['2026-08-14', '2026-08-20', '2026-08-21'];
const expected = expectedBoard(DAYS);

// Required keys and their JSON types per SOURCE.md (HF's own OpenAPI required fields).
const ITEM_KEYS = {
  paper: 'object',
  publishedAt: 'string',
  title: 'string',
  summary: 'string',
  thumbnail: 'string',
  numComments: 'number',
  submittedBy: 'object',
  isAuthorParticipating: 'boolean',
};
const PAPER_KEYS = {
  id: 'string',
  authors: 'object',
  publishedAt: 'string',
  title: 'string',
  summary: 'string',
  upvotes: 'number',
  discussionId: 'string',
};
const AUTHOR_KEYS = { _id: 'string', name: 'string', hidden: 'boolean' };
// Every key SOURCE.md lists for `paper`: we may omit optional ones but must not invent others.
const HF_PAPER_KEYS = new Set([
  ...Object.keys(PAPER_KEYS),
  ...[
    'submittedOnDailyAt',
    'submittedOnDailyBy',
    'projectPage',
    'githubRepo',
    'githubStars',
    'githubRepoAddedBy',
  ],
  ...['mediaUrls', 'ai_summary', 'ai_keywords', 'ai_summary_model', 'organization', 'withdrawnAt'],
]);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function assertKeys(value: Record<string, unknown>, keys: Record<string, string>, where: string): void {
  for (const [key, type] of Object.entries(keys)) {
    assert.ok(key in value, `${where}.${key} missing`);
    assert.equal(typeof value[key], type, `${where}.${key} type`);
  }
}

/** Upvotes descending; equal upvotes in any order, so compare id sets per upvote count. */
function assertBoardOrder(items: HfDailyPaper[], want: ExpectedItem[]): void {
  assert.deepEqual(
    items.map((i) => i.paper.upvotes),
    want.map((w) => w.upvotes).sort((a, b) => b - a),
  );
  assert.deepEqual(items.map((i) => i.paper.id).sort(), want.map((w) => w.raw.paper.id).sort());
}

eachDialect('GET /api/daily_papers', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  const get = async (query: string) => {
    const res = await app.request(`/api/daily_papers${query}`);
    return { res, body: (await res.json()) as HfDailyPaper[] };
  };

  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, hfRecords(DAYS), '2026-08-21T09:00:00.000Z');
    app = createApp(testContext(t));
  });
  after(async () => {
    await t.destroy();
  });

  it('without a period serves the latest board day, most upvoted first, with CORS and a total', async () => {
    const { res, body } = await get('');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('x-total-count'), '17');
    assertBoardOrder(body, expectedOn(expected, '2026-08-21'));
    assert.deepEqual(body[0]?.paper.id, readHfDay('2026-08-21')[0]?.paper.id);
  });

  it('copies every value from the source file into the HF item shape', async () => {
    const { body } = await get('?date=2026-08-21');
    const source = new Map(readHfDay('2026-08-21').map((raw) => [raw.paper.id, raw]));
    assert.equal(body.length, source.size);
    for (const item of body) {
      const raw = source.get(item.paper.id);
      assert.ok(raw, item.paper.id);
      const p = item.paper;
      assert.equal(p.title, collapse(raw.paper.title));
      assert.equal(item.title, p.title);
      assert.equal(p.summary, collapse(raw.paper.summary));
      assert.equal(item.summary, p.summary);
      assert.equal(p.upvotes, raw.paper.upvotes);
      assert.equal(p.publishedAt, raw.paper.publishedAt);
      assert.equal(p.discussionId, raw.paper.id);
      assert.deepEqual(
        p.authors.map((a) => a.name),
        raw.paper.authors.map((a) => collapse(a.name)),
      );
      assert.equal(p.githubRepo, raw.paper.githubRepo);
      assert.equal(p.githubStars, raw.paper.githubStars);
      assert.equal(
        p.ai_summary,
        raw.paper.ai_summary === undefined ? undefined : collapse(raw.paper.ai_summary),
      );
      assert.deepEqual(p.ai_keywords, raw.paper.ai_keywords);
      // HF's meaning of the item's publishedAt (paper.publishedAt in New York time), not the board time.
      assert.equal(item.publishedAt, raw.publishedAt);
      assert.equal(p.submittedOnDailyAt, raw.paper.submittedOnDailyAt);
      assert.equal(item.thumbnail, raw.thumbnail);
      assert.equal(item.numComments, raw.numComments);
      // The submitter as HF sends it: username in `name`, display name in `fullname`, avatar.
      assert.equal(item.submittedBy.name, raw.submittedBy?.name);
      assert.equal(item.submittedBy.fullname, raw.submittedBy?.fullname);
      assert.equal(item.submittedBy.avatarUrl, raw.submittedBy?.avatarUrl);
      assert.equal(p.submittedOnDailyBy?.user, raw.paper.submittedOnDailyBy?.user);
      assert.equal(p.submittedOnDailyBy?.fullname, raw.paper.submittedOnDailyBy?.fullname);
      assert.equal(p.githubRepoAddedBy, raw.paper.githubRepoAddedBy);
      assert.equal(p.ai_summary_model, raw.paper.ai_summary_model);
      assert.deepEqual(p.organization, raw.paper.organization);
      assert.deepEqual(item.organization, raw.organization);
      assert.deepEqual(p.mediaUrls, raw.paper.mediaUrls);
      assert.equal(item.isAuthorParticipating, false);
    }
    assert.ok(body.filter((i) => i.paper.githubRepo).length >= 10, 'the day has github repos');
  });

  it('every item has the HF keys with the same JSON types as the real response', async () => {
    const { body } = await get('?month=2026-08&limit=100');
    const rawById = new Map(DAYS.flatMap(readHfDay).map((raw) => [raw.paper.id, raw]));
    assert.equal(body.length, expected.length);
    for (const item of body) {
      const where = `item ${item.paper.id}`;
      assertKeys(item as unknown as Record<string, unknown>, ITEM_KEYS, where);
      assertKeys(item.paper as unknown as Record<string, unknown>, PAPER_KEYS, `${where}.paper`);
      assert.ok(Array.isArray(item.paper.authors) && item.paper.authors.length > 0);
      for (const author of item.paper.authors) {
        assertKeys(author as unknown as Record<string, unknown>, AUTHOR_KEYS, `${where}.author`);
        assert.match(author._id, /^[0-9a-f]{24}$/);
      }
      assert.match(item.publishedAt, ISO);
      assert.match(item.paper.publishedAt, ISO);
      assert.equal(item.submittedBy.type, 'user');
      const raw = rawById.get(item.paper.id);
      assert.ok(raw);
      for (const [key, value] of Object.entries(item.paper)) {
        assert.ok(HF_PAPER_KEYS.has(key), `${where}: paper.${key} is not an HF key`);
        if (key in raw.paper) assert.equal(typeof value, typeof raw.paper[key], `${where}: paper.${key}`);
      }
      for (const [key, value] of Object.entries(item)) {
        if (key in raw) assert.equal(typeof value, typeof raw[key], `${where}: ${key}`);
      }
    }
  });

  it('author ids are stable across requests and distinct within a paper', async () => {
    const first = (await get('?date=2026-08-20')).body;
    const second = (await get('?date=2026-08-20')).body;
    assert.deepEqual(
      first.map((i) => i.paper.authors),
      second.map((i) => i.paper.authors),
    );
    for (const item of first) {
      assert.equal(new Set(item.paper.authors.map((a) => a._id)).size, item.paper.authors.length);
    }
  });

  it('a paper featured on two days stays on its first day, with the higher upvote count', async () => {
    const onBoth = expected.find((e) => e.raw.paper.id === '2608.13558');
    assert.equal(onBoth?.date, '2026-08-14');
    const later = (await get('?date=2026-08-20')).body;
    assert.equal(later.length, readHfDay('2026-08-20').length - 1);
    assert.ok(!later.some((i) => i.paper.id === '2608.13558'));
    const earlier = (await get('?date=2026-08-14')).body;
    assert.equal(earlier.find((i) => i.paper.id === '2608.13558')?.paper.upvotes, onBoth?.upvotes);
    assertBoardOrder(earlier, expectedOn(expected, '2026-08-14'));
  });

  it('week is the ISO week (Monday to Sunday) and month the calendar month', async () => {
    const week = await get('?week=2026-W34');
    assert.equal(week.res.headers.get('x-total-count'), '31');
    assertBoardOrder(week.body, expectedOn(expected, '2026-08-17', '2026-08-23'));
    assertBoardOrder((await get('?week=2026-W33')).body, expectedOn(expected, '2026-08-10', '2026-08-16'));
    const month = await get('?month=2026-08&limit=100');
    assertBoardOrder(month.body, expected);
    assert.deepEqual((await get('?month=2026-07')).body, []);
    assert.deepEqual((await get('?date=2026-08-22')).body, []);
  });

  it('pages with p (zero-based) and limit through the same order', async () => {
    const all = (await get('?month=2026-08&limit=100')).body.map((i) => i.paper.id);
    assert.equal(all.length, 54);
    const paged: string[] = [];
    for (let p = 0; p < 6; p++) {
      const { res, body } = await get(`?month=2026-08&limit=10&p=${p}`);
      assert.equal(res.headers.get('x-total-count'), '54');
      assert.equal(body.length, p < 5 ? 10 : 4);
      paged.push(...body.map((i) => i.paper.id));
    }
    assert.deepEqual(paged, all);
    assert.deepEqual((await get('?month=2026-08&limit=10&p=6')).body, []);
    assert.equal((await get('?date=2026-08-21')).body.length, 17, 'default limit 50 covers a day');
    assert.equal((await get('?date=2026-08-21&limit=1')).body[0]?.paper.upvotes, 163);
  });

  const malformed: Array<[string, RegExp]> = [
    ['date=2026-02-30', /date/],
    ['date=2026-8-21', /date/],
    ['date=', /date/],
    ['week=abc', /week/],
    ['week=2026-W54', /week/],
    ['month=2026-13', /month/],
    ['month=2026-08-01', /month/],
    ['date=2026-08-21&week=2026-W34', /date, week/],
    ['week=2026-W34&month=2026-08', /week, month/],
    ['date=2026-08-21&date=2026-08-20', /date.*once/],
    ['p=-1', /\bp\b/],
    ['p=1.5', /\bp\b/],
    ['p=abc', /\bp\b/],
    ['limit=0', /limit/],
    ['limit=101', /limit/],
    ['limit=1000', /limit/],
    ['limit=abc', /limit/],
    ['limit=1e2', /limit/],
    ['limit=+5', /limit/],
  ];
  for (const [query, mentions] of malformed) {
    it(`?${query} → 400 invalid`, async () => {
      const res = await app.request(`/api/daily_papers?${query}`);
      assert.equal(res.status, 400);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const body = (await res.json()) as { error: string; code: string };
      assert.deepEqual(Object.keys(body), ['error', 'code']);
      assert.equal(body.code, 'invalid');
      assert.match(body.error, mentions);
    });
  }
});

eachDialect('GET /api/daily_papers on an empty board', (dialect) => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase(dialect);
  });
  after(async () => {
    await t.destroy();
  });

  it('answers an empty array', async () => {
    const res = await createApp(testContext(t)).request('/api/daily_papers');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), []);
  });
});
