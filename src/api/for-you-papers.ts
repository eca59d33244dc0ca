// One reader's "For you" papers for the day, week or month holding the latest board date, with the
// reasons as sentences: what the private feed and GET /api/recommendations serve.

import type { AppContext } from '../context.js';
import { type BoardPeriod, type PeriodKind, periodContaining } from '../model/board-period.js';
import { recommendForReader } from '../recs/recommend.js';
import type { RecommendationReason } from '../recs/types.js';
import { getPapersByIds } from '../store/paper-lookups.js';
import { latestBoardDate, type PaperView } from '../store/paper-reads.js';

export interface ForYouPaper {
  paper: PaperView;
  score: number;
  reasons: RecommendationReason[];
}

export interface ForYouPapers {
  state: 'cold' | 'ready';
  period: BoardPeriod;
  total: number;
  items: ForYouPaper[];
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export async function forYouPapers(
  ctx: AppContext,
  userId: number,
  kind: PeriodKind,
  limit: number,
): Promise<ForYouPapers> {
  const latest = (await latestBoardDate(ctx.database.db)) ?? ctx.now().toISOString().slice(0, 10);
  const period = periodContaining(kind, latest);
  const page = await recommendForReader(ctx, userId, {
    from: new Date(`${period.from}T00:00:00Z`),
    to: new Date(`${dayAfter(period.to)}T00:00:00Z`),
    limit,
    offset: 0,
  });
  const papers = new Map(
    (
      await getPapersByIds(
        ctx.database.db,
        page.items.map((i) => i.paperId),
      )
    ).map((p) => [p.id, p]),
  );
  const items = page.items.flatMap((i) => {
    const paper = papers.get(i.paperId);
    return paper ? [{ paper, score: i.score, reasons: i.reasons }] : [];
  });
  return { state: page.state, period, total: page.total, items };
}
