// App-wide fallbacks (HTML 404/500 pages, JSON under /api) and the static assets: site CSS/JS and
// KaTeX's stylesheet and fonts. Also checks the layout's head and the no-inline-script rule.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { pino } from 'pino';
import { invalid, notFound } from '../../src/lib/errors.js';
import { registerPageRoutes } from '../../src/web/routes/index.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';
import { appFor, get } from './web-fixtures.js';

describe('web error pages and assets', () => {
  let t: TestDatabase;
  let app: Hono;
  let logged: { level: number; msg: string; status?: number }[];
  before(async () => {
    t = await createTestDatabase('sqlite');
    app = appFor(t);
  });
  after(async () => {
    await t.destroy();
  });

  function bareApp(): Hono {
    logged = [];
    const log = pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const bare = new Hono();
    registerPageRoutes(bare, { ...testContext(t), log });
    bare.get('/boom', () => {
      throw new Error('secret internal detail');
    });
    bare.get('/api/boom', () => {
      throw new Error('secret internal detail');
    });
    bare.get('/gone', () => {
      throw notFound('That paper was removed.');
    });
    bare.get('/api/bad', () => {
      throw invalid('limit must be a number');
    });
    bare.get('/teapot', () => {
      throw new HTTPException(413, { message: 'Too big' });
    });
    return bare;
  }

  it('unknown paths get the HTML 404 page', async () => {
    const page = await get(app, '/no/such/page');
    assert.equal(page.status, 404);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.html, /<h1 id="error-heading">Page not found<\/h1>/);
    assert.match(page.html, /There is no page at \/no\/such\/page\./);
    assert.match(page.html, /<title>404 Page not found · Paperboard<\/title>/);
  });

  it('unexpected errors become a logged 500 page without internals', async () => {
    const bare = bareApp();
    const page = await get(bare, '/boom');
    assert.equal(page.status, 500);
    assert.match(page.html, /<h1 id="error-heading">Something went wrong<\/h1>/);
    assert.doesNotMatch(page.html, /secret internal detail/);
    const entry = logged.find((l) => l.msg === 'request failed');
    assert.equal(entry?.level, 50);
    assert.equal(entry?.status, 500);
  });

  it('typed errors map to their status; /api paths answer JSON', async () => {
    const bare = bareApp();
    const gone = await get(bare, '/gone');
    assert.equal(gone.status, 404);
    assert.match(gone.html, /That paper was removed\./);
    const api = await bare.request('/api/bad');
    assert.equal(api.status, 400);
    assert.deepEqual(await api.json(), { error: 'limit must be a number', code: 'invalid' });
    const boom = await bare.request('/api/boom');
    assert.equal(boom.status, 500);
    assert.deepEqual(await boom.json(), {
      error: 'An unexpected error occurred; it has been logged.',
      code: 'internal',
    });
    const missing = await bare.request('/api/nothing');
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { code: string }).code, 'not_found');
    const teapot = await get(bare, '/teapot');
    assert.equal(teapot.status, 413);
    assert.match(teapot.html, /Too big/);
  });

  it('serves the stylesheet with dark mode and focus styles', async () => {
    const css = await app.request('/assets/app.css');
    assert.equal(css.status, 200);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    const text = await css.text();
    assert.match(text, /@media \(prefers-color-scheme: dark\)/);
    assert.match(text, /:focus-visible/);
    const home = await get(app, '/');
    const href = /<link rel="stylesheet" href="(\/assets\/app.css\?v=[0-9a-f]+)"\/>/.exec(home.html)?.[1];
    assert.ok(href);
    assert.match((await app.request(href)).headers.get('cache-control') ?? '', /immutable/);
    // An older version (a page cached before an upgrade) still gets the file, kept for a day only.
    const older = await app.request('/assets/app.css?v=0123abcd');
    assert.equal(older.status, 200);
    assert.equal(older.headers.get('cache-control'), 'public, max-age=86400');
    for (const v of ['%3Cscript%3E', 'a%20b', 'x'.repeat(100), '']) {
      const refused = await app.request(`/assets/app.js?v=${v}`);
      assert.equal(refused.status, 400, v);
      assert.match(await refused.text(), /The asset version \(\?v=\)/, v);
    }
  });

  it('serves the copy script', async () => {
    const js = await app.request('/assets/app.js');
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.match(await js.text(), /data-copy-target/);
  });

  it('serves KaTeX CSS and fonts from the installed package, and nothing else', async () => {
    const css = await app.request('/assets/katex/katex.min.css');
    assert.equal(css.status, 200);
    const text = await css.text();
    assert.match(text, /\.katex\{/);
    const font = /url\(fonts\/(KaTeX_Main-Regular\.woff2)\)/.exec(text)?.[1];
    assert.ok(font, 'the stylesheet references fonts relative to itself');
    const woff2 = await app.request(`/assets/katex/fonts/${font}`);
    assert.equal(woff2.status, 200);
    assert.equal(woff2.headers.get('content-type'), 'font/woff2');
    assert.ok((await woff2.arrayBuffer()).byteLength > 1000);
    for (const path of [
      '/assets/katex/fonts/KaTeX_Nope.woff2',
      '/assets/katex/fonts/..%2Fkatex.min.js',
      '/assets/katex/fonts/..%2F..%2Fpackage.json',
      `/assets/katex/fonts/KaTeX_${'A'.repeat(300)}.woff2`, // was ENAMETOOLONG from the disk, a 500
      `/assets/katex/fonts/KaTeX_${'A'.repeat(41)}.woff2`,
      '/assets/katex/katex.min.js',
    ]) {
      assert.equal((await app.request(path)).status, 404, path);
    }
  });

  it('every page has the shared head: viewport, feeds, canonical base URL, no inline script', async () => {
    const { html } = await get(app, '/');
    assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1"\/>/);
    assert.match(
      html,
      /<link rel="alternate" type="application\/rss\+xml" [^>]*href="\/feeds\/daily.rss"\/>/,
    );
    assert.match(
      html,
      /<link rel="alternate" type="application\/atom\+xml" [^>]*href="\/feeds\/daily.atom"\/>/,
    );
    assert.match(
      html,
      /<link rel="alternate" type="application\/feed\+json" [^>]*href="\/feeds\/daily.json"\/>/,
    );
    assert.match(html, /<link rel="stylesheet" href="\/assets\/katex\/katex.min.css\?v=[\d.]+"\/>/);
    assert.match(
      html,
      /<header class="site-header">[\s\S]*<nav class="site-nav"[\s\S]*<main id="main"[\s\S]*<footer class="site-footer">/,
    );
    for (const script of html.match(/<script[^>]*>/g) ?? []) assert.match(script, / src="/);
    assert.doesNotMatch(html, /\son[a-z]+="/);
  });

  it('sends security headers: a CSP without inline script, no framing, no sniffing, no Referer', async () => {
    for (const path of ['/', '/search?q=x', '/api/daily_papers', '/no-such-page', '/healthz', '/users/%00']) {
      const { headers } = await get(app, path);
      const csp = headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, `${path}: scripts only from this site, none inline`);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(csp, /object-src 'none'/, path);
      assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(headers.get('x-frame-options'), 'DENY', path);
      assert.equal(headers.get('referrer-policy'), 'no-referrer', path);
    }
  });

  it('HEAD requests work for pages', async () => {
    const response = await app.request('/', { method: 'HEAD' });
    assert.equal(response.status, 200);
  });
});
