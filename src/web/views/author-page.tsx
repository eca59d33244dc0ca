// /authors/:name: the papers whose author list has this name (matched as the search index
// normalises text: case, accents, Unicode forms), newest first, with feeds.

import type { PaperView } from '../../store/paper-reads.js';
import { Layout, type Site } from './layout.js';
import { PaperList } from './paper-card.js';

export function authorPath(name: string): string {
  return `/authors/${encodeURIComponent(name)}`;
}

export const AuthorPage = (props: {
  site: Site;
  name: string;
  query: string;
  papers: PaperView[];
  total: number;
  votedIds: ReadonlySet<number>;
}) => {
  // Encoded as the feed encodes its own self link (URLSearchParams), so the two URLs are equal.
  const feedQuery = new URLSearchParams({ q: props.query });
  return (
    <Layout
      site={props.site}
      meta={{
        title: props.name,
        canonicalPath: authorPath(props.name),
        description: `Research papers by ${props.name}.`,
        isNoIndex: props.total === 0,
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
        </div>
      </div>
      {props.papers.length > 0 ? (
        <PaperList papers={props.papers} votedIds={props.votedIds} back={authorPath(props.name)} />
      ) : (
        <section class="notice">
          <h2>No papers by {props.name} here</h2>
          <p>No paper on {props.site.name} lists this author.</p>
        </section>
      )}
    </Layout>
  );
};
