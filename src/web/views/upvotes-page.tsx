// /users/:username/upvotes: the papers a reader upvoted, most recent vote first, paged with `?p=`.
// Only the reader sees it (routes/upvotes.tsx): a vote is a quiet bookmark, not a public statement.

import type { PaperView } from '../../store/paper-reads.js';
import type { User } from '../../store/users.js';
import { Layout, type Site } from './layout.js';
import { Pagination, pageHref } from './pagination.js';
import { PaperList } from './paper-card.js';
import { profilePath } from './placement-credit.js';

export function upvotesPath(username: string): string {
  return `${profilePath(username)}/upvotes`;
}

export const UpvotesPage = (props: {
  site: Site;
  user: User;
  papers: PaperView[];
  total: number;
  /** 0-based page index, page size and page count. */
  page: number;
  pageSize: number;
  pageCount: number;
}) => {
  const path = upvotesPath(props.user.username);
  // Every paper here is upvoted by the reader looking, so each card's button offers to remove it.
  const votedIds = new Set(props.papers.map((p) => p.id));
  return (
    <Layout
      site={props.site}
      meta={{ title: 'Your upvoted papers', canonicalPath: pageHref(path, props.page), isNoIndex: true }}
    >
      <div class="board-head">
        <div>
          <p class="eyebrow">
            <a href={profilePath(props.user.username)}>@{props.user.username}</a>
          </p>
          <h1>Your upvoted papers</h1>
          <p class="board-meta">
            {props.total === 1 ? '1 paper' : `${props.total} papers`} · most recent upvote first · only you
            can see this list
          </p>
        </div>
      </div>
      {props.papers.length > 0 ? (
        <PaperList
          papers={props.papers}
          votedIds={votedIds}
          back={pageHref(path, props.page)}
          start={props.page * props.pageSize + 1}
        />
      ) : (
        <section class="notice">
          <h2>No upvotes yet</h2>
          <p>
            Press ▲ on a paper you want to come back to; it will be listed here.{' '}
            <a href="/">See today's papers</a>.
          </p>
        </section>
      )}
      <Pagination path={path} page={props.page} pageCount={props.pageCount} />
    </Layout>
  );
};
