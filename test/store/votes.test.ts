import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { placementTime, trendingScore } from '../../src/model/trending.js';
import { listChangesSince } from '../../src/store/changes.js';
import { getPaper, listBoard } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { getIndexablePapers } from '../../src/store/search-feed.js';
import { createSession, findSessionUserAndVotes } from '../../src/store/sessions.js';
import { createUser, type User } from '../../src/store/users.js';
import { setVote, votedPaperIds } from '../../src/store/votes.js';
import { boardRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const NOW = '2026-08-21T12:00:00.000Z';

eachDialect('votes', (dialect) => {
  let t: TestDatabase;
  let users: User[];
  let paperId: number;
  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, [boardRecord({ arxivId: '2608.00001', community: { upvotes: 12 } })], NOW);
    paperId = (await getPaper(t.db, '2608.00001'))?.id as number;
    users = [];
    for (let i = 0; i < 100; i += 1) {
      users.push(
        await createUser(t.db, {
          email: `u${i}@example.org`,
          usernameBase: `u${i}`,
          displayName: `U${i}`,
          now: NOW,
        }),
      );
    }
  });
  after(async () => {
    await t.destroy();
  });

  it('100 different readers voting at once add exactly 100 to the imported count', async () => {
    const results = await Promise.all(
      users.map((u) => setVote(t, { userId: u.id, paperId, isUp: true, now: NOW })),
    );
    assert.ok(results.every((r) => r.changed && r.voted));
    const paper = await getPaper(t.db, '2608.00001');
    assert.equal(paper?.upvotes, 112);
    assert.equal(Math.max(...results.map((r) => r.upvotes)), 112);
  });

  it('the same reader voting twice at once counts once; unvoting twice takes one away', async () => {
    const [a, b] = await Promise.all([
      setVote(t, { userId: users[0]?.id as number, paperId, isUp: true, now: NOW }),
      setVote(t, { userId: users[0]?.id as number, paperId, isUp: true, now: NOW }),
    ]);
    assert.deepEqual([a.changed, b.changed], [false, false], 'already voted above');
    assert.equal((await getPaper(t.db, '2608.00001'))?.upvotes, 112);
    const off = await Promise.all([
      setVote(t, { userId: users[1]?.id as number, paperId, isUp: false, now: NOW }),
      setVote(t, { userId: users[1]?.id as number, paperId, isUp: false, now: NOW }),
    ]);
    assert.equal(off.filter((r) => r.changed).length, 1);
    assert.equal((await getPaper(t.db, '2608.00001'))?.upvotes, 111);
    assert.deepEqual(await votedPaperIds(t.db, users[1]?.id as number, [paperId]), new Set());
    assert.deepEqual(await votedPaperIds(t.db, users[2]?.id as number, [paperId]), new Set([paperId]));
  });

  it('keeps the trending score, the search index feed and the change log in step with the votes', async () => {
    const before = (await listChangesSince(t.db, 0, 100_000)).length;
    await setVote(t, { userId: users[1]?.id as number, paperId, isUp: true, now: NOW });
    const [entry] = (await listBoard(t.db, { limit: 1, offset: 0, order: 'trending' })).items;
    assert.equal(entry?.upvotes, 112);
    assert.equal(
      entry?.trendingScore,
      trendingScore(112, placementTime(entry?.board as NonNullable<typeof entry>['board'] & {})),
    );
    assert.equal((await getIndexablePapers(t.db, [paperId]))[0]?.upvotes, 112);
    assert.equal((await listChangesSince(t.db, 0, 100_000)).length, before + 1);
  });

  it('a re-import of the HF data keeps readers’ votes on top of the (monotonic) imported count', async () => {
    await upsertPapers(t, [boardRecord({ arxivId: '2608.00001', community: { upvotes: 20 } })], NOW);
    const paper = await getPaper(t.db, '2608.00001');
    assert.equal(paper?.upvotes, 120);
    const [entry] = (await listBoard(t.db, { limit: 1, offset: 0, order: 'trending' })).items;
    assert.equal(
      entry?.trendingScore,
      trendingScore(120, placementTime(paper?.board as NonNullable<NonNullable<typeof paper>['board']>)),
    );
  });

  it('a session’s user comes with their own upvotes among the asked papers only, a dead session with nothing', async () => {
    await upsertPapers(t, [boardRecord({ arxivId: '2608.00077' })], NOW);
    const other = (await getPaper(t.db, '2608.00077'))?.id as number;
    // Readers of their own: every reader above voted for the first paper.
    const reader = (name: string) =>
      createUser(t.db, { email: `${name}@example.org`, usernameBase: name, displayName: name, now: NOW });
    const ada = await reader('ada');
    const bob = await reader('bob');
    await setVote(t, { userId: ada.id, paperId, isUp: true, now: NOW });
    await setVote(t, { userId: ada.id, paperId: other, isUp: true, now: NOW });
    await setVote(t, { userId: bob.id, paperId: other, isUp: true, now: NOW });
    for (const [hash, user] of [
      ['h-ada', ada],
      ['h-bob', bob],
    ] as const) {
      await createSession(t.db, {
        idHash: hash,
        userId: user.id,
        now: NOW,
        expiresAt: '2026-08-22T00:00:00.000Z',
      });
    }
    const adaSees = await findSessionUserAndVotes(t.db, 'h-ada', NOW, [paperId, other, 999_999]);
    assert.equal(adaSees?.user.id, ada.id);
    assert.deepEqual(adaSees?.votedIds, new Set([paperId, other]));
    const bobSees = await findSessionUserAndVotes(t.db, 'h-bob', NOW, [paperId]);
    assert.equal(bobSees?.user.id, bob.id);
    assert.deepEqual(bobSees?.votedIds, new Set(), 'only the asked papers, only his own votes');
    assert.deepEqual((await findSessionUserAndVotes(t.db, 'h-bob', NOW, []))?.votedIds, new Set());
    assert.equal(
      await findSessionUserAndVotes(t.db, 'h-ada', '2026-08-23T00:00:00.000Z', [paperId]),
      undefined,
    );
    assert.equal(await findSessionUserAndVotes(t.db, 'h-nobody', NOW, [paperId]), undefined);
  });
});
