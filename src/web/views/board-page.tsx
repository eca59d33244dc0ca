// A board page (day, ISO week or month): heading, Day/Week/Month tabs, previous/next period links,
// the ranked paper cards and pagination. Also the empty states. Pure view; routes/board.tsx loads data.

import type { BoardPeriod, PeriodKind } from '../../model/board-period.js';
import type { CategoryCount } from '../../store/board-categories.js';
import type { PaperView } from '../../store/paper-reads.js';
import { type BoardFilters, filterQuery } from '../board-filters.js';
import { BoardControls } from './board-controls.js';
import { periodRange, periodTitle } from './format.js';
import { type FeedLink, Layout, type Site } from './layout.js';
import { Pagination, pageHref } from './pagination.js';
import { PaperList } from './paper-card.js';

export interface PeriodLink {
  href: string;
  label: string;
}

export interface BoardPageProps {
  site: Site;
  period: BoardPeriod;
  /** Canonical path of this page (`/` for the latest board). */
  path: string;
  papers: PaperView[];
  /** Papers the reader has upvoted. */
  votedIds: ReadonlySet<number>;
  total: number;
  /** 0-based page index, page size and page count. */
  page: number;
  pageSize: number;
  pageCount: number;
  /** Where each tab leads for the same period. */
  tabs: Record<PeriodKind, string>;
  previous?: PeriodLink;
  next?: PeriodLink;
  /** The reader's `?cat=` and `?sort=`, and the categories the filter offers. */
  filters: BoardFilters;
  categories: CategoryCount[];
}

const KIND_NAMES: Record<PeriodKind, string> = {
  day: 'Daily papers',
  week: 'Weekly papers',
  month: 'Monthly papers',
};
const TAB_LABELS: [PeriodKind, string][] = [
  ['day', 'Day'],
  ['week', 'Week'],
  ['month', 'Month'],
];

export const PeriodNav = (props: { previous?: PeriodLink; next?: PeriodLink; kind: PeriodKind }) => (
  <nav class="period-nav" aria-label={`Previous and next ${props.kind}`}>
    {props.previous ? (
      <a href={props.previous.href} rel="prev">
        ← {props.previous.label}
      </a>
    ) : (
      <span>← No earlier papers</span>
    )}
    {props.next ? (
      <a href={props.next.href} rel="next">
        {props.next.label} →
      </a>
    ) : (
      <span>No later papers →</span>
    )}
  </nav>
);

/** A week or month page announces the rolling feed of its kind (the day's are the site-wide ones). */
function boardFeeds(kind: PeriodKind, siteName: string): FeedLink[] {
  if (kind === 'day') return [];
  const path = kind === 'week' ? '/feeds/weekly' : '/feeds/monthly';
  const words = kind === 'week' ? 'weekly' : 'monthly';
  return [
    { type: 'application/atom+xml', href: `${path}.atom`, title: `${siteName} ${words} papers (Atom)` },
    { type: 'application/rss+xml', href: `${path}.rss`, title: `${siteName} ${words} papers (RSS)` },
    { type: 'application/feed+json', href: `${path}.json`, title: `${siteName} ${words} papers (JSON Feed)` },
  ];
}

export const BoardPage = (props: BoardPageProps) => {
  const { period } = props;
  const title = periodTitle(period);
  const range = periodRange(period);
  // Paging and votes keep the reader's filters: the list they page through is the filtered one.
  const listPath = `${props.path}${filterQuery(props.filters)}`;
  return (
    <Layout
      site={props.site}
      meta={{
        title: `${KIND_NAMES[period.kind]} — ${title}`,
        canonicalPath: pageHref(listPath, props.page),
        description: `The most upvoted research papers of ${title}.`,
        current: period.kind,
        isNoIndex: props.total === 0,
        feeds: boardFeeds(period.kind, props.site.name),
      }}
    >
      <div class="board-head">
        <div>
          <p class="eyebrow">{KIND_NAMES[period.kind]}</p>
          <h1>{title}</h1>
          <p class="board-meta">
            {range ? `${range} · ` : ''}
            {props.total === 1 ? '1 paper' : `${props.total} papers`}
          </p>
        </div>
        <nav class="tabs" aria-label="Period">
          {TAB_LABELS.map(([kind, label]) => (
            <a href={props.tabs[kind]} aria-current={kind === period.kind ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
      </div>
      <PeriodNav previous={props.previous} next={props.next} kind={period.kind} />
      <BoardControls
        period={period}
        path={props.path}
        filters={props.filters}
        categories={props.categories}
      />
      {props.papers.length > 0 ? (
        <PaperList
          papers={props.papers}
          votedIds={props.votedIds}
          back={pageHref(listPath, props.page)}
          start={props.page * props.pageSize + 1}
          feedback={{ isSignedIn: props.site.viewer !== undefined }}
        />
      ) : (
        <section class="notice">
          <h2>
            No papers {props.filters.category ? `in ${props.filters.category} ` : ''}
            {period.kind === 'day' ? 'on this day' : `in this ${period.kind}`}
          </h2>
          {props.filters.category ? (
            <p>
              None of this {period.kind}'s papers is listed in {props.filters.category}.{' '}
              <a href={props.path}>Show all categories</a>.
            </p>
          ) : (
            <p>
              Nothing was put on the board for {title}. Use the links above to go to the nearest {period.kind}{' '}
              with papers.
            </p>
          )}
        </section>
      )}
      <Pagination path={listPath} page={props.page} pageCount={props.pageCount} />
    </Layout>
  );
};

/** The home page before any paper has been loaded. */
export const EmptyBoardPage = (props: { site: Site }) => (
  <Layout
    site={props.site}
    meta={{ title: props.site.name, canonicalPath: '/', current: 'day', isNoIndex: true }}
  >
    <section class="notice">
      <h1>No papers yet</h1>
      <p>The board is empty because no papers have been loaded into this {props.site.name} instance.</p>
      <p>
        Load a Hugging Face daily-papers or Kaggle arXiv snapshot with{' '}
        <code>{'paperboard import <file>'}</code>, fetch fresh papers with{' '}
        <code>paperboard ingest --once</code>, or try it out with the bundled sample data using{' '}
        <code>npm start</code>.
      </p>
    </section>
  </Layout>
);
