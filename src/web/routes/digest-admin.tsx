// /admin/digests (admins): how the email digests are doing — subscribers by status, the outbox by
// state over the last week, the next retry and the recent sending runs; /admin/digests/preview shows
// the digest a subscriber would get now (or on a given day) as it would arrive, sending nothing.

import type { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { digestIdentity } from '../../digest/digest-run.js';
import { previewDigest } from '../../digest/preview.js';
import { countOutboxByState, nextRetryAt } from '../../store/digest-outbox.js';
import { listRecentRuns } from '../../store/digest-runs.js';
import { countSubscribersByStatus } from '../../store/subscribers.js';
import { requireAdmin } from '../authorize.js';
import { requireQuery } from '../form.js';
import { DigestPreviewQuery } from '../forms/queries.js';
import { renderError, renderPage } from '../render.js';
import { DigestAdminPage } from '../views/digest-admin-page.js';

/** Days of outbox the counts cover, and how many runs the table lists. */
export const DIGEST_ADMIN_WINDOW = { outboxDays: 7, runs: 50 };

export function registerDigestAdminRoutes(app: Hono, ctx: AppContext): void {
  const db = ctx.database.db;
  app.get('/admin/digests', async (c) => {
    const gate = requireAdmin(c, ctx);
    if (!gate.viewer) return gate.response;
    const since = new Date(ctx.now().getTime() - DIGEST_ADMIN_WINDOW.outboxDays * 86_400_000);
    const view = {
      subscribers: await countSubscribersByStatus(db),
      outbox: await countOutboxByState(db, since),
      outboxDays: DIGEST_ADMIN_WINDOW.outboxDays,
      nextRetryAt: await nextRetryAt(db),
      runs: await listRecentRuns(db, DIGEST_ADMIN_WINDOW.runs),
      isMailConfigured: ctx.config.smtpUrl !== '',
    };
    return renderPage(c, <DigestAdminPage site={c.var.site} view={view} />);
  });

  app.get('/admin/digests/preview', async (c) => {
    const gate = requireAdmin(c, ctx);
    if (!gate.viewer) return gate.response;
    const { email, date: day } = await requireQuery(c, DigestPreviewQuery);
    const preview = await previewDigest(ctx.database, digestIdentity(ctx.config), {
      email,
      now: ctx.now(),
      ...(day ? { day } : {}),
    });
    if (preview.kind === 'not_subscribed') return renderError(c, ctx, 404, `${email} is not a subscriber.`);
    if (!preview.digest) {
      const { windowFrom, windowTo } = preview.period;
      return renderError(
        c,
        ctx,
        404,
        `Nothing new for ${email} on the board from ${windowFrom} to ${windowTo}: no digest would be sent.`,
        { href: '/admin/digests', label: 'Back to digests' },
      );
    }
    // The email itself, as a client shows it (inline styles are allowed by the page CSP too).
    return c.html(preview.digest.rendered.html);
  });
}
