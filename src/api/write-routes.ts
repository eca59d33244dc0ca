// The token API's paper writes and identity, under /api: who am I (`GET /api/whoami-v2`, the shape
// huggingface_hub's `whoami()` reads), submit a paper to the daily board, comment and reply, upvote
// and take the upvote back. huggingface_hub has no client calls for these paper writes, so their
// paths follow HF's REST style (`/api/papers/{id}/...`) and bodies follow its discussions
// (`{"comment": "..."}`). The same domain code as the web forms (community/) decides, with the same
// limits, moderation and bans; a cookie never authorises them (api/token-auth.ts).

import type { Context, Hono } from 'hono';
import {
  COMMENT_LENGTH_MESSAGE,
  COMMENT_REFUSALS,
  cleanCommentBody,
  postComment,
} from '../community/comment-posting.js';
import { refusalCode, submitPaper } from '../community/submit-paper.js';
import type { AppContext } from '../context.js';
import { AppError, invalid } from '../lib/errors.js';
import { getPaper } from '../store/paper-reads.js';
import type { User } from '../store/users.js';
import { setVote } from '../store/votes.js';
import { toHfDailyPaper } from './hf-shape.js';
import { errorBody } from './json-error.js';
import { type OperationTable, operationsOn } from './operation.js';
import { HfDailyPaper } from './schemas/papers.js';
import { PaperParams, ReplyParams } from './schemas/queries.js';
import { CommentBody, CommentJson, SubmitPaperBody, VoteResult, Whoami } from './schemas/writes.js';
import { paperPageUrl, siteInfo } from './site.js';
import { findStoredPaper, limitWrite } from './write-guards.js';

/** What HF's whoami-v2 answers for a user token, with the fields we have. */
export function toWhoami(
  user: User,
  token: { name: string; scope: 'read' | 'write'; createdAt: string },
): Whoami {
  return {
    type: 'user',
    id: String(user.id),
    name: user.username,
    fullname: user.displayName,
    isPro: false,
    orgs: [],
    auth: {
      type: 'access_token',
      accessToken: { displayName: token.name, role: token.scope, createdAt: token.createdAt },
    },
  };
}

export function registerWriteRoutes(api: Hono, ctx: AppContext, operations: OperationTable): void {
  const site = siteInfo(ctx.config);
  const route = operationsOn(api, '/api', ctx, operations);

  route(
    {
      method: 'get',
      path: '/api/whoami-v2',
      operationId: 'whoami',
      summary: "The token's owner (huggingface_hub whoami)",
      tags: ['writes'],
      security: 'read',
      answers: { '200': { description: 'The owner and the token.', schema: Whoami } },
    },
    (c, { user }) => {
      const found = c.get('apiToken');
      c.header('Cache-Control', 'private, no-store');
      return c.json(toWhoami(user, found?.token ?? { name: '', scope: 'read', createdAt: '' }));
    },
  );

  // Submit to today's board, as /submit does: 201 with the board item, 409 when a person already
  // placed it (the body says when), and the submit page's refusals (age, daily limit, arXiv down).
  route(
    {
      method: 'post',
      path: '/api/daily_papers',
      operationId: 'submitPaper',
      summary: "Put a paper on today's board",
      description:
        'As /submit: recent papers only, a daily limit per reader (admins exempt); metadata from the store or arXiv. 409 when a person already placed it.',
      tags: ['writes'],
      security: 'write',
      body: SubmitPaperBody,
      answers: {
        '201': { description: 'The new board item.', schema: HfDailyPaper },
        '404': 'NotFound',
        '409': 'Conflict',
        '429': 'RateLimited',
        '503': 'Unavailable',
      },
    },
    async (c, { user, body }) => {
      await limitWrite(ctx, 'submit', user);
      const outcome = await submitPaper(
        {
          database: ctx.database,
          arxiv: ctx.arxiv,
          now: ctx.now(),
          lookupTimeoutMs: ctx.config.submitArxivTimeoutMs,
          maxAgeDays: ctx.config.submitMaxAgeDays,
          dailyLimit: ctx.config.submitDailyLimit,
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
    },
  );

  async function comment(c: Context, user: User, paperId: string, parentId: number | null, raw: string) {
    const paper = await findStoredPaper(ctx, paperId);
    const text = cleanCommentBody(raw);
    if (!text) throw invalid(`comment: ${COMMENT_LENGTH_MESSAGE}`);
    await limitWrite(ctx, 'comment', user);
    const result = await postComment(ctx, { author: user, paper, parentId, body: text });
    if (!result.ok) {
      const [status, message] = COMMENT_REFUSALS[result.reason];
      throw new AppError(status === 400 ? 'invalid' : status === 403 ? 'forbidden' : 'not_found', message);
    }
    const answer: CommentJson = {
      id: String(result.id),
      paper: paper.arxivId,
      parentId: parentId === null ? null : String(parentId),
      author: { name: user.username, fullname: user.displayName },
      body: text,
      createdAt: ctx.now().toISOString(),
      url: `${paperPageUrl(site, paper.arxivId)}#comment-${result.id}`,
    };
    return c.json(answer, 201);
  }

  const commentAnswers = {
    '201': { description: 'The comment.', schema: CommentJson },
    '404': 'NotFound',
    '429': 'RateLimited',
  } as const;

  route(
    {
      method: 'post',
      path: '/api/papers/:id{.+}/comment/:parent/reply',
      operationId: 'replyToComment',
      summary: 'Reply to a comment',
      description: 'The comment replied to must be on this paper and visible.',
      tags: ['writes'],
      security: 'write',
      params: ReplyParams,
      body: CommentBody,
      answers: commentAnswers,
    },
    (c, { user, params, body }) => comment(c, user, params.id, params.parent, body.comment),
  );

  route(
    {
      method: 'post',
      path: '/api/papers/:id{.+}/comment',
      operationId: 'postComment',
      summary: 'Comment on a paper',
      description: '@mentions email the readers named.',
      tags: ['writes'],
      security: 'write',
      params: PaperParams,
      body: CommentBody,
      answers: commentAnswers,
    },
    (c, { user, params, body }) => comment(c, user, params.id, null, body.comment),
  );

  // Upvote (POST) and take it back (DELETE); either is idempotent, as the web button is.
  for (const isUp of [true, false]) {
    route(
      {
        method: isUp ? 'post' : 'delete',
        path: '/api/papers/:id{.+}/upvote',
        operationId: isUp ? 'upvotePaper' : 'removeUpvote',
        summary: isUp ? 'Upvote a paper' : 'Take an upvote back',
        description: 'Idempotent.',
        tags: ['writes'],
        security: 'write',
        params: PaperParams,
        answers: {
          '200': { description: 'The count.', schema: VoteResult },
          '404': 'NotFound',
          '429': 'RateLimited',
        },
      },
      async (c, { user, params }) => {
        const paper = await findStoredPaper(ctx, params.id);
        await limitWrite(ctx, 'vote', user);
        const result = await setVote(ctx.database, {
          userId: user.id,
          paperId: paper.id,
          isUp,
          now: ctx.now().toISOString(),
        });
        return c.json({ paper: paper.arxivId, upvotes: result.upvotes, voted: result.voted });
      },
    );
  }
}
