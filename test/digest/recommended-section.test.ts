// The digest's "Recommended for you" section on both databases: present, marked and explained for a
// subscriber whose account has signals; absent for an account without signals and for a subscriber
// without an account; and never repeating a paper the digest already holds.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { previewDigest } from '../../src/digest/preview.js';
import { RECOMMENDED_HEADING } from '../../src/digest/render.js';
import { DEFAULT_PREFERENCES } from '../../src/model/digest-preferences.js';
import { followTopic } from '../../src/store/reader-signals.js';
import { subscribeAccount } from '../../src/store/subscribers.js';
import { createUser } from '../../src/store/users.js';
import { confirmedSubscriber, DIGEST_SITE } from '../helpers/digests.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { loadRecords, THREE_TOPIC_PAPERS } from '../web/web-fixtures.js';

const FRIDAY = new Date('2026-08-21T12:00:00.000Z');

eachDialect('digest: Recommended for you', (dialect) => {
  let t: TestDatabase;
  const account = async (name: string) =>
    createUser(t.db, {
      email: `${name}@example.org`,
      usernameBase: name,
      displayName: name,
      now: FRIDAY.toISOString(),
    });
  const subscribe = (userId: number, email: string) =>
    subscribeAccount(t.db, {
      userId,
      email,
      // Topics that match nothing and no trending: whatever the digest holds is recommended.
      prefs: {
        ...DEFAULT_PREFERENCES,
        includeTrending: false,
        topics: { ...DEFAULT_PREFERENCES.topics, queries: ['zebrafish'] },
      },
      now: FRIDAY,
    });
  const preview = async (email: string) => {
    const result = await previewDigest(t, DIGEST_SITE, { email, now: FRIDAY });
    assert.equal(result.kind, 'preview');
    return result.kind === 'preview' ? result.digest : undefined;
  };

  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, THREE_TOPIC_PAPERS);
  });
  after(async () => {
    await t.destroy();
  });

  it('a subscriber whose account has signals gets the section, marked and with reasons', async () => {
    const reader = await account('follower');
    for (const value of ['cs.CL', 'cs.RO', 'hep-th']) {
      await followTopic(t.db, reader.id, { kind: 'category', value }, FRIDAY.toISOString());
    }
    await subscribe(reader.id, 'follower@example.org');
    const digest = await preview('follower@example.org');
    assert.ok(digest, 'a digest is composed');
    assert.deepEqual(digest.content.recommended?.map((i) => i.paper.arxivId).sort(), [
      '2608.00001',
      '2608.00002',
    ]);
    assert.equal(digest.content.topical.length, 0);
    const { html, text, subject } = digest.rendered;
    assert.match(subject, /2 recommended for you/);
    assert.match(html, new RegExp(`>${RECOMMENDED_HEADING}</h2>`));
    assert.match(html, /In cs\.CL, which you follow/);
    assert.match(text, /RECOMMENDED FOR YOU\r\n\r\n1\. (Parsing with grammars|Robots that walk)/);
    assert.match(text, /only you see these\. http:\/\/paperboard\.test\/account\/recommendations/);
  });

  it('an account without signals, and a subscriber without an account, get no section', async () => {
    const quiet = await account('quiet');
    await subscribe(quiet.id, 'quiet@example.org');
    assert.equal(
      await preview('quiet@example.org'),
      undefined,
      'nothing to send: no topics matched, no signals',
    );
    await confirmedSubscriber(t, 'anon@example.org', {}, FRIDAY);
    const anonymous = await preview('anon@example.org');
    assert.ok(anonymous);
    assert.equal(anonymous.content.recommended, undefined);
    assert.doesNotMatch(anonymous.rendered.html, /Recommended for you/);
  });
});
