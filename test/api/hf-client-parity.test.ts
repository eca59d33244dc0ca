// Hugging Face's own client against Paperboard: each test replays the exact request huggingface_hub
// sends (hf_api.py list_daily_papers / paper_info / list_papers / read_paper, the `hf papers` CLI,
// utils/_pagination.py; URL, query order and headers) and reads the answer the way the client does
// (PaperInfo, User, hf_raise_for_status `_format`), mirrored below, so the assertions are about the
// meaning the client gets. Loaded with real HF days; runs on every dialect.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { Hono } from 'hono';
import { hfItemTime } from '../../src/api/hf-shape.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { arxivRecord, boardRecord } from '../helpers/factories.js';
import { sharedData } from '../helpers/paths.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { expectedBoard, hfRecords, readHfDay } from './hf-data.js';

const DAYS = ['2026-08-14', '2026-08-20', '2026-08-21'];
const T0 = '2026-08-21T09:00:00.000Z';
// `HfApi(endpoint="http://paperboard.test/")`: the client appends "/api/..." without trimming.
const ENDPOINT = 'http://paperboard.test/';

/** The headers httpx and huggingface_hub put on every request (build_hf_headers, the request hook). */
function hfHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    accept: '*/*',
    'accept-encoding': 'gzip, deflate',
    connection: 'keep-alive',
    'user-agent': 'unknown/None; hf_hub/1.0.0; python/3.12.3',
    'x-amzn-trace-id': 'b6b1d3b2-6c3e-4c5e-9f0e-2f3a4b5c6d7e',
    ...extra,
  };
}

/** httpx's query: the client's dict order, None values dropped. */
function withParams(url: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) query.append(key, String(value));
  const text = query.toString();
  return text ? `${url}?${text}` : url;
}

type Json = Record<string, unknown>;

interface HfUser {
  username: string;
  fullname: string;
  avatar_url: string;
  [key: string]: unknown;
}

/** huggingface_hub's `User(**kwargs)`: the username is read from `user`; other keys become attributes. */
function toUser(kwargs: Json): HfUser {
  const { user = '', fullname = '', avatarUrl = '', ...rest } = kwargs;
  return { ...rest, username: user as string, fullname: fullname as string, avatar_url: avatarUrl as string };
}

/**
 * huggingface_hub's `PaperInfo(**kwargs)`, pop for pop: fields from `paper` first, then the item;
 * `submitted_at` is the item's `publishedAt`; whatever is left is set as attributes of the same name
 * (`self.__dict__.update(**kwargs)`), so a leftover key overwrites a field with that name.
 */
function toPaperInfo(raw: Json): Json {
  const kwargs: Json = { ...raw };
  const paper: Json = { ...((kwargs.paper as Json | undefined) ?? {}) };
  delete kwargs.paper;
  const pop = (from: Json, key: string) => {
    const value = from[key];
    delete from[key];
    return value ?? null;
  };
  const info: Json = {};
  info.id = pop(kwargs, 'id') ?? pop(paper, 'id');
  info.authors = pop(paper, 'authors') ?? pop(kwargs, 'authors');
  info.published_at = pop(paper, 'publishedAt') ?? pop(kwargs, 'publishedAt');
  info.title = pop(kwargs, 'title');
  info.source = pop(kwargs, 'source');
  info.summary = pop(paper, 'summary') ?? pop(kwargs, 'summary');
  info.upvotes = pop(paper, 'upvotes') ?? pop(kwargs, 'upvotes');
  info.discussion_id = pop(paper, 'discussionId') ?? pop(kwargs, 'discussionId');
  info.comments = 'numComments' in kwargs ? pop(kwargs, 'numComments') : 0;
  info.submitted_at = pop(kwargs, 'publishedAt') ?? pop(kwargs, 'submittedOnDailyAt');
  const submitter = (pop(kwargs, 'submittedBy') ?? pop(kwargs, 'submittedOnDailyBy')) as Json | null;
  info.submitted_by = submitter ? toUser(submitter) : null;
  info.ai_summary = pop(kwargs, 'ai_summary');
  info.ai_keywords = pop(kwargs, 'ai_keywords');
  info.organization = pop(kwargs, 'organization');
  info.project_page = pop(kwargs, 'projectPage');
  info.github_repo = pop(kwargs, 'githubRepo');
  info.github_stars = pop(kwargs, 'githubStars');
  return Object.assign(info, kwargs);
}

/** The server message hf_raise_for_status puts in the exception (utils/_http.py `_format`). */
function serverMessage(body: unknown): string {
  const error = (body as Json).error;
  if (Array.isArray(error)) return error.join('\n');
  return error === undefined ? '' : String(error);
}

describe('HF item publishedAt over every recorded item', () => {
  it("is paper.publishedAt in New York time wherever HF sends submittedOnDailyAt (HF's current meaning)", () => {
    let checked = 0;
    const root = join(sharedData, 'hf-papers-api/daily_papers');
    for (const snapshot of readdirSync(root)) {
      for (const file of readdirSync(join(root, snapshot)).filter((f) => f.endsWith('.json'))) {
        const items = JSON.parse(readFileSync(join(root, snapshot, file), 'utf8')) as Json[];
        for (const item of Array.isArray(items) ? items : []) {
          const paper = item.paper as Json;
          if (typeof paper.submittedOnDailyAt !== 'string') continue;
          assert.equal(hfItemTime(paper.publishedAt as string), item.publishedAt, `${snapshot}/${file}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 9000, `checked ${checked}`);
  });
});

eachDialect('huggingface_hub against Paperboard', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let ctx: ReturnType<typeof testContext>;
  const expected = expectedBoard(DAYS);
  const rawById = new Map(expected.map((e) => [e.raw.paper.id, e.raw]));

  /** One request as the client sends it; `path` starts with "/" and is joined like the client. */
  const hfGet = (path: string, headers: Record<string, string> = {}) =>
    fetchLikeHttpx(`${ENDPOINT}${path}`, headers);
  /** httpx decodes the gzip/deflate coding it asked for before the client reads the body. */
  const fetchLikeHttpx = async (url: string, headers: Record<string, string> = {}) => {
    const res = await app.request(url, { headers: hfHeaders(headers) });
    const coding = res.headers.get('content-encoding');
    if (!coding) return res;
    const bytes = Buffer.from(await res.arrayBuffer());
    const body =
      coding === 'gzip' ? gunzipSync(bytes) : coding === 'deflate' ? inflateSync(bytes) : undefined;
    assert.ok(body, `httpx did not ask for ${coding}`);
    return new Response(body, { status: res.status, headers: res.headers });
  };
  const listDailyPapers = async (params: {
    date?: string;
    week?: string;
    month?: string;
    submitter?: string;
    sort?: string;
    p?: number;
    limit?: number;
  }) => {
    const { p, limit, sort, date, week, month, submitter } = params;
    const res = await hfGet(
      withParams('/api/daily_papers', { p, limit, sort, date, week, month, submitter }),
    );
    assert.equal(res.status, 200, await res.clone().text());
    return ((await res.json()) as Json[]).map(toPaperInfo);
  };

  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, hfRecords(DAYS), T0);
    await upsertPapers(
      t,
      [
        // arXiv's comments field for an HF paper: must not take the place of the comment count.
        arxivRecord({
          arxivId: '2608.19880',
          version: 2,
          title: 'EnvHarness: Awakening Static Worlds for Agent Learning',
          authors: readHfDay('2026-08-21')
            .find((r) => r.paper.id === '2608.19880')
            ?.paper.authors.map((a) => ({ name: a.name })),
          abstract: 'LLM agents learn by interacting with environments, yet these environments stay fixed.',
          comments: 'Under review',
          primaryCategory: 'cs.AI',
          categories: ['cs.AI'],
          publishedAt: '2026-08-20T00:00:00Z',
          updatedAt: '2026-08-20T00:00:00Z',
          versions: [{ version: 1, submittedAt: '2026-08-20T00:00:00Z' }],
        }),
        // Known only from a listing, without any date: last in the all-papers listing.
        boardRecord({ arxivId: '2401.00003', source: 'listing', board: { date: '2026-08-10' } }),
      ],
      T0,
    );
    ctx = testContext(t);
    app = createApp(ctx);
    await ctx.search.catchUp();
  });
  after(async () => {
    await t.destroy();
  });

  it('sends //api/... for an endpoint with a trailing slash, and gets the API', async () => {
    const res = await fetchLikeHttpx('http://paperboard.test//api/daily_papers?date=2026-08-21');
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as Json[]).length, 17);
  });

  it('list_daily_papers(): the latest day, most upvoted first, with HF meanings', async () => {
    const infos = await listDailyPapers({});
    const day = expected.filter((e) => e.date === '2026-08-21');
    assert.equal(infos.length, day.length);
    const upvotes = infos.map((i) => i.upvotes as number);
    assert.deepEqual(
      upvotes,
      [...upvotes].sort((a, b) => b - a),
    );
    for (const info of infos) {
      const raw = rawById.get(info.id as string);
      assert.ok(raw, String(info.id));
      assert.equal(info.title, raw.title);
      assert.equal(info.published_at, raw.paper.publishedAt);
      assert.equal(info.submitted_at, raw.publishedAt, 'submitted_at has HF value');
      assert.equal(info.comments, raw.numComments);
      const by = info.submitted_by as HfUser;
      // The CLI shows `fullname or username`; HF's submittedBy carries `name`, left as an attribute.
      assert.equal(by.fullname, raw.submittedBy?.fullname);
      assert.equal(by.name, raw.submittedBy?.name);
      assert.equal(by.avatar_url, raw.submittedBy?.avatarUrl);
      assert.deepEqual(info.organization ?? undefined, raw.organization);
    }
  });

  it('list_daily_papers(date, week, month, p, limit): the same periods and pages as HF', async () => {
    const week = await listDailyPapers({ week: '2026-W34', limit: 100 });
    assert.equal(
      week.length,
      expected.filter((e) => e.date >= '2026-08-17' && e.date <= '2026-08-23').length,
    );
    const month = await listDailyPapers({ month: '2026-08', limit: 100 });
    assert.equal(month.length, expected.length + 1, 'the HF days and the listed paper of 2026-08-10');
    const first = await listDailyPapers({ date: '2026-08-14', p: 0, limit: 10 });
    const second = await listDailyPapers({ date: '2026-08-14', p: 1, limit: 10 });
    const all = await listDailyPapers({ date: '2026-08-14', limit: 100 });
    assert.equal(first.length, 10);
    assert.deepEqual(
      [...first, ...second].map((i) => i.id),
      all.slice(0, 20).map((i) => i.id),
    );
  });

  it('list_daily_papers(sort="publishedAt"): newest arXiv publication first', async () => {
    const infos = await listDailyPapers({ month: '2026-08', sort: 'publishedAt', limit: 100 });
    assert.equal(infos.length, expected.length + 1);
    assert.equal(infos.at(-1)?.id, '2401.00003', 'a paper without an arXiv date comes last');
    const times = infos.slice(0, -1).map((i) => i.published_at as string);
    assert.deepEqual(times, [...times].sort().reverse());
    const trending = await listDailyPapers({ sort: 'trending', limit: 5 });
    assert.equal(trending.length, 5);
  });

  it('list_daily_papers(submitter=...): only what that username put on the board', async () => {
    const wanted = expected.filter((e) => e.raw.submittedBy?.name === 'taesiri');
    assert.ok(wanted.length >= 3);
    const all = await listDailyPapers({ submitter: 'taesiri', limit: 100 });
    assert.deepEqual(new Set(all.map((i) => i.id)), new Set(wanted.map((e) => e.raw.paper.id)));
    const oneDay = await listDailyPapers({ date: '2026-08-21', submitter: 'taesiri' });
    assert.deepEqual(
      new Set(oneDay.map((i) => i.id)),
      new Set(wanted.filter((e) => e.date === '2026-08-21').map((e) => e.raw.paper.id)),
    );
    assert.deepEqual(await listDailyPapers({ submitter: 'nobody-here' }), []);
  });

  it('paper_info(id): comment count in `comments`, submitter username, HF fields kept', async () => {
    const res = await hfGet('/api/papers/2608.19880');
    assert.equal(res.status, 200);
    const info = toPaperInfo((await res.json()) as Json);
    const raw = readHfDay('2026-08-21').find((r) => r.paper.id === '2608.19880');
    assert.ok(raw);
    assert.equal(info.id, '2608.19880');
    assert.equal(info.comments, raw.numComments, 'comments is the comment count, not the arXiv comment');
    assert.equal(info.arxivComments, 'Under review');
    assert.equal(info.published_at, raw.paper.publishedAt);
    assert.equal(info.submitted_at, raw.paper.submittedOnDailyAt);
    const by = info.submitted_by as HfUser;
    assert.equal(by.username, 'taesiri');
    assert.equal(by.fullname, raw.paper.submittedOnDailyBy?.fullname);
    assert.deepEqual(info.organization, raw.paper.organization);
    assert.equal(info.github_repo, raw.paper.githubRepo);
    assert.equal(info.github_stars, raw.paper.githubStars);
    assert.equal(info.project_page, raw.paper.projectPage);
    assert.equal(info.ai_summary, raw.paper.ai_summary);
    assert.deepEqual(info.ai_keywords, raw.paper.ai_keywords);
    assert.equal(info.ai_summary_model, raw.paper.ai_summary_model);
    assert.equal(info.githubRepoAddedBy, raw.paper.githubRepoAddedBy);
    assert.equal((info.authors as Json[]).length, raw.paper.authors.length);
  });

  it('paper_info of a paper with media keeps its mediaUrls', async () => {
    const raw = DAYS.flatMap(readHfDay).find((r) => Array.isArray(r.paper.mediaUrls));
    assert.ok(raw);
    const res = await hfGet(`/api/papers/${raw.paper.id}`);
    assert.deepEqual(((await res.json()) as Json).mediaUrls, raw.paper.mediaUrls);
  });

  it('errors are raised with our message as the server message', async () => {
    const missing = await hfGet('/api/papers/2608.99999');
    assert.equal(missing.status, 404);
    const body = (await missing.json()) as Json;
    assert.match(serverMessage(body), /no paper 2608\.99999/);
    assert.equal(body.code, 'not_found');
    const bad = await hfGet('/api/daily_papers?sort=likes');
    assert.equal(bad.status, 400);
    assert.match(serverMessage(await bad.json()), /sort must be one of upvotes, trending, publishedAt/);
  });

  it('list_papers(query, limit): /api/papers/search, up to HF’s 120', async () => {
    const res = await hfGet(withParams('/api/papers/search', { q: 'EnvHarness', limit: 120 }));
    assert.equal(res.status, 200);
    const infos = ((await res.json()) as Json[]).map(toPaperInfo);
    assert.equal(infos[0]?.id, '2608.19880');
    assert.equal(infos[0]?.published_at, '2026-08-20T00:00:00.000Z');
    assert.equal(infos[0]?.submitted_at, '2026-08-19T20:00:00.000Z');
    for (const info of infos) assert.equal(typeof info.comments, 'number');
  });

  it('read_paper(id): //papers/{id}.md is the paper as Markdown', async () => {
    const res = await hfGet('/papers/2608.19880.md');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/markdown/);
    const text = await res.text();
    assert.match(text, /^# EnvHarness: Awakening Static Worlds for Agent Learning\n/);
    assert.match(text, /\*\*Authors:\*\* Chengsong Huang, Zifeng Wang, /);
    assert.match(text, /## Abstract\n\nLLM agents learn by interacting with environments/);
    assert.match(text, /\[Abstract on arXiv\]\(<https:\/\/arxiv\.org\/abs\/2608\.19880>\)/);
    assert.match(text, /https:\/\/github\.com\/google-research\/envharness/);
    assert.match(text, /```bibtex\n@misc\{huang2026envharness,\n {2}title = \{EnvHarness/);
    assert.match(text, /\*\*Comments:\*\* Under review/);
  });

  it('read_paper keeps LaTeX as written; an unknown paper is a 404 the client raises', async () => {
    const text = await (await hfGet('/papers/2401.00003.md')).text();
    assert.match(text, /## Abstract\n\nAn abstract with \$x\^2\$ in it\./);
    const missing = await hfGet('/papers/2608.99999.md');
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /2608\.99999/);
    assert.equal((await hfGet('/papers/not-an-id.md')).status, 404);
  });

  it('Accept: text/markdown on /papers/{id} answers Markdown; a browser still gets the page', async () => {
    const md = await hfGet('/papers/2608.19880', { accept: 'text/markdown' });
    assert.equal(md.status, 200);
    assert.match(md.headers.get('content-type') ?? '', /^text\/markdown/);
    assert.match(md.headers.get('vary') ?? '', /Accept\b/);
    assert.match(await md.text(), /^# EnvHarness/);
    const html = await app.request('/papers/2608.19880', {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    // After the Markdown answer was cached, the HTML URL still serves HTML, and the reverse.
    const again = await hfGet('/papers/2608.19880', { accept: 'text/markdown' });
    assert.match(again.headers.get('content-type') ?? '', /^text\/markdown/);
  });

  it('GET /api/papers?cursor=&limit=: every paper once, newest first, following Link rel="next"', async () => {
    const seen: Json[] = [];
    let url: string | undefined = `${ENDPOINT}api/papers?cursor=&limit=7`;
    let pages = 0;
    while (url) {
      const res: Response = await fetchLikeHttpx(url);
      assert.equal(res.status, 200);
      seen.push(...((await res.json()) as Json[]));
      url = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      pages++;
      assert.ok(pages < 50);
    }
    const ids = seen.map((p) => p.id as string);
    assert.equal(new Set(ids).size, ids.length, 'no paper twice');
    assert.equal(ids.length, expected.length + 1);
    assert.equal(ids.at(-1), '2401.00003', 'the undated paper comes last');
    const dated = seen.slice(0, -1).map((p) => p.publishedAt as string);
    assert.deepEqual(dated, [...dated].sort().reverse());
    const bad = await hfGet('/api/papers?cursor=bm90LWEtY3Vyc29y&limit=5');
    assert.equal(bad.status, 400);
    assert.match(serverMessage(await bad.json()), /cursor/);
    assert.equal((await hfGet('/api/papers?limit=101')).status, 400);
  });
});
