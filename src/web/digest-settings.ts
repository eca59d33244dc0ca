// A signed-in reader's digest subscription as their profile shows it (routes/account.tsx) and where
// they manage it; routes/digest-subscribe.tsx sends readers there instead of the emailed opt-in.

import type { AppContext } from '../context.js';
import { digestLinksFor } from '../digest/signed-links.js';
import { findSubscriberByEmail, findSubscriberOfUser } from '../store/subscribers.js';
import type { User } from '../store/users.js';
import type { DigestSettingsProps } from './views/subscription-pages.js';

/** Where a signed-in reader manages their digest: the digest section of their profile. */
export function digestSettingsPath(user: { username: string }): string {
  return `/users/${encodeURIComponent(user.username)}#digest`;
}

/**
 * The reader's subscription (linked to the account, or one their address confirmed by email before
 * they had an account; the address is verified either way) and its signed preferences path.
 */
export async function digestSettingsFor(ctx: AppContext, user: User): Promise<DigestSettingsProps> {
  const db = ctx.database.db;
  const subscriber =
    (await findSubscriberOfUser(db, user.id)) ?? (await findSubscriberByEmail(db, user.email));
  if (!subscriber) return { email: user.email };
  const links = await digestLinksFor(ctx.database, ctx.config.baseUrl, ctx.now());
  return {
    email: user.email,
    subscription: { subscriber, preferencesPath: links.preferencesPath(subscriber) },
  };
}
