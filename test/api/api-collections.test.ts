// The token API's reading-list writes on both databases, sent as huggingface_hub sends them
// (hf_api.py: create_collection, update_collection_metadata, add_collection_item,
// update_collection_item, delete_collection_item, delete_collection) and read back as its
// `Collection` / `CollectionItem` read them; owners only, write scope, the web form's add limit.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { RATE_LIMITS } from '../../src/community/limits.js';
import { signedInReader } from '../helpers/accounts.js';
import { apiRequest, makeToken } from '../helpers/api-tokens.js';
import { boardRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, loadRecords } from '../web/web-fixtures.js';

type Json = Record<string, unknown>;
const json = async (response: Response) => (await response.json()) as Json;

/** What huggingface_hub's Collection.__init__ pops (a KeyError there is a client crash). */
function readAsHfCollection(body: Json) {
  for (const key of [
    'slug',
    'title',
    'owner',
    'items',
    'lastUpdated',
    'position',
    'private',
    'theme',
    'upvotes',
  ]) {
    assert.ok(key in body, `Collection needs ${key}`);
  }
  const items = (body.items as Json[]).map((item) => {
    for (const key of ['_id', 'id', 'type', 'position'])
      assert.ok(key in item, `CollectionItem needs ${key}`);
    const note = item.note as { text?: unknown } | undefined;
    return {
      objectId: item._id,
      id: item.id,
      type: item.type,
      note: typeof note?.text === 'string' ? note.text : null,
    };
  });
  return { slug: String(body.slug), title: body.title, isPrivate: body.private, items };
}

eachDialect('API collection writes', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let token: string;
  let otherToken: string;
  let readToken: string;
  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(
      t,
      ['2608.00001', '2608.00002', 'hep-th/9901001'].map((arxivId) => boardRecord({ arxivId })),
    );
    app = appFor(t);
    const ada = await signedInReader(t, 'ada');
    token = await makeToken(app, ada.cookie, 'lists', 'write');
    readToken = await makeToken(app, ada.cookie, 'read only', 'read');
    otherToken = await makeToken(app, (await signedInReader(t, 'bob')).cookie, 'bob', 'write');
  });
  after(async () => {
    await t.destroy();
  });

  it('runs the HF client’s collection calls end to end', async () => {
    // create_collection(title, namespace=whoami()["name"], private=False)
    const whoami = await json(await apiRequest(app, 'GET', '/api/whoami-v2', { token }));
    const created = await apiRequest(app, 'POST', '/api/collections', {
      token,
      body: { title: 'Reading group', namespace: whoami.name, private: false, description: 'Weekly' },
    });
    assert.equal(created.status, 200);
    const collection = readAsHfCollection(await json(created));
    assert.deepEqual(
      [collection.title, collection.isPrivate, collection.items],
      ['Reading group', false, []],
    );
    const slug = collection.slug;

    // create_collection(..., exists_ok=True) reads the slug from the 409.
    const again = await apiRequest(app, 'POST', '/api/collections', {
      token,
      body: { title: 'Reading group', namespace: 'ada', private: false },
    });
    assert.equal(again.status, 409);
    assert.equal((await json(again)).slug, slug);

    // add_collection_item(slug, "2608.00001", "paper", note=...), then the old-style id.
    const added = await apiRequest(app, 'POST', `/api/collections/${slug}/items`, {
      token,
      body: { item: { id: '2608.00001', type: 'paper' }, note: 'Read §3 first' },
    });
    assert.equal(added.status, 200);
    await apiRequest(app, 'POST', `/api/collections/${slug}/items`, {
      token,
      body: { item: { id: 'hep-th/9901001', type: 'paper' } },
    });
    const duplicate = await apiRequest(app, 'POST', `/api/collections/${slug}/items`, {
      token,
      body: { item: { id: '2608.00001', type: 'paper' } },
    });
    assert.equal(duplicate.status, 409);
    for (const [body, status] of [
      [{ item: { id: 'bert-base', type: 'model' } }, 400],
      [{ item: { id: '2608.09999', type: 'paper' } }, 404],
      [{ item: { id: '2608.00002', type: 'paper' }, note: 'n'.repeat(501) }, 400],
      [{ item: '2608.00002' }, 400],
    ] as const) {
      const response = await apiRequest(app, 'POST', `/api/collections/${slug}/items`, { token, body });
      assert.equal(response.status, status, JSON.stringify(body).slice(0, 60));
    }

    // get_collection reads items; update_collection_item(slug, item_object_id, note=...).
    const got = readAsHfCollection(await json(await apiRequest(app, 'GET', `/api/collections/${slug}`)));
    assert.deepEqual(
      got.items.map((i) => [i.id, i.type, i.note]),
      [
        ['hep-th/9901001', 'paper', null],
        ['2608.00001', 'paper', 'Read §3 first'],
      ],
    );
    const objectId = String(got.items[1]?.objectId);
    const noted = await apiRequest(app, 'PATCH', `/api/collections/${slug}/items/${objectId}`, {
      token,
      body: { note: 'Now §4' },
    });
    assert.equal(noted.status, 200);
    assert.equal(readAsHfCollection(await json(noted)).items[1]?.note, 'Now §4');

    // update_collection_metadata answers {"data": collection}.
    const renamed = await apiRequest(app, 'PATCH', `/api/collections/${slug}`, {
      token,
      body: { title: 'Reading group (autumn)', private: true },
    });
    assert.equal(renamed.status, 200);
    const data = readAsHfCollection((await json(renamed)).data as Json);
    assert.deepEqual([data.title, data.isPrivate], ['Reading group (autumn)', true]);
    // Private now: anonymous readers get 404, the owner's read token the list.
    assert.equal((await apiRequest(app, 'GET', `/api/collections/${slug}`)).status, 404);
    assert.equal(
      (await apiRequest(app, 'GET', `/api/collections/${slug}`, { token: readToken })).status,
      200,
    );

    // delete_collection_item (404 once gone, which missing_ok reads), then delete_collection.
    const removed = await apiRequest(app, 'DELETE', `/api/collections/${slug}/items/hep-th/9901001`, {
      token,
    });
    assert.equal(removed.status, 200);
    assert.deepEqual(
      readAsHfCollection(await json(removed)).items.map((i) => i.id),
      ['2608.00001'],
    );
    assert.equal(
      (await apiRequest(app, 'DELETE', `/api/collections/${slug}/items/hep-th/9901001`, { token })).status,
      404,
    );
    assert.equal((await apiRequest(app, 'DELETE', `/api/collections/${slug}`, { token })).status, 200);
    assert.equal((await apiRequest(app, 'DELETE', `/api/collections/${slug}`, { token })).status, 404);
    const left = await t.db.selectFrom('collection_papers').selectAll().execute();
    assert.deepEqual(left, []);
  });

  it('only the owner, with a write token, changes a list', async () => {
    const created = await json(
      await apiRequest(app, 'POST', '/api/collections', { token, body: { title: 'Mine', private: false } }),
    );
    const slug = String(created.slug);
    const body = { item: { id: '2608.00002', type: 'paper' } };
    const byOther = await apiRequest(app, 'POST', `/api/collections/${slug}/items`, {
      token: otherToken,
      body,
    });
    assert.equal(byOther.status, 403);
    const byReadToken = await apiRequest(app, 'POST', `/api/collections/${slug}/items`, {
      token: readToken,
      body,
    });
    assert.equal(byReadToken.status, 403);
    const elsewhere = await apiRequest(app, 'POST', '/api/collections', {
      token,
      body: { title: 'In bob’s name', namespace: 'bob' },
    });
    assert.equal(elsewhere.status, 403);
    const badName = await apiRequest(app, 'POST', '/api/collections', { token, body: { title: '   ' } });
    assert.equal(badName.status, 400);
    const held = await t.db.selectFrom('collection_papers').selectAll().execute();
    assert.deepEqual(held, []);
  });

  it('shares the web form’s limit on papers saved per minute', async () => {
    const reader = await signedInReader(t, 'hoarder');
    const hoarder = await makeToken(app, reader.cookie, 'bot', 'write');
    const limit = RATE_LIMITS['collection-add'].max;
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i += 1) {
      const created = await json(
        await apiRequest(app, 'POST', '/api/collections', { token: hoarder, body: { title: `List ${i}` } }),
      );
      const response = await apiRequest(app, 'POST', `/api/collections/${created.slug}/items`, {
        token: hoarder,
        body: { item: { id: '2608.00001', type: 'paper' } },
      });
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, [...Array(limit).fill(200), 429]);
  });
});
