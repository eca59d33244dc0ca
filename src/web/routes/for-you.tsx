// "For you": GET /for-you (latest day) and /for-you/{date,week,month}/:period, a signed-in reader's
// recommendations (recs/recommend.ts) or, before they gave enough signals, the cold start; and the
// writes behind them: POST /for-you/feedback ("More like this" / "Not interested" / undo) and
// POST /follows (follow or unfollow an author or category). Private to the reader: never cached.

import type { Context, Hono } from 'hono';
import { enforceLimits } from '../../community/limits.js';
import type { AppContext } from '../../context.js';
import { notFound } from '../../lib/errors.js';
import {
  type BoardPeriod,
  type PeriodKind,
  parsePeriod,
  periodContaining,
} from '../../model/board-period.js';
import { recommendForReader } from '../../recs/recommend.js';
import { MIN_POSITIVE_SIGNALS } from '../../recs/types.js';
import { getPapersByIds } from '../../store/paper-lookups.js';
import { adjacentBoardDates, getPaper, latestBoardDate, listBoard } from '../../store/paper-reads.js';
import {
  followTopic,
  listFeedback,
  listFollows,
  setFeedback,
  unfollowTopic,
} from '../../store/reader-signals.js';
import { wantsJson } from '../error-mapper.js';
import { formValue, readForm, requireQuery } from '../form.js';
import { PageQuery } from '../forms/queries.js';
import { FeedbackForm, FollowForm } from '../forms/recs.js';
import { missingPageMessage } from '../params.js';
import { renderError, renderPage } from '../render.js';
import { safeReturnPath, signInHref } from '../return-path.js';
import { viewerVotes } from '../viewer-votes.js';
import { ColdStartPage, type ForYouItem, ForYouPage, forYouPath } from '../views/for-you-page.js';
import { formatDay, periodTitle } from '../views/format.js';
import { pageCountOf } from '../views/pagination.js';

/** Feedback and follows shown under the board for undo: the latest few. */
const RECENT_FEEDBACK = 10;
/** Papers the cold start offers to pick from: the month's most upvoted. */
const COLD_START_PAPERS = 10;

const KIND_OF: Record<string, PeriodKind> = { date: 'day', week: 'week', month: 'month' };

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

async function showForYou(c: Context, ctx: AppContext, period: BoardPeriod | undefined) {
  const viewer = c.get('viewer');
  if (!viewer) return c.redirect(signInHref(c.req.path, 'for-you'), 303);
  const { p: page } = await requireQuery(c, PageQuery);
  const db = ctx.database.db;
  const latest = (await latestBoardDate(db)) ?? ctx.now().toISOString().slice(0, 10);
  const shown = period ?? periodContaining('day', latest);
  const size = ctx.config.boardPageSize;
  const [recs, feedback, follows] = await Promise.all([
    recommendForReader(ctx, viewer.id, {
      from: new Date(`${shown.from}T00:00:00Z`),
      to: new Date(`${dayAfter(shown.to)}T00:00:00Z`),
      limit: size,
      offset: page * size,
    }),
    listFeedback(db, viewer.id),
    listFollows(db, viewer.id),
  ]);
  if (recs.state === 'cold') {
    const month = periodContaining('month', latest);
    const popular = await listBoard(db, {
      from: month.from,
      to: month.to,
      limit: COLD_START_PAPERS,
      offset: 0,
      order: 'upvotes',
    });
    const given = feedback.filter((f) => f.kind === 'more').length + follows.length;
    return renderPage(
      c,
      <ColdStartPage
        site={c.var.site}
        popular={popular.items}
        votedIds={await viewerVotes(c, ctx, popular.items)}
        feedback={feedback}
        follows={follows}
        needed={Math.max(1, MIN_POSITIVE_SIGNALS - given)}
      />,
    );
  }
  const pageCount = pageCountOf(recs.total, size);
  if (page >= pageCount) return renderError(c, ctx, 404, missingPageMessage('This board', pageCount, page));
  const papers = new Map(
    (
      await getPapersByIds(
        db,
        recs.items.map((i) => i.paperId),
      )
    ).map((p) => [p.id, p]),
  );
  const items: ForYouItem[] = recs.items.flatMap((i) => {
    const paper = papers.get(i.paperId);
    return paper ? [{ paper, reasons: i.reasons }] : [];
  });
  const adjacent = await adjacentBoardDates(db, shown.from, shown.to);
  const link = (date: string) => {
    const p = periodContaining(shown.kind, date);
    return { href: forYouPath(p), label: shown.kind === 'day' ? formatDay(date) : periodTitle(p) };
  };
  const anchor = shown.kind === 'day' || shown.to.localeCompare(latest) < 0 ? shown.to : latest;
  return renderPage(
    c,
    <ForYouPage
      site={c.var.site}
      period={shown}
      items={items}
      total={recs.total}
      isUpdating={recs.isUpdating}
      page={page}
      pageSize={size}
      pageCount={pageCount}
      tabs={{
        day: forYouPath(periodContaining('day', anchor)),
        week: forYouPath(periodContaining('week', anchor)),
        month: forYouPath(periodContaining('month', anchor)),
      }}
      previous={adjacent.previous ? link(adjacent.previous) : undefined}
      next={adjacent.next ? link(adjacent.next) : undefined}
      votedIds={
        await viewerVotes(
          c,
          ctx,
          items.map((i) => i.paper),
        )
      }
      feedback={feedback.slice(0, RECENT_FEEDBACK)}
      follows={follows}
    />,
  );
}

const FEEDBACK_KINDS = { more: 'more', less: 'less', clear: null } as const;

export function registerForYouRoutes(app: Hono, ctx: AppContext): void {
  app.get('/for-you', (c) => showForYou(c, ctx, undefined));
  app.get('/for-you/:kind/:period', (c) => {
    const kind = KIND_OF[c.req.param('kind')];
    const text = c.req.param('period');
    const period = kind ? parsePeriod(kind, text) : undefined;
    if (!period) return renderError(c, ctx, 404, `There is no “For you” board at ${c.req.path}.`);
    return showForYou(c, ctx, period);
  });

  // Anonymous readers go to sign in and come back; the form is checked whole before it counts
  // against the reader's limit (community/limits.ts), and refusals go to the error mapper.
  app.post('/for-you/feedback', async (c) => {
    const form = await readForm(c, FeedbackForm);
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(signInHref(safeReturnPath(form.fields.back), 'for-you'), 303);
    const { paper: arxivId, kind, back } = formValue(form);
    const paper = await getPaper(ctx.database.db, arxivId);
    if (!paper) throw notFound(`arXiv:${arxivId} is not on ${ctx.config.siteName}.`);
    await enforceLimits(ctx.database.db, ctx.now(), [['feedback', viewer.id]]);
    const feedback = FEEDBACK_KINDS[kind];
    await setFeedback(ctx.database.db, viewer.id, paper.id, feedback, ctx.now().toISOString());
    // app.js sends the public boards' buttons with Accept: application/json and shows the answer.
    if (wantsJson(c)) return c.json({ paper: paper.arxivId, feedback });
    return c.redirect(back ?? '/', 303);
  });

  app.post('/follows', async (c) => {
    const form = await readForm(c, FollowForm);
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(signInHref(safeReturnPath(form.fields.back), 'for-you'), 303);
    const { kind, action, value, back } = formValue(form);
    await enforceLimits(ctx.database.db, ctx.now(), [['follow', viewer.id]]);
    const topic = { kind, value } as const;
    const now = ctx.now().toISOString();
    if (action === 'unfollow') {
      await unfollowTopic(ctx.database.db, viewer.id, topic, now);
    } else {
      const result = await followTopic(ctx.database.db, viewer.id, topic, now);
      if (!result.ok) {
        return renderError(
          c,
          ctx,
          result.reason === 'too_many' ? 409 : 400,
          result.reason === 'too_many'
            ? 'You follow as many topics as a reader can.'
            : 'That name is too long.',
        );
      }
    }
    return c.redirect(back ?? '/', 303);
  });
}
