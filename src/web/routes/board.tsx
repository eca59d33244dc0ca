// Board pages: `/` (latest day), `/date/YYYY-MM-DD`, `/week/YYYY-Www`, `/month/YYYY-MM`, with
// `?p=` pagination (0-based) and previous/next links that skip to the nearest period with papers.

import type { Context, Hono } from 'hono';
import type { AppContext } from '../../context.js';
import {
  type BoardPeriod,
  type PeriodKind,
  parseDay,
  parsePeriod,
  periodContaining,
} from '../../model/board-period.js';
import { listBoardCategories } from '../../store/board-categories.js';
import { adjacentBoardDates, latestBoardDate, listBoard } from '../../store/paper-reads.js';
import { filterQuery } from '../board-filters.js';
import { requireQuery } from '../form.js';
import { BoardQuery, DAY_HINT, DatePickerQuery } from '../forms/queries.js';
import { missingPageMessage } from '../params.js';
import { renderError, renderPage } from '../render.js';
import { viewerVotes } from '../viewer-votes.js';
import { BoardPage, EmptyBoardPage, type PeriodLink } from '../views/board-page.js';
import { formatDay, periodTitle } from '../views/format.js';
import { pageCountOf } from '../views/pagination.js';

/** How many categories the board's filter offers: enough for a month's common ones, a short list. */
const CATEGORY_CHOICES = 40;

const PREFIX: Record<PeriodKind, string> = { day: '/date', week: '/week', month: '/month' };

const FORMAT_HINTS: Record<PeriodKind, string> = {
  day: DAY_HINT,
  week: 'a valid ISO week. Weeks look like 2026-W34 (YYYY-Www, weeks 01 to 52 or 53)',
  month: 'a valid month. Months look like 2026-08 (YYYY-MM)',
};

export function periodPath(period: BoardPeriod): string {
  return `${PREFIX[period.kind]}/${period.label}`;
}

function periodLink(kind: PeriodKind, date: string): PeriodLink {
  const period = periodContaining(kind, date);
  return { href: periodPath(period), label: kind === 'day' ? formatDay(date) : periodTitle(period) };
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The last date with papers inside the period, so the Day tab of a week lands on a real board. */
async function latestDayIn(ctx: AppContext, period: BoardPeriod): Promise<string> {
  if (period.kind === 'day') return period.from;
  const next = dayAfter(period.to);
  const { previous } = await adjacentBoardDates(ctx.database.db, next, next);
  return previous && previous >= period.from ? previous : period.from;
}

async function showBoard(c: Context, ctx: AppContext, period: BoardPeriod, path: string) {
  const { page, filters } = await requireQuery(c, BoardQuery);
  const db = ctx.database.db;
  const size = ctx.config.boardPageSize;
  const [board, adjacent, categories] = await Promise.all([
    listBoard(db, {
      from: period.from,
      to: period.to,
      limit: size,
      offset: page * size,
      category: filters.category,
      order: filters.sort === 'newest' ? 'publishedAt' : 'upvotes',
    }),
    adjacentBoardDates(db, period.from, period.to),
    listBoardCategories(db, period, CATEGORY_CHOICES),
  ]);
  const pageCount = pageCountOf(board.total, size);
  if (page >= pageCount) return renderError(c, ctx, 404, missingPageMessage('This board', pageCount, page));
  const day = board.total > 0 ? await latestDayIn(ctx, period) : period.from;
  return renderPage(
    c,
    <BoardPage
      site={c.var.site}
      period={period}
      path={path}
      papers={board.items}
      votedIds={await viewerVotes(c, ctx, board.items)}
      total={board.total}
      page={page}
      pageSize={size}
      pageCount={pageCount}
      tabs={{
        day: periodPath(periodContaining('day', day)),
        week: periodPath(periodContaining('week', day)),
        month: periodPath(periodContaining('month', day)),
      }}
      previous={adjacent.previous ? periodLink(period.kind, adjacent.previous) : undefined}
      next={adjacent.next ? periodLink(period.kind, adjacent.next) : undefined}
      filters={filters}
      categories={categories}
    />,
  );
}

function periodHandler(ctx: AppContext, kind: PeriodKind) {
  return (c: Context) => {
    const text = c.req.param('period') ?? '';
    const period = parsePeriod(kind, text);
    if (!period) return renderError(c, ctx, 400, `“${text}” is not ${FORMAT_HINTS[kind]}.`);
    return showBoard(c, ctx, period, periodPath(period));
  };
}

/**
 * The date picker's GET form (`/date?d=2026-08-21`, with `kind` on week and month boards) lands on
 * the board of that day or the week or month holding it, keeping the filters. Bare `/date` is home.
 */
async function goToDate(c: Context) {
  const { day, kind, filters } = await requireQuery(c, DatePickerQuery);
  if (!day) return c.redirect('/', 302);
  return c.redirect(`${periodPath(periodContaining(kind, day.from))}${filterQuery(filters)}`, 302);
}

/** The period of the latest board date (or of today when the board is empty). */
async function currentPeriod(ctx: AppContext, kind: PeriodKind): Promise<BoardPeriod> {
  const latest = (await latestBoardDate(ctx.database.db)) ?? ctx.now().toISOString().slice(0, 10);
  return periodContaining(kind, latest);
}

export function registerBoardRoutes(app: Hono, ctx: AppContext): void {
  app.get('/', async (c) => {
    const latest = await latestBoardDate(ctx.database.db);
    const period = latest ? parseDay(latest) : undefined;
    if (!period) return renderPage(c, <EmptyBoardPage site={c.var.site} />);
    return showBoard(c, ctx, period, '/');
  });
  app.get('/date/:period', periodHandler(ctx, 'day'));
  app.get('/week/:period', periodHandler(ctx, 'week'));
  app.get('/month/:period', periodHandler(ctx, 'month'));
  app.get('/date', goToDate);
  app.get('/week', async (c) => c.redirect(periodPath(await currentPeriod(ctx, 'week')), 302));
  app.get('/month', async (c) => c.redirect(periodPath(await currentPeriod(ctx, 'month')), 302));
}
