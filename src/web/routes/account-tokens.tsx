// The reader's API tokens: GET /account/tokens (list and form), POST /account/tokens (make one: its
// secret is in this one response, which no cache keeps), POST /account/tokens/:id/revoke. Tokens are
// checked by api/token-auth.ts; the profile page links here.

import type { Context, Hono } from 'hono';
import { hashSecret } from '../../accounts/secrets.js';
import { newApiTokenSecret } from '../../api/token-auth.js';
import type { AppContext } from '../../context.js';
import {
  createApiToken,
  listUserTokens,
  MAX_TOKENS_PER_READER,
  revokeApiToken,
} from '../../store/api-tokens.js';
import type { User } from '../../store/users.js';
import { requireReader } from '../authorize.js';
import { readForm } from '../form.js';
import { ApiTokenForm } from '../forms/account.js';
import { ROW_ID, rowIdParam } from '../params.js';
import { renderPage } from '../render.js';
import { TokensPage } from '../views/tokens-page.js';

export function registerAccountTokenRoutes(app: Hono, ctx: AppContext): void {
  const db = ctx.database.db;

  async function page(
    c: Context,
    viewer: User,
    extra: { created?: { name: string; secret: string }; error?: string },
    status: 200 | 201 | 400 = 200,
  ) {
    c.header('Cache-Control', 'private, no-store');
    const tokens = await listUserTokens(db, viewer.id);
    return renderPage(c, <TokensPage site={c.var.site} tokens={tokens} {...extra} />, status);
  }

  app.get('/account/tokens', async (c) => {
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    return page(c, gate.viewer, {});
  });

  app.post('/account/tokens', async (c) => {
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    const form = await readForm(c, ApiTokenForm);
    if (!form.ok) return page(c, gate.viewer, { error: form.message }, 400);
    const { name, scope } = form.value;
    const secret = newApiTokenSecret();
    const token = await createApiToken(db, {
      userId: gate.viewer.id,
      name,
      scope,
      tokenHash: hashSecret(secret),
      now: ctx.now().toISOString(),
    });
    if (!token) {
      return page(
        c,
        gate.viewer,
        { error: `You can hold at most ${MAX_TOKENS_PER_READER} tokens; revoke one first.` },
        400,
      );
    }
    ctx.log.info({ user_id: gate.viewer.id, token_id: token.id, scope }, 'API token created');
    return page(c, gate.viewer, { created: { name, secret } }, 201);
  });

  app.post(`/account/tokens/${ROW_ID}/revoke`, async (c) => {
    const id = rowIdParam(c);
    const gate = requireReader(c);
    if (!gate.viewer) return gate.response;
    const revoked = await revokeApiToken(db, { id, userId: gate.viewer.id, now: ctx.now().toISOString() });
    if (!revoked) return page(c, gate.viewer, { error: 'There is no such live token of yours.' }, 400);
    ctx.log.info({ user_id: gate.viewer.id, token_id: id }, 'API token revoked');
    return c.redirect('/account/tokens', 303);
  });
}
