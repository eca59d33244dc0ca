// The reader's "For you" data: GET /account/recommendations (summary and controls),
// GET /account/recommendations/export.json (everything, as a download), POST …/clear (feedback,
// follows, model and feed go) and POST …/feed-token (make or rotate the private feed's secret).

import type { Context, Hono } from 'hono';
import { hashSecret, newSecret } from '../../accounts/secrets.js';
import { forYouFeedPath } from '../../api/feeds/for-you-feed.js';
import { enforceLimits } from '../../community/limits.js';
import type { AppContext } from '../../context.js';
import { deleteFeedToken, feedTokenCreatedAt, rotateFeedToken } from '../../store/reader-feed-tokens.js';
import { deleteReaderData, exportReaderData, readerSignals } from '../../store/reader-signals.js';
import type { User } from '../../store/users.js';
import { requireReader } from '../authorize.js';
import { renderPage } from '../render.js';
import { RecommendationsAccountPage } from '../views/recommendations-account-page.js';

export function registerAccountRecommendationRoutes(app: Hono, ctx: AppContext): void {
  const db = ctx.database.db;

  async function page(c: Context, viewer: User, extra: { newFeedUrl?: string; notice?: string } = {}) {
    c.header('Cache-Control', 'private, no-store');
    const [signals, feedSince] = await Promise.all([
      readerSignals(db, viewer.id),
      feedTokenCreatedAt(db, viewer.id),
    ]);
    return renderPage(
      c,
      <RecommendationsAccountPage site={c.var.site} signals={signals} feedSince={feedSince} {...extra} />,
    );
  }

  /** Counts one of these writes; over the per-minute limit the 429 is thrown to the error mapper. */
  const limitChanges = (viewer: User) => enforceLimits(db, ctx.now(), [['recs-account', viewer.id]]);

  app.get('/account/recommendations', (c) => {
    const gate = requireReader(c);
    return gate.viewer ? page(c, gate.viewer) : gate.response;
  });

  app.get('/account/recommendations/export.json', async (c) => {
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    c.header('Cache-Control', 'private, no-store');
    c.header('Content-Disposition', 'attachment; filename="paperboard-recommendations.json"');
    return c.json(await exportReaderData(db, gate.viewer.id));
  });

  app.post('/account/recommendations/clear', async (c) => {
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    await limitChanges(gate.viewer);
    await deleteReaderData(db, gate.viewer.id);
    await deleteFeedToken(db, gate.viewer.id);
    ctx.log.info({ user_id: gate.viewer.id }, 'reader signals cleared');
    return page(c, gate.viewer, { notice: 'Your feedback, follows, model and feed URL are cleared.' });
  });

  app.post('/account/recommendations/feed-token', async (c) => {
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    await limitChanges(gate.viewer);
    const secret = newSecret();
    await rotateFeedToken(db, gate.viewer.id, hashSecret(secret), ctx.now().toISOString());
    ctx.log.info({ user_id: gate.viewer.id }, 'for-you feed token rotated');
    return page(c, gate.viewer, {
      newFeedUrl: `${ctx.config.baseUrl.replace(/\/$/, '')}${forYouFeedPath(secret)}`,
    });
  });
}
