// The paper page: full abstract with typeset math, all authors with affiliations, arXiv and code
// links, community signals, "save to a list", metadata, version history, a BibTeX citation, the
// discussion (with its feeds) and similar papers. Pure view.

import type { Child } from 'hono/jsx';
import { latexToText } from '../../digest/tex-to-text.js';
import { absUrl, pdfUrl } from '../../model/arxiv-id.js';
import type { PaperVersion } from '../../model/paper.js';
import type { StoredPaper } from '../../model/stored-paper.js';
import type { StoredComment } from '../../store/comments.js';
import type { PaperView } from '../../store/paper-reads.js';
import type { Flash } from '../flash.js';
import { AuthorList } from './author-list.js';
import { formatBibtex } from './bibtex.js';
import { citationMetaTags } from './citation-meta.js';
import { type SaveBoxState, SaveToCollection } from './collection-parts.js';
import { Discussion, type DiscussionViewer, ReportForm } from './discussion.js';
import { FeedbackForms } from './feedback-forms.js';
import { FlashNotice } from './flash-notice.js';
import { formatCount, formatDay, placementCredit, summariseAuthors } from './format.js';
import { CommentIcon } from './icons.js';
import { type FeedLink, Layout, type Site } from './layout.js';
import { CategoryChips, CodeLinkItem, paperPath, VoteButton } from './paper-card.js';
import { PlacementCredit } from './placement-credit.js';
import { Tex } from './tex.js';
import { ViewerSlot } from './viewer-slot.js';

const DateText = (props: { value: string }) => <time datetime={props.value}>{formatDay(props.value)}</time>;

const VersionsTable = (props: { versions: PaperVersion[]; arxivId: string }) => (
  <section aria-labelledby="versions-heading">
    <h2 id="versions-heading">Versions</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Submitted</th>
          <th scope="col">Size</th>
        </tr>
      </thead>
      <tbody>
        {props.versions.map((v) => (
          <tr>
            <td>
              <a href={absUrl(`${props.arxivId}v${v.version}`)}>v{v.version}</a>
            </td>
            <td>
              <DateText value={v.submittedAt} />
            </td>
            <td>{v.size ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);

const Fact = (props: { label: string; children?: Child }) => (
  <>
    <dt>{props.label}</dt>
    <dd>{props.children}</dd>
  </>
);

const Facts = (props: { paper: StoredPaper }) => {
  const { paper } = props;
  const license = paper.license;
  return (
    <section aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <dl class="facts">
        <Fact label="arXiv ID">
          {paper.arxivId}
          {paper.version ? `v${paper.version}` : ''}
        </Fact>
        {paper.publishedAt ? (
          <Fact label="Published">
            <DateText value={paper.publishedAt} />
          </Fact>
        ) : null}
        {paper.updatedAt && paper.updatedAt !== paper.publishedAt ? (
          <Fact label="Updated">
            <DateText value={paper.updatedAt} />
          </Fact>
        ) : null}
        {paper.categories.length || paper.primaryCategory ? (
          <Fact label="Categories">
            <CategoryChips primary={paper.primaryCategory} categories={paper.categories} />
          </Fact>
        ) : null}
        {paper.comments ? <Fact label="Comments">{paper.comments}</Fact> : null}
        {paper.journalRef ? <Fact label="Journal ref">{paper.journalRef}</Fact> : null}
        {paper.doi ? (
          <Fact label="DOI">
            <a href={`https://doi.org/${encodeURI(paper.doi)}`}>{paper.doi}</a>
          </Fact>
        ) : null}
        {paper.reportNo ? <Fact label="Report number">{paper.reportNo}</Fact> : null}
        {license ? (
          <Fact label="License">
            {/^https?:\/\//.test(license) ? <a href={license}>{license}</a> : license}
          </Fact>
        ) : null}
        {paper.board ? (
          <Fact label="On the board">
            <a href={`/date/${paper.board.date}`}>
              <DateText value={paper.board.date} />
            </a>
            {placementCredit(paper.board) ? ' · ' : ''}
            <PlacementCredit board={paper.board} />
          </Fact>
        ) : null}
        {paper.githubStars !== null ? (
          <Fact label="GitHub stars">{paper.githubStars.toLocaleString('en-US')}</Fact>
        ) : null}
      </dl>
    </section>
  );
};

const Community = (props: { paper: StoredPaper }) => {
  const { paper } = props;
  if (!paper.aiSummary && !paper.aiKeywords?.length) return null;
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">AI summary</h2>
      {paper.aiSummary ? (
        <p class="ai-summary">
          <Tex text={paper.aiSummary} />
        </p>
      ) : null}
      {paper.aiKeywords?.length ? (
        <ul class="chips" aria-label="Keywords">
          {paper.aiKeywords.map((keyword) => (
            <li class="chip">{keyword}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
};

const Citation = (props: { paper: StoredPaper }) => (
  <section class="citation" aria-labelledby="cite-heading">
    <div class="citation-head">
      <h2 id="cite-heading">Cite</h2>
      <button type="button" class="button" data-copy-target="bibtex" hidden>
        Copy BibTeX
      </button>
    </div>
    <pre>
      <code id="bibtex">{formatBibtex(props.paper)}</code>
    </pre>
  </section>
);

const SimilarPapers = (props: { papers: StoredPaper[]; isPending: boolean }) => {
  if (props.isPending) {
    return (
      <section class="similar-papers" aria-labelledby="similar-heading">
        <h2 id="similar-heading">Similar papers</h2>
        <p class="muted">Being found for this paper: they appear here within a minute or two.</p>
      </section>
    );
  }
  if (props.papers.length === 0) return null;
  return (
    <section class="similar-papers" aria-labelledby="similar-heading">
      <h2 id="similar-heading">Similar papers</h2>
      <ol>
        {props.papers.map((paper) => {
          const { shown, hiddenTotal } = summariseAuthors(paper.authors, 2);
          return (
            <li>
              <a href={paperPath(paper.arxivId)}>
                <Tex text={paper.title} isInlineOnly />
              </a>
              {shown.length > 0 ? (
                <span class="similar-authors">
                  {shown.join(', ')}
                  {hiddenTotal > 0 ? ' et al.' : ''}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
};

function commentFeeds(arxivId: string): FeedLink[] {
  const path = `${paperPath(arxivId)}/comments`;
  return [
    { type: 'application/atom+xml', href: `${path}.atom`, title: `Comments on arXiv:${arxivId} (Atom)` },
    { type: 'application/rss+xml', href: `${path}.rss`, title: `Comments on arXiv:${arxivId} (RSS)` },
    {
      type: 'application/feed+json',
      href: `${path}.json`,
      title: `Comments on arXiv:${arxivId} (JSON Feed)`,
    },
  ];
}

/** Who submitted the paper to the board, and for a signed-in reader, report (and admin) controls. */
export const SubmissionActions = (props: {
  arxivId: string;
  submittedBy: string;
  viewer: DiscussionViewer | undefined;
  isReported: boolean;
}) =>
  props.viewer ? (
    <div class="comment-actions submission-actions">
      <span class="muted">Submitted by {props.submittedBy}</span>
      {props.isReported ? (
        <span class="muted">You reported this submission</span>
      ) : (
        <ReportForm type="submission" target={props.arxivId} id="report-submission" />
      )}
      {props.viewer.isAdmin ? (
        <form method="post" action="/moderation/submissions" class="inline-form">
          <input type="hidden" name="paper" value={props.arxivId} />
          <button type="submit" class="link-button">
            Remove from the board
          </button>
        </form>
      ) : null}
    </div>
  ) : null;

export const PaperPage = (props: {
  site: Site;
  paper: PaperView;
  similar?: StoredPaper[];
  /** The paper has no stored similar papers yet: the similar-papers job is computing them. */
  isSimilarPending?: boolean;
  voted?: boolean;
  discussion?: {
    comments: StoredComment[];
    viewer: DiscussionViewer | undefined;
    editableAfter: string;
    /** The notice after this reader's last action (at its comment, or at the top of the page). */
    flash?: Flash | undefined;
  };
  /** The signed-in reader has reported this paper's submission (so "Report" is not offered again). */
  isSubmissionReported?: boolean;
  /** The signed-in reader's lists; none for anonymous readers (the box links to sign-in). */
  saveBox?: SaveBoxState | undefined;
}) => {
  const { paper, site } = props;
  const path = paperPath(paper.arxivId);
  return (
    <Layout
      site={site}
      meta={{
        // Tabs, bookmarks and search results show <title> as text: TeX reads as Unicode there.
        title: latexToText(paper.title).replace(/\s+/g, ' ').trim(),
        canonicalPath: path,
        description: latexToText(paper.abstract).replace(/\s+/g, ' ').trim().slice(0, 200),
        feeds: commentFeeds(paper.arxivId),
        alternates: [{ type: 'application/x-bibtex', href: `${path}.bib`, title: 'BibTeX' }],
        tags: citationMetaTags(paper, site, `${site.baseUrl}${path}`),
      }}
    >
      <article class="paper-page" aria-labelledby="paper-title">
        {props.discussion?.flash && props.discussion.flash.commentId === undefined ? (
          <FlashNotice message={props.discussion.flash.message} />
        ) : null}
        {paper.isWithdrawn ? (
          <p class="banner withdrawn" role="note">
            This paper has been withdrawn by its authors. The metadata below is kept for reference.
          </p>
        ) : null}
        <p class="paper-ids">
          arXiv:{paper.arxivId}
          {paper.primaryCategory ? ` · ${paper.primaryCategory}` : ''}
        </p>
        <h1 id="paper-title">
          <Tex text={paper.title} isInlineOnly />
        </h1>
        <AuthorList paper={paper} />
        <div class="actions">
          <VoteButton
            paperId={paper.id}
            arxivId={paper.arxivId}
            upvotes={paper.upvotes}
            voted={props.voted === true}
            back={paperPath(paper.arxivId)}
          />
          <a class="button primary" href={absUrl(paper.arxivId)}>
            arXiv page
          </a>
          <a class="button" href={pdfUrl(paper.arxivId)}>
            PDF
          </a>
          {paper.codeLinks.map((link) => (
            <CodeLinkItem link={link} class="button" />
          ))}
          {paper.numComments > 0 ? (
            <a class="button" href="#discussion">
              <CommentIcon />
              {formatCount(paper.numComments, 'comment', 'comments')}
            </a>
          ) : null}
          <ViewerSlot slot={{ kind: 'save', paperId: paper.id, arxivId: paper.arxivId, back: path }}>
            <SaveToCollection arxivId={paper.arxivId} back={path} state={props.saveBox} />
          </ViewerSlot>
          <ViewerSlot slot={{ kind: 'feedback', paperId: paper.id, arxivId: paper.arxivId, back: path }}>
            {props.site.viewer ? <FeedbackForms arxivId={paper.arxivId} back={path} isInline /> : null}
          </ViewerSlot>
        </div>
        <section aria-labelledby="abstract-heading">
          <h2 id="abstract-heading">Abstract</h2>
          <p class="abstract">
            <Tex text={paper.abstract} />
          </p>
        </section>
        <Community paper={paper} />
        {paper.board?.source === 'submission' ? (
          <ViewerSlot
            slot={{
              kind: 'submission-actions',
              paperId: paper.id,
              arxivId: paper.arxivId,
              submittedBy: paper.board.submittedBy ?? '',
            }}
          >
            <SubmissionActions
              arxivId={paper.arxivId}
              submittedBy={paper.board.submittedBy ?? ''}
              viewer={props.discussion?.viewer}
              isReported={props.isSubmissionReported === true}
            />
          </ViewerSlot>
        ) : null}
        <Facts paper={paper} />
        {paper.versions.length > 0 ? (
          <VersionsTable versions={paper.versions} arxivId={paper.arxivId} />
        ) : null}
        <Citation paper={paper} />
        {props.discussion ? (
          <ViewerSlot
            slot={{
              kind: 'discussion',
              paperId: paper.id,
              arxivId: paper.arxivId,
              importedComments: paper.importedComments,
            }}
          >
            <Discussion
              arxivId={paper.arxivId}
              importedComments={paper.importedComments}
              {...props.discussion}
            />
          </ViewerSlot>
        ) : null}
      </article>
      <SimilarPapers papers={props.similar ?? []} isPending={props.isSimilarPending ?? false} />
    </Layout>
  );
};
