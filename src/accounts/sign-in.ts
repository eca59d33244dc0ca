// Passwordless sign-in by emailed link. Asking for a link stores its token's hash bound to the
// asking browser (a nonce cookie) for 15 minutes; following it from that browser, once, signs in —
// creating the account on first use — and starts a new session.
// Links are opened by a GET that only shows a "Continue" button; the POST behind it uses the link,
// so mail scanners that fetch every link cannot burn it.

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { escapeHtml } from '../lib/html.js';
import type { Mailer } from '../mail/mailer.js';
import { createSession, deleteSession } from '../store/sessions.js';
import { consumeSignInToken, insertSignInToken } from '../store/sign-in-tokens.js';
import { createUser, findPasswordAccount, findUserByEmail, type User } from '../store/users.js';
import { usernameFromEmail } from './email-address.js';
import { verifyPassword } from './passwords.js';
import { hashSecret, newSecret } from './secrets.js';

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_DAYS = 30;

export interface SignInDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  site: { name: string; baseUrl: string };
  now: Date;
}

/** Emails a sign-in link for `email` (already normalised); the browser keeps `browserNonce`. */
export async function sendSignInLink(deps: SignInDeps, email: string, browserNonce: string): Promise<void> {
  const token = newSecret();
  await insertSignInToken(deps.db, {
    tokenHash: hashSecret(token),
    email,
    browserHash: hashSecret(browserNonce),
    now: deps.now.toISOString(),
    expiresAt: new Date(deps.now.getTime() + SIGN_IN_LINK_MINUTES * 60_000).toISOString(),
  });
  const link = `${deps.site.baseUrl}/signin/verify?token=${encodeURIComponent(token)}`;
  await deps.mailer.send({
    to: email,
    subject: `Sign in to ${deps.site.name}`,
    text: [
      `Follow this link to sign in to ${deps.site.name}:`,
      '',
      link,
      '',
      `It works once, for ${SIGN_IN_LINK_MINUTES} minutes, in the browser where you asked for it.`,
      'If you did not ask to sign in, ignore this email: nothing happens without the link.',
    ].join('\n'),
    html: `<p>Follow this link to sign in to ${escapeHtml(deps.site.name)}:</p>
<p><a href="${escapeHtml(link)}">Sign in to ${escapeHtml(deps.site.name)}</a></p>
<p>It works once, for ${SIGN_IN_LINK_MINUTES} minutes, in the browser where you asked for it.
If you did not ask to sign in, ignore this email: nothing happens without the link.</p>`,
  });
}

export type SignInResult =
  | { ok: true; user: User; sessionSecret: string }
  /** invalid_link: the link (or email and password) did not check out. */
  | { ok: false; reason: 'invalid_link' | 'banned' };

/**
 * Uses a link's token from the browser holding `browserNonce`: creates the account on first sign-in,
 * drops the browser's previous session (rotation) and starts a new one.
 */
export async function completeSignIn(
  deps: Omit<SignInDeps, 'mailer'>,
  token: string,
  browserNonce: string,
  previousSessionSecret?: string,
): Promise<SignInResult> {
  const now = deps.now.toISOString();
  const email = await consumeSignInToken(deps.db, hashSecret(token), hashSecret(browserNonce), now);
  if (!email) return { ok: false, reason: 'invalid_link' };
  const user =
    (await findUserByEmail(deps.db, email)) ??
    (await createUser(deps.db, {
      email,
      usernameBase: usernameFromEmail(email),
      displayName: usernameFromEmail(email),
      now,
    }));
  if (user.isBanned) return { ok: false, reason: 'banned' };
  return { ok: true, user, sessionSecret: await startSession(deps, user, previousSessionSecret) };
}

/** A new session for a signed-in user; the browser's previous one (if any) ends: rotation. */
async function startSession(
  deps: Omit<SignInDeps, 'mailer'>,
  user: User,
  previousSessionSecret: string | undefined,
): Promise<string> {
  if (previousSessionSecret) await deleteSession(deps.db, hashSecret(previousSessionSecret));
  const sessionSecret = newSecret();
  await createSession(deps.db, {
    idHash: hashSecret(sessionSecret),
    userId: user.id,
    now: deps.now.toISOString(),
    expiresAt: new Date(deps.now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
  });
  return sessionSecret;
}

/** Signs in with the optional password an account may have set. */
export async function signInWithPassword(
  deps: Omit<SignInDeps, 'mailer'>,
  email: string,
  password: string,
  previousSessionSecret?: string,
): Promise<SignInResult> {
  const account = await findPasswordAccount(deps.db, email);
  // Same answer for "no such account", "no password set" and "wrong password".
  if (!account?.passwordHash || !(await verifyPassword(password, account.passwordHash))) {
    return { ok: false, reason: 'invalid_link' };
  }
  if (account.user.isBanned) return { ok: false, reason: 'banned' };
  return {
    ok: true,
    user: account.user,
    sessionSecret: await startSession(deps, account.user, previousSessionSecret),
  };
}
