// GET /healthz: liveness with a database round trip, and how far behind the search index is. An
// operation like the API's, so the OpenAPI document describes it. Registered by web/app.ts ahead of
// the request edge, so probes never wait on sessions or body checks.

import type { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { pingDatabase } from '../store/health.js';
import { type OperationTable, operationsOn } from './operation.js';
import { Health } from './schemas/meta.js';

export function registerHealthRoute(app: Hono, ctx: AppContext, operations: OperationTable): void {
  operationsOn(
    app,
    '',
    ctx,
    operations,
  )(
    {
      method: 'get',
      path: '/healthz',
      operationId: 'getHealth',
      summary: 'Liveness with a database round trip',
      tags: ['meta'],
      security: 'public',
      answers: {
        '200': { description: 'Healthy.', schema: Health },
        '503': { description: 'Database unreachable.', schema: Health },
      },
    },
    async (c) => {
      try {
        await pingDatabase(ctx.database.db);
        // Serving while the search index catches up is healthy (200): `search` says how far behind it is.
        const search = await ctx.searchHealth?.();
        return c.json({ status: 'ok', database: ctx.database.dialect, ...(search ? { search } : {}) });
      } catch (error) {
        ctx.log.error({ err: error }, 'health check failed');
        return c.json({ status: 'unavailable', database: ctx.database.dialect }, 503);
      }
    },
  );
}
