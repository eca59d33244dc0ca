// A subscriber's pages behind the signed link every digest carries (no sign-in: the HMAC in the
// path is the authorization, see digest/signed-links.ts): /subscription/:id/:token (preferences),
// …/unsubscribe (GET asks, POST unsubscribes — also RFC 8058 one-click, exempt from the CSRF origin
// check in csrf.ts) and …/resubscribe (POST). A bad signature and an unknown id are the same 404.

import type { Context, Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { readPreferencesForm } from '../../digest/preferences-form.js';
import { digestLinksFor } from '../../digest/signed-links.js';
import { parseRowId } from '../../model/row-id.js';
import {
  getSubscriber,
  reactivateSubscriber,
  type Subscriber,
  unsubscribe,
  updatePreferences,
} from '../../store/subscribers.js';
import { requireForm, requireQuery } from '../form.js';
import { PreferencesForm } from '../forms/account.js';
import { PreferencesNoticeQuery } from '../forms/queries.js';
import { renderError, renderPage } from '../render.js';
import { formValuesFrom, formValuesOf } from '../views/digest-preferences-fields.js';
import { PreferencesPage, UnsubscribedPage, UnsubscribePage } from '../views/subscription-pages.js';

const PATH = '/subscription/:id/:token';

type Signed =
  | { subscriber: Subscriber; path: string; response?: undefined }
  | { response: Promise<Response> };

export function registerDigestSubscriptionRoutes(app: Hono, ctx: AppContext): void {
  const db = ctx.database.db;

  /** The subscriber the signed path stands for, or the 404 page for a link that is not (or no longer) valid. */
  async function signedSubscriber(c: Context): Promise<Signed> {
    const id = parseRowId(c.req.param('id'));
    const subscriber = id === undefined ? undefined : await getSubscriber(db, id);
    const links = await digestLinksFor(ctx.database, ctx.config.baseUrl, ctx.now());
    if (!subscriber || !links.verify(subscriber, c.req.param('token') ?? '')) {
      return {
        response: renderError(
          c,
          ctx,
          404,
          'This digest link is not valid: copy the whole link from a digest email, or use the link in a newer one.',
          { href: '/subscribe', label: 'Subscribe to the digest' },
        ),
      };
    }
    return { subscriber, path: links.preferencesPath(subscriber) };
  }

  app.get(PATH, async (c) => {
    const signed = await signedSubscriber(c);
    if (signed.response) return signed.response;
    const { notice } = await requireQuery(c, PreferencesNoticeQuery);
    return renderPage(
      c,
      <PreferencesPage
        site={c.var.site}
        subscriber={signed.subscriber}
        path={signed.path}
        values={formValuesOf(signed.subscriber)}
        notice={notice}
      />,
    );
  });

  app.post(PATH, async (c) => {
    const signed = await signedSubscriber(c);
    if (signed.response) return signed.response;
    const form = await requireForm(c, PreferencesForm);
    const { prefs, problems } = readPreferencesForm(form, signed.subscriber);
    if (problems.length > 0) {
      const page = (
        <PreferencesPage
          site={c.var.site}
          subscriber={signed.subscriber}
          path={signed.path}
          values={formValuesFrom(form, signed.subscriber)}
          problems={problems}
        />
      );
      return renderPage(c, page, 400);
    }
    await updatePreferences(db, signed.subscriber.id, prefs, ctx.now());
    ctx.log.info({ subscriber_id: signed.subscriber.id }, 'digest preferences saved');
    return c.redirect(`${signed.path}?notice=saved`, 303);
  });

  app.get(`${PATH}/unsubscribe`, async (c) => {
    const signed = await signedSubscriber(c);
    if (signed.response) return signed.response;
    const Page = signed.subscriber.status === 'unsubscribed' ? UnsubscribedPage : UnsubscribePage;
    return renderPage(c, <Page site={c.var.site} subscriber={signed.subscriber} path={signed.path} />);
  });

  // The page's button and RFC 8058 one-click (`List-Unsubscribe=One-Click`, posted by the mail
  // provider without cookies) alike: both answer 200 with the same page.
  app.post(`${PATH}/unsubscribe`, async (c) => {
    const signed = await signedSubscriber(c);
    if (signed.response) return signed.response;
    const isChanged = await unsubscribe(db, signed.subscriber.id, ctx.now());
    if (isChanged) ctx.log.info({ subscriber_id: signed.subscriber.id }, 'digest unsubscribed');
    const subscriber = (await getSubscriber(db, signed.subscriber.id)) ?? signed.subscriber;
    return renderPage(c, <UnsubscribedPage site={c.var.site} subscriber={subscriber} path={signed.path} />);
  });

  app.post(`${PATH}/resubscribe`, async (c) => {
    const signed = await signedSubscriber(c);
    if (signed.response) return signed.response;
    const subscriber = await reactivateSubscriber(db, signed.subscriber.id, ctx.now());
    if (!subscriber) {
      return renderError(
        c,
        ctx,
        409,
        'This address was never confirmed: subscribe again, and open the link in the confirmation email.',
        { href: '/subscribe', label: 'Subscribe to the digest' },
      );
    }
    ctx.log.info({ subscriber_id: subscriber.id }, 'digest resubscribed');
    return c.redirect(`${signed.path}?notice=resubscribed`, 303);
  });
}
