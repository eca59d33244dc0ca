// /trending: the board ranked by trending score, each card able to say why it ranks where it does.

import { explainTrending, placementTime, TRENDING_TIME_SCALE_SECONDS } from '../../model/trending.js';
import type { PaperView } from '../../store/paper-reads.js';
import { Layout, type Site } from './layout.js';
import { Pagination, pageHref } from './pagination.js';
import { PaperList } from './paper-card.js';

const TREND_FEEDS = [
  { type: 'application/rss+xml', href: '/feeds/trending.rss', title: 'Trending papers (RSS)' },
  { type: 'application/atom+xml', href: '/feeds/trending.atom', title: 'Trending papers (Atom)' },
  { type: 'application/feed+json', href: '/feeds/trending.json', title: 'Trending papers (JSON Feed)' },
];

function formatPlaced(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const WhyRanked = (props: { paper: PaperView }) => {
  const board = props.paper.board;
  if (!board) return null;
  const why = explainTrending(props.paper.upvotes, placementTime(board));
  return (
    <details class="why-ranked">
      <summary>Why ranked here</summary>
      <p>
        {why.upvotes} upvote{why.upvotes === 1 ? '' : 's'} → log₁₀ {why.voteTerm.toFixed(3)} + put on the
        board {formatPlaced(why.placedAt)} → {why.timeTerm.toFixed(3)} ={' '}
        <strong>score {why.score.toFixed(3)}</strong>
      </p>
    </details>
  );
};

export const TrendingPage = (props: {
  site: Site;
  papers: PaperView[];
  votedIds: ReadonlySet<number>;
  total: number;
  /** 0-based page index, page size and page count. */
  page: number;
  pageSize: number;
  pageCount: number;
}) => (
  <Layout
    site={props.site}
    meta={{
      title: 'Trending papers',
      canonicalPath: pageHref('/trending', props.page),
      description: 'Research papers the community is upvoting now.',
      current: 'trending',
      feeds: TREND_FEEDS,
    }}
  >
    <div class="board-head">
      <div>
        <p class="eyebrow">Trending</p>
        <h1>Trending papers</h1>
        <p class="board-meta">
          Upvotes weighed against recency: score = log₁₀(upvotes) + days since 2020 ÷{' '}
          {TRENDING_TIME_SCALE_SECONDS / 86_400}. Two days newer counts as much as ten times the upvotes.{' '}
          {props.total === 1 ? '1 paper' : `${props.total} papers`}.
        </p>
      </div>
    </div>
    {props.papers.length > 0 ? (
      <PaperList
        papers={props.papers}
        votedIds={props.votedIds}
        back={pageHref('/trending', props.page)}
        start={props.page * props.pageSize + 1}
        feedback={{ isSignedIn: props.site.viewer !== undefined }}
        footer={(paper) => <WhyRanked paper={paper} />}
      />
    ) : (
      <section class="notice">
        <h2>Nothing trending yet</h2>
        <p>Papers appear here once they are on the board.</p>
      </section>
    )}
    <Pagination path="/trending" page={props.page} pageCount={props.pageCount} />
  </Layout>
);
