// Reading lists in the store, on both databases: create (with a first paper), one name per owner,
// the per-reader and per-list caps checked inside the write transaction (also under concurrent
// calls), adding twice, removing, ordering, the owner's and the paper page's reads, and cascades.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import {
  addCollectionPaper,
  collectionsHoldingPaper,
  createCollection,
  deleteCollection,
  getCollection,
  listCollectionPapers,
  listUserCollections,
  removeCollectionPaper,
  updateCollection,
} from '../../src/store/collections.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createUser, type User } from '../../src/store/users.js';
import { boardRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const at = (minute: number) => new Date(Date.UTC(2026, 7, 21, 12, minute)).toISOString();

eachDialect('collections store', (dialect) => {
  let t: TestDatabase;
  let ada: User;
  let alan: User;
  const paperIds: number[] = [];
  const list = (name: string, extra: { isPublic?: boolean; paperId?: number; now?: string } = {}) =>
    createCollection(t, {
      userId: ada.id,
      name,
      description: '',
      isPublic: extra.isPublic ?? false,
      now: extra.now ?? at(0),
      maxPerReader: 5,
      ...(extra.paperId === undefined ? {} : { paperId: extra.paperId }),
    });
  const idOf = (result: Awaited<ReturnType<typeof list>>) => {
    assert.ok(result.ok, JSON.stringify(result));
    return result.id;
  };

  before(async () => {
    t = await createTestDatabase(dialect);
    const ids = ['2608.00001', '2608.00002', '2608.00003', '2608.00004'];
    await upsertPapers(
      t,
      ids.map((arxivId) => boardRecord({ arxivId })),
      at(0),
    );
    for (const id of ids) paperIds.push((await getPaper(t.db, id))?.id as number);
    ada = await createUser(t.db, {
      email: 'ada@example.org',
      usernameBase: 'ada',
      displayName: 'Ada',
      now: at(0),
    });
    alan = await createUser(t.db, {
      email: 'alan@example.org',
      usernameBase: 'alan',
      displayName: 'Alan',
      now: at(0),
    });
  });
  after(async () => {
    await t.destroy();
  });

  it('creates a list with its owner, fields and a first paper', async () => {
    const id = idOf(await list('To read', { isPublic: true, paperId: paperIds[0] as number, now: at(1) }));
    const stored = await getCollection(t.db, id);
    assert.deepEqual(stored, {
      id,
      ownerId: ada.id,
      owner: { username: 'ada', displayName: 'Ada', isBanned: false },
      name: 'To read',
      description: '',
      isPublic: true,
      createdAt: at(1),
      updatedAt: at(1),
      paperCount: 1,
    });
    const entries = await listCollectionPapers(t.db, id, 200);
    assert.deepEqual(
      entries.map((e) => [e.paper.arxivId, e.addedAt]),
      [['2608.00001', at(1)]],
    );
    assert.equal(await getCollection(t.db, 999_999), undefined);
  });

  it('keeps one name per owner (exact), but another reader may use it', async () => {
    assert.deepEqual(await list('To read'), { ok: false, reason: 'name_taken' });
    const mine = idOf(await list('to read'));
    const theirs = await createCollection(t, {
      userId: alan.id,
      name: 'To read',
      description: 'Alan’s',
      isPublic: false,
      now: at(2),
      maxPerReader: 5,
    });
    assert.ok(theirs.ok);
    assert.deepEqual(
      await updateCollection(t, { id: mine, name: 'To read', description: '', isPublic: false, now: at(2) }),
      { ok: false, reason: 'name_taken' },
    );
    assert.deepEqual(
      await updateCollection(t, { id: 999_999, name: 'X', description: '', isPublic: false, now: at(2) }),
      { ok: false, reason: 'not_found' },
    );
    assert.ok(await deleteCollection(t.db, mine, at(50)));
  });

  it('stops at the per-reader cap, also when creates race', async () => {
    // Ada has one list; four concurrent creates may make at most four more (cap 5).
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => list(`Race ${n}`, { now: at(3) })));
    assert.equal(results.filter((r) => r.ok).length, 4);
    assert.deepEqual(
      results.filter((r) => !r.ok),
      [
        { ok: false, reason: 'too_many' },
        { ok: false, reason: 'too_many' },
      ],
    );
    assert.equal((await listUserCollections(t.db, ada.id, { isPublicOnly: false })).length, 5);
    for (const c of await listUserCollections(t.db, ada.id, { isPublicOnly: false })) {
      if (c.name.startsWith('Race')) await deleteCollection(t.db, c.id, at(50));
    }
  });

  it('adds a paper once, newest first, and refuses past the per-list cap', async () => {
    const id = idOf(await list('Small', { now: at(4) }));
    const add = (paperId: number, minute: number) =>
      addCollectionPaper(t, { collectionId: id, paperId, now: at(minute), maxPapers: 2 });
    assert.deepEqual(await add(paperIds[0] as number, 5), { ok: true, id, isAdded: true });
    assert.deepEqual(await add(paperIds[1] as number, 6), { ok: true, id, isAdded: true });
    assert.deepEqual(
      await add(paperIds[0] as number, 7),
      { ok: true, id, isAdded: false },
      'already there: no change',
    );
    assert.deepEqual(await add(paperIds[2] as number, 8), { ok: false, reason: 'full' });
    const entries = await listCollectionPapers(t.db, id, 200);
    assert.deepEqual(
      entries.map((e) => [e.paper.arxivId, e.addedAt]),
      [
        ['2608.00002', at(6)],
        ['2608.00001', at(5)],
      ],
    );
    assert.equal((await getCollection(t.db, id))?.updatedAt, at(6), 'a no-op add leaves updatedAt');
    assert.equal((await listCollectionPapers(t.db, id, 1)).length, 1);
  });

  it('removes a paper (false when it was not there) and bumps updatedAt', async () => {
    const [small] = (await listUserCollections(t.db, ada.id, { isPublicOnly: false })).filter(
      (c) => c.name === 'Small',
    );
    assert.ok(small);
    const remove = (paperId: number, minute: number) =>
      removeCollectionPaper(t, { collectionId: small.id, paperId, now: at(minute) });
    assert.equal(await remove(paperIds[0] as number, 9), true);
    assert.equal(await remove(paperIds[0] as number, 10), false);
    const after = await getCollection(t.db, small.id);
    assert.equal(after?.paperCount, 1);
    assert.equal(after?.updatedAt, at(9));
  });

  it('lists a reader’s lists most recently changed first, public only for others', async () => {
    const all = await listUserCollections(t.db, ada.id, { isPublicOnly: false });
    assert.deepEqual(
      all.map((c) => [c.name, c.paperCount]),
      [
        ['Small', 1],
        ['To read', 1],
      ],
    );
    const shown = await listUserCollections(t.db, ada.id, { isPublicOnly: true });
    assert.deepEqual(
      shown.map((c) => c.name),
      ['To read'],
    );
    assert.equal((await listUserCollections(t.db, alan.id, { isPublicOnly: true })).length, 0);
  });

  it('tells which of a reader’s lists hold a paper (not other readers’ lists)', async () => {
    const [small, toRead] = await listUserCollections(t.db, ada.id, { isPublicOnly: false });
    assert.ok(small && toRead);
    const [alans] = await listUserCollections(t.db, alan.id, { isPublicOnly: false });
    assert.ok(alans);
    await addCollectionPaper(t, {
      collectionId: alans.id,
      paperId: paperIds[1] as number,
      now: at(11),
      maxPapers: 5,
    });
    assert.deepEqual([...(await collectionsHoldingPaper(t.db, ada.id, paperIds[1] as number))], [small.id]);
    assert.deepEqual([...(await collectionsHoldingPaper(t.db, ada.id, paperIds[0] as number))], [toRead.id]);
    assert.deepEqual([...(await collectionsHoldingPaper(t.db, ada.id, paperIds[3] as number))], []);
  });

  it('deleting a list deletes its entries, not the papers; a deleted account takes its lists along', async () => {
    const id = idOf(await list('Doomed', { paperId: paperIds[3] as number, now: at(12) }));
    assert.ok(await deleteCollection(t.db, id, at(50)));
    assert.equal(await deleteCollection(t.db, id, at(50)), false);
    const left = await sql<{
      n: number;
    }>`select count(*) as n from collection_papers where collection_id = ${id}`.execute(t.db);
    assert.equal(Number(left.rows[0]?.n), 0);
    assert.ok(await getPaper(t.db, '2608.00004'));
    await sql`delete from users where id = ${alan.id}`.execute(t.db);
    const alansLeft = await sql<{
      n: number;
    }>`select count(*) as n from collections where user_id = ${alan.id}`.execute(t.db);
    assert.equal(Number(alansLeft.rows[0]?.n), 0);
  });

  it('reports a banned owner (pages hide their public lists like their profile)', async () => {
    await sql`update users set banned_at = ${at(13)} where id = ${ada.id}`.execute(t.db);
    const [first] = await listUserCollections(t.db, ada.id, { isPublicOnly: false });
    assert.equal(first?.owner.isBanned, true);
    await sql`update users set banned_at = null where id = ${ada.id}`.execute(t.db);
  });
});
