// Reading lists through the pages and forms, on both databases: making lists (from /collections and
// from a paper page), adding and removing papers, editing and deleting, the profile, privacy (a
// private list is a 404 to everyone but its owner, admins included), who may change a list on
// every mutating route, malformed input, the caps and the rate limit.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { RATE_LIMITS } from '../../src/community/limits.js';
import { MAX_COLLECTION_NAME } from '../../src/model/collection.js';
import { addCollectionPaper, getCollection } from '../../src/store/collections.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { boardRecord } from '../helpers/factories.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { loadRecords, postForm } from './web-fixtures.js';

eachDialect('reading lists', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let ada: string;
  let alan: string;
  let admin: string;
  let banned: string;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [
      boardRecord({ arxivId: '2608.00001', title: 'Sparse $k$-attention' }),
      boardRecord({ arxivId: '2608.00002', title: 'Dense retrieval at scale' }),
    ]);
    app = createApp(testContext(t));
    admin = (await signedInReader(t, 'admin')).cookie; // the first account is the admin
    ada = (await signedInReader(t, 'ada')).cookie;
    alan = (await signedInReader(t, 'alan')).cookie;
    const mallory = await signedInReader(t, 'mallory');
    banned = mallory.cookie;
    await sql`update users set banned_at = ${FIXED_NOW.toISOString()} where id = ${mallory.user.id}`.execute(
      t.db,
    );
  });
  after(async () => {
    await t.destroy();
  });

  const post = (path: string, form: Record<string, string>, cookie?: string, origin?: string) =>
    postForm(app, path, form, { cookie, ...(origin ? { origin } : {}) });
  const get = async (path: string, cookie?: string) => {
    const res = await app.request(path, { headers: cookie ? { cookie } : {} });
    return { status: res.status, html: await res.text(), headers: res.headers };
  };
  const listId = (location: string | null) => Number(/^\/collections\/(\d+)$/.exec(location ?? '')?.[1]);
  let privateId: number;
  let publicId: number;

  it('makes a list from /collections and shows it to its owner only while private', async () => {
    const made = await post(
      '/collections',
      { name: '  Attention   papers ', description: 'Line one\nline two', visibility: 'private' },
      ada,
    );
    assert.equal(made.status, 303);
    privateId = listId(made.headers.get('location'));
    assert.ok(privateId > 0);
    const own = await get(`/collections/${privateId}`, ada);
    assert.equal(own.status, 200);
    assert.match(own.html, /<h1>Attention papers<\/h1>/);
    assert.match(own.html, /<span class="badge private">Private<\/span>/);
    assert.match(own.html, /<p class="collection-description">Line one\nline two<\/p>/);
    assert.match(own.html, /No papers on this list yet/);
    assert.match(own.html, /<meta name="robots" content="noindex"/);
    assert.doesNotMatch(own.html, /papers\.atom/, 'a private list has no feeds');
    for (const cookie of [undefined, alan, admin]) {
      const other = await get(`/collections/${privateId}`, cookie);
      assert.equal(other.status, 404, String(cookie));
      assert.doesNotMatch(other.html, /Attention papers/);
    }
    assert.equal((await get(`/collections/${privateId}/papers.bib`, alan)).status, 404);
    assert.match((await get('/collections', ada)).html, /<a href="\/collections\/\d+">Attention papers<\/a>/);
  });

  it('saves a paper from its page: to an existing list, or to a new one made there', async () => {
    const anonymous = await get('/papers/2608.00001');
    // Signing in comes back to the paper's "Save to a list" box, saying why it was asked for.
    assert.match(
      anonymous.html,
      /<a class="button" href="\/signin\?reason=save&amp;next=%2Fpapers%2F2608\.00001%23save">Save to a list<\/a>/,
    );
    const page = await get('/papers/2608.00001', ada);
    assert.match(page.html, /<summary class="button">Save to a list<\/summary>/);
    assert.match(page.html, new RegExp(`<option value="${privateId}">Attention papers</option>`));
    const added = await post(
      '/collections/add',
      { collection: String(privateId), paper: '2608.00001', back: '/papers/2608.00001' },
      ada,
    );
    assert.equal(added.status, 303);
    assert.equal(added.headers.get('location'), '/papers/2608.00001');
    const after = await get('/papers/2608.00001', ada);
    assert.match(after.html, /<summary class="button">Saved in 1<\/summary>/);
    assert.doesNotMatch(after.html, /<option value=/, 'no other list to add it to');

    const made = await post(
      '/collections',
      { name: 'Retrieval', paper: '2608.00002', back: '/papers/2608.00002', visibility: 'private' },
      ada,
    );
    assert.equal(made.headers.get('location'), '/papers/2608.00002');
    const lists = await get('/collections', ada);
    assert.match(lists.html, /Retrieval<\/a> <span class="muted">1 paper/);
    const listPage = await get(`/collections/${privateId}`, ada);
    assert.match(listPage.html, /<a href="\/papers\/2608\.00001">Sparse/);
    assert.match(listPage.html, /Added <time datetime="2026-08-21T12:00:00.000Z">Aug 21, 2026<\/time>/);
    // The remove form sits in a div: inside a <p> the browser would close the paragraph before it.
    assert.match(
      listPage.html,
      /<div class="collection-entry-meta muted">Added <time[^>]*>[^<]*<\/time> · <form method="post" action="\/collections\/remove"[^>]*>[\s\S]*?Remove from this list<\/button><\/form><\/div>/,
    );
  });

  it('edits a list (name, description, public) and then shows it to everyone with feeds', async () => {
    const edited = await post(
      `/collections/${privateId}/edit`,
      { name: 'Attention', description: '', visibility: 'public' },
      ada,
    );
    assert.equal(edited.status, 303);
    publicId = privateId;
    const page = await get(`/collections/${publicId}`);
    assert.equal(page.status, 200);
    assert.match(page.html, /<h1>Attention<\/h1>/);
    assert.match(page.html, /by <a href="\/users\/ada">ada<\/a>/);
    assert.match(
      page.html,
      new RegExp(
        `<link rel="alternate" type="application/atom\\+xml" title="Attention \\(Atom\\)" href="/collections/${publicId}/papers.atom"/>`,
      ),
    );
    assert.doesNotMatch(page.html, /Remove from this list|Edit this list/, 'no owner tools for others');
    const profile = await get('/users/ada');
    assert.match(profile.html, /Reading lists \(1\)/);
    assert.doesNotMatch(profile.html, /Retrieval/, 'private lists stay off the public profile');
    assert.match((await get('/users/ada', ada)).html, /Reading lists \(2\)[\s\S]*Retrieval/);
  });

  it('removes a paper from a list, and removing it again changes nothing', async () => {
    const form = { collection: String(publicId), paper: '2608.00001' };
    for (let i = 0; i < 2; i += 1) {
      const removed = await post('/collections/remove', form, ada);
      assert.equal(removed.status, 303);
      assert.equal(removed.headers.get('location'), `/collections/${publicId}`);
    }
    assert.equal((await getCollection(t.db, publicId))?.paperCount, 0);
  });

  it('lets only the owner change a list: anonymous → sign in, banned → sign in, others → 403/404', async () => {
    const retrieval = (await get('/collections', ada)).html.match(
      /href="\/collections\/(\d+)">Retrieval/,
    )?.[1];
    assert.ok(retrieval);
    const routes = (id: string): Array<[string, Record<string, string>]> => [
      [`/collections/${id}/edit`, { name: 'Mine now', visibility: 'public' }],
      [`/collections/${id}/delete`, {}],
      ['/collections/add', { collection: id, paper: '2608.00002' }],
      ['/collections/remove', { collection: id, paper: '2608.00002' }],
    ];
    for (const [id, otherStatus] of [
      [String(publicId), 403],
      [retrieval, 404],
    ] as const) {
      for (const [path, form] of routes(id)) {
        for (const cookie of [undefined, banned]) {
          const refused = await post(path, form, cookie);
          assert.equal(refused.status, 303, path);
          assert.equal(refused.headers.get('location'), '/signin', path);
        }
        for (const cookie of [alan, admin]) {
          const refused = await post(path, form, cookie);
          assert.equal(refused.status, otherStatus, `${path} ${cookie}`);
          if (otherStatus === 404) assert.doesNotMatch(await refused.text(), /Retrieval/);
        }
        assert.equal((await post(path, form, ada, 'https://evil.example')).status, 403, `${path} cross-site`);
      }
    }
    assert.equal((await post('/collections', { name: 'Spam' }, banned)).headers.get('location'), '/signin');
    assert.equal(
      (await get('/collections')).headers.get('location'),
      '/signin?reason=page&next=%2Fcollections',
      'a page asked for with GET is where signing in lands',
    );
    const untouched = await getCollection(t.db, Number(retrieval));
    assert.equal(untouched?.name, 'Retrieval');
    assert.equal(untouched?.paperCount, 1);
  });

  it('answers malformed input with a 4xx and a message, never a 500', async () => {
    const cases: Array<[string, Record<string, string>, number, RegExp]> = [
      ['/collections', { name: '' }, 400, /name has 1 to 100 characters/],
      ['/collections', { name: 'x'.repeat(MAX_COLLECTION_NAME + 1) }, 400, /name has 1 to 100/],
      // Control characters never reach the route: the request layer refuses them (request-edge.ts).
      ['/collections', { name: 'Bell\u0007' }, 400, /form field “name” holds a control character/],
      ['/collections', { name: 'Nul', description: 'a\u0000b' }, 400, /field “description” holds a control/],
      ['/collections', { name: 'Long', description: 'd'.repeat(1001) }, 400, /at most 1000/],
      ['/collections', { name: 'Odd', visibility: 'friends' }, 400, /visibility must be public or private/],
      ['/collections', { name: 'Retrieval' }, 409, /already have a list with that name/],
      ['/collections', { name: 'Bad paper', paper: 'not-an-id' }, 400, /paper must be an arXiv identifier/],
      ['/collections', { name: 'Unknown paper', paper: '2608.99999' }, 404, /arXiv:2608\.99999 is not on/],
      ['/collections/add', { collection: 'abc', paper: '2608.00001' }, 404, /no such reading list/],
      ['/collections/add', { collection: '99999999999', paper: '2608.00001' }, 404, /no such reading list/],
      ['/collections/add', { collection: '0', paper: '2608.00001' }, 404, /no such reading list/],
      ['/collections/add', { collection: '424242', paper: '2608.00001' }, 404, /no such reading list/],
      ['/collections/add', { collection: String(publicId), paper: '' }, 400, /paper must be an arXiv/],
      ['/collections/remove', { collection: String(publicId), paper: '2608.99999' }, 404, /not on/],
      [`/collections/${publicId}/edit`, { name: '   ' }, 400, /name has 1 to 100/],
      [`/collections/${publicId}/edit`, { name: 'Retrieval' }, 409, /already have a list/],
      ['/collections/abc/delete', {}, 404, /no such reading list/],
    ];
    for (const [path, form, status, message] of cases) {
      const response = await post(path, form, ada);
      assert.equal(response.status, status, `${path} ${JSON.stringify(form)}`);
      assert.match(await response.text(), message, path);
    }
    for (const path of [
      '/collections/abc',
      '/collections/0',
      '/collections/99999999999',
      '/collections/1.5',
    ]) {
      const page = await get(path, ada);
      assert.equal(page.status, 404, path);
      assert.match(page.html, /no such reading list/, path);
    }
    assert.equal((await get('/collections/abc/papers.bib')).status, 404);
  });

  it('caps lists per reader and papers per list with clear messages', async () => {
    const { cookie, user } = await signedInReader(t, 'collector');
    for (let i = 0; i < 50; i += 1) {
      await sql`insert into collections (user_id, name, description, is_public, created_at, updated_at)
        values (${user.id}, ${`List ${i}`}, '', 0, ${FIXED_NOW.toISOString()}, ${FIXED_NOW.toISOString()})`.execute(
        t.db,
      );
    }
    const refused = await post('/collections', { name: 'One more' }, cookie);
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /at most 50 lists/);
    assert.match((await get('/collections', cookie)).html, /You have 50 lists, the most a reader can have/);

    const full = Number(
      (await get('/collections', ada)).html.match(/href="\/collections\/(\d+)">Retrieval/)?.[1],
    );
    const records = Array.from({ length: 200 }, (_, i) =>
      boardRecord({ arxivId: `2607.${String(i).padStart(5, '0')}` }),
    );
    await loadRecords(t, records);
    for (const record of records.slice(0, 199)) {
      const paper = await getPaper(t.db, record.arxivId);
      await addCollectionPaper(t, {
        collectionId: full,
        paperId: paper?.id as number,
        now: FIXED_NOW.toISOString(),
        maxPapers: 200,
      });
    }
    const over = await post('/collections/add', { collection: String(full), paper: '2607.00199' }, ada);
    assert.equal(over.status, 400);
    assert.match(await over.text(), /A list holds at most 200 papers/);
    assert.equal((await getCollection(t.db, full))?.paperCount, 200);
  });

  it('limits how many papers a reader saves in a minute (429 with Retry-After)', async () => {
    const { cookie } = await signedInReader(t, 'hoarder');
    const made = await post('/collections', { name: 'Everything' }, cookie);
    const id = String(listId(made.headers.get('location')));
    for (let i = 0; i < RATE_LIMITS['collection-add'].max; i += 1) {
      const ok = await post(
        '/collections/add',
        { collection: id, paper: `2607.${String(i).padStart(5, '0')}` },
        cookie,
      );
      assert.equal(ok.status, 303, String(i));
    }
    const limited = await post('/collections/add', { collection: id, paper: '2608.00001' }, cookie);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '60');
    assert.match(await limited.text(), /Too many papers saved in a minute/);
  });

  it('deletes a list: gone from its page and the owner’s lists', async () => {
    const deleted = await post(`/collections/${publicId}/delete`, {}, ada);
    assert.equal(deleted.status, 303);
    assert.equal(deleted.headers.get('location'), '/collections');
    assert.equal((await get(`/collections/${publicId}`, ada)).status, 404);
    assert.doesNotMatch((await get('/collections', ada)).html, />Attention</);
    assert.equal((await post(`/collections/${publicId}/delete`, {}, ada)).status, 404);
  });
});
