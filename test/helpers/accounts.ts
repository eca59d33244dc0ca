// A signed-in reader for page tests, without the emailed-link round trip (web/account.test.ts
// covers that): an account and a session row, and the cookie header that carries the session.
import { hashSecret, newSecret } from '../../src/accounts/secrets.js';
import { createSession } from '../../src/store/sessions.js';
import { createUser, type User } from '../../src/store/users.js';
import type { TestDatabase } from './test-db.js';

export async function signedInReader(
  t: TestDatabase,
  name: string,
  now = '2026-08-21T12:00:00.000Z',
): Promise<{ user: User; cookie: string }> {
  const user = await createUser(t.db, {
    email: `${name}@example.org`,
    usernameBase: name,
    displayName: name,
    now,
  });
  const secret = newSecret();
  await createSession(t.db, {
    idHash: hashSecret(secret),
    userId: user.id,
    now,
    expiresAt: '2099-01-01T00:00:00.000Z',
  });
  return { user, cookie: `pb_session=${secret}` };
}
