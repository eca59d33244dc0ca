// The page shell every HTML page shares: head (canonical link, feeds, styles), site header with
// navigation, main landmark and footer. Pure: routes pass everything it shows.

import type { Child } from 'hono/jsx';
import { assetUrls } from './asset-urls.js';
import type { MetaTag } from './citation-meta.js';
import { FooterDigestForm } from './digest-footer.js';
import { ViewerSlot } from './viewer-slot.js';

export type NavKey = 'day' | 'week' | 'month' | 'trending' | 'search';

export interface Site {
  name: string;
  /** Public base URL without trailing slash. */
  baseUrl: string;
  /** The signed-in reader, shown in the header. */
  viewer?: { username: string; displayName: string; isAdmin: boolean } | undefined;
}

export interface PageMeta {
  /** Page title; the site name is appended. */
  title: string;
  /** Path for the canonical link, e.g. `/papers/2401.00001`; none for error pages. */
  canonicalPath?: string;
  description?: string;
  current?: NavKey;
  /** Error and empty pages ask search engines not to index them. */
  isNoIndex?: boolean;
  /** The query shown in the header search box. */
  query?: string;
  /** The search page has a full-width field of its own, so the header leaves its box out. */
  isSearchBoxHidden?: boolean;
  /** Feeds of this page, announced before the site-wide daily feeds. */
  feeds?: FeedLink[];
  /** Other formats of this page (a paper's BibTeX), as `<link rel="alternate">`. */
  alternates?: FeedLink[];
  /** Citation and sharing metadata (Highwire `citation_*`, Open Graph, Twitter card). */
  tags?: MetaTag[];
}

export interface FeedLink {
  type: string;
  href: string;
  title: string;
}

// No "Search" entry: the header's search box is the way in (issue 12: the link wrapped onto a row
// of its own on phones); an empty search opens /search with the syntax help.
const NAV: { key: NavKey; label: string; href: string }[] = [
  { key: 'day', label: 'Daily', href: '/' },
  { key: 'week', label: 'Weekly', href: '/week' },
  { key: 'month', label: 'Monthly', href: '/month' },
  { key: 'trending', label: 'Trending', href: '/trending' },
];

const SearchBox = (props: { query?: string }) => (
  // biome-ignore lint/a11y/useSemanticElements: role="search" on the form is the landmark every screen reader knows; <search> is too new (2023) to rely on.
  <form class="site-search" action="/search" method="get" role="search">
    <label for="site-search-q" class="visually-hidden">
      Search papers
    </label>
    <input id="site-search-q" type="search" name="q" value={props.query ?? ''} placeholder="Search papers" />
    <button type="submit" class="button">
      Search
    </button>
  </form>
);

export const AccountMenu = (props: { viewer: Site['viewer'] }) =>
  props.viewer ? (
    <div class="account-menu">
      <a href="/submit" class="button">
        Submit
      </a>
      {props.viewer.isAdmin ? (
        <>
          <a href="/moderation">Moderation</a>
          <a href="/admin/digests">Digests</a>
        </>
      ) : null}
      <a href="/for-you">For you</a>
      <a href="/collections">Lists</a>
      <a href={`/users/${encodeURIComponent(props.viewer.username)}`} class="account-name">
        @{props.viewer.username}
      </a>
      <form method="post" action="/signout">
        <button type="submit" class="link-button">
          Sign out
        </button>
      </form>
    </div>
  ) : (
    <div class="account-menu">
      <a href="/signin" class="button">
        Sign in
      </a>
    </div>
  );

const FEEDS = [
  { type: 'application/rss+xml', href: '/feeds/daily.rss', label: 'RSS' },
  { type: 'application/atom+xml', href: '/feeds/daily.atom', label: 'Atom' },
  { type: 'application/feed+json', href: '/feeds/daily.json', label: 'JSON Feed' },
];

export function siteOf(config: { siteName: string; baseUrl: string }): Site {
  return { name: config.siteName, baseUrl: config.baseUrl.replace(/\/+$/, '') };
}

export const Layout = (props: { site: Site; meta: PageMeta; children?: Child }) => {
  const { site, meta } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{meta.title === site.name ? site.name : `${meta.title} · ${site.name}`}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        {meta.isNoIndex ? <meta name="robots" content="noindex" /> : null}
        <link rel="icon" type="image/svg+xml" href="/assets/favicon.svg" />
        {meta.canonicalPath ? <link rel="canonical" href={`${site.baseUrl}${meta.canonicalPath}`} /> : null}
        {(meta.tags ?? []).map((tag) =>
          'property' in tag ? (
            <meta property={tag.property} content={tag.content} />
          ) : (
            <meta name={tag.name} content={tag.content} />
          ),
        )}
        {[...(meta.alternates ?? []), ...(meta.feeds ?? [])].map((feed) => (
          <link rel="alternate" type={feed.type} title={feed.title} href={feed.href} />
        ))}
        {FEEDS.map((feed) => (
          <link
            rel="alternate"
            type={feed.type}
            title={`${site.name} daily papers (${feed.label})`}
            href={feed.href}
          />
        ))}
        <link rel="stylesheet" href={assetUrls.katexCss} />
        <link rel="stylesheet" href={assetUrls.appCss} />
        <script src={assetUrls.appJs} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="container">
            <a class="site-name" href="/">
              <span class="site-logo" aria-hidden="true">
                ▲
              </span>
              {site.name}
            </a>
            <nav class="site-nav" aria-label="Main">
              <ul>
                {NAV.map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.key === meta.current ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {meta.isSearchBoxHidden ? null : <SearchBox query={meta.query} />}
            <ViewerSlot slot={{ kind: 'account' }}>
              <AccountMenu viewer={site.viewer} />
            </ViewerSlot>
          </div>
        </header>
        <main id="main" class="container">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <ViewerSlot slot={{ kind: 'digest-footer' }}>
              <FooterDigestForm viewer={site.viewer} />
            </ViewerSlot>
            <p>
              {site.name} — research papers from arXiv, ranked by the community. Thank you to arXiv for use of
              its open access interoperability.
            </p>
            <ul aria-label="Feeds">
              <li>Subscribe:</li>
              {FEEDS.map((feed) => (
                <li>
                  <a href={feed.href}>{feed.label}</a>
                </li>
              ))}
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
};
