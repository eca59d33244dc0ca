// A paper page's citation and sharing metadata, read as Zotero's connector and link previews read
// it: Highwire citation_* tags (one citation_author per author, YYYY/MM/DD dates, arXiv id, PDF),
// Open Graph and Twitter card with readable text, the BibTeX alternate link and /papers/:id.bib;
// hostile titles stay inside their attributes; malformed and unknown ids on .bib are 404s.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { arxivRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, loadRecords } from './web-fixtures.js';

const BASE = 'http://paperboard.test';
const HOSTILE = `"><script>alert(1)</script> Don't & $\\alpha<\\beta$ '<b>x</b>`;

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The page's <head> meta tags as [name-or-property, content] pairs, in order. */
function metaTags(html: string): Array<[string, string]> {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<meta (name|property)="([^"]*)" content="([^"]*)"\/?>/g)].map((m) => [
    decode(m[2] ?? ''),
    decode(m[3] ?? ''),
  ]);
}

const valuesOf = (tags: Array<[string, string]>, name: string) =>
  tags.filter(([key]) => key === name).map(([, value]) => value);

eachDialect('paper citation metadata', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [
      arxivRecord({
        arxivId: '2401.00001',
        version: 2,
        title: 'Attention for  $\\alpha$-divergences',
        abstract: 'We study $\\mathcal{L}_2$ things\nacross lines.',
        authors: [{ name: 'Ada Lovelace' }, { name: 'Ludwig van Beethoven' }, { name: 'Plato' }],
        doi: '10.1000/xyz_123',
        versions: [
          { version: 1, submittedAt: '2024-01-01T10:00:00Z' },
          { version: 2, submittedAt: '2024-02-03T09:00:00Z' },
        ],
      }),
      arxivRecord({ arxivId: '2401.00002', title: HOSTILE, abstract: `Abstract ${HOSTILE}` }),
      arxivRecord({
        arxivId: 'hep-th/9901001',
        title: 'Old-style strings',
        authors: [{ name: 'Edward Witten' }],
        publishedAt: '1999-01-04T00:00:00Z',
        versions: [{ version: 1, submittedAt: '1999-01-04T00:00:00Z' }],
      }),
    ]);
    app = appFor(t);
  });
  after(async () => {
    await t.destroy();
  });

  it('emits Highwire citation_* tags as arXiv does, one citation_author per author', async () => {
    const html = await (await app.request('/papers/2401.00001')).text();
    const tags = metaTags(html);
    assert.deepEqual(
      tags.filter(([key]) => key.startsWith('citation_')),
      [
        ['citation_title', 'Attention for $\\alpha$-divergences'],
        ['citation_author', 'Ada Lovelace'],
        ['citation_author', 'Ludwig van Beethoven'],
        ['citation_author', 'Plato'],
        ['citation_date', '2024/01/01'],
        ['citation_publication_date', '2024/01/01'],
        ['citation_online_date', '2024/02/03'],
        ['citation_pdf_url', 'https://arxiv.org/pdf/2401.00001'],
        ['citation_arxiv_id', '2401.00001'],
        ['citation_abstract_html_url', `${BASE}/papers/2401.00001`],
        ['citation_doi', '10.1000/xyz_123'],
        ['citation_abstract', 'We study $\\mathcal{L}_2$ things across lines.'],
      ],
    );
  });

  it('emits Open Graph and a Twitter card with TeX made readable', async () => {
    const tags = metaTags(await (await app.request('/papers/2401.00001')).text());
    assert.deepEqual(
      tags.filter(([key]) => key.startsWith('og:') || key.startsWith('twitter:')),
      [
        ['og:type', 'article'],
        ['og:site_name', 'Paperboard'],
        ['og:title', 'Attention for α-divergences'],
        ['og:description', 'We study ℒ₂ things across lines.'],
        ['og:url', `${BASE}/papers/2401.00001`],
        ['twitter:card', 'summary'],
        ['twitter:title', 'Attention for α-divergences'],
        ['twitter:description', 'We study ℒ₂ things across lines.'],
      ],
    );
  });

  it('links the BibTeX as an alternate, and serves it at /papers/:id.bib', async () => {
    const html = await (await app.request('/papers/hep-th/9901001')).text();
    assert.match(
      html,
      /<link rel="alternate" type="application\/x-bibtex" title="BibTeX" href="\/papers\/hep-th\/9901001\.bib"\/?>/,
    );
    const res = await app.request('/papers/hep-th/9901001.bib');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/x-bibtex; charset=utf-8');
    assert.equal(res.headers.get('content-disposition'), 'inline; filename="hep-th-9901001.bib"');
    const bib = await res.text();
    assert.match(bib, /^@misc\{witten1999oldstyle,\n {2}title = \{Old-style strings\},/);
    assert.match(bib, /eprint = \{hep-th\/9901001\}/);
    assert.ok(bib.endsWith('}\n'));
    // The BibTeX on the page is the same entry.
    assert.ok(html.includes('@misc{witten1999oldstyle,'));
  });

  it('keeps a hostile title inside its attributes, exactly', async () => {
    const html = await (await app.request('/papers/2401.00002')).text();
    const head = html.slice(0, html.indexOf('</head>'));
    assert.doesNotMatch(head, /<script>alert|<b>x/);
    const tags = metaTags(html);
    assert.deepEqual(valuesOf(tags, 'citation_title'), [HOSTILE]);
    assert.deepEqual(valuesOf(tags, 'og:title'), [`"><script>alert(1)</script> Don't & α<β '<b>x</b>`]);
    assert.equal(valuesOf(tags, 'citation_abstract')[0], `Abstract ${HOSTILE}`);
    // Every <meta> parsed: nothing broke out of an attribute to start a tag of its own.
    assert.equal((head.match(/<meta /g) ?? []).length, metaTags(html).length + 1); // + <meta charset>
  });

  it('redirects a versioned id to the canonical .bib', async () => {
    const res = await app.request('/papers/2401.00001v2.bib');
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/papers/2401.00001.bib');
  });

  for (const path of [
    '/papers/not-an-id.bib',
    '/papers/2499.99999.bib',
    '/papers/.bib',
    '/papers/%00.bib',
    '/papers/%E0%A4%A.bib',
    `/papers/${'9'.repeat(400)}.bib`,
    '/papers/2401.00001.bib.bib',
  ]) {
    it(`${path.slice(0, 40)} → 404, never a 500`, async () => {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    });
  }
});
