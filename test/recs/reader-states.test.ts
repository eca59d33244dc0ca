// Readers' states read together: each reader gets exactly their own signals and model, the same as
// reading them alone, whether primed in a batch or not; a reader without signals gets empty ones.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { loadReaderStates, ReaderStateLoader } from '../../src/recs/reader-states.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { followTopic, setFeedback } from '../../src/store/reader-signals.js';
import { createUser } from '../../src/store/users.js';
import { setVote } from '../../src/store/votes.js';
import { hfRecords } from '../api/hf-data.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const NOW = '2026-08-22T09:00:00Z';

eachDialect('reader states', (dialect) => {
  let t: TestDatabase;
  const users: number[] = [];
  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, hfRecords(['2024-05-27']), NOW);
    const a = (await getPaper(t.db, '2405.15223'))?.id as number;
    const b = (await getPaper(t.db, '2405.14908'))?.id as number;
    for (const n of [1, 2, 3]) {
      const user = await createUser(t.db, {
        email: `s${n}@example.org`,
        usernameBase: `s${n}`,
        displayName: 'S',
        now: NOW,
      });
      users.push(user.id);
    }
    await setVote(t, { userId: users[0] as number, paperId: a, isUp: true, now: NOW });
    await setFeedback(t.db, users[0] as number, b, 'less', NOW);
    await setVote(t, { userId: users[1] as number, paperId: b, isUp: true, now: NOW });
    await followTopic(t.db, users[1] as number, { kind: 'category', value: 'cs.CL' }, NOW);
  });
  after(async () => {
    await t.destroy();
  });

  it('a batch gives each reader what reading them alone gives', async () => {
    const together = await loadReaderStates(t.db, users);
    for (const id of users) {
      const alone = (await loadReaderStates(t.db, [id])).get(id);
      assert.deepEqual(together.get(id)?.signals, alone?.signals);
      assert.deepEqual(together.get(id)?.stored, alone?.stored);
    }
    const [first, second, third] = users.map((id) => together.get(id));
    assert.deepEqual(
      first?.signals.upvoted.map((u) => u.arxivId),
      ['2405.15223'],
    );
    assert.deepEqual(
      first?.signals.feedback.map((f) => [f.arxivId, f.kind]),
      [['2405.14908', 'less']],
    );
    assert.deepEqual(
      second?.signals.upvoted.map((u) => u.arxivId),
      ['2405.14908'],
    );
    assert.deepEqual(
      second?.signals.follows.map((f) => f.value),
      ['cs.CL'],
    );
    assert.deepEqual(third?.signals, { saved: [], upvoted: [], feedback: [], follows: [] });
    assert.equal(third?.stored, undefined);
    // The readers' own papers have features: the liked one and the "not interested" one.
    assert.ok(first?.own.has((await getPaper(t.db, '2405.15223'))?.id as number));
    assert.ok(first?.own.has((await getPaper(t.db, '2405.14908'))?.id as number));
  });

  it('the loader serves primed readers from their batch and others alone', async () => {
    const loader = new ReaderStateLoader(t.db);
    loader.prime(users.slice(0, 2));
    const primed = await loader.load(users[1] as number);
    const unprimed = await loader.load(users[2] as number);
    assert.deepEqual(
      primed.signals.follows.map((f) => f.value),
      ['cs.CL'],
    );
    assert.deepEqual(unprimed.signals.upvoted, []);
    // Taken once: a second load reads again and sees a change made since.
    await followTopic(t.db, users[1] as number, { kind: 'author', value: 'Ada Lovelace' }, NOW);
    assert.equal((await loader.load(users[1] as number)).signals.follows.length, 2);
  });
});
