// The paper page through app.request(): metadata, versions, links, BibTeX, old-style ids,
// versioned-id redirects, withdrawn banner, and 404s for unknown or malformed ids.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { arxivRecord, boardRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, get, loadRecords } from './web-fixtures.js';

const records = [
  arxivRecord({
    version: 2,
    title: 'Attention for $\\alpha$-divergences & {friends}',
    abstract:
      'We study $\\mathcal{L}_2$ things.\n$$\\int_0^1 f(x)\\,dx$$ Code: https://github.com/Example/Repo.git',
    doi: '10.1000/xyz_123',
    journalRef: 'J. Imaginary Res. 1 (2024) 1-10',
    comments: '12 pages, <b>3</b> figures',
    license: 'http://creativecommons.org/licenses/by/4.0/',
    versions: [
      { version: 1, submittedAt: '2024-01-01T10:00:00Z', size: '100kb' },
      { version: 2, submittedAt: '2024-02-03T09:00:00Z', size: '120kb' },
    ],
  }),
  boardRecord({
    community: {
      upvotes: 42,
      numComments: 4,
      aiSummary: 'A summary with $x^2$.',
      aiKeywords: ['divergence', 'attention'],
    },
  }),
  arxivRecord({
    arxivId: 'hep-th/9901001',
    title: 'Old-style strings',
    authors: [{ name: 'Edward Witten', affiliations: ['IAS'] }],
    primaryCategory: 'hep-th',
    categories: ['hep-th'],
    abstract: 'An old abstract.',
    publishedAt: '1999-01-04T00:00:00Z',
    versions: [{ version: 1, submittedAt: '1999-01-04T00:00:00Z' }],
  }),
  arxivRecord({ arxivId: '2402.00009', title: 'Retracted result', isWithdrawn: true }),
  arxivRecord({
    arxivId: '2402.00664',
    title: 'A big collaboration',
    authors: Array.from({ length: 664 }, (_, i) => ({ name: `Author ${i + 1}` })),
  }),
  arxivRecord({
    arxivId: '2402.00011',
    title: 'Eleven authors',
    authors: Array.from({ length: 11 }, (_, i) => ({ name: `Writer ${i + 1}` })),
  }),
  arxivRecord({
    arxivId: '2402.00077',
    title: 'Sorting in $\\mathcal{O}(n\\log n)$ time',
    abstract:
      'Code at $\\href{https://github.com/ex/sort}{\\texttt{ex/sort}}$, not $\\href{javascript:alert(1)}{\\texttt{here}}$.',
  }),
];

/** The author names inside `<ul class="author-list" …>` lists of a page, list by list. */
function authorLists(html: string): string[][] {
  return [...html.matchAll(/<ul class="author-list" aria-label="([^"]*)">([\s\S]*?)<\/ul>/g)].map((m) => [
    m[1] ?? '',
    ...[...(m[2] ?? '').matchAll(/<a href="\/authors\/[^"]+">([^<]+)<\/a>/g)].map((a) => a[1] ?? ''),
  ]);
}

eachDialect('web paper page', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, records);
    app = appFor(t);
  });
  after(async () => {
    await t.destroy();
  });

  it('shows the full paper with typeset title and abstract', async () => {
    const { status, html } = await get(app, '/papers/2401.00001');
    assert.equal(status, 200);
    assert.match(html, /<title>Attention for α-divergences &amp; \{friends\} · Paperboard<\/title>/);
    assert.match(html, /<link rel="canonical" href="http:\/\/paperboard.test\/papers\/2401.00001"\/>/);
    assert.match(html, /<h1 id="paper-title">Attention for <span class="katex">/);
    assert.match(
      html,
      /<p class="abstract">We study <span class="katex">[\s\S]*<span class="katex-display">/,
    );
    assert.match(
      html,
      /<li><a href="\/authors\/Ada%20Lovelace">Ada Lovelace<\/a><span class="affiliation"> \(Analytical Engines Ltd\)<\/span><\/li><li><a href="\/authors\/Alan%20Turing">Alan Turing<\/a><\/li>/,
    );
    assert.match(html, /<a class="button primary" href="https:\/\/arxiv.org\/abs\/2401.00001">/);
    assert.match(html, /<a class="button" href="https:\/\/arxiv.org\/pdf\/2401.00001">PDF<\/a>/);
    assert.match(html, /<a class="code-link button" href="https:\/\/github.com\/Example\/Repo"/);
    assert.match(
      html,
      /<button type="submit" class="vote-box" data-voted="false" aria-label="Upvote, 42 upvotes" title="Upvote">.*?<span class="count">42<\/span>/,
    );
    assert.match(html, /4 comments/);
  });

  it('lists metadata, versions, board placement and AI fields', async () => {
    const { html } = await get(app, '/papers/2401.00001');
    assert.match(html, /<dt>arXiv ID<\/dt><dd>2401.00001v2<\/dd>/);
    assert.match(
      html,
      /<dt>Published<\/dt><dd><time datetime="2024-01-01T10:00:00Z">Jan 1, 2024<\/time><\/dd>/,
    );
    assert.match(
      html,
      /<dt>Updated<\/dt><dd><time datetime="2024-02-03T09:00:00Z">Feb 3, 2024<\/time><\/dd>/,
    );
    assert.match(html, /<dt>Comments<\/dt><dd>12 pages, &lt;b&gt;3&lt;\/b&gt; figures<\/dd>/);
    assert.match(html, /<dt>Journal ref<\/dt><dd>J. Imaginary Res. 1 \(2024\) 1-10<\/dd>/);
    assert.match(
      html,
      /<dt>DOI<\/dt><dd><a href="https:\/\/doi.org\/10.1000\/xyz_123">10.1000\/xyz_123<\/a><\/dd>/,
    );
    assert.match(html, /<dt>License<\/dt><dd><a href="http:\/\/creativecommons.org\/licenses\/by\/4.0\/">/);
    assert.match(
      html,
      /<dt>On the board<\/dt><dd><a href="\/date\/2026-08-21"><time datetime="2026-08-21">Aug 21, 2026<\/time><\/a> · submitted by akhaliq<\/dd>/,
    );
    const rows = [
      ...html.matchAll(
        /<tr><td><a href="https:\/\/arxiv.org\/abs\/2401.00001v(\d)">v\d<\/a><\/td><td><time[^>]*>([^<]+)<\/time><\/td><td>([^<]+)<\/td><\/tr>/g,
      ),
    ];
    assert.deepEqual(
      rows.map((m) => [m[1], m[2], m[3]]),
      [
        ['1', 'Jan 1, 2024', '100kb'],
        ['2', 'Feb 3, 2024', '120kb'],
      ],
    );
    assert.match(html, /<p class="ai-summary">A summary with <span class="katex">/);
    assert.match(html, /<li class="chip">divergence<\/li><li class="chip">attention<\/li>/);
    assert.doesNotMatch(html, /withdrawn/i);
  });

  it('includes a BibTeX citation with a progressive copy button', async () => {
    const { html } = await get(app, '/papers/2401.00001');
    const bibtex = /<code id="bibtex">([^<]*)<\/code>/.exec(html)?.[1];
    assert.equal(
      bibtex,
      [
        '@misc{lovelace2024attention,',
        '  title = {Attention for $\\alpha$-divergences \\&amp; \\{friends\\}},',
        '  author = {Ada Lovelace and Alan Turing},',
        '  year = {2024},',
        '  eprint = {2401.00001},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.LG},',
        '  doi = {10.1000/xyz_123},',
        '  url = {https://arxiv.org/abs/2401.00001}',
        '}',
      ].join('\n'),
    );
    assert.match(
      html,
      /<button type="button" class="button" data-copy-target="bibtex" hidden="">Copy BibTeX<\/button>/,
    );
    assert.doesNotMatch(html, /\son[a-z]+="/, 'no inline event handlers');
    assert.equal(html.match(/<script/g)?.length, 1);
  });

  it('serves old-style ids with a slash', async () => {
    const { status, html } = await get(app, '/papers/hep-th/9901001');
    assert.equal(status, 200);
    assert.match(html, /<h1 id="paper-title">Old-style strings<\/h1>/);
    assert.match(
      html,
      /<li><a href="\/authors\/Edward%20Witten">Edward Witten<\/a><span class="affiliation"> \(IAS\)<\/span><\/li>/,
    );
    assert.match(html, /href="https:\/\/arxiv.org\/abs\/hep-th\/9901001"/);
    assert.match(html, /href="https:\/\/arxiv.org\/pdf\/hep-th\/9901001"/);
    assert.match(html, /<link rel="canonical" href="http:\/\/paperboard.test\/papers\/hep-th\/9901001"\/>/);
    assert.match(html, /eprint = \{hep-th\/9901001\}/);
    assert.match(html, /primaryClass = \{hep-th\}/);
  });

  it('redirects versioned and prefixed ids to the canonical id with 301', async () => {
    const cases: [string, string][] = [
      ['/papers/2401.00001v2', '/papers/2401.00001'],
      ['/papers/2401.00001v1', '/papers/2401.00001'],
      ['/papers/hep-th/9901001v3', '/papers/hep-th/9901001'],
      ['/papers/arXiv:2401.00001', '/papers/2401.00001'],
      ['/papers/2401.00001/', '/papers/2401.00001'],
    ];
    for (const [path, location] of cases) {
      const response = await app.request(path);
      assert.equal(response.status, 301, path);
      assert.equal(response.headers.get('location'), location, path);
    }
  });

  it('folds a long author list after the first ten into a <details> that opens without JavaScript', async () => {
    const { html } = await get(app, '/papers/2402.00664');
    const [shown, rest, ...none] = authorLists(html);
    assert.deepEqual(shown, ['Authors', ...Array.from({ length: 10 }, (_, i) => `Author ${i + 1}`)]);
    assert.deepEqual(rest, [
      'The other 654 authors',
      ...Array.from({ length: 654 }, (_, i) => `Author ${i + 11}`),
    ]);
    assert.deepEqual(none, []);
    assert.match(
      html,
      /<\/ul><details class="more-authors"><summary>… and 654 more authors<\/summary><ul class="author-list"/,
    );
    // One name left over is shown rather than folded.
    const eleven = authorLists((await get(app, '/papers/2402.00011')).html);
    assert.equal(eleven.length, 1);
    assert.equal(eleven[0]?.length, 12);
    assert.doesNotMatch((await get(app, '/papers/2402.00011')).html, /more-authors/);
  });

  it('links \\href in an abstract to web addresses only, and titles the tab in Unicode', async () => {
    const { status, html } = await get(app, '/papers/2402.00077');
    assert.equal(status, 200);
    assert.match(html, /<title>Sorting in 𝒪\(n log n\) time · Paperboard<\/title>/);
    assert.match(
      html,
      /<a rel="nofollow noopener" href="https:\/\/github.com\/ex\/sort">(?:<span class="mord[^"]*">)+ex\/sort</,
    );
    assert.match(html, /<span class="mord texttt">here<\/span>/, 'a javascript: link keeps its text');
    const body = html.slice(html.indexOf('<main'));
    assert.doesNotMatch(
      body.replace(/<annotation [^>]*>[^<]*<\/annotation>/g, ''),
      /javascript:|katex-error|\\href/,
    );
    assert.match(html, /<meta name="description" content="Code at ex\/sort, not here\."\/>/);
  });

  it('shows a withdrawn banner', async () => {
    const { status, html } = await get(app, '/papers/2402.00009');
    assert.equal(status, 200);
    assert.match(html, /<p class="banner withdrawn" role="note">This paper has been withdrawn/);
  });

  it('answers 404 pages for unknown and malformed ids, never 500', async () => {
    const unknown = await get(app, '/papers/2401.99999');
    assert.equal(unknown.status, 404);
    assert.match(unknown.html, /arXiv:2401.99999 is not on Paperboard \(yet\)/);
    assert.match(
      unknown.html,
      /<a href="https:\/\/arxiv.org\/abs\/2401.99999">Read arXiv:2401.99999 on arXiv<\/a>/,
    );
    assert.match(unknown.html, /<meta name="robots" content="noindex"\/>/);
    for (const path of [
      '/papers/not-an-id',
      '/papers/2413.00001',
      '/papers/2401.00001v0',
      '/papers/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '/papers/..%2F..%2Fetc%2Fpasswd',
      '/papers/%E0%A4%A',
      `/papers/${'9'.repeat(5000)}`,
    ]) {
      const page = await get(app, path);
      assert.equal(page.status, 404, path);
      assert.match(page.html, /is not an arXiv identifier/, path);
      assert.equal(page.html.match(/<script/g)?.length, 1, path);
    }
  });
});
