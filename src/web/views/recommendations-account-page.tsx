// /account/recommendations: what "For you" knows about the reader, and their controls over it —
// download it all as JSON, clear it, and make or rotate the private feed URL (shown once, right after
// it is made: only its hash is stored).

import type { ReaderSignals } from '../../store/reader-signals.js';
import { Layout, type Site } from './layout.js';

export const RecommendationsAccountPage = (props: {
  site: Site;
  signals: ReaderSignals;
  /** When the current feed secret was made; undefined without one. */
  feedSince: string | undefined;
  /** The new feed URL (without extension), right after a rotation. */
  newFeedUrl?: string;
  notice?: string;
}) => {
  const s = props.signals;
  return (
    <Layout
      site={props.site}
      meta={{ title: 'Your recommendation data', canonicalPath: '/account/recommendations', isNoIndex: true }}
    >
      <div class="board-head">
        <div>
          <p class="eyebrow">Account</p>
          <h1>Your recommendation data</h1>
          <p class="board-meta">
            <a href="/for-you">For you</a> is ranked from your own signals only. They are private: no other
            reader and no admin can see them, and they go with your account.
          </p>
        </div>
      </div>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <section class="form-card">
        <h2>What it uses</h2>
        <ul>
          <li>{s.saved.length} papers saved in your lists</li>
          <li>{s.upvoted.length} upvoted papers</li>
          <li>
            {s.feedback.filter((f) => f.kind === 'more').length} “More like this” and{' '}
            {s.feedback.filter((f) => f.kind === 'less').length} “Not interested”
          </li>
          <li>{s.follows.length} followed authors and categories</li>
        </ul>
        <p>
          <a
            class="button"
            href="/account/recommendations/export.json"
            download="paperboard-recommendations.json"
          >
            Download as JSON
          </a>
        </p>
        <form method="post" action="/account/recommendations/clear">
          <p>Clearing removes your feedback, follows and model (your lists and upvotes stay).</p>
          <button type="submit" class="button">
            Clear feedback and follows
          </button>
        </form>
      </section>
      <section class="form-card">
        <h2>Private feed</h2>
        {props.newFeedUrl ? (
          <>
            <p>Your new feed URL; copy it now, it is shown only this once:</p>
            <ul>
              <li>
                <code id="for-you-feed-url">{`${props.newFeedUrl}.atom`}</code>
              </li>
              <li>
                <code>{`${props.newFeedUrl}.rss`}</code>
              </li>
              <li>
                <code>{`${props.newFeedUrl}.json`}</code>
              </li>
            </ul>
          </>
        ) : (
          <p>
            {props.feedSince
              ? `You have a feed URL, made ${props.feedSince.slice(0, 10)}. Lost it? Rotate it: the old URL stops working.`
              : 'Follow "For you" in a feed reader through a secret URL.'}
          </p>
        )}
        <form method="post" action="/account/recommendations/feed-token">
          <button type="submit" class="button">
            {props.feedSince ? 'Rotate the feed URL' : 'Make a feed URL'}
          </button>
        </form>
      </section>
    </Layout>
  );
};
