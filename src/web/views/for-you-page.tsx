// The "For you" board (routes/for-you.tsx): one reader's recommendations for a day, week or month,
// each card saying why it is there and offering "More like this" / "Not interested"; and the cold
// start, which asks for a few papers, categories or authors first. Private pages: never cached.

import type { BoardPeriod, PeriodKind } from '../../model/board-period.js';
import type { RecommendationReason } from '../../recs/types.js';
import type { PaperView } from '../../store/paper-reads.js';
import type { FeedbackSignal, FollowSignal } from '../../store/reader-signals.js';
import { type PeriodLink, PeriodNav } from './board-page.js';
import { FeedbackForms } from './feedback-forms.js';
import { periodRange, periodTitle } from './format.js';
import { Layout, type Site } from './layout.js';
import { Pagination, pageHref } from './pagination.js';
import { PaperList, paperPath } from './paper-card.js';

export interface ForYouItem {
  paper: PaperView;
  reasons: RecommendationReason[];
}

const TAB_LABELS: [PeriodKind, string][] = [
  ['day', 'Day'],
  ['week', 'Week'],
  ['month', 'Month'],
];

const PREFIX: Record<PeriodKind, string> = { day: 'date', week: 'week', month: 'month' };

export function forYouPath(period: BoardPeriod): string {
  return `/for-you/${PREFIX[period.kind]}/${period.label}`;
}

/** One reason as a sentence that names the reader's own signal. */
export const ReasonText = (props: { reason: RecommendationReason }) => {
  const r = props.reason;
  switch (r.kind) {
    case 'like-saved':
      return (
        <>
          Like <em>{r.title}</em> in your list <em>{r.listName}</em>
        </>
      );
    case 'like-upvoted':
      return (
        <>
          Like <em>{r.title}</em>, which you upvoted
        </>
      );
    case 'like-feedback':
      return (
        <>
          Like <em>{r.title}</em>, which you asked more of
        </>
      );
    case 'followed-author':
      return <>By an author you follow: {r.name}</>;
    case 'followed-category':
      return <>In {r.category}, which you follow</>;
  }
};

export const FollowForm = (props: {
  kind: 'author' | 'category';
  value: string;
  isFollowed: boolean;
  back: string;
}) => (
  <form method="post" action="/follows" class="follow-form">
    <input type="hidden" name="kind" value={props.kind} />
    <input type="hidden" name="value" value={props.value} />
    <input type="hidden" name="action" value={props.isFollowed ? 'unfollow' : 'follow'} />
    <input type="hidden" name="back" value={props.back} />
    <button type="submit" class="button">
      {props.isFollowed ? `Unfollow ${props.value}` : `Follow ${props.value}`}
    </button>
  </form>
);

/** The reader's recent feedback, each with an undo: "not interested" papers leave the board, so undo lives here. */
const RecentFeedback = (props: { feedback: FeedbackSignal[]; back: string }) =>
  props.feedback.length === 0 ? null : (
    <section class="for-you-feedback">
      <h2>Your recent feedback</h2>
      <ul>
        {props.feedback.map((f) => (
          <li>
            <a href={paperPath(f.arxivId)}>{f.title}</a>{' '}
            <FeedbackForms arxivId={f.arxivId} back={props.back} current={f.kind} />
          </li>
        ))}
      </ul>
    </section>
  );

const FollowsList = (props: { follows: FollowSignal[]; back: string }) =>
  props.follows.length === 0 ? null : (
    <section class="for-you-follows">
      <h2>You follow</h2>
      <ul class="follow-list">
        {props.follows.map((f) => (
          <li>
            <FollowForm kind={f.kind} value={f.value} isFollowed back={props.back} />
          </li>
        ))}
      </ul>
    </section>
  );

const FollowInputs = (props: { back: string }) => (
  <div class="follow-inputs">
    <form method="post" action="/follows" class="follow-form">
      <input type="hidden" name="kind" value="category" />
      <input type="hidden" name="action" value="follow" />
      <input type="hidden" name="back" value={props.back} />
      <label for="follow-category">Follow an arXiv category</label>
      <input id="follow-category" name="value" placeholder="cs.CL" required maxlength={200} />
      <button type="submit" class="button">
        Follow
      </button>
    </form>
    <form method="post" action="/follows" class="follow-form">
      <input type="hidden" name="kind" value="author" />
      <input type="hidden" name="action" value="follow" />
      <input type="hidden" name="back" value={props.back} />
      <label for="follow-author">Follow an author</label>
      <input id="follow-author" name="value" placeholder="Yoshua Bengio" required maxlength={200} />
      <button type="submit" class="button">
        Follow
      </button>
    </form>
  </div>
);

export interface ForYouPageProps {
  site: Site;
  period: BoardPeriod;
  items: ForYouItem[];
  total: number;
  /** Ranked by the model from before the reader's latest signals; a new one is being trained. */
  isUpdating: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
  tabs: Record<PeriodKind, string>;
  previous?: PeriodLink;
  next?: PeriodLink;
  votedIds: ReadonlySet<number>;
  feedback: FeedbackSignal[];
  follows: FollowSignal[];
}

export const ForYouPage = (props: ForYouPageProps) => {
  const path = forYouPath(props.period);
  const back = pageHref(path, props.page);
  const reasonsOf = new Map(props.items.map((i) => [i.paper.id, i.reasons]));
  const range = periodRange(props.period);
  return (
    <Layout
      site={props.site}
      meta={{ title: `For you — ${periodTitle(props.period)}`, canonicalPath: back, isNoIndex: true }}
    >
      <div class="board-head">
        <div>
          <p class="eyebrow">For you · only you can see this page</p>
          <h1>{periodTitle(props.period)}</h1>
          <p class="board-meta">
            {range ? `${range} · ` : ''}
            {props.total === 1 ? '1 paper' : `${props.total} papers`} ranked by what you save, upvote, follow
            and mark
          </p>
          {props.isUpdating ? (
            <p class="board-meta" role="status">
              Updating… this ranking is from before your latest changes; reload in a minute for the new one.
            </p>
          ) : null}
        </div>
        <nav class="tabs" aria-label="Period">
          {TAB_LABELS.map(([kind, label]) => (
            <a href={props.tabs[kind]} aria-current={kind === props.period.kind ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
      </div>
      <PeriodNav previous={props.previous} next={props.next} kind={props.period.kind} />
      {props.items.length > 0 ? (
        <PaperList
          papers={props.items.map((i) => i.paper)}
          votedIds={props.votedIds}
          back={back}
          start={props.page * props.pageSize + 1}
          footer={(paper) => (
            <div class="for-you-card-foot">
              <ul class="reasons" aria-label="Why this paper">
                {(reasonsOf.get(paper.id) ?? []).map((reason) => (
                  <li>
                    <ReasonText reason={reason} />
                  </li>
                ))}
              </ul>
              <FeedbackForms arxivId={paper.arxivId} back={back} />
            </div>
          )}
        />
      ) : (
        <section class="notice">
          <h2>
            Nothing for you {props.period.kind === 'day' ? 'on this day' : `in this ${props.period.kind}`}
          </h2>
          <p>
            None of this {props.period.kind}'s papers is close to what you follow and save. Try the week or
            month.
          </p>
        </section>
      )}
      <Pagination path={path} page={props.page} pageCount={props.pageCount} />
      <RecentFeedback feedback={props.feedback} back={back} />
      <FollowsList follows={props.follows} back={back} />
      <section class="for-you-more">
        <h2>Follow more</h2>
        <FollowInputs back={back} />
        <p>
          <a href="/account/recommendations">Your recommendation data</a>: export it, clear it, or get a
          private feed.
        </p>
      </section>
    </Layout>
  );
};

/** Before a reader has given enough to go on: ask for a few papers, categories or authors. */
export const ColdStartPage = (props: {
  site: Site;
  popular: PaperView[];
  votedIds: ReadonlySet<number>;
  feedback: FeedbackSignal[];
  follows: FollowSignal[];
  needed: number;
}) => {
  const back = '/for-you';
  const marked = new Map(props.feedback.map((f) => [f.paperId, f.kind]));
  return (
    <Layout site={props.site} meta={{ title: 'For you', canonicalPath: back, isNoIndex: true }}>
      <div class="board-head">
        <div>
          <p class="eyebrow">For you · only you can see this page</p>
          <h1>Tell us what you read</h1>
          <p class="board-meta">
            Pick {props.needed === 1 ? 'one more paper or topic' : `${props.needed} more papers or topics`}:
            save papers to a list, upvote them, press “More like this”, or follow categories and authors. Your
            picks stay private.
          </p>
        </div>
      </div>
      <section class="for-you-start">
        <h2>Follow categories or authors</h2>
        <FollowInputs back={back} />
        <form method="get" action="/search" class="follow-form">
          <label for="cold-search">Find papers you liked</label>
          <input id="cold-search" type="search" name="q" placeholder="retrieval-augmented generation" />
          <button type="submit" class="button">
            Search
          </button>
        </form>
      </section>
      <FollowsList follows={props.follows} back={back} />
      <section>
        <h2>Popular recent papers</h2>
        <PaperList
          papers={props.popular}
          votedIds={props.votedIds}
          back={back}
          footer={(paper) => (
            <FeedbackForms arxivId={paper.arxivId} back={back} current={marked.get(paper.id)} />
          )}
        />
      </section>
    </Layout>
  );
};

export { pageHref };
