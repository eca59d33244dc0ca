// Cards carry what HF data already has: the thumbnail (HF daily papers only), GitHub stars beside the
// repository link, the organization and the AI summary labelled as such; none of it when absent.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { arxivRecord, boardRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, get, loadRecords } from './web-fixtures.js';

const records = [
  boardRecord({
    arxivId: '2608.00021',
    title: 'Rich card',
    community: {
      upvotes: 40,
      githubRepo: 'https://github.com/example/rich',
      githubStars: 1234,
      aiSummary: 'A model <b>learns</b> to summarise & rank.',
      organization: { id: 'org1', name: 'example-lab', fullname: 'Example <Lab>' },
    },
  }),
  // Put on the board by a reader of this site: their name links to their profile.
  boardRecord({
    arxivId: '2608.00023',
    title: 'Submitted here',
    source: 'submission',
    community: { upvotes: 3 },
    board: { date: '2026-08-21', submittedBy: 'ada b', submittedAt: '2026-08-21T08:00:00Z' },
  }),
  // Listed by arXiv, not HF: no thumbnail anywhere, no stars, no summary.
  arxivRecord({
    arxivId: '2608.00022',
    title: 'Plain card',
    source: 'listing',
    board: { date: '2026-08-21' },
  }),
];

/** The HTML of one card, from its article to the next. */
function cardOf(html: string, arxivId: string): string {
  const start = html.indexOf(`aria-labelledby="title-${arxivId.replace('.', '-')}"`);
  assert.ok(start > 0, `card ${arxivId} on the page`);
  const end = html.indexOf('</article>', start);
  return html.slice(start, end);
}

eachDialect('card extras from HF data', (dialect) => {
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

  it('shows the HF thumbnail lazily, sized, decorative', async () => {
    const card = cardOf((await get(app, '/date/2026-08-21')).html, '2608.00021');
    assert.match(
      card,
      /<img class="card-thumb" src="https:\/\/cdn-thumbnails.huggingface.co\/social-thumbnails\/papers\/2608.00021.png" width="160" height="86" loading="lazy" decoding="async" alt=""\/>/,
    );
  });

  it('puts the star count right after the GitHub link', async () => {
    const card = cardOf((await get(app, '/date/2026-08-21')).html, '2608.00021');
    assert.match(
      card,
      /<span>example\/rich<\/span><\/a><span class="meta-item stars" title="GitHub stars"><span aria-hidden="true">★<\/span> 1,234 stars<\/span>/,
    );
  });

  it('names the organization, escaped, linked to its HF page', async () => {
    const card = cardOf((await get(app, '/date/2026-08-21')).html, '2608.00021');
    assert.match(
      card,
      /<a class="meta-item org" href="https:\/\/huggingface.co\/example-lab" rel="nofollow noopener"><span class="visually-hidden">Organization: <\/span>Example &lt;Lab&gt;<\/a>/,
    );
  });

  it('labels the AI summary as AI-written and escapes it', async () => {
    const card = cardOf((await get(app, '/date/2026-08-21')).html, '2608.00021');
    assert.match(
      card,
      /<p class="ai-summary"><span class="ai-label">AI summary<\/span> A model &lt;b&gt;learns&lt;\/b&gt; to summarise &amp; rank.<\/p>/,
    );
  });

  it('shows none of them where the data has none', async () => {
    const card = cardOf((await get(app, '/date/2026-08-21')).html, '2608.00022');
    assert.doesNotMatch(card, /<img|stars|meta-item org|ai-summary/);
  });

  it("links a reader's submission to their profile, and HF submitters not at all", async () => {
    const { html } = await get(app, '/date/2026-08-21');
    assert.match(
      cardOf(html, '2608.00023'),
      /<span class="meta-item">Submitted by <a href="\/users\/ada%20b">ada b<\/a><\/span>/,
    );
    assert.match(cardOf(html, '2608.00021'), /<span class="meta-item">Submitted by akhaliq<\/span>/);
    const paper = await get(app, '/papers/2608.00023');
    assert.match(paper.html, /<\/a> · submitted by <a href="\/users\/ada%20b">ada b<\/a>/);
  });

  it('lets images load from the HF thumbnail host and no other remote host', async () => {
    const csp = (await get(app, '/')).headers.get('content-security-policy') ?? '';
    assert.match(csp, /img-src 'self' data: https:\/\/cdn-thumbnails.huggingface.co(;|$)/);
  });
});
