// /api/openapi.json: documents every registered API/feed route, every $ref resolves, and real
// responses validate against the documented schemas (required keys and types, recursively).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { OpenApiDocument, ResponseObject, SchemaObject } from '../../src/api/openapi-types.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { apiRequest, makeToken } from '../helpers/api-tokens.js';
import { arxivRecord } from '../helpers/factories.js';
import { storeSimilarLists, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { postForm } from '../web/web-fixtures.js';
import { hfRecords } from './hf-data.js';
import { checkSchema } from './schema-check.js';

/** Hono's `:id{.+}` → OpenAPI's `{id}`. */
const toOpenApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

type Method = 'get' | 'post' | 'patch' | 'delete';
const METHODS: Method[] = ['get', 'post', 'patch', 'delete'];

function responseSchema(
  doc: OpenApiDocument,
  path: string,
  status: string,
  mediaType = 'application/json',
  method: Method = 'get',
) {
  let response = doc.paths[path]?.[method]?.responses[status];
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

/** The JSON media types whose responses the checker reads (XML feeds: feed-validity.test.ts). */
const JSON_TYPES = ['application/json', 'application/feed+json'];

eachDialect('OpenAPI document', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let doc: OpenApiDocument;
  /** `method path status mediaType` of each documented JSON success answer a real response was checked against. */
  const checked = new Set<string>();
  const validate = async (
    url: string,
    path: string,
    status: string,
    mediaType = 'application/json',
    headers: Record<string, string> = {},
  ) => {
    const res = await app.request(url, { headers });
    assert.equal(String(res.status), status, url);
    const body = await res.json();
    const problems = checkSchema(doc, responseSchema(doc, path, status, mediaType), body);
    assert.deepEqual(problems, [], url);
    checked.add(`get ${path} ${status} ${mediaType}`);
    return { body, res };
  };

  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, hfRecords(['2026-08-20', '2026-08-21']), '2026-08-21T09:00:00.000Z');
    await upsertPapers(t, [arxivRecord({ arxivId: '2608.19880', categories: ['cs.AI'], doi: '10.1/x' })]);
    const ctx = testContext(t);
    await storeSimilarLists(ctx);
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

  it('documents every registered route under /api, /feeds and /healthz, with each method', () => {
    const registered = app.routes.filter(
      (r) => r.method !== 'ALL' && /^\/(api|feeds)\/|^\/healthz$/.test(r.path) && !r.path.includes('*'),
    );
    assert.ok(registered.length >= 24, registered.map((r) => r.path).join(' '));
    for (const route of registered) {
      const method = route.method.toLowerCase() as Method;
      assert.ok(
        doc.paths[toOpenApiPath(route.path)]?.[method],
        `${route.method} ${route.path} is not documented`,
      );
    }
    const paths = new Set(registered.map((r) => toOpenApiPath(r.path)));
    assert.deepEqual(Object.keys(doc.paths).sort(), [...paths].sort());
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const routes = new Set(registered.map((r) => `${r.method} ${toOpenApiPath(r.path)}`));
    for (const op of documented) assert.ok(routes.has(op), `${op} is documented but not registered`);
  });

  it('declares the bearer scheme, and security on every operation: tokens exactly for the writes', () => {
    assert.deepEqual(doc.components.securitySchemes.bearerToken?.type, 'http');
    assert.equal(doc.components.securitySchemes.bearerToken?.scheme, 'bearer');
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        assert.ok(op.security, `${method} ${path} states its security`);
        // Writes, whoami and the token owner's own recommendations.
        const needsToken = method !== 'get' || path === '/api/whoami-v2' || path === '/api/recommendations';
        assert.equal(
          JSON.stringify(op.security) === JSON.stringify([{ bearerToken: [] }]),
          needsToken,
          `${method} ${path}`,
        );
        if (needsToken) assert.ok(op.responses['401'] && op.responses['403'], `${method} ${path} 401/403`);
      }
    }
  });

  it('every $ref resolves and every operation documents its errors', () => {
    for (const ref of collectRefs(doc)) assert.ok(resolvePointer(doc, ref), ref);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const op of METHODS.map((m) => item[m])) {
        if (!op) continue;
        assert.ok(op.operationId && op.summary, path);
        if (op.parameters?.length || op.requestBody) assert.ok(op.responses['400'], `${path} 400`);
        if (path !== '/healthz' && path !== '/api/openapi.json')
          assert.ok(op.responses['500'], `${path} 500`);
        if (path.includes('{')) assert.ok(op.responses['404'], `${path} 404`);
      }
    }
  });

  it('real daily_papers, paper, error, health and JSON feed responses validate', async () => {
    const items = (await validate('/api/daily_papers?week=2026-W34', '/api/daily_papers', '200'))
      .body as unknown[];
    assert.equal(items.length, 15 + 17);
    await validate('/api/papers/2608.19880', '/api/papers/{id}', '200');
    await validate('/api/papers/2608.19868', '/api/papers/{id}', '404');
    await validate('/api/papers/nope', '/api/papers/{id}', '400');
    await validate('/api/daily_papers?limit=0', '/api/daily_papers', '400');
    await validate('/healthz', '/healthz', '200');
    const feed = (await validate('/feeds/daily.json', '/feeds/daily.json', '200', 'application/feed+json'))
      .body as { items: unknown[] };
    assert.equal(feed.items.length, 17);
  });

  it('real search, similar-papers and search feed responses validate', async () => {
    const hits = (await validate('/api/papers/search?q=agent&limit=100', '/api/papers/search', '200'))
      .body as unknown[];
    assert.ok(hits.length > 0);
    await validate('/api/papers/search?q=-agent', '/api/papers/search', '400');
    const similar = (await validate('/api/papers/2608.19880/similar', '/api/papers/{id}/similar', '200'))
      .body as unknown[];
    assert.ok(similar.length > 0);
    await validate('/api/papers/2608.99999/similar', '/api/papers/{id}/similar', '404');
    await validate('/api/papers/2608.19880/similar?limit=51', '/api/papers/{id}/similar', '400');
    const feed = (
      await validate('/feeds/search.json?q=agent', '/feeds/search.json', '200', 'application/feed+json')
    ).body as { items: unknown[] };
    assert.equal(feed.items.length, Math.min(hits.length, 50));
  });

  it('real token API requests and responses validate (whoami, submit, comment, reply, upvote, lists)', async () => {
    const { cookie } = await signedInReader(t, 'openapi');
    const token = await makeToken(app, cookie, 'doc', 'write');
    const call = async (method: Method, url: string, path: string, status: string, body?: unknown) => {
      if (body !== undefined) {
        const requestSchema = doc.paths[path]?.[method]?.requestBody?.content['application/json']?.schema;
        assert.ok(requestSchema, `${method} ${path} documents its body`);
        assert.deepEqual(checkSchema(doc, requestSchema, body), [], `request ${method} ${url}`);
      }
      const res = await apiRequest(app, method.toUpperCase(), url, { token, body });
      assert.equal(String(res.status), status, `${method} ${url}`);
      const answer = await res.json();
      assert.deepEqual(
        checkSchema(doc, responseSchema(doc, path, status, undefined, method), answer),
        [],
        url,
      );
      checked.add(`${method} ${path} ${status} application/json`);
      return answer as Record<string, unknown>;
    };
    await call('get', '/api/whoami-v2', '/api/whoami-v2', '200');
    await upsertPapers(t, [arxivRecord({ arxivId: '2608.19990', publishedAt: '2026-08-19T10:00:00Z' })]);
    await call('post', '/api/daily_papers', '/api/daily_papers', '201', { arxiv_id: '2608.19990' });
    await call('post', '/api/daily_papers', '/api/daily_papers', '409', { arxiv_id: '2608.19990' });
    const comment = await call('post', '/api/papers/2608.19880/comment', '/api/papers/{id}/comment', '201', {
      comment: 'A comment',
    });
    await call(
      'post',
      `/api/papers/2608.19880/comment/${comment.id}/reply`,
      '/api/papers/{id}/comment/{parent}/reply',
      '201',
      { comment: 'A reply' },
    );
    await call('post', '/api/papers/2608.19880/upvote', '/api/papers/{id}/upvote', '200');
    await call('delete', '/api/papers/2608.19880/upvote', '/api/papers/{id}/upvote', '200');
    const list = await call('post', '/api/collections', '/api/collections', '200', { title: 'Doc list' });
    const items = `/api/collections/${list.slug}/items`;
    await call('post', items, '/api/collections/{id}/items', '200', {
      item: { id: '2608.19880', type: 'paper' },
      note: 'a note',
    });
    await call('post', items, '/api/collections/{id}/items', '409', {
      item: { id: '2608.19880', type: 'paper' },
    });
    await validate(`/api/collections/${list.slug}`, '/api/collections/{id}', '200');
    await call('patch', `${items}/2608.19880`, '/api/collections/{id}/items/{item}', '200', { note: 'new' });
    await call('delete', `${items}/2608.19880`, '/api/collections/{id}/items/{item}', '200');
    await call('patch', `/api/collections/${list.slug}`, '/api/collections/{id}', '200', { private: true });
    await call('delete', `/api/collections/${list.slug}`, '/api/collections/{id}', '200');
    const anonymous = await app.request('/api/whoami-v2');
    assert.equal(anonymous.status, 401);
    assert.deepEqual(
      checkSchema(doc, responseSchema(doc, '/api/whoami-v2', '401'), await anonymous.json()),
      [],
    );
  });

  it('real paper listings, HF orders, the other JSON feeds, recommendations and the document itself validate', async () => {
    // GET /api/papers, following the Link header the way the HF client's pagination does.
    const first = await validate('/api/papers?cursor=&limit=20', '/api/papers', '200');
    assert.equal((first.body as unknown[]).length, 20);
    const next = /<([^>]+)>;\s*rel="next"/.exec(first.res.headers.get('link') ?? '')?.[1];
    assert.ok(next, 'a Link rel="next"');
    await validate(new URL(next).pathname + new URL(next).search, '/api/papers', '200');
    await validate('/api/papers?cursor=nope', '/api/papers', '400');
    const byDate = await validate(
      '/api/daily_papers?sort=publishedAt&week=2026-W34',
      '/api/daily_papers',
      '200',
    );
    assert.ok((byDate.body as unknown[]).length > 0);
    for (const kind of ['weekly', 'monthly', 'trending']) {
      await validate(`/feeds/${kind}.json`, `/feeds/${kind}.json`, '200', 'application/feed+json');
    }
    await validate('/api/openapi.json', '/api/openapi.json', '200');
    const { cookie } = await signedInReader(t, 'openapi-recs');
    const token = await makeToken(app, cookie, 'recs', 'read');
    await validate('/api/recommendations?period=week', '/api/recommendations', '200', undefined, {
      authorization: `Bearer ${token}`,
    });
    // The reader's private feed, in its JSON form.
    const made = await postForm(app, '/account/recommendations/feed-token', {}, { cookie });
    const feedPath = /\/feeds\/for-you\/[A-Za-z0-9_-]{43}/.exec(await made.text())?.[0];
    assert.ok(feedPath, 'the new feed URL is shown');
    await validate(`${feedPath}.json`, '/feeds/for-you/{file}', '200', 'application/feed+json');
  });

  it('every documented JSON success answer was checked against a real response above', () => {
    const documented: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        for (const [status, response] of Object.entries(operations[method]?.responses ?? {})) {
          if (!status.startsWith('2') || '$ref' in response) continue;
          for (const type of Object.keys(response.content ?? {})) {
            if (JSON_TYPES.includes(type)) documented.push(`${method} ${path} ${status} ${type}`);
          }
        }
      }
    }
    assert.ok(documented.length > 25, `${documented.length} documented`);
    assert.deepEqual(
      documented.filter((key) => !checked.has(key)),
      [],
      'operations whose answers no test checked',
    );
  });

  it('documents each query parameter as the validator reads it: bounds, defaults and choices', async () => {
    const params = doc.paths['/api/daily_papers']?.get?.parameters ?? [];
    const byName = new Map(params.map((p) => [p.name, p]));
    assert.deepEqual([...byName.keys()].sort(), ['date', 'limit', 'month', 'p', 'sort', 'submitter', 'week']);
    assert.deepEqual(byName.get('sort')?.schema.enum, ['upvotes', 'trending', 'publishedAt']);
    const limit = byName.get('limit')?.schema as { minimum: number; maximum: number; default: number };
    assert.deepEqual([limit.minimum, limit.maximum, limit.default], [1, 100, 50]);
    // The documented bounds are the enforced ones, on both sides of each.
    for (const [value, status] of [
      [limit.maximum, 200],
      [limit.maximum + 1, 400],
      [limit.minimum, 200],
      [limit.minimum - 1, 400],
    ] as const) {
      const res = await app.request(`/api/daily_papers?week=2026-W34&limit=${value}`);
      assert.equal(res.status, status, `limit=${value}`);
    }
    const search = doc.paths['/api/papers/search']?.get?.parameters ?? [];
    assert.deepEqual(
      search.map((p) => [p.name, p.in, p.required]),
      [
        ['q', 'query', true],
        ['mode', 'query', false],
        ['limit', 'query', false],
      ],
    );
    const similar = doc.paths['/api/papers/{id}/similar']?.get?.parameters ?? [];
    assert.deepEqual(similar[0], {
      name: 'id',
      in: 'path',
      required: true,
      description: 'arXiv id.',
      schema: { type: 'string' },
      example: '2608.19880',
    });
    const body = doc.paths['/api/collections']?.post?.requestBody?.content['application/json']?.schema;
    assert.deepEqual(body?.required, ['title']);
    // Clients may send fields we do not read (HF's client sends more than we use): bodies stay open.
    assert.equal(body?.additionalProperties, undefined);
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
      // An undeclared key is drift too (and `comments` would collide with huggingface_hub's count).
      paper.comments = 'Under review';
      const broken: Record<string, unknown> = { ...item, paper, title: 7 };
      delete broken.isAuthorParticipating;
      assert.deepEqual(checkSchema(doc, schema, broken).sort(), [
        '$.isAuthorParticipating: required',
        '$.paper.comments: not in the schema',
        '$.paper.discussionId: required',
        '$.paper.upvotes: expected integer, got string',
        '$.title: expected string, got number',
      ]);
      assert.deepEqual(checkSchema(doc, schema, []), ['$: expected object, got array']);
    });
  });
});
