import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import {
  addCollectionPaper,
  createCollection,
  deleteCollection,
  removeCollectionPaper,
} from '../../src/store/collections.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { getReaderModel, listStaleReaders, saveReaderModel } from '../../src/store/reader-models.js';
import {
  deleteReaderData,
  exportReaderData,
  feedbackOnPapers,
  followTopic,
  listFeedback,
  listFollows,
  MAX_FOLLOWS,
  readerSignals,
  setFeedback,
  unfollowTopic,
} from '../../src/store/reader-signals.js';
import { createUser, deleteUserAccount, type User } from '../../src/store/users.js';
import { setVote } from '../../src/store/votes.js';
import { boardRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const at = (minute: number) => new Date(Date.UTC(2026, 7, 21, 12, minute)).toISOString();

eachDialect('reader signals', (dialect) => {
  let t: TestDatabase;
  let reader: User;
  let other: User;
  const ids: number[] = [];
  before(async () => {
    t = await createTestDatabase(dialect);
    const records = [1, 2, 3, 4].map((n) =>
      boardRecord({ arxivId: `2608.0000${n}`, title: `Paper ${n}`, abstract: `Abstract ${n}` }),
    );
    await upsertPapers(t, records, at(0));
    for (const r of records) ids.push((await getPaper(t.db, r.arxivId))?.id as number);
    const user = (n: string) =>
      createUser(t.db, { email: `${n}@example.org`, usernameBase: n, displayName: n, now: at(0) });
    reader = await user('reader');
    other = await user('other');
  });
  after(async () => {
    await t.destroy();
  });

  const version = async (userId: number) => (await getReaderModel(t.db, userId))?.signalVersion ?? 0;

  it('feedback is a desired state: set, change, repeat (no change), clear', async () => {
    const [a, b] = ids as [number, number];
    assert.equal(await setFeedback(t.db, reader.id, a, 'more', at(1)), true);
    assert.equal(await version(reader.id), 1);
    assert.equal(await setFeedback(t.db, reader.id, a, 'more', at(2)), false, 'already so');
    assert.equal(await version(reader.id), 1, 'no change, no new version');
    assert.equal(await setFeedback(t.db, reader.id, a, 'less', at(3)), true);
    assert.equal(await setFeedback(t.db, reader.id, b, 'less', at(4)), true);
    assert.equal(await version(reader.id), 3);
    assert.deepEqual(
      (await listFeedback(t.db, reader.id)).map((f) => [f.paperId, f.kind, f.title, f.at]),
      [
        [b, 'less', 'Paper 2', at(4)],
        [a, 'less', 'Paper 1', at(3)],
      ],
    );
    assert.equal(await setFeedback(t.db, reader.id, b, null, at(5)), true);
    assert.equal(await setFeedback(t.db, reader.id, b, null, at(6)), false);
    assert.deepEqual([...(await feedbackOnPapers(t.db, reader.id, [a, b]))], [[a, 'less']]);
    assert.deepEqual(await listFeedback(t.db, other.id), [], 'private to each reader');
  });

  it('follows: normalised, idempotent, capped, and unfollowed', async () => {
    const before = await version(reader.id);
    assert.deepEqual(
      await followTopic(t.db, reader.id, { kind: 'author', value: '  Ada   Lovelace ' }, at(7)),
      {
        ok: true,
        changed: true,
      },
    );
    assert.deepEqual(await followTopic(t.db, reader.id, { kind: 'author', value: 'Ada Lovelace' }, at(8)), {
      ok: true,
      changed: false,
    });
    assert.deepEqual(await followTopic(t.db, reader.id, { kind: 'category', value: 'cs.LG' }, at(9)), {
      ok: true,
      changed: true,
    });
    assert.deepEqual(await followTopic(t.db, reader.id, { kind: 'category', value: '   ' }, at(9)), {
      ok: false,
      reason: 'invalid',
    });
    assert.equal(await version(reader.id), before + 2);
    assert.deepEqual(
      (await listFollows(t.db, reader.id)).map((f) => [f.kind, f.value]),
      [
        ['category', 'cs.LG'],
        ['author', 'Ada Lovelace'],
      ],
    );
    assert.equal(await unfollowTopic(t.db, other.id, { kind: 'category', value: 'cs.LG' }, at(10)), false);
    assert.equal(await unfollowTopic(t.db, reader.id, { kind: 'category', value: 'cs.LG' }, at(10)), true);
    for (let i = 0; i < MAX_FOLLOWS; i += 1) {
      await followTopic(t.db, other.id, { kind: 'author', value: `Author ${i}` }, at(11));
    }
    assert.deepEqual(await followTopic(t.db, other.id, { kind: 'author', value: 'One more' }, at(12)), {
      ok: false,
      reason: 'too_many',
    });
  });

  it('saving, unsaving, deleting a list and voting raise the version; readerSignals reads them all', async () => {
    const [a, , c, d] = ids as [number, number, number, number];
    let v = await version(reader.id);
    const list = await createCollection(t, {
      userId: reader.id,
      name: 'Transformers',
      description: '',
      isPublic: false,
      now: at(20),
      maxPerReader: 10,
      paperId: c,
    });
    assert.ok(list.ok);
    v += 1;
    assert.equal(await version(reader.id), v, 'a new list with a paper');
    await addCollectionPaper(t, { collectionId: list.id, paperId: d, now: at(21), maxPapers: 10 });
    v += 1;
    assert.equal(await version(reader.id), v);
    await setVote(t, { userId: reader.id, paperId: a, isUp: true, now: at(22) });
    v += 1;
    assert.equal(await version(reader.id), v);
    await setVote(t, { userId: reader.id, paperId: a, isUp: true, now: at(23) });
    assert.equal(await version(reader.id), v, 'a repeated vote changes nothing');
    const signals = await readerSignals(t.db, reader.id);
    assert.deepEqual(
      signals.saved.map((s) => [s.paperId, s.listId, s.listName, s.title, s.at]),
      [
        [d, list.id, 'Transformers', 'Paper 4', at(21)],
        [c, list.id, 'Transformers', 'Paper 3', at(20)],
      ],
    );
    assert.deepEqual(
      signals.upvoted.map((s) => [s.paperId, s.title, s.at]),
      [[a, 'Paper 1', at(22)]],
    );
    assert.deepEqual(
      signals.feedback.map((f) => [f.paperId, f.kind]),
      [[a, 'less']],
    );
    assert.deepEqual(
      signals.follows.map((f) => [f.kind, f.value]),
      [['author', 'Ada Lovelace']],
    );
    assert.deepEqual(
      (await readerSignals(t.db, reader.id, { limit: 1 })).saved.map((s) => s.paperId),
      [d],
      'the most recent first under a cap',
    );
    await removeCollectionPaper(t, { collectionId: list.id, paperId: d, now: at(24) });
    v += 1;
    assert.equal(await version(reader.id), v);
    assert.ok(await deleteCollection(t.db, list.id, at(25)));
    v += 1;
    assert.equal(await version(reader.id), v);
    assert.deepEqual((await readerSignals(t.db, reader.id)).saved, []);
  });

  it('a stored model is stale until trained at the signal version, or under another embedding model', async () => {
    const v = await version(reader.id);
    assert.ok((await listStaleReaders(t.db, { modelKey: 'lsa-1', limit: 10 })).includes(reader.id));
    await saveReaderModel(t.db, reader.id, {
      trainedVersion: v,
      model: JSON.stringify({ trainedOn: { positives: 2, negatives: 40 } }),
      modelKey: 'lsa-1',
      now: at(30),
    });
    assert.ok(!(await listStaleReaders(t.db, { modelKey: 'lsa-1', limit: 10 })).includes(reader.id));
    assert.ok((await listStaleReaders(t.db, { modelKey: 'lsa-2', limit: 10 })).includes(reader.id));
    await saveReaderModel(t.db, reader.id, {
      trainedVersion: v - 1,
      model: '{}',
      modelKey: 'old',
      now: at(31),
    });
    assert.equal(
      (await getReaderModel(t.db, reader.id))?.modelKey,
      'lsa-1',
      'an older training does not win',
    );
    await setFeedback(t.db, reader.id, ids[2] as number, 'more', at(32));
    assert.ok((await listStaleReaders(t.db, { modelKey: 'lsa-1', limit: 10 })).includes(reader.id));
  });

  it('export returns every signal and the model summary, as JSON', async () => {
    const exported = JSON.parse(JSON.stringify(await exportReaderData(t.db, reader.id)));
    assert.deepEqual(
      exported.feedback.map((f: { paperId: number; kind: string }) => [f.paperId, f.kind]),
      [
        [ids[2], 'more'],
        [ids[0], 'less'],
      ],
    );
    assert.equal(exported.upvoted[0].arxivId, '2608.00001');
    assert.deepEqual(
      exported.follows.map((f: { value: string }) => f.value),
      ['Ada Lovelace'],
    );
    assert.equal(exported.model.isCurrent, false, 'signals changed after training');
    assert.deepEqual(exported.model.trainedOn, { positives: 2, negatives: 40 });
    assert.equal(exported.model.modelKey, 'lsa-1');
  });

  it('deleteReaderData removes feedback, follows and model; lists and votes stay', async () => {
    await deleteReaderData(t.db, reader.id);
    const exported = await exportReaderData(t.db, reader.id);
    assert.deepEqual([exported.feedback, exported.follows, exported.model], [[], [], null]);
    assert.equal(exported.upvoted.length, 1);
    assert.ok((await listFollows(t.db, other.id)).length > 0, "another reader's data stays");
  });

  it('deleting the account deletes its signals and model, and withdraws its upvotes from the counts', async () => {
    await setFeedback(t.db, other.id, ids[0] as number, 'more', at(40));
    await saveReaderModel(t.db, other.id, { trainedVersion: 1, model: '{}', modelKey: null, now: at(41) });
    const paperId = ids[1] as number;
    const votesOf = async () =>
      (
        await t.db
          .selectFrom('papers')
          .select('community_votes')
          .where('id', '=', paperId)
          .executeTakeFirstOrThrow()
      ).community_votes;
    await setVote(t, { userId: other.id, paperId, isUp: true, now: at(42) });
    const before = await votesOf();
    assert.equal(await deleteUserAccount(t, other.id, at(43)), true);
    assert.equal(await votesOf(), before - 1);
    for (const table of ['reader_feedback', 'reader_follows', 'reader_models'] as const) {
      const rows = await t.db.selectFrom(table).select('user_id').where('user_id', '=', other.id).execute();
      assert.deepEqual(rows, [], table);
    }
  });
});
