// /authors/:name: the papers whose author list has this name (matched as the search index
// normalises text: case, accents, Unicode forms), newest first and paged, with feeds. The route
// answers 404 for a name no paper lists, so this page always has papers.

import type { PaperView } from '../../store/paper-reads.js';
import { FollowAuthorButton } from './follow-author.js';
import { Layout, type Site } from './layout.js';
import { Pagination, pageHref } from './pagination.js';
import { PaperList } from './paper-card.js';
import { ViewerSlot } from './viewer-slot.js';

export function authorPath(name: string): string {
  return `/authors/${encodeURIComponent(name)}`;
}

export const AuthorPage = (props: {
  site: Site;
  name: string;
  query: string;
  papers: PaperView[];
  total: number;
  /** 0-based page index, page size and page count. */
  page: number;
  pageSize: number;
  pageCount: number;
  votedIds: ReadonlySet<number>;
}) => {
  // Encoded as the feed encodes its own self link (URLSearchParams), so the two URLs are equal.
  const feedQuery = new URLSearchParams({ q: props.query });
  return (
    <Layout
      site={props.site}
      meta={{
        title: props.name,
        canonicalPath: pageHref(authorPath(props.name), props.page),
        description: `Research papers by ${props.name}.`,
        feeds: [
          {
            type: 'application/atom+xml',
            href: `/feeds/search.atom?${feedQuery}`,
            title: `Papers by ${props.name} (Atom)`,
          },
          {
            type: 'application/rss+xml',
            href: `/feeds/search.rss?${feedQuery}`,
            title: `Papers by ${props.name} (RSS)`,
          },
          {
            type: 'application/feed+json',
            href: `/feeds/search.json?${feedQuery}`,
            title: `Papers by ${props.name} (JSON Feed)`,
          },
        ],
      }}
    >
      <div class="board-head">
        <div>
          <p class="eyebrow">Author</p>
          <h1>{props.name}</h1>
          <p class="board-meta">
            {props.total === 1 ? '1 paper' : `${props.total} papers`}, newest first ·{' '}
            <a href={`/feeds/search.atom?${feedQuery}`}>feed</a>
          </p>
          <ViewerSlot slot={{ kind: 'follow-author', name: props.name, back: authorPath(props.name) }}>
            {props.site.viewer ? (
              <FollowAuthorButton name={props.name} back={authorPath(props.name)} />
            ) : null}
          </ViewerSlot>
        </div>
      </div>
      <PaperList
        papers={props.papers}
        votedIds={props.votedIds}
        back={pageHref(authorPath(props.name), props.page)}
        start={props.page * props.pageSize + 1}
        feedback={{ isSignedIn: props.site.viewer !== undefined }}
      />
      <Pagination path={authorPath(props.name)} page={props.page} pageCount={props.pageCount} />
    </Layout>
  );
};
