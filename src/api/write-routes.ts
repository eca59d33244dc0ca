// The token API's paper writes and identity, under /api: who am I (`GET /api/whoami-v2`, the shape
// huggingface_hub's `whoami()` reads), submit a paper to the daily board, comment and reply, upvote
// and take the upvote back. huggingface_hub has no client calls for these paper writes, so their
// paths follow HF's REST style (`/api/papers/{id}/...`) and bodies follow its discussions
// (`{"comment": "..."}`). The same domain code as the web forms (community/) decides, with the same
// limits, moderation and bans; a cookie never authorises them (api/token-auth.ts).

import type { Context, Hono } from 'hono';
import { z } from 'zod';
import {
  COMMENT_LENGTH_MESSAGE,
  COMMENT_REFUSALS,
  cleanCommentBody,
  postComment,
} from '../community/comment-posting.js';
import { refusalCode, submitPaper } from '../community/submit-paper.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../lib/errors.js';
import { parseRowId } from '../model/row-id.js';
import { getPaper } from '../store/paper-reads.js';
import type { User } from '../store/users.js';
import { setVote } from '../store/votes.js';
import { toHfDailyPaper } from './hf-shape.js';
import { readJsonBody } from './json-body.js';
import { errorBody } from './json-error.js';
import { paperPageUrl, siteInfo } from './site.js';
import { requireToken } from './token-auth.js';
import { findStoredPaper, limitWrite } from './write-guards.js';

const SubmitBody = z.object({ arxiv_id: z.string().min(1).max(300) });
const CommentBody = z.object({ comment: z.string() });

/** What HF's whoami-v2 answers for a user token, with the fields we have. */
export function toWhoami(user: User, token: { name: string; scope: string; createdAt: string }) {
  return {
    type: 'user' as const,
    id: String(user.id),
    name: user.username,
    fullname: user.displayName,
    isPro: false,
    orgs: [] as never[],
    auth: {
      type: 'access_token' as const,
      accessToken: { displayName: token.name, role: token.scope, createdAt: token.createdAt },
    },
  };
}

export function registerWriteRoutes(api: Hono, ctx: AppContext): void {
  const site = siteInfo(ctx.config);

  api.get('/whoami-v2', async (c) => {
    const user = await requireToken(c, ctx, 'read');
    const found = c.get('apiToken');
    c.header('Cache-Control', 'private, no-store');
    return c.json(toWhoami(user, found?.token ?? { name: '', scope: 'read', createdAt: '' }));
  });

  // Submit to today's board, as /submit does: 201 with the board item, 409 when a person already
  // placed it (the body says when), and the submit page's refusals (age, daily limit, arXiv down).
  api.post('/daily_papers', async (c) => {
    const user = await requireToken(c, ctx, 'write');
    const body = await readJsonBody(c, SubmitBody);
    await limitWrite(c, ctx, 'submit', user);
    const limits = { maxAgeDays: ctx.config.submitMaxAgeDays, dailyLimit: ctx.config.submitDailyLimit };
    const outcome = await submitPaper(
      {
        database: ctx.database,
        arxiv: ctx.arxiv,
        now: ctx.now(),
        lookupTimeoutMs: ctx.config.submitArxivTimeoutMs,
        ...limits,
      },
      user,
      body.arxiv_id,
    );
    if (outcome.kind === 'refused') {
      // arXiv did not answer (504) or could not be reached (503): worth a try in a minute.
      if (outcome.status >= 503) c.header('Retry-After', '60');
      return c.json(errorBody(refusalCode(outcome.status), outcome.message), outcome.status);
    }
    if (outcome.kind === 'duplicate') {
      return c.json(
        errorBody('conflict', `arXiv:${outcome.arxivId} is already on the board (${outcome.boardDate}).`),
        409,
      );
    }
    ctx.log.info({ user_id: user.id, paper_id: outcome.arxivId, via: 'api' }, 'paper submitted');
    const paper = await getPaper(ctx.database.db, outcome.arxivId);
    if (!paper) throw new Error(`submitted paper ${outcome.arxivId} not found`);
    return c.json(toHfDailyPaper(paper, site), 201);
  });

  async function comment(c: Context, parentRaw: string | null) {
    const user = await requireToken(c, ctx, 'write');
    const paper = await findStoredPaper(ctx, c.req.param('id') ?? '');
    let parentId: number | null = null;
    if (parentRaw !== null) {
      const parsed = parseRowId(parentRaw);
      if (parsed === undefined) throw invalid('the comment id in the path must be a positive number.');
      parentId = parsed;
    }
    const text = cleanCommentBody((await readJsonBody(c, CommentBody)).comment);
    if (!text) throw invalid(`comment: ${COMMENT_LENGTH_MESSAGE}`);
    await limitWrite(c, ctx, 'comment', user);
    const result = await postComment(ctx, { author: user, paper, parentId, body: text });
    if (!result.ok) {
      const [status, message] = COMMENT_REFUSALS[result.reason];
      throw new AppError(status === 400 ? 'invalid' : status === 403 ? 'forbidden' : 'not_found', message);
    }
    return c.json(
      {
        id: String(result.id),
        paper: paper.arxivId,
        parentId: parentId === null ? null : String(parentId),
        author: { name: user.username, fullname: user.displayName },
        body: text,
        createdAt: ctx.now().toISOString(),
        url: `${paperPageUrl(site, paper.arxivId)}#comment-${result.id}`,
      },
      201,
    );
  }

  api.post('/papers/:id{.+}/comment/:parent/reply', (c) => comment(c, c.req.param('parent')));
  api.post('/papers/:id{.+}/comment', (c) => comment(c, null));

  // Upvote (POST) and take it back (DELETE); either is idempotent, as the web button is.
  for (const isUp of [true, false]) {
    const handler = async (c: Context) => {
      const user = await requireToken(c, ctx, 'write');
      const paper = await findStoredPaper(ctx, c.req.param('id') ?? '');
      await limitWrite(c, ctx, 'vote', user);
      const result = await setVote(ctx.database, {
        userId: user.id,
        paperId: paper.id,
        isUp,
        now: ctx.now().toISOString(),
      });
      return c.json({ paper: paper.arxivId, upvotes: result.upvotes, voted: result.voted });
    };
    if (isUp) api.post('/papers/:id{.+}/upvote', handler);
    else api.delete('/papers/:id{.+}/upvote', handler);
  }
}
