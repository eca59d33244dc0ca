// "For you" over real Hugging Face daily papers with real (hashing) vectors: a reader's saved papers
// decide the ranking, new signals change it, "not interested" removes a paper and its near duplicate,
// every reason names one of the reader's signals. Requests never train: they answer from the stored
// model (or the reader's papers before the first) and ask the retraining job, which takes the asked-for
// readers first; deletion leaves no model behind.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { retrainStaleReaders } from '../../src/jobs/reader-models-job.js';
import { silentLogger } from '../../src/lib/logger.js';
import { recommendForReader } from '../../src/recs/recommend.js';
import type { RecommendDeps } from '../../src/recs/types.js';
import { addCollectionPaper, createCollection } from '../../src/store/collections.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { getReaderModel, listStaleReaders } from '../../src/store/reader-models.js';
import { deleteReaderData, followTopic, readerSignals, setFeedback } from '../../src/store/reader-signals.js';
import { createUser, deleteUserAccount, type User } from '../../src/store/users.js';
import { setVote } from '../../src/store/votes.js';
import { hfRecords } from '../api/hf-data.js';
import { boardRecord } from '../helpers/factories.js';
import { embedAllWithHashing } from '../helpers/hashing-embedder.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const NOW = new Date('2026-08-22T09:00:00Z');
const WINDOW = { from: new Date('2026-08-20T00:00:00Z'), to: new Date('2026-08-22T00:00:00Z') };
/** Three 2024 papers on video, 3D and world models. */
const VISION = ['2405.15223', '2405.14979', '2405.15125'];
/** Three 2024 papers on language-model training. */
const LANGUAGE = ['2405.14908', '2405.15319', '2405.15032'];
const FORGE_WM = '2608.14022';
/** FORGE_WM again under another id (a re-submission): a near duplicate. */
const FORGE_COPY = '2608.99001';

eachDialect('recommendations', (dialect) => {
  let t: TestDatabase;
  let deps: RecommendDeps;
  let counter = 0;
  const idOf = async (arxivId: string) => (await getPaper(t.db, arxivId))?.id as number;
  const newReader = async (): Promise<User> => {
    counter += 1;
    return createUser(t.db, {
      email: `r${counter}@example.org`,
      usernameBase: `r${counter}`,
      displayName: `R${counter}`,
      now: NOW.toISOString(),
    });
  };
  const save = async (reader: User, name: string, arxivIds: string[]) => {
    const list = await createCollection(t, {
      userId: reader.id,
      name,
      description: '',
      isPublic: false,
      now: NOW.toISOString(),
      maxPerReader: 10,
    });
    assert.ok(list.ok);
    for (const arxivId of arxivIds) {
      await addCollectionPaper(t, {
        collectionId: list.id,
        paperId: await idOf(arxivId),
        now: NOW.toISOString(),
        maxPapers: 100,
      });
    }
    return list.id;
  };
  const ranking = async (reader: User) => {
    const page = await recommendForReader(deps, reader.id, { ...WINDOW, limit: 100, offset: 0 });
    const arxiv = new Map<number, string>();
    for (const item of page.items) {
      const row = await t.db
        .selectFrom('papers')
        .select('arxiv_id')
        .where('id', '=', item.paperId)
        .executeTakeFirstOrThrow();
      arxiv.set(item.paperId, row.arxiv_id);
    }
    return { page, order: page.items.map((i) => arxiv.get(i.paperId) as string) };
  };

  before(async () => {
    t = await createTestDatabase(dialect);
    const records = hfRecords(['2024-05-27', '2026-08-20', '2026-08-21']);
    const forge = records.find((r) => r.arxivId === FORGE_WM);
    assert.ok(forge);
    records.push(
      boardRecord({
        arxivId: FORGE_COPY,
        title: `${forge.title} (extended version)`,
        abstract: forge.abstract,
        authors: forge.authors,
        board: { date: '2026-08-21', submittedBy: 'someone', submittedAt: '2026-08-21T09:00:00Z' },
      }),
    );
    await upsertPapers(t, records, NOW.toISOString());
    await embedAllWithHashing(t, NOW);
    deps = { database: t, log: silentLogger(), now: () => NOW };
  });
  after(async () => {
    await t.destroy();
  });

  it('is cold below three positive signals, and ranks the window once there are three', async () => {
    const reader = await newReader();
    await setVote(t, {
      userId: reader.id,
      paperId: await idOf(VISION[0] as string),
      isUp: true,
      now: NOW.toISOString(),
    });
    await followTopic(t.db, reader.id, { kind: 'category', value: 'cs.CV' }, NOW.toISOString());
    assert.deepEqual(await recommendForReader(deps, reader.id, { ...WINDOW, limit: 10, offset: 0 }), {
      state: 'cold',
      items: [],
      total: 0,
      isUpdating: false,
    });
    await setVote(t, {
      userId: reader.id,
      paperId: await idOf(VISION[1] as string),
      isUp: true,
      now: NOW.toISOString(),
    });
    const { page } = await ranking(reader);
    assert.equal(page.state, 'ready');
    // Both board days (15 + 17 papers, one on both days) and the copy, none of them the reader's own.
    assert.equal(page.total, 33);
  });

  it("ranks by the reader's saved papers, and a reader with other papers gets another ranking", async () => {
    const vision = await newReader();
    const language = await newReader();
    await save(vision, 'Vision', VISION);
    await save(language, 'Language', LANGUAGE);
    await retrainStaleReaders(deps);
    const a = await ranking(vision);
    const b = await ranking(language);
    assert.notDeepEqual(a.order.slice(0, 5), b.order.slice(0, 5));
    // The video world-model paper is the vision reader's kind of paper, not the language reader's.
    assert.ok(
      a.order.indexOf(FORGE_WM) < b.order.indexOf(FORGE_WM),
      `${a.order.indexOf(FORGE_WM)} vs ${b.order.indexOf(FORGE_WM)}`,
    );
    assert.ok(a.order.indexOf(FORGE_WM) < 5, `vision reader ranks it ${a.order.indexOf(FORGE_WM)}`);
  });

  it("before the first model a request ranks by closeness to the reader's papers, without training", async () => {
    const reader = await newReader();
    const language = await newReader();
    await save(reader, 'Vision', VISION);
    await save(language, 'Language', LANGUAGE);
    const { page, order } = await ranking(reader);
    assert.equal(page.isUpdating, true);
    const other = await ranking(language);
    assert.ok(
      order.indexOf(FORGE_WM) < other.order.indexOf(FORGE_WM),
      `${order.indexOf(FORGE_WM)} vs ${other.order.indexOf(FORGE_WM)}`,
    );
    assert.ok(page.items.every((i) => i.reasons[0]?.kind === 'like-saved'));
    // The score is the closeness to the paper the reason names: highest first.
    const scores = page.items.map((i) => i.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    assert.ok((scores[0] ?? 0) > 0 && (scores[0] ?? 0) <= 1);
    const stored = await getReaderModel(t.db, reader.id);
    assert.equal(stored?.model, null, 'nothing was trained');
    assert.equal(stored?.trainedAt, null);
    assert.equal(stored?.wantedAt, NOW.toISOString(), 'the job is asked');
  });

  it('a signal change is answered at once from the old model; the job retrains, the next request follows', async () => {
    const reader = await newReader();
    await save(reader, 'Vision', VISION);
    await retrainStaleReaders(deps);
    const first = await ranking(reader);
    assert.equal(first.page.isUpdating, false);
    const stored = await getReaderModel(t.db, reader.id);
    assert.equal(stored?.trainedVersion, stored?.signalVersion);
    assert.equal(stored?.modelKey, 'hash-64');
    assert.equal(stored?.wantedAt, null);
    // Another reader changed their signals earlier but is not looking: the one who asks goes first.
    const idle = await newReader();
    await save(idle, 'Language', LANGUAGE);
    for (const arxivId of LANGUAGE) {
      await setVote(t, {
        userId: reader.id,
        paperId: await idOf(arxivId),
        isUp: true,
        now: NOW.toISOString(),
      });
    }
    // The request runs on a later clock: any model write would show in trained_at.
    const later = new Date(NOW.getTime() + 60_000);
    const laterDeps = { ...deps, now: () => later };
    const stale = await recommendForReader(laterDeps, reader.id, { ...WINDOW, limit: 100, offset: 0 });
    assert.equal(stale.isUpdating, true);
    assert.deepEqual(
      stale.items.map((i) => i.paperId),
      first.page.items.map((i) => i.paperId),
      'ranked by the old model',
    );
    const asked = await getReaderModel(t.db, reader.id);
    assert.deepEqual(
      [asked?.model, asked?.trainedVersion, asked?.trainedAt],
      [stored?.model, stored?.trainedVersion, stored?.trainedAt],
      'no model was written during the request',
    );
    assert.equal(asked?.signalVersion, (stored?.signalVersion ?? 0) + 3);
    assert.equal(asked?.wantedAt, later.toISOString());
    assert.deepEqual(await listStaleReaders(t.db, { modelKey: 'hash-64', limit: 2 }), [reader.id, idle.id]);
    assert.equal((await retrainStaleReaders(laterDeps, { limit: 1 })).retrained, 1);
    const retrained = await getReaderModel(t.db, reader.id);
    assert.equal(retrained?.trainedVersion, asked?.signalVersion);
    assert.equal(retrained?.trainedAt, later.toISOString());
    assert.equal(retrained?.wantedAt, null, 'answered');
    assert.equal((await getReaderModel(t.db, idle.id))?.model, null, 'the idle reader waits its turn');
    const second = await ranking(reader);
    assert.equal(second.page.isUpdating, false);
    assert.notDeepEqual(second.order, first.order);
  });

  it('"not interested" removes the paper and its near duplicate, not merely related papers', async () => {
    const reader = await newReader();
    await save(reader, 'Vision', VISION);
    const before = await ranking(reader);
    assert.ok(before.order.includes(FORGE_WM) && before.order.includes(FORGE_COPY));
    assert.ok(before.order.includes('2608.20335'), 'a related video paper');
    await setFeedback(t.db, reader.id, await idOf(FORGE_WM), 'less', NOW.toISOString());
    const after = await ranking(reader);
    assert.ok(!after.order.includes(FORGE_WM));
    assert.ok(!after.order.includes(FORGE_COPY), 'the near duplicate goes with it');
    assert.ok(after.order.includes('2608.20335'), 'a related paper stays');
    assert.equal(after.page.total, before.page.total - 2);
  });

  it("every reason names one of the reader's own signals", async () => {
    const reader = await newReader();
    const listId = await save(reader, 'Worlds & meshes', VISION);
    await followTopic(t.db, reader.id, { kind: 'author', value: 'xinye li' }, NOW.toISOString());
    const { page, order } = await ranking(reader);
    const signals = await readerSignals(t.db, reader.id);
    for (const item of page.items) {
      assert.ok(item.reasons.length > 0);
      for (const reason of item.reasons) {
        if (reason.kind === 'like-saved') {
          const saved = signals.saved.find((s) => s.paperId === reason.paperId);
          assert.deepEqual(
            [saved?.title, saved?.listName, saved?.listId],
            [reason.title, reason.listName, listId],
          );
        } else if (reason.kind === 'followed-author') {
          assert.equal(reason.name, 'xinye li');
          assert.ok([FORGE_WM, FORGE_COPY].includes(order[page.items.indexOf(item)] as string));
        } else {
          assert.fail(`unexpected reason ${reason.kind}`);
        }
      }
    }
    // ForgeWM's first author is followed: it comes first, saying so.
    assert.ok([FORGE_WM, FORGE_COPY].includes(order[0] as string));
    assert.deepEqual(page.items[0]?.reasons[0], { kind: 'followed-author', name: 'xinye li' });
  });

  it('the retraining job trains stale models; deletion leaves no signals or model', async () => {
    const reader = await newReader();
    await save(reader, 'Vision', VISION);
    assert.equal((await getReaderModel(t.db, reader.id))?.model, null);
    const result = await retrainStaleReaders(deps);
    assert.ok(result.retrained >= 1);
    const trained = await getReaderModel(t.db, reader.id);
    assert.ok(trained?.model);
    assert.equal(trained.trainedVersion, trained.signalVersion);
    assert.equal((await retrainStaleReaders(deps)).retrained, 0, 'nothing stale is left');
    await deleteReaderData(t.db, reader.id);
    assert.equal(await getReaderModel(t.db, reader.id), undefined);
    assert.equal((await ranking(reader)).page.isUpdating, true);
    assert.equal((await getReaderModel(t.db, reader.id))?.model, null, 'not trained by the request');
    await retrainStaleReaders(deps);
    assert.ok(
      (await getReaderModel(t.db, reader.id))?.model,
      'the lists remain, so the job trains a model again',
    );
    assert.ok(await deleteUserAccount(t, reader.id, new Date().toISOString()));
    assert.equal(await getReaderModel(t.db, reader.id), undefined);
  });
});
