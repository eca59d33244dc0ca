// /api/openapi.json: documents every registered API/feed route, every $ref resolves, and real
// responses validate against the documented schemas (required keys and types, recursively).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { OpenApiDocument, ResponseObject, SchemaObject } from '../../src/api/openapi-types.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { arxivRecord } from '../helpers/factories.js';
import { testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { hfRecords } from './hf-data.js';
import { checkSchema } from './schema-check.js';

/** Hono's `:id{.+}` → OpenAPI's `{id}`. */
const toOpenApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

function responseSchema(doc: OpenApiDocument, path: string, status: string, mediaType = 'application/json') {
  let response = doc.paths[path]?.get?.responses[status];
  if (response && '$ref' in response) {
    response = doc.components.responses[response.$ref.replace('#/components/responses/', '')];
  }
  const schema = (response as ResponseObject | undefined)?.content?.[mediaType]?.schema;
  assert.ok(schema, `no ${mediaType} schema for ${status} on ${path}`);
  return schema;
}

function collectRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

function resolvePointer(doc: OpenApiDocument, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
}

eachDialect('OpenAPI document', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let doc: OpenApiDocument;
  const validate = async (url: string, path: string, status: string, mediaType?: string) => {
    const res = await app.request(url);
    assert.equal(String(res.status), status, url);
    const body = await res.json();
    const problems = checkSchema(doc, responseSchema(doc, path, status, mediaType), body);
    assert.deepEqual(problems, [], url);
    return body;
  };

  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, hfRecords(['2026-08-20', '2026-08-21']), '2026-08-21T09:00:00.000Z');
    await upsertPapers(t, [arxivRecord({ arxivId: '2608.19880', categories: ['cs.AI'], doi: '10.1/x' })]);
    const ctx = testContext(t);
    await ctx.search.catchUp();
    app = createApp(ctx);
    const res = await app.request('/api/openapi.json');
    assert.equal(res.status, 200);
    doc = (await res.json()) as OpenApiDocument;
  });
  after(async () => {
    await t.destroy();
  });

  it('is OpenAPI 3.1 with the instance URL and the core schemas', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.servers, [{ url: 'http://paperboard.test' }]);
    for (const name of ['DailyPaper', 'Paper', 'Author', 'Error', 'PaperDetail', 'JsonFeed']) {
      assert.ok(doc.components.schemas[name], name);
    }
    assert.deepEqual(doc.components.schemas.DailyPaper?.required?.slice().sort(), [
      'isAuthorParticipating',
      'numComments',
      'paper',
      'publishedAt',
      'submittedBy',
      'summary',
      'thumbnail',
      'title',
    ]);
  });

  it('documents every registered GET route under /api, /feeds and /healthz', () => {
    const registered = app.routes
      .filter(
        (r) => r.method === 'GET' && /^\/(api|feeds)\/|^\/healthz$/.test(r.path) && !r.path.includes('*'),
      )
      .map((r) => toOpenApiPath(r.path));
    assert.ok(registered.length >= 12, registered.join(' '));
    for (const path of registered) assert.ok(doc.paths[path]?.get, `${path} is not documented`);
    assert.deepEqual(Object.keys(doc.paths).sort(), [...new Set(registered)].sort());
  });

  it('every $ref resolves and every operation documents its errors', () => {
    for (const ref of collectRefs(doc)) assert.ok(resolvePointer(doc, ref), ref);
    for (const [path, item] of Object.entries(doc.paths)) {
      const op = item.get;
      assert.ok(op?.operationId && op.summary, path);
      if (op.parameters?.length) assert.ok(op.responses['400'], `${path} 400`);
      if (path !== '/healthz' && path !== '/api/openapi.json') assert.ok(op.responses['500'], `${path} 500`);
      if (path.includes('{')) assert.ok(op.responses['404'], `${path} 404`);
    }
  });

  it('real daily_papers, paper, error, health and JSON feed responses validate', async () => {
    const items = (await validate(
      '/api/daily_papers?week=2026-W34',
      '/api/daily_papers',
      '200',
    )) as unknown[];
    assert.equal(items.length, 15 + 17);
    await validate('/api/papers/2608.19880', '/api/papers/{id}', '200');
    await validate('/api/papers/2608.19868', '/api/papers/{id}', '404');
    await validate('/api/papers/nope', '/api/papers/{id}', '400');
    await validate('/api/daily_papers?limit=0', '/api/daily_papers', '400');
    await validate('/healthz', '/healthz', '200');
    const feed = (await validate(
      '/feeds/daily.json',
      '/feeds/daily.json',
      '200',
      'application/feed+json',
    )) as {
      items: unknown[];
    };
    assert.equal(feed.items.length, 17);
  });

  it('real search, similar-papers and search feed responses validate', async () => {
    const hits = (await validate(
      '/api/papers/search?q=agent&limit=100',
      '/api/papers/search',
      '200',
    )) as unknown[];
    assert.ok(hits.length > 0);
    await validate('/api/papers/search?q=-agent', '/api/papers/search', '400');
    const similar = (await validate(
      '/api/papers/2608.19880/similar',
      '/api/papers/{id}/similar',
      '200',
    )) as unknown[];
    assert.ok(similar.length > 0);
    await validate('/api/papers/2608.99999/similar', '/api/papers/{id}/similar', '404');
    await validate('/api/papers/2608.19880/similar?limit=51', '/api/papers/{id}/similar', '400');
    const feed = (await validate(
      '/feeds/search.json?q=agent',
      '/feeds/search.json',
      '200',
      'application/feed+json',
    )) as { items: unknown[] };
    assert.equal(feed.items.length, Math.min(hits.length, 50));
  });

  describe('the schema checker', () => {
    it('reports missing required keys and wrong types, recursively', async () => {
      const [item] = (await (await app.request('/api/daily_papers')).json()) as Array<
        Record<string, unknown>
      >;
      assert.ok(item);
      const schema: SchemaObject = { $ref: '#/components/schemas/DailyPaper' };
      assert.deepEqual(checkSchema(doc, schema, item), []);
      const paper: Record<string, unknown> = { ...(item.paper as Record<string, unknown>), upvotes: '12' };
      delete paper.discussionId;
      const broken: Record<string, unknown> = { ...item, paper, title: 7 };
      delete broken.isAuthorParticipating;
      assert.deepEqual(checkSchema(doc, schema, broken).sort(), [
        '$.isAuthorParticipating: required',
        '$.paper.discussionId: required',
        '$.paper.upvotes: expected integer, got string',
        '$.title: expected string, got number',
      ]);
      assert.deepEqual(checkSchema(doc, schema, []), ['$: expected object, got array']);
    });
  });
});
