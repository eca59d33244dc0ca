// The paper page at `/papers/:arxivId`. Old-style ids keep their slash (`/papers/hep-th/9901001`);
// versioned or prefixed ids (`2401.00001v2`, `arXiv:2401.00001`) redirect 301 to the canonical id.
// `/papers/:arxivId.md`, or the page asked for with `Accept: text/markdown`, is the paper as Markdown
// (what huggingface_hub's `read_paper` fetches); that form answers any valid id without a redirect,
// and carries the paper's body from arXiv's HTML rendering when ARXIV_HTML_URL is set.
// The page lists the paper's stored similar papers (search/similar-lists.ts; a paper without a stored
// list yet says they are being found, and the render cache keeps it briefly), and gives a
// signed-in reader their reading lists to save the paper to.

import type { Context, Hono } from 'hono';
import { paperPageUrl, siteInfo } from '../../api/site.js';
import type { AppContext } from '../../context.js';
import { createFullTextReader } from '../../ingest/full-text.js';
import { absUrl, parseArxivId } from '../../model/arxiv-id.js';
import { readSimilarPapers, SIMILAR_PENDING_RECHECK_MS } from '../../search/similar-lists.js';
import { getPaper } from '../../store/paper-reads.js';
import { prefersMarkdown } from '../accept-markdown.js';
import { takeFlash } from '../flash.js';
import { loadPaperDiscussion, loadPaperReader } from '../paper-reader.js';
import { renderError, renderPage } from '../render.js';
import { keepBriefly } from '../render-cache/cache-hints.js';
import { viewerVotes } from '../viewer-votes.js';
import { paperPath } from '../views/paper-card.js';
import { formatPaperMarkdown } from '../views/paper-markdown.js';
import { PaperPage } from '../views/paper-page.js';

export const SIMILAR_ON_PAGE = 10;

const MARKDOWN_TYPE = 'text/markdown; charset=utf-8';
/** How long the render cache keeps a Markdown form that lacks the body because arXiv was slow or failing. */
const FULL_TEXT_RETRY_MS = 10_000;

export function registerPaperRoutes(app: Hono, ctx: AppContext): void {
  const site = siteInfo(ctx.config);

  const readFullText =
    ctx.arxivHtml &&
    createFullTextReader({
      database: ctx.database,
      source: ctx.arxivHtml,
      log: ctx.log,
      now: ctx.now,
      waitMs: ctx.config.arxivHtmlTimeoutMs,
    });

  // Plain text answers, as HF's: a client that asked for Markdown gets no HTML page back.
  const markdownOf = async (c: Context, raw: string) => {
    const parsed = parseArxivId(raw);
    if (!parsed) return { status: 404 as const, text: `Not an arXiv identifier: ${shorten(raw)}\n` };
    const paper = await getPaper(ctx.database.db, parsed.id);
    if (!paper)
      return { status: 404 as const, text: `arXiv:${parsed.id} is not on ${ctx.config.siteName}.\n` };
    const body = readFullText ? await readFullText(paper) : undefined;
    // Abstract only for now: the render cache keeps that briefly, so the body shows once arXiv answers.
    if (body?.kind === 'unavailable') keepBriefly(c, FULL_TEXT_RETRY_MS);
    const markdown = body?.kind === 'text' ? body.markdown : undefined;
    return {
      status: 200 as const,
      text: formatPaperMarkdown(paper, paperPageUrl(site, paper.arxivId), markdown),
    };
  };

  app.get('/papers/:id{.+}', async (c) => {
    const requested = c.req.param('id');
    const isMarkdownPath = requested.endsWith('.md');
    if (isMarkdownPath || prefersMarkdown(c.req.header('accept'))) {
      const answer = await markdownOf(
        c,
        isMarkdownPath ? requested.slice(0, -3) : requested.replace(/\/+$/, ''),
      );
      c.header('Vary', 'Accept');
      return c.body(answer.text, answer.status, { 'Content-Type': MARKDOWN_TYPE });
    }
    c.header('Vary', 'Accept');
    const parsed = parseArxivId(requested.replace(/\/+$/, ''));
    if (!parsed) {
      return renderError(
        c,
        ctx,
        404,
        `“${shorten(requested)}” is not an arXiv identifier, so there is no paper page for it.`,
      );
    }
    if (parsed.id !== requested) return c.redirect(paperPath(parsed.id), 301);
    const paper = await getPaper(ctx.database.db, parsed.id);
    if (!paper) {
      return renderError(c, ctx, 404, `arXiv:${parsed.id} is not on ${ctx.config.siteName} (yet).`, {
        href: absUrl(parsed.id),
        label: `Read arXiv:${parsed.id} on arXiv`,
      });
    }
    const { similar, isPending } = await readSimilarPapers(ctx, paper, SIMILAR_ON_PAGE);
    // The job stores the list within its interval; until then the page is kept only briefly.
    if (isPending) keepBriefly(c, SIMILAR_PENDING_RECHECK_MS);
    const voted = (await viewerVotes(c, ctx, [paper])).has(paper.id);
    const reader = await loadPaperReader(ctx, c.get('viewer'), paper.id);
    const discussion = {
      ...(await loadPaperDiscussion(ctx, paper.id)),
      viewer: reader.discussionViewer,
      flash: takeFlash(c, ctx),
    };
    return renderPage(
      c,
      <PaperPage
        site={c.var.site}
        paper={paper}
        similar={similar.map((s) => s.paper)}
        isSimilarPending={isPending}
        voted={voted}
        discussion={discussion}
        saveBox={reader.saveBox}
        isSubmissionReported={reader.isSubmissionReported}
      />,
    );
  });
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
