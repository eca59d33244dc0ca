// Digest test fixtures: real board days from the bundled sample, confirmed subscribers, and the
// dependencies of a digest run with a settable clock.

import { join } from 'node:path';
import { hashSecret } from '../../src/accounts/secrets.js';
import type { DigestRunDeps } from '../../src/digest/digest-run.js';
import { importPath } from '../../src/ingest/import-path.js';
import { silentLogger } from '../../src/lib/logger.js';
import {
  DEFAULT_PREFERENCES,
  type DigestPreferences,
  type DigestTopics,
} from '../../src/model/digest-preferences.js';
import { confirmSubscription, requestSubscription, type Subscriber } from '../../src/store/subscribers.js';
import { repoRoot } from './paths.js';
import type { TestDatabase } from './test-db.js';

export const DIGEST_SITE = {
  siteName: 'Paperboard',
  baseUrl: 'http://paperboard.test',
  mailFrom: 'Paperboard <digest@paperboard.test>',
  unsubscribeMailto: '',
};

/** Imports real Hugging Face board days from sample/hf-daily (2026-08-03 … 2026-08-21). */
export async function loadSampleDays(database: TestDatabase, days: string[]): Promise<void> {
  for (const day of days) {
    await importPath(join(repoRoot, 'sample', 'hf-daily', `${day}.json`), {
      database,
      log: silentLogger(),
      workers: 1,
    });
  }
}

/** A subscriber who went through the double opt-in, with these preferences. */
export async function confirmedSubscriber(
  database: TestDatabase,
  email: string,
  prefs: Partial<Omit<DigestPreferences, 'topics'>> & { topics?: Partial<DigestTopics> } = {},
  now = new Date('2026-08-01T00:00:00Z'),
): Promise<Subscriber> {
  const token = `token-for-${email}`;
  await requestSubscription(database.db, {
    email,
    prefs: { ...DEFAULT_PREFERENCES, ...prefs, topics: { ...DEFAULT_PREFERENCES.topics, ...prefs.topics } },
    tokenHash: hashSecret(token),
    expiresAt: '2099-01-01T00:00:00.000Z',
    now,
  });
  const subscriber = await confirmSubscription(database.db, hashSecret(token), now);
  if (!subscriber) throw new Error(`could not confirm ${email}`);
  return subscriber;
}

/** A clock tests move forward by hand. */
export class TestClock {
  constructor(private current: Date) {}
  now = (): Date => this.current;
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function digestDeps(
  database: TestDatabase,
  clock: TestClock,
  policy: Partial<DigestRunDeps['policy']> = {},
): DigestRunDeps {
  return {
    database,
    log: silentLogger(),
    now: clock.now,
    identity: DIGEST_SITE,
    policy: { maxAttempts: 3, bounceLimit: 3, retryBaseMs: 60_000, leaseMs: 60_000, ...policy },
  };
}
