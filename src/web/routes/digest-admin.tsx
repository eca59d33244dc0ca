// /admin/digests (admins): how the email digests are doing — subscribers by status, the outbox by
// state over the last week, the next retry and the recent sending runs.

import type { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { countOutboxByState, nextRetryAt } from '../../store/digest-outbox.js';
import { listRecentRuns } from '../../store/digest-runs.js';
import { countSubscribersByStatus } from '../../store/subscribers.js';
import { requireAdmin } from '../authorize.js';
import { renderPage, siteFor } from '../render.js';
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
    };
    return renderPage(c, <DigestAdminPage site={siteFor(c, ctx)} view={view} />);
  });
}
