// POST /comments/preview through app.request(): the fragment is exactly what the posted comment
// renders to (Markdown, LaTeX, sanitised), for signed-in readers, same-origin only, within a
// per-minute budget; malformed input is a 4xx fragment that says why. Forms carry a hidden button.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { MAX_COMMENT_LENGTH, renderCommentHtml } from '../../src/community/comment-markdown.js';
import { RATE_LIMITS } from '../../src/community/limits.js';
import { signedInReader } from '../helpers/accounts.js';
import { boardRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, loadRecords, postForm } from './web-fixtures.js';

eachDialect('comment preview', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let ada: string;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [boardRecord({ arxivId: '2608.00041' })]);
    app = appFor(t);
    ada = (await signedInReader(t, 'ada')).cookie;
  });
  after(async () => {
    await t.destroy();
  });

  async function preview(body: string, cookie = ada, origin?: string) {
    const res = await postForm(app, '/comments/preview', { body }, { cookie, ...(origin ? { origin } : {}) });
    return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
  }

  it('renders Markdown and LaTeX exactly as a posted comment renders', async () => {
    const body = '**Bold** claim: $\\sum_i x_i$ and a [link](https://example.org).';
    const res = await preview(`${body}\r\n`);
    assert.equal(res.status, 200);
    assert.match(res.type, /^text\/html/);
    assert.equal(res.html, renderCommentHtml(body));
    assert.match(res.html, /<strong>Bold<\/strong>/);
    assert.match(res.html, /<span class="katex">/);
    assert.doesNotMatch(res.html, /<!doctype|<html/i, 'a fragment, not a page');
  });

  it('sanitises what the reader typed', async () => {
    const res = await preview('<script>alert(1)</script><img src=x onerror=alert(2)> text');
    assert.equal(res.status, 200);
    assert.doesNotMatch(res.html, /<script|<img[^>]*onerror/);
  });

  it('says so when there is nothing to preview, and refuses text too long to post', async () => {
    assert.match((await preview('   ')).html, /Nothing to preview yet/);
    const long = await preview('x'.repeat(MAX_COMMENT_LENGTH + 1));
    assert.equal(long.status, 400);
    assert.match(
      long.html,
      new RegExp(`at most ${MAX_COMMENT_LENGTH} characters; this one has ${MAX_COMMENT_LENGTH + 1}`),
    );
  });

  it('refuses anonymous and cross-site requests', async () => {
    const anonymous = await preview('hi', '');
    assert.equal(anonymous.status, 403);
    assert.match(anonymous.html, /Sign in to preview comments/);
    assert.equal((await preview('hi', ada, 'https://evil.example')).status, 403);
  });

  it('is rate-limited per reader, apart from posting', async () => {
    const bob = (await signedInReader(t, 'bob')).cookie;
    for (let i = 0; i < RATE_LIMITS['comment-preview'].max; i++)
      assert.equal((await preview('hi', bob)).status, 200, `preview ${i}`);
    const over = await postForm(app, '/comments/preview', { body: 'hi' }, { cookie: bob });
    assert.equal(over.status, 429);
    assert.ok(Number(over.headers.get('retry-after')) > 0);
    assert.match(await over.text(), /Too many previews/);
    // Posting has its own budget: previews did not use it up.
    const posted = await postForm(
      app,
      '/comments',
      { paper: '2608.00041', body: 'Posted anyway' },
      { cookie: bob },
    );
    assert.equal(posted.status, 303);
  });

  it('puts a hidden Preview button and output in each comment form', async () => {
    const res = await app.request('/papers/2608.00041', { headers: { cookie: ada } });
    const html = await res.text();
    assert.match(
      html,
      /<button type="submit" class="button">Comment<\/button><button type="button" class="button" data-comment-preview="true" hidden="">Preview<\/button><\/div><div class="comment-preview comment-body" data-preview-output="true" aria-live="polite" hidden=""><\/div><\/form>/,
    );
  });
});
