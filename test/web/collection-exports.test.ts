// A reading list's exports and feeds, on both databases: BibTeX (values, unique keys), the JSON of
// GET /api/collections/{id} (values, and valid against the OpenAPI schema), and the RSS / Atom /
// JSON feeds of a public list parsed back (newest addition first, dated when added). Private lists
// export only to their owner and have no feeds; a banned reader's lists disappear like their profile.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import type { OpenApiDocument } from '../../src/api/openapi-types.js';
import type { User } from '../../src/store/users.js';
import { createApp } from '../../src/web/app.js';
import { checkSchema } from '../api/schema-check.js';
import { signedInReader } from '../helpers/accounts.js';
import { arxivRecord } from '../helpers/factories.js';
import { type JsonFeed, parseFeedXml, type Xml } from '../helpers/feed-parsing.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { loadRecords, postForm } from './web-fixtures.js';

const BASE = 'http://paperboard.test';
const minutes = (n: number) => new Date(FIXED_NOW.getTime() + n * 60_000);

eachDialect('reading list exports and feeds', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let now = FIXED_NOW;
  let ada: { cookie: string; user: User };
  let publicId: number;
  let privateId: number;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [
      arxivRecord({
        arxivId: '2401.00001',
        title: 'Attention for $\\alpha$-divergences',
        publishedAt: '2024-01-01T10:00:00Z',
        doi: '10.1000/xyz',
      }),
      // Same first author, year and first title word: the .bib needs a second key.
      arxivRecord({
        arxivId: '2401.00002',
        title: 'Attention, again & <more>',
        publishedAt: '2024-02-01T10:00:00Z',
      }),
      arxivRecord({
        arxivId: 'hep-th/9901001',
        title: 'Strings',
        authors: [{ name: 'Ed Witten' }],
        publishedAt: '1999-01-01T00:00:00Z',
        versions: [{ version: 1, submittedAt: '1999-01-01T00:00:00Z' }],
      }),
    ]);
    app = createApp({ ...testContext(t), now: () => now });
    ada = await signedInReader(t, 'ada');
    const make = async (name: string, visibility: string) => {
      const made = await postForm(
        app,
        '/collections',
        { name, visibility, description: 'Why: <b>α</b>' },
        { cookie: ada.cookie },
      );
      return Number(/(\d+)$/.exec(made.headers.get('location') ?? '')?.[1]);
    };
    publicId = await make('Divergences & strings', 'public');
    privateId = await make('Secret', 'private');
    for (const [i, paper] of ['2401.00001', 'hep-th/9901001', '2401.00002'].entries()) {
      now = minutes(i + 1);
      for (const id of [publicId, privateId]) {
        const added = await postForm(
          app,
          '/collections/add',
          { collection: String(id), paper },
          { cookie: ada.cookie },
        );
        assert.equal(added.status, 303);
      }
    }
    now = FIXED_NOW;
  });
  after(async () => {
    await t.destroy();
  });

  const request = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie } : {} });

  it('exports BibTeX: one entry per paper, newest addition first, keys made unique', async () => {
    const res = await request(`/collections/${publicId}/papers.bib`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/x-bibtex; charset=utf-8');
    assert.equal(
      res.headers.get('content-disposition'),
      `attachment; filename="reading-list-${publicId}.bib"`,
    );
    const bib = await res.text();
    assert.deepEqual(
      [...bib.matchAll(/^@misc\{([^,]+),$/gm)].map((m) => m[1]),
      ['lovelace2024attention', 'witten1999strings', 'lovelace2024attentionb'],
    );
    assert.match(bib, /title = \{Attention, again \\& <more>\}/);
    assert.match(
      bib,
      /title = \{Attention for \$\\alpha\$-divergences\},\n {2}author = \{Ada Lovelace and Alan Turing\}/,
    );
    assert.match(bib, /eprint = \{hep-th\/9901001\}/);
    assert.match(bib, /doi = \{10\.1000\/xyz\}/);
    assert.ok(bib.endsWith('}\n'));
    assert.equal((await request(`/collections/${privateId}/papers.bib`)).status, 404);
    const own = await request(`/collections/${privateId}/papers.bib`, ada.cookie);
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('cache-control'), 'private, no-store');
  });

  it('exports RIS: one UNPB record per paper, CRLF lines, authors as "Last, First"', async () => {
    const res = await request(`/collections/${publicId}/papers.ris`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/x-research-info-systems; charset=utf-8');
    assert.equal(
      res.headers.get('content-disposition'),
      `attachment; filename="reading-list-${publicId}.ris"`,
    );
    const ris = await res.text();
    assert.doesNotMatch(ris.replace(/\r\n/g, ''), /[\r\n]/, 'every line ends in CRLF');
    const records = ris.split('ER  - \r\n').filter((r) => r.trim() !== '');
    assert.equal(records.length, 3);
    const fields = (record: string) =>
      record
        .split('\r\n')
        .filter(Boolean)
        .map((line) => {
          const match = /^([A-Z][A-Z0-9]) {2}- (.*)$/.exec(line);
          assert.ok(match, `a RIS line: ${JSON.stringify(line)}`);
          return [match[1], match[2]] as [string, string];
        });
    const [newest, strings, first] = records.map(fields);
    assert.deepEqual(newest?.[0], ['TY', 'UNPB']);
    assert.deepEqual(
      newest?.filter(([tag]) => ['TI', 'AU', 'PY', 'DA', 'AN', 'UR', 'L1'].includes(tag)),
      [
        ['TI', 'Attention, again & <more>'],
        ['AU', 'Lovelace, Ada'],
        ['AU', 'Turing, Alan'],
        ['PY', '2024'],
        ['DA', '2024/01/01'], // v1's date: the fixture's versions win over publishedAt
        ['AN', 'arXiv:2401.00002'],
        ['UR', 'https://arxiv.org/abs/2401.00002'],
        ['L1', 'https://arxiv.org/pdf/2401.00002'],
      ],
    );
    assert.deepEqual(
      strings?.filter(([tag]) => tag === 'AU' || tag === 'AN'),
      [
        ['AU', 'Witten, Ed'],
        ['AN', 'arXiv:hep-th/9901001'],
      ],
    );
    assert.deepEqual(
      first?.filter(([tag]) => tag === 'DO' || tag === 'KW'),
      [
        ['DO', '10.1000/xyz'],
        ['KW', 'cs.LG'],
        ['KW', 'stat.ML'],
      ],
    );
    assert.equal((await request(`/collections/${privateId}/papers.ris`)).status, 404);
    const own = await request(`/collections/${privateId}/papers.ris`, ada.cookie);
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('cache-control'), 'private, no-store');
  });

  it('exports CSL-JSON as Zotero describes an arXiv preprint', async () => {
    const res = await request(`/collections/${publicId}/papers.csl.json`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.citationstyles.csl+json; charset=utf-8');
    const items = (await res.json()) as Array<Record<string, unknown>>;
    assert.deepEqual(
      items.map((item) => item.id),
      ['arXiv:2401.00002', 'arXiv:hep-th/9901001', 'arXiv:2401.00001'],
    );
    assert.deepEqual(items[2], {
      id: 'arXiv:2401.00001',
      type: 'article',
      title: 'Attention for $\\alpha$-divergences',
      author: [
        { family: 'Lovelace', given: 'Ada' },
        { family: 'Turing', given: 'Alan' },
      ],
      publisher: 'arXiv',
      number: 'arXiv:2401.00001',
      URL: 'https://arxiv.org/abs/2401.00001',
      issued: { 'date-parts': [[2024, 1, 1]] },
      abstract: 'We study $\\mathcal{L}_2$ things. Code: https://github.com/Example/Repo.git',
      DOI: '10.1000/xyz',
      keyword: 'cs.LG, stat.ML',
    });
    assert.equal(items[0]?.title, 'Attention, again & <more>');
    assert.equal((await request(`/collections/${privateId}/papers.csl.json`)).status, 404);
    assert.equal((await request(`/collections/${privateId}/papers.csl.json`, ada.cookie)).status, 200);
  });

  it('answers unknown and malformed list ids on every export with a 404 page, never a 500', async () => {
    for (const id of ['424242', 'abc', '0', '-1', '99999999999', '1e3', '%00', 'x'.repeat(300)]) {
      for (const extension of ['bib', 'ris', 'csl.json']) {
        const path = `/collections/${id}/papers.${extension}`;
        const res = await request(path);
        assert.equal(res.status, 404, path);
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/, path);
      }
    }
  });

  it('exports JSON with HF-shaped paper objects, valid against the OpenAPI schema', async () => {
    const doc = (await (await request('/api/openapi.json')).json()) as OpenApiDocument;
    const res = await request(`/api/collections/${publicId}`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      name: string;
      description: string;
      isPublic: boolean;
      owner: unknown;
      pageUrl: string;
      numPapers: number;
      items: Array<{
        addedAt: string;
        paper: { id: string; title: string; pageUrl: string; discussionId: string };
      }>;
    };
    assert.deepEqual(checkSchema(doc, { $ref: '#/components/schemas/Collection' }, body), []);
    assert.equal(body.name, 'Divergences & strings');
    assert.equal(body.description, 'Why: <b>α</b>');
    assert.equal(body.isPublic, true);
    assert.deepEqual(body.owner, {
      username: 'ada',
      displayName: 'ada',
      name: 'ada',
      fullname: 'ada',
      type: 'user',
    });
    assert.equal(body.pageUrl, `${BASE}/collections/${publicId}`);
    assert.equal(body.numPapers, 3);
    assert.deepEqual(
      body.items.map((item) => [item.paper.id, item.addedAt, item.paper.pageUrl]),
      [
        ['2401.00002', minutes(3).toISOString(), `${BASE}/papers/2401.00002`],
        ['hep-th/9901001', minutes(2).toISOString(), `${BASE}/papers/hep-th/9901001`],
        ['2401.00001', minutes(1).toISOString(), `${BASE}/papers/2401.00001`],
      ],
    );
    assert.equal(body.items[2]?.paper.title, 'Attention for $\\alpha$-divergences');
  });

  it('answers private, unknown and malformed ids with JSON errors; the owner gets a private list uncached', async () => {
    for (const [path, status, code] of [
      [`/api/collections/${privateId}`, 404, 'not_found'],
      ['/api/collections/424242', 404, 'not_found'],
      ['/api/collections/abc', 400, 'invalid'],
      ['/api/collections/0', 400, 'invalid'],
      ['/api/collections/99999999999', 400, 'invalid'],
    ] as const) {
      const res = await request(path);
      assert.equal(res.status, status, path);
      assert.equal(((await res.json()) as { code: string }).code, code, path);
    }
    const own = await request(`/api/collections/${privateId}`, ada.cookie);
    assert.equal(own.status, 200);
    assert.equal(own.headers.get('cache-control'), 'private, no-store');
    assert.equal(((await own.json()) as { name: string }).name, 'Secret');
  });

  it('serves RSS of a public list: newest addition first, dated when added, self link', async () => {
    const res = await request(`/collections/${publicId}/papers.rss`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/rss+xml; charset=utf-8');
    const channel = parseFeedXml(await res.text()).rss.channel;
    assert.equal(channel.title, 'Paperboard: Divergences & strings');
    assert.equal(channel.link, `${BASE}/collections/${publicId}`);
    assert.deepEqual(
      channel['atom:link'].map((l: Xml) => l['@_href']),
      [`${BASE}/collections/${publicId}/papers.rss`],
    );
    assert.deepEqual(
      channel.item.map((i: Xml) => [i.link, i.pubDate]),
      [
        [`${BASE}/papers/2401.00002`, minutes(3).toUTCString()],
        [`${BASE}/papers/hep-th/9901001`, minutes(2).toUTCString()],
        [`${BASE}/papers/2401.00001`, minutes(1).toUTCString()],
      ],
    );
    assert.equal(channel.item[0].title, 'Attention, again & <more>');
  });

  it('serves Atom and JSON Feed of a public list with the same entries', async () => {
    const atom = parseFeedXml(await (await request(`/collections/${publicId}/papers.atom`)).text()).feed;
    assert.equal(atom.id, `${BASE}/collections/${publicId}/papers`);
    assert.equal(atom.updated, minutes(3).toISOString());
    assert.deepEqual(
      atom.entry.map((e: Xml) => e.id),
      [`${BASE}/papers/2401.00002`, `${BASE}/papers/hep-th/9901001`, `${BASE}/papers/2401.00001`],
    );
    const res = await request(`/collections/${publicId}/papers.json`);
    assert.equal(res.headers.get('content-type'), 'application/feed+json; charset=utf-8');
    const json = (await res.json()) as JsonFeed;
    assert.equal(json.feed_url, `${BASE}/collections/${publicId}/papers.json`);
    assert.equal(json.home_page_url, `${BASE}/collections/${publicId}`);
    assert.deepEqual(
      json.items.map((i) => [i.url, i.date_published]),
      [
        [`${BASE}/papers/2401.00002`, minutes(3).toISOString()],
        [`${BASE}/papers/hep-th/9901001`, minutes(2).toISOString()],
        [`${BASE}/papers/2401.00001`, minutes(1).toISOString()],
      ],
    );
  });

  it('has no feed for a private list (even for its owner: feed readers carry no session) or a bad id', async () => {
    for (const format of ['rss', 'atom', 'json']) {
      for (const [path, status] of [
        [`/collections/${privateId}/papers.${format}`, 404],
        [`/collections/424242/papers.${format}`, 404],
        [`/collections/abc/papers.${format}`, 404],
      ] as const) {
        const res = await request(path, ada.cookie);
        assert.equal(res.status, status, path);
        assert.equal(((await res.json()) as { code: string }).code, 'not_found');
      }
    }
  });

  it('hides a banned reader’s public list (page, feeds, exports) from all but admins', async () => {
    const adminCookie = (await signedInReader(t, 'moderator')).cookie;
    await sql`update users set is_admin = 1 where username = 'moderator'`.execute(t.db);
    await sql`update users set banned_at = ${FIXED_NOW.toISOString()} where id = ${ada.user.id}`.execute(
      t.db,
    );
    try {
      for (const path of [
        `/collections/${publicId}`,
        `/collections/${publicId}/papers.bib`,
        `/collections/${publicId}/papers.ris`,
        `/collections/${publicId}/papers.csl.json`,
        `/collections/${publicId}/papers.atom`,
        `/api/collections/${publicId}`,
      ]) {
        assert.equal((await request(path)).status, 404, path);
      }
      assert.equal((await request(`/collections/${publicId}`, adminCookie)).status, 200);
      assert.equal((await request(`/collections/${privateId}`, adminCookie)).status, 404);
    } finally {
      await sql`update users set banned_at = null where id = ${ada.user.id}`.execute(t.db);
    }
  });
});
