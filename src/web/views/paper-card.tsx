// One paper on a board: upvote box, title, authors, abstract preview, categories, code links,
// comments and submitter. Used by the day/week/month board pages and, with the highlighted title
// and snippet of a search hit instead, by the search results page.

import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { CodeLink } from '../../model/paper.js';
import type { StoredPaper } from '../../model/stored-paper.js';
import type { PaperView } from '../../store/paper-reads.js';
import { previewAbstract } from './abstract-preview.js';
import { AiSummary, CardOrganization, CardThumbnail, GitHubStars } from './card-extras.js';
import { FeedbackForms } from './feedback-forms.js';
import {
  codeLinkLabel,
  formatCount,
  formatDay,
  orderCategories,
  placementCredit,
  summariseAuthors,
} from './format.js';
import { CommentIcon, GitHubIcon, LinkIcon } from './icons.js';
import { PlacementCredit } from './placement-credit.js';
import { Tex, TexSegments } from './tex.js';
import { ViewerSlot } from './viewer-slot.js';

export function paperPath(arxivId: string): string {
  // Old-style ids keep their slash (`/papers/hep-th/9901001`), as on arXiv itself.
  return `/papers/${arxivId.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The paper page's discussion. A comment count means one thing everywhere (HF's meaning, as the API
 * gives it): Hugging Face's comments plus this site's; the discussion says how many are where.
 */
export function discussionPath(arxivId: string): string {
  return `${paperPath(arxivId)}#discussion`;
}

const KIND_LABELS: Record<CodeLink['kind'], string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  huggingface: 'Hugging Face',
  project: 'Project page',
};

export const CodeLinkItem = (props: { link: CodeLink; class?: string }) => (
  <a
    class={props.class ? `code-link ${props.class}` : 'code-link'}
    href={props.link.url}
    rel="nofollow noopener"
    title={KIND_LABELS[props.link.kind]}
  >
    {props.link.kind === 'github' ? <GitHubIcon /> : <LinkIcon />}
    <span>{props.link.kind === 'project' ? 'Project page' : codeLinkLabel(props.link)}</span>
  </a>
);

export const Authors = (props: { paper: Pick<StoredPaper, 'authors'> }) => {
  const { shown, hiddenTotal } = summariseAuthors(props.paper.authors);
  if (shown.length === 0) return null;
  return (
    <p class="authors">
      {shown.join(', ')}
      {/* Plain text, not a <details> as on the paper page: one more Tab stop on every card of a
          50-card board costs keyboard readers more than the names are worth here; the title link
          leads to the full list. */}
      {hiddenTotal > 0 ? <span class="et-al"> … and {hiddenTotal - shown.length} more</span> : null}
    </p>
  );
};

export const CategoryChips = (props: { primary: string | null; categories: string[] }) => {
  const categories = orderCategories(props.primary, props.categories);
  if (categories.length === 0) return null;
  return (
    <ul class="chips" aria-label="Categories">
      {categories.map((category, i) => (
        <li class={i === 0 && props.primary ? 'chip primary' : 'chip'}>{category}</li>
      ))}
    </ul>
  );
};

/** A search hit's title and snippet, already rendered to safe HTML (views/highlighted-text.ts). */
export interface CardHighlight {
  titleHtml: string;
  snippetHtml: string;
}

const AbstractPreview = (props: { abstract: string }) => {
  const preview = previewAbstract(props.abstract);
  if (preview.segments.length === 0) return null;
  return (
    <p class="abstract-preview">
      <TexSegments segments={preview.segments} isInlineOnly />
      {preview.isTruncated ? '…' : ''}
    </p>
  );
};

/** An upvote button that works as a plain form POST; app.js sends it without a reload. */
export const VoteButton = (props: {
  paperId: number;
  arxivId: string;
  upvotes: number;
  voted: boolean;
  back: string;
}) => (
  <ViewerSlot
    slot={{
      kind: 'vote',
      paperId: props.paperId,
      arxivId: props.arxivId,
      upvotes: props.upvotes,
      back: props.back,
    }}
  >
    <VoteForm {...props} />
  </ViewerSlot>
);

/** The id of a paper's upvote form: a plain form vote returns to it, so the page opens where the reader was. */
export function voteAnchor(arxivId: string): string {
  return `vote-${arxivId.replace(/[^A-Za-z0-9]/g, '-')}`;
}

/**
 * The button's accessible name says what pressing it does and the count ("Upvote, 217 upvotes"). Its
 * state is in the name, not in aria-pressed: a toggle button's name must not change with its state
 * (WAI-ARIA APG, button pattern), and the action is what a reader needs to hear. app.js writes the
 * same words after a vote sent without a reload.
 */
export function voteLabel(voted: boolean, upvotes: number): string {
  return `${voted ? 'Remove upvote' : 'Upvote'}, ${formatCount(upvotes, 'upvote', 'upvotes')}`;
}

export const VoteForm = (props: { arxivId: string; upvotes: number; voted: boolean; back: string }) => (
  <form method="post" action="/vote" class="vote-form" id={voteAnchor(props.arxivId)}>
    <input type="hidden" name="paper" value={props.arxivId} />
    <input type="hidden" name="vote" value={props.voted ? '0' : '1'} />
    <input type="hidden" name="back" value={props.back} />
    <button
      type="submit"
      class="vote-box"
      data-voted={props.voted ? 'true' : 'false'}
      aria-label={voteLabel(props.voted, props.upvotes)}
      title={props.voted ? 'Remove your upvote' : 'Upvote'}
    >
      <span class="arrow" aria-hidden="true">
        ▲
      </span>
      <span class="count">{props.upvotes}</span>
    </button>
    {/* Where app.js announces a vote's result to screen readers (the button keeps the focus). */}
    <span class="visually-hidden" role="status" data-vote-status />
  </form>
);

/**
 * When the paper came out: arXiv's first version, else the day it was put on a board. Every card
 * shows it, so a list sorted by "Newest" can be checked by eye.
 */
export const PaperDate = (props: { paper: Pick<StoredPaper, 'publishedAt' | 'board'> }) => {
  const published = props.paper.publishedAt;
  const day = published ?? props.paper.board?.date;
  if (!day) return null;
  return (
    <span class="meta-item">
      {published ? 'Published ' : 'Featured '}
      <time datetime={day.slice(0, 10)}>{formatDay(day)}</time>
    </span>
  );
};

export interface CardVote {
  /** The paper's row id (the render cache looks up a signed-in reader's votes by it). */
  paperId: number;
  voted: boolean;
  /** Where a form POST returns to (this page). */
  back: string;
}

export const PaperCard = (props: {
  paper: StoredPaper;
  highlight?: CardHighlight;
  footer?: Child;
  vote?: CardVote;
  /** "More like this" / "Not interested" in a viewer slot: the buttons only for a signed-in reader. */
  feedback?: { isSignedIn: boolean };
}) => {
  const { paper, highlight } = props;
  const titleId = `title-${paper.arxivId.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <li>
      <article class="paper-card" aria-labelledby={titleId}>
        {/* Without a vote (search results) the count is plain text in the meta line: a box like the
            upvote button that does nothing when pressed would mislead. */}
        {props.vote ? (
          <VoteButton
            paperId={props.vote.paperId}
            arxivId={paper.arxivId}
            upvotes={paper.upvotes}
            voted={props.vote.voted}
            back={props.vote.back}
          />
        ) : null}
        <div class="paper-body">
          <h2 class="paper-title" id={titleId}>
            <a href={paperPath(paper.arxivId)}>
              {highlight ? raw(highlight.titleHtml) : <Tex text={paper.title} isInlineOnly />}
            </a>
          </h2>
          <Authors paper={paper} />
          {highlight ? (
            highlight.snippetHtml ? (
              <p class="abstract-preview snippet">{raw(highlight.snippetHtml)}</p>
            ) : null
          ) : (
            <>
              <AiSummary summary={paper.aiSummary} />
              <AbstractPreview abstract={paper.abstract} />
            </>
          )}
          <div class="paper-meta">
            {props.vote ? null : (
              <span class="meta-item upvote-count">
                <span aria-hidden="true">▲</span> {formatCount(paper.upvotes, 'upvote', 'upvotes')}
              </span>
            )}
            <PaperDate paper={paper} />
            <CategoryChips primary={paper.primaryCategory} categories={paper.categories} />
            {paper.codeLinks.map((link) => (
              <>
                <CodeLinkItem link={link} />
                {/* HF's star count is for the paper's GitHub repository, so it goes beside that link. */}
                {link.kind === 'github' && link.url === paper.githubRepo ? (
                  <GitHubStars stars={paper.githubStars} />
                ) : null}
              </>
            ))}
            <CardOrganization organization={paper.organization} />
            {paper.numComments > 0 ? (
              <a class="meta-item" href={discussionPath(paper.arxivId)} aria-describedby={titleId}>
                <CommentIcon />
                {formatCount(paper.numComments, 'comment', 'comments')}
              </a>
            ) : null}
            {paper.board && placementCredit(paper.board) ? (
              <span class="meta-item">
                <PlacementCredit board={paper.board} isCapitalised />
              </span>
            ) : null}
          </div>
          {props.footer}
          {props.feedback && props.vote ? (
            <ViewerSlot
              slot={{
                kind: 'feedback',
                paperId: props.vote.paperId,
                arxivId: paper.arxivId,
                back: props.vote.back,
              }}
            >
              {props.feedback.isSignedIn ? (
                <FeedbackForms arxivId={paper.arxivId} back={props.vote.back} isInline />
              ) : null}
            </ViewerSlot>
          ) : null}
        </div>
        <CardThumbnail paper={paper} />
      </article>
    </li>
  );
};

/** A ranked list of cards with upvote buttons that return to `back`. */
export const PaperList = (props: {
  papers: PaperView[];
  votedIds: ReadonlySet<number>;
  back: string;
  start?: number;
  footer?: (paper: PaperView) => Child;
  /** Offer feedback buttons on each card (public boards); whether the reader is signed in. */
  feedback?: { isSignedIn: boolean };
}) => (
  <ol class="paper-list" start={props.start}>
    {props.papers.map((paper) => (
      <PaperCard
        paper={paper}
        footer={props.footer?.(paper)}
        vote={{ paperId: paper.id, voted: props.votedIds.has(paper.id), back: props.back }}
        feedback={props.feedback}
      />
    ))}
  </ol>
);
