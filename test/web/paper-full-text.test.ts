// A paper's Markdown form with its body from arXiv's HTML rendering, on both databases: the page
// (testdata/arxiv-html, hand-built to LaTeXML's structure) is replayed by a local server through the
// real polite client. Fetched once and stored: a second instance and repeat reads ask arXiv nothing.
// 404 is stored as "no HTML"; 503 and a slow arXiv give the abstract only with a logged line; with
// ARXIV_HTML_URL unset (the default) nothing is fetched.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createFullTextReader } from '../../src/ingest/full-text.js';
import { createLogger, silentLogger } from '../../src/lib/logger.js';
import { getFullText } from '../../src/store/paper-full-texts.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { boardRecord } from '../helpers/factories.js';
import { testdata } from '../helpers/paths.js';
import { type ReplayServer, startReplayServer } from '../helpers/replay-server.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const PAGE = readFileSync(join(testdata, 'arxiv-html', '2608.00001v1.html'), 'utf8');
/** A reader's wait: generous for the answers that come, short for the late one (2 shared cores). */
const WAIT_MS = 5000;
const SHORT_WAIT_MS = 300;
const LATE_MS = 4000;

/** What arXiv answers per paper id: the page, 404, 503, or the page late. */
const ANSWERS: Record<string, { status: number; delayMs?: number }> = {
  '2608.00001v1': { status: 200 },
  '2608.00002v1': { status: 404 },
  '2608.00003v1': { status: 503 },
  '2608.00004v1': { status: 200, delayMs: LATE_MS },
  '2608.00005v2': { status: 200 },
};

eachDialect('paper Markdown with arXiv’s HTML body', (dialect) => {
  let t: TestDatabase;
  let arxiv: ReplayServer;
  const logged: Array<{ level: number; msg: string; arxiv_id?: string }> = [];

  const appFor = (url: string, waitMs = WAIT_MS) => {
    const ctx = testContext(t, undefined, {
      arxivHtmlUrl: url,
      arxivDelayMs: 0,
      arxivHtmlTimeoutMs: waitMs,
    });
    const log = createLogger('warn', { write: (line: string) => void logged.push(JSON.parse(line)) });
    return createApp({ ...ctx, log });
  };
  const requested = (id: string) => arxiv.requests.filter((r) => r.url === `/html/${id}`).length;

  before(async () => {
    t = await createTestDatabase(dialect);
    arxiv = await startReplayServer((request) => {
      const answer = ANSWERS[request.url.replace('/html/', '')] ?? { status: 404 };
      const body = answer.status === 200 ? PAGE : answer.status === 404 ? 'No HTML for this paper' : 'Busy';
      return { ...answer, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
    });
    const papers = ['2608.00001', '2608.00002', '2608.00003', '2608.00004'].map((arxivId) =>
      boardRecord({ arxivId, version: 1 }),
    );
    await upsertPapers(t, [...papers, boardRecord({ arxivId: '2608.00005', version: 1 })]);
  });
  after(async () => {
    await arxiv.close();
    await t.destroy();
  });

  it('puts the body after the abstract, fetched once for every instance and read', async () => {
    const app = appFor(`${arxiv.origin}/html`);
    const response = await app.request('/papers/2608.00001.md');
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.match(
      text,
      /## Abstract\n\nAn abstract with \$x\^2\$ in it\.\n\n## 1 Introduction\n\nAttention over a context of \$n\$ tokens costs \$O\(n\^\{2\}\)\$/,
    );
    assert.ok(text.indexOf('## References') < text.indexOf('## Links'), 'the body before links and BibTeX');
    assert.ok(text.includes('$$\ny=\\sum_{i=1}^{k}g_{i}(x)\\,W_{i}x.\n$$ (1)'));
    assert.equal(requested('2608.00001v1'), 1);
    assert.match(
      String(arxiv.requests[0]?.headers['user-agent']),
      /^Paperboard\/0\.1 \(\+http:\/\/paperboard\.test\)$/,
    );
    const paper = await getPaper(t.db, '2608.00001');
    const stored = paper && (await getFullText(t.db, paper.id));
    assert.equal(stored?.version, 1);
    assert.ok(stored?.markdown?.startsWith('## 1 Introduction'));

    // Another instance (its own render cache), asked with Accept: text/markdown: from the store.
    const other = appFor(`${arxiv.origin}/html`);
    const again = await other.request('/papers/2608.00001', { headers: { accept: 'text/markdown' } });
    assert.equal(await again.text(), text);
    assert.equal(requested('2608.00001v1'), 1, 'no second fetch');
  });

  it('stores "no HTML" for a 404 and does not ask again', async () => {
    const app = appFor(`${arxiv.origin}/html`);
    const text = await (await app.request('/papers/2608.00002.md')).text();
    assert.match(text, /## Abstract\n\nAn abstract with \$x\^2\$ in it\.\n\n## Links/);
    const paper = await getPaper(t.db, '2608.00002');
    assert.equal(paper && (await getFullText(t.db, paper.id))?.markdown, null);
    await appFor(`${arxiv.origin}/html`).request('/papers/2608.00002.md');
    assert.equal(requested('2608.00002v1'), 1);
  });

  it('answers with the abstract only and a logged line when arXiv fails, storing nothing', async () => {
    const app = appFor(`${arxiv.origin}/html`);
    const response = await app.request('/papers/2608.00003.md');
    assert.equal(response.status, 200);
    assert.match(await response.text(), /in it\.\n\n## Links/);
    const paper = await getPaper(t.db, '2608.00003');
    assert.equal(paper && (await getFullText(t.db, paper.id)), undefined);
    const line = logged.find((l) => l.arxiv_id === '2608.00003');
    assert.equal(line?.msg, 'arXiv HTML fetch failed; the Markdown form has the abstract only');
    assert.equal(line?.level, 40);
  });

  it('does not keep a reader waiting on a slow arXiv, and stores the body when it comes', async () => {
    const app = appFor(`${arxiv.origin}/html`, SHORT_WAIT_MS);
    const started = Date.now();
    const text = await (await app.request('/papers/2608.00004.md')).text();
    assert.ok(Date.now() - started < LATE_MS - 1000, `answered in ${Date.now() - started} ms`);
    assert.match(text, /in it\.\n\n## Links/);
    assert.ok(logged.some((l) => l.arxiv_id === '2608.00004' && /slow/.test(l.msg)));
    const paper = await getPaper(t.db, '2608.00004');
    assert.ok(paper);
    for (let i = 0; i < 200 && !(await getFullText(t.db, paper.id)); i++) await delay(50);
    assert.ok((await getFullText(t.db, paper.id))?.markdown?.includes('## 1 Introduction'));
    const later = await appFor(`${arxiv.origin}/html`).request('/papers/2608.00004.md');
    assert.match(await later.text(), /## 1 Introduction/);
    assert.equal(requested('2608.00004v1'), 1);
  });

  it('fetches a new version’s rendering when the paper is revised', async () => {
    const app = appFor(`${arxiv.origin}/html`);
    await app.request('/papers/2608.00005.md'); // v1: 404, stored as none
    assert.equal(requested('2608.00005v1'), 1);
    await upsertPapers(t, [boardRecord({ arxivId: '2608.00005', version: 2 })]);
    const text = await (await appFor(`${arxiv.origin}/html`).request('/papers/2608.00005.md')).text();
    assert.match(text, /## 1 Introduction/);
    assert.equal(requested('2608.00005v2'), 1);
  });

  it('asks arXiv for no more than its pending limit at once, however many papers are read', async () => {
    const ctx = testContext(t, undefined, { arxivHtmlUrl: `${arxiv.origin}/html`, arxivDelayMs: 0 });
    assert.ok(ctx.arxivHtml);
    const read = createFullTextReader({
      database: t,
      source: ctx.arxivHtml,
      log: silentLogger(),
      now: ctx.now,
      waitMs: SHORT_WAIT_MS,
      maxPending: 1,
    });
    await upsertPapers(t, [boardRecord({ arxivId: '2608.00006', version: 1 })]);
    const [slow, other] = await Promise.all(['2608.00004', '2608.00006'].map((id) => getPaper(t.db, id)));
    assert.ok(slow && other);
    await t.db.deleteFrom('paper_full_texts').where('paper_id', '=', slow.id).execute();
    const before = arxiv.requests.length;
    assert.deepEqual(await read(slow), { kind: 'unavailable' }, 'late: the reader does not wait');
    assert.deepEqual(await read(other), { kind: 'unavailable' }, 'queue full: not even asked');
    for (let i = 0; i < 200 && !(await getFullText(t.db, slow.id)); i++) await delay(50);
    assert.equal(arxiv.requests.length, before + 1);
    assert.equal(await getFullText(t.db, other.id), undefined);
  });

  it('fetches nothing when ARXIV_HTML_URL is not set (the default)', async () => {
    const before = arxiv.requests.length;
    const ctx = testContext(t);
    assert.equal(ctx.config.arxivHtmlUrl, '');
    assert.equal(ctx.arxivHtml, undefined);
    const text = await (await createApp(ctx).request('/papers/2608.00003.md')).text();
    assert.match(text, /in it\.\n\n## Links/);
    assert.equal(arxiv.requests.length, before);
  });
});
