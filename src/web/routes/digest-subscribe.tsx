// Subscribing to the email digest: /subscribe (the form; the footer's email field posts to it too),
// /subscribe/confirm (the emailed link opens a button whose POST confirms, so mail scanners cannot)
// and POST /account/digest (signed-in readers subscribe their verified address at once, from their
// profile). Rate limits keep the form from being used to flood a mailbox, per address and per IP.

import type { Hono } from 'hono';
import { hashSecret } from '../../accounts/secrets.js';
import { enforceLimits } from '../../community/limits.js';
import type { AppContext } from '../../context.js';
import { readPreferencesForm } from '../../digest/preferences-form.js';
import { digestLinksFor } from '../../digest/signed-links.js';
import {
  CONFIRM_LINK_HOURS,
  confirmDigestSubscription,
  requestDigestSubscription,
} from '../../digest/subscriptions.js';
import { DEFAULT_PREFERENCES } from '../../model/digest-preferences.js';
import { confirmTokenState, subscribeAccount } from '../../store/subscribers.js';
import { requireReader } from '../authorize.js';
import { digestSettingsPath } from '../digest-settings.js';
import { requireForm, requireQuery } from '../form.js';
import { PreferencesForm, SubscribeForm, TokenForm } from '../forms/account.js';
import { LinkTokenQuery } from '../forms/queries.js';
import { renderError, renderPage } from '../render.js';
import { formValuesFrom, formValuesOf } from '../views/digest-preferences-fields.js';
import {
  ConfirmSubscriptionPage,
  SubscribeInboxPage,
  SubscribePage,
} from '../views/digest-subscribe-pages.js';
import { clientIp } from './account.js';

function confirmLinkProblem(state: 'expired' | 'unknown'): string {
  if (state === 'expired') {
    return `This confirmation link has expired (links last ${CONFIRM_LINK_HOURS} hours). Subscribe again for a new one.`;
  }
  return 'This confirmation link is not valid: it was already used (the subscription is then active), a newer link replaced it, or it was not copied whole.';
}

const SUBSCRIBE_AGAIN = { href: '/subscribe', label: 'Subscribe again' };

export function registerDigestSubscribeRoutes(app: Hono, ctx: AppContext): void {
  const db = ctx.database.db;

  app.get('/subscribe', (c) => {
    const viewer = c.get('viewer');
    if (viewer) return c.redirect(digestSettingsPath(viewer), 303);
    return renderPage(
      c,
      <SubscribePage site={c.var.site} values={formValuesOf(DEFAULT_PREFERENCES)} isFresh />,
    );
  });

  app.post('/subscribe', async (c) => {
    const viewer = c.get('viewer');
    if (viewer) return c.redirect(digestSettingsPath(viewer), 303);
    const form = await requireForm(c, SubscribeForm);
    const { typed, address: email } = form.email;
    const { prefs, problems } = readPreferencesForm(form.preferences);
    if (!email) problems.unshift('That does not look like an email address.');
    if (!email || problems.length > 0) {
      const page = (
        <SubscribePage
          site={c.var.site}
          email={typed.slice(0, 254)}
          values={formValuesFrom(form.preferences, DEFAULT_PREFERENCES)}
          problems={problems}
        />
      );
      return renderPage(c, page, 400);
    }
    await enforceLimits(db, ctx.now(), [
      ['digest-ip', clientIp(c, ctx)],
      ['digest-email', email],
    ]);
    const now = ctx.now();
    try {
      await requestDigestSubscription(
        {
          database: ctx.database,
          mailer: ctx.mailer,
          links: await digestLinksFor(ctx.database, ctx.config.baseUrl, now),
          site: c.var.site,
          now,
        },
        email,
        prefs,
      );
    } catch (error) {
      ctx.log.error({ err: error, to: email }, 'digest confirmation email failed');
      return renderError(
        c,
        ctx,
        503,
        'The confirmation email could not be sent just now. Try again in a few minutes.',
      );
    }
    return renderPage(c, <SubscribeInboxPage site={c.var.site} email={email} hours={CONFIRM_LINK_HOURS} />);
  });

  app.get('/subscribe/confirm', async (c) => {
    const { token } = await requireQuery(c, LinkTokenQuery);
    const state = token ? await confirmTokenState(db, hashSecret(token), ctx.now()) : 'unknown';
    if (state !== 'usable') return renderError(c, ctx, 400, confirmLinkProblem(state), SUBSCRIBE_AGAIN);
    return renderPage(c, <ConfirmSubscriptionPage site={c.var.site} token={token} />);
  });

  app.post('/subscribe/confirm', async (c) => {
    const { token } = await requireForm(c, TokenForm);
    const subscriber = token
      ? await confirmDigestSubscription({ database: ctx.database, now: ctx.now() }, token)
      : undefined;
    if (!subscriber) {
      const state = token ? await confirmTokenState(db, hashSecret(token), ctx.now()) : 'unknown';
      return renderError(
        c,
        ctx,
        400,
        confirmLinkProblem(state === 'expired' ? 'expired' : 'unknown'),
        SUBSCRIBE_AGAIN,
      );
    }
    ctx.log.info({ subscriber_id: subscriber.id }, 'digest subscription confirmed');
    const links = await digestLinksFor(ctx.database, ctx.config.baseUrl, ctx.now());
    return c.redirect(`${links.preferencesPath(subscriber)}?notice=subscribed`, 303);
  });

  app.post('/account/digest', async (c) => {
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    const { prefs, problems } = readPreferencesForm(await requireForm(c, PreferencesForm));
    if (problems.length > 0) {
      return renderError(c, ctx, 400, problems.join(' '), {
        href: digestSettingsPath(gate.viewer),
        label: 'Back to your profile',
      });
    }
    const subscriber = await subscribeAccount(db, {
      userId: gate.viewer.id,
      email: gate.viewer.email,
      prefs,
      now: ctx.now(),
    });
    ctx.log.info(
      { user_id: gate.viewer.id, subscriber_id: subscriber.id },
      'digest subscription from account',
    );
    const links = await digestLinksFor(ctx.database, ctx.config.baseUrl, ctx.now());
    return c.redirect(`${links.preferencesPath(subscriber)}?notice=subscribed`, 303);
  });
}
