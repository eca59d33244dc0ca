// Signing in and out, and profiles: /signin (ask for a link), /signin/verify (use it),
// /signout, /signout/everywhere, /users/:username. `/signin?next=` keeps the reader's place: both
// ways of signing in (and the first sign-in, which creates the account) land back there. Rate limits keep the sign-in form from being
// used to flood a mailbox: per address and per client IP.

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { hashPassword, MAX_PASSWORD_LENGTH } from '../../accounts/passwords.js';
import { hashSecret, newSecret } from '../../accounts/secrets.js';
import {
  completeSignIn,
  SESSION_DAYS,
  SIGN_IN_LINK_MINUTES,
  sendSignInLink,
  signInWithPassword,
} from '../../accounts/sign-in.js';
import { enforceLimits } from '../../community/limits.js';
import type { AppContext } from '../../context.js';
import { listUserCollections } from '../../store/collections.js';
import { listUserComments } from '../../store/comments.js';
import { getPapersByIds } from '../../store/paper-lookups.js';
import { listSubmittedPaperIds } from '../../store/paper-reads.js';
import { deleteSession, deleteUserSessions } from '../../store/sessions.js';
import { signInTokenState } from '../../store/sign-in-tokens.js';
import { findUserByUsername, setPasswordHash } from '../../store/users.js';
import { requireReader } from '../authorize.js';
import { digestSettingsFor } from '../digest-settings.js';
import { readForm, requireForm, requireQuery } from '../form.js';
import { PasswordSignInForm, SetPasswordForm, SignInForm, TokenForm } from '../forms/account.js';
import { LinkTokenQuery, SignInQuery } from '../forms/queries.js';
import { renderError, renderPage } from '../render.js';
import { SIGN_IN_REASONS, safeReturnPath } from '../return-path.js';
import { clearCookie, SESSION_COOKIE, SIGN_IN_COOKIE, setSecretCookie } from '../session.js';
import { viewerVotes } from '../viewer-votes.js';
import { ProfilePage } from '../views/profile-page.js';
import { CheckInboxPage, ContinueSignInPage, SignInPage } from '../views/sign-in-pages.js';

/** Submissions and comments shown on a profile, newest first. */
const PROFILE_LIST_SIZE = 50;

/**
 * The client's address: the first X-Forwarded-For entry when TRUST_PROXY says a proxy sets it (else
 * every client would share the proxy's address, and its limit), otherwise the connection's.
 */
export function clientIp(c: Context, ctx: AppContext): string {
  const forwarded = ctx.config.trustProxy
    ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Where an emailed link's sign-in lands: set when the link is asked for, read when it is used. */
const SIGN_IN_NEXT_COOKIE = 'pb_next';

export function registerAccountRoutes(app: Hono, ctx: AppContext): void {
  app.get('/signin', async (c) => {
    const { next, reason } = await requireQuery(c, SignInQuery);
    if (c.get('viewer')) return c.redirect(next, 303);
    return renderPage(
      c,
      <SignInPage site={c.var.site} next={next} reason={reason && SIGN_IN_REASONS[reason]} />,
    );
  });

  app.post('/signin', async (c) => {
    const form = await requireForm(c, SignInForm);
    const { typed, address: email } = form.email;
    const next = form.next ?? '/';
    if (!email) {
      return renderPage(
        c,
        <SignInPage
          site={c.var.site}
          email={typed}
          next={next}
          error="That does not look like an email address."
        />,
        400,
      );
    }
    await enforceLimits(ctx.database.db, ctx.now(), [
      ['sign-in-link-ip', clientIp(c, ctx)],
      ['sign-in-link-email', email],
    ]);
    const now = ctx.now();
    // The browser keeps one nonce while it has one, so every link it asked for works in it.
    const nonce = getCookie(c, SIGN_IN_COOKIE) ?? newSecret();
    try {
      await sendSignInLink({ db: ctx.database.db, mailer: ctx.mailer, site: c.var.site, now }, email, nonce);
    } catch (error) {
      ctx.log.error({ err: error, to: email }, 'sign-in email failed');
      return renderError(
        c,
        ctx,
        503,
        'The sign-in email could not be sent just now. Try again in a few minutes.',
      );
    }
    setSecretCookie(c, ctx, SIGN_IN_COOKIE, nonce, {
      maxAgeSeconds: SIGN_IN_LINK_MINUTES * 60,
      path: '/signin',
    });
    // The link opens in this browser (the nonce insists), so the place to return to waits here too.
    if (next === '/') clearCookie(c, ctx, SIGN_IN_NEXT_COOKIE, '/signin');
    else
      setSecretCookie(c, ctx, SIGN_IN_NEXT_COOKIE, next, {
        maxAgeSeconds: SIGN_IN_LINK_MINUTES * 60,
        path: '/signin',
      });
    return renderPage(c, <CheckInboxPage site={c.var.site} email={email} minutes={SIGN_IN_LINK_MINUTES} />);
  });

  app.get('/signin/verify', async (c) => {
    const { token } = await requireQuery(c, LinkTokenQuery);
    const state = token
      ? await signInTokenState(ctx.database.db, hashSecret(token), ctx.now().toISOString())
      : 'unknown';
    if (state !== 'usable')
      return renderError(c, ctx, 400, linkProblem(state), {
        href: '/signin',
        label: 'Ask for a new sign-in link',
      });
    return renderPage(c, <ContinueSignInPage site={c.var.site} token={token} />);
  });

  app.post('/signin/verify', async (c) => {
    const { token } = await requireForm(c, TokenForm);
    const nonce = getCookie(c, SIGN_IN_COOKIE);
    const retry = { href: '/signin', label: 'Ask for a new sign-in link' };
    if (!nonce) {
      return renderError(c, ctx, 400, 'Open the sign-in link in the browser where you asked for it.', retry);
    }
    const result = await completeSignIn(
      { db: ctx.database.db, site: c.var.site, now: ctx.now() },
      token,
      nonce,
      getCookie(c, SESSION_COOKIE),
    );
    if (!result.ok) {
      if (result.reason === 'banned') return renderError(c, ctx, 403, 'This account is banned.');
      return renderError(
        c,
        ctx,
        400,
        'This sign-in link was already used, has expired, or was asked for in another browser.',
        retry,
      );
    }
    const next = safeReturnPath(getCookie(c, SIGN_IN_NEXT_COOKIE));
    clearCookie(c, ctx, SIGN_IN_COOKIE, '/signin');
    clearCookie(c, ctx, SIGN_IN_NEXT_COOKIE, '/signin');
    setSecretCookie(c, ctx, SESSION_COOKIE, result.sessionSecret, { maxAgeSeconds: SESSION_DAYS * 86_400 });
    ctx.log.info({ user_id: result.user.id }, 'signed in');
    return c.redirect(next, 303);
  });

  app.post('/signin/password', async (c) => {
    const form = await requireForm(c, PasswordSignInForm);
    const email = form.email.address;
    const { password } = form;
    const next = form.next ?? '/';
    const wrong = () =>
      renderPage(
        c,
        <SignInPage site={c.var.site} next={next} error="The email address or password is wrong." />,
        400,
      );
    if (!email || password === '' || password.length > MAX_PASSWORD_LENGTH) return wrong();
    await enforceLimits(ctx.database.db, ctx.now(), [
      ['password-ip', clientIp(c, ctx)],
      ['password-email', email],
    ]);
    const now = ctx.now();
    const result = await signInWithPassword(
      { db: ctx.database.db, site: c.var.site, now },
      email,
      password,
      getCookie(c, SESSION_COOKIE),
    );
    if (!result.ok)
      return result.reason === 'banned' ? renderError(c, ctx, 403, 'This account is banned.') : wrong();
    setSecretCookie(c, ctx, SESSION_COOKIE, result.sessionSecret, { maxAgeSeconds: SESSION_DAYS * 86_400 });
    ctx.log.info({ user_id: result.user.id }, 'signed in with password');
    return c.redirect(next, 303);
  });

  app.post('/account/password', async (c) => {
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    const form = await readForm(c, SetPasswordForm);
    if (!form.ok) {
      return renderError(c, ctx, form.status, form.message, {
        href: `/users/${encodeURIComponent(gate.viewer.username)}`,
        label: 'Back to your profile',
      });
    }
    await setPasswordHash(ctx.database.db, gate.viewer.id, await hashPassword(form.value.password));
    ctx.log.info({ user_id: gate.viewer.id }, 'password set');
    return c.redirect(`/users/${encodeURIComponent(gate.viewer.username)}`, 303);
  });

  app.post('/signout', async (c) => {
    const secret = getCookie(c, SESSION_COOKIE);
    if (secret) await deleteSession(ctx.database.db, hashSecret(secret));
    clearCookie(c, ctx, SESSION_COOKIE);
    return c.redirect('/', 303);
  });

  app.post('/signout/everywhere', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return renderError(c, ctx, 403, 'Sign in first.', { href: '/signin', label: 'Sign in' });
    const ended = await deleteUserSessions(ctx.database.db, viewer.id);
    ctx.log.info({ user_id: viewer.id, sessions: ended }, 'signed out everywhere');
    clearCookie(c, ctx, SESSION_COOKIE);
    return c.redirect('/', 303);
  });

  app.get('/users/:username', async (c) => {
    const user = await findUserByUsername(ctx.database.db, c.req.param('username'));
    const isAdminViewing = c.get('viewer')?.isAdmin === true;
    if (!user || (user.isBanned && !isAdminViewing)) {
      return renderError(c, ctx, 404, 'There is no reader with that name here.');
    }
    const db = ctx.database.db;
    const isOwn = c.get('viewer')?.id === user.id;
    const submissions = await getPapersByIds(
      db,
      await listSubmittedPaperIds(db, user.username, PROFILE_LIST_SIZE),
    );
    return renderPage(
      c,
      <ProfilePage
        site={c.var.site}
        user={user}
        isOwn={isOwn}
        isAdminViewing={isAdminViewing}
        submissions={submissions}
        collections={await listUserCollections(db, user.id, { isPublicOnly: !isOwn })}
        comments={await listUserComments(db, user.id, PROFILE_LIST_SIZE)}
        votedIds={await viewerVotes(c, ctx, submissions)}
        digest={isOwn ? await digestSettingsFor(ctx, user) : undefined}
      />,
    );
  });
}

function linkProblem(state: 'used' | 'expired' | 'unknown'): string {
  if (state === 'used') return 'This sign-in link was already used. Each link works once.';
  if (state === 'expired')
    return `This sign-in link has expired (links last ${SIGN_IN_LINK_MINUTES} minutes).`;
  return 'This sign-in link is not valid. Copy the whole link from the email, or ask for a new one.';
}
