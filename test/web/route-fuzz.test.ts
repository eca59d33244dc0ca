// Every route in the app's own route table (app.routes, so a new route is covered the day it is
// added) under hostile input, on both databases: path parameters replaced by huge, negative and
// exponent ids, NUL, broken percent-encoding and 300-character strings; each method with broken
// multipart, broken urlencoded, invalid JSON and oversized bodies, and well-formed bodies whose
// fields carry the same hostile values (forms and the API's JSON); anonymous, as a reader, as an
// admin, and with a write token (no cookie) so the API's token-only handlers are reached too, all
// with a same-origin Origin so the handlers are reached. No answer may be a 500, nothing may be logged as
// a failure, and a refused request (>= 400) must leave the stored rows as they were.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { createLogger } from '../../src/lib/logger.js';
import { createCollection } from '../../src/store/collections.js';
import { addComment } from '../../src/store/comments.js';
import { getPaper } from '../../src/store/paper-reads.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { createApp } from '../../src/web/app.js';
import { signedInReader } from '../helpers/accounts.js';
import { makeToken } from '../helpers/api-tokens.js';
import { boardRecord } from '../helpers/factories.js';
import { FIXED_NOW, testContext } from '../helpers/test-app.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';

const ORIGIN = 'http://paperboard.test';
const PAPER = '2608.00001';

/** Raw URL text for a path parameter: each must be answered with a 4xx (or a page), never a 500. */
const HOSTILE_SEGMENTS = [
  '2147483648',
  '99999999999999999999',
  '1e308',
  '-1',
  '%00',
  'a%00b',
  '%E0%A4%A',
  '%ED%A0%80',
  'x'.repeat(300),
  `KaTeX_${'A'.repeat(300)}.woff2`,
];

/** Query strings for GET routes: out-of-range numbers and broken text in every parameter we read. */
const HOSTILE_QUERIES = [
  `?p=2147483648&limit=1e308&date=1e308&sort=-1&mode=%E0%A4%A&q=${'x'.repeat(300)}&email=${'a'.repeat(300)}%40x.org&token=%E0%A4%A&notice=-1&v=1e308`,
  '?q=%00&token=%00&date=2026-08-21&p=0',
  '?week=2026-W99&month=9999-99&p=-1&limit=0&id=2147483648',
];

interface Body {
  label: string;
  contentType?: string;
  body: string | FormData;
}

const MALFORMED_BODIES: Body[] = [
  {
    label: 'multipart without a boundary',
    contentType: 'multipart/form-data',
    body: '--x\r\nContent-Disposition: form-data; name="paper"\r\n\r\n2608.00001\r\n--x--',
  },
  {
    label: 'truncated multipart',
    contentType: 'multipart/form-data; boundary=x',
    body: '--x\r\nContent-Disposition: form-data; name="paper"\r\n\r\n2608.000',
  },
  {
    label: 'broken urlencoded',
    contentType: 'application/x-www-form-urlencoded',
    body: 'paper=%E0%A4%A&vote=%ZZ&&=&back=%&body=%ED%A0%80',
  },
  { label: 'invalid JSON', contentType: 'application/json', body: '{"paper": "2608.00001", "vote": 1,' },
  { label: 'JSON with NUL', contentType: 'application/json', body: '{"body":"a\\u0000b","back":"/\\u0000"}' },
  { label: 'deep JSON', contentType: 'application/json', body: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  {
    label: 'oversized urlencoded',
    contentType: 'application/x-www-form-urlencoded',
    body: `body=${'x'.repeat(300 * 1024)}`,
  },
  { label: 'no content type', body: 'paper=2608.00001&vote=1' },
];

/** Well-formed bodies whose fields hold hostile values; every field any form reads is present. */
function hostileFieldBodies(ids: { collection: number; comment: number }): Body[] {
  const base = {
    paper: PAPER,
    vote: '1',
    type: 'comment',
    body: 'fuzz',
    reason: 'fuzz',
    name: 'Fuzz list',
    email: 'fuzz@example.org',
    token: 'x',
    // The For-you forms (feedback, follows), so their hostile variants reach the handler.
    kind: 'more',
    action: 'follow',
    value: 'cs.LG',
  };
  const urlencoded = (label: string, fields: Record<string, string>): Body => ({
    label,
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ ...base, ...fields }).toString(),
  });
  const bodies = [
    // The vote fault: NUL in back= recorded the vote, then failed on the Location header.
    urlencoded('NUL in back', {
      back: '/\u0000x',
      collection: String(ids.collection),
      target: String(ids.comment),
    }),
    urlencoded('NUL in body', { body: 'a\u0000b', parent: String(ids.comment) }),
    urlencoded('bell in name', { name: 'Bell\u0007', collection: String(ids.collection) }),
  ];
  for (const value of ['2147483648', '1e308', '-1', '99999999999999999999', '%E0%A4%A']) {
    const fields = { parent: value, target: value, collection: value, back: '/日本', max_papers: value };
    bodies.push(urlencoded(`fields = ${value}`, fields));
  }
  // The API's JSON bodies (HF's shapes) with the same hostile values in each field they read.
  for (const value of ['2147483648', '1e308', '-1', '%E0%A4%A', 'x'.repeat(20_000)]) {
    bodies.push({
      label: `JSON fields = ${value.slice(0, 12)}`,
      contentType: 'application/json',
      body: JSON.stringify({
        arxiv_id: value,
        comment: value,
        title: value,
        description: value,
        private: value,
        item: { id: value, type: 'paper' },
        note: value,
      }),
    });
  }
  bodies.push(
    {
      label: 'JSON of wrong types',
      contentType: 'application/json',
      body: '{"arxiv_id":7,"comment":[],"title":{},"item":"x","private":"yes"}',
    },
    { label: 'JSON array', contentType: 'application/json', body: '[1,2,3]' },
    { label: 'JSON string', contentType: 'application/json', body: '"x"' },
  );
  const multipart = new FormData();
  for (const [name, value] of Object.entries({ ...base, parent: '2147483648', target: '1e308' })) {
    multipart.set(name, value);
  }
  bodies.push({ label: 'multipart fields', body: multipart });
  return bodies;
}

interface Identity {
  label: string;
  cookie?: string;
  /** A write token, sent as `Authorization: Bearer` without a cookie (the API's writes). */
  token?: string;
}

interface RouteEntry {
  method: string;
  path: string;
}

/** The distinct routes in the app's table; `ALL` stands for every method. */
function routeTable(app: Hono): RouteEntry[] {
  const seen = new Set<string>();
  return app.routes.flatMap((route) => {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ method: route.method, path: route.path }];
  });
}

/** The pattern with each `:param{…}` and `*` replaced by what `value` gives for its name. */
function fill(pattern: string, value: (name: string) => string): string {
  return pattern
    .replace(/:(\w+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g, (_, name: string) => value(name))
    .replace(/\*/g, () => value('*'));
}

function hasParams(pattern: string): boolean {
  return fill(pattern, () => '\u0001') !== pattern;
}

type Fingerprint = string;

/**
 * The stored state a refused request must not change (rate-limit counters may: they count tries),
 * the recommendation surfaces' (feedback, follows, private feed URL) and API tokens included.
 */
async function fingerprint(t: TestDatabase): Promise<Fingerprint> {
  const { rows } = await sql<Record<string, unknown>>`
    select
      (select count(*) from votes) as votes,
      (select count(*) from comments) as comments,
      (select count(*) from comments where edited_at is not null) as edited,
      (select count(*) from comments where deleted_at is not null) as deleted,
      (select count(*) from collections) as collections,
      (select max(updated_at) from collections) as collections_updated,
      (select count(*) from collection_papers) as collection_papers,
      (select count(*) from reports) as reports,
      (select count(*) from moderation_log) as moderation_log,
      (select count(*) from subscribers) as subscribers,
      (select count(*) from sessions) as sessions,
      (select count(*) from users where banned_at is not null) as banned,
      (select count(*) from users where password_hash is not null) as passwords,
      (select count(*) from board_entries) as board_entries,
      (select count(*) from sign_in_tokens) as sign_in_tokens,
      (select count(*) from api_tokens) as api_tokens,
      (select count(*) from api_tokens where revoked_at is not null) as revoked_tokens,
      (select count(*) from reader_feedback) as reader_feedback,
      (select count(*) from reader_follows) as reader_follows,
      (select max(token_hash) from reader_feed_tokens) as reader_feed_token,
      (select count(*) from subscribers where status = 'active') as active_subscribers
  `.execute(t.db);
  return JSON.stringify(rows[0]);
}

eachDialect('every route under hostile input', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  const logged: Array<{ level: number; msg: string; status?: number; path?: string }> = [];
  const identities: Identity[] = [{ label: 'anonymous' }];
  let ids: { collection: number; comment: number; user: number };

  before(async () => {
    t = await createTestDatabase(dialect);
    await upsertPapers(t, [boardRecord({ arxivId: PAPER }), boardRecord({ arxivId: '2608.00002' })]);
    // The first account is the admin (store/users.ts).
    const admin = await signedInReader(t, 'admin');
    const reader = await signedInReader(t, 'ada');
    const target = await signedInReader(t, 'troll');
    identities.push({ label: 'reader', cookie: reader.cookie }, { label: 'admin', cookie: admin.cookie });
    const paper = await getPaper(t.db, PAPER);
    assert.ok(paper);
    const now = FIXED_NOW.toISOString();
    const comment = await addComment(t, {
      paperId: paper.id,
      userId: target.user.id,
      parentId: null,
      body: 'hi',
      now,
    });
    const list = await createCollection(t, {
      name: 'Mine',
      description: '',
      isPublic: true,
      userId: reader.user.id,
      now,
      maxPerReader: 50,
    });
    assert.ok(comment.ok && list.ok);
    ids = { collection: list.id, comment: comment.id, user: target.user.id };
    // No network: a submission that would fetch from arXiv fails fast against a closed port.
    const ctx = testContext(t, FIXED_NOW, { arxivApiUrl: 'http://127.0.0.1:9/api/query', arxivDelayMs: 0 });
    const log = createLogger('warn', { write: (line: string) => void logged.push(JSON.parse(line)) });
    app = createApp({ ...ctx, log });
    await ctx.search.catchUp();
    identities.push({ label: 'write token', token: await makeToken(app, reader.cookie, 'fuzz', 'write') });
  });
  after(async () => {
    await t.destroy();
  });

  /** A usable value for a parameter, so the malformed bodies reach the handler behind it. */
  function validValue(pattern: string, name: string): string {
    if (name === 'id' && /^\/(api\/|feeds\/)?papers\//.test(pattern)) return PAPER;
    if (name === 'id' && pattern.includes('/comments/')) return String(ids.comment);
    if (name === 'id' && pattern.includes('/users/')) return String(ids.user);
    if (name === 'id') return String(ids.collection);
    if (name === 'parent') return String(ids.comment);
    if (name === 'item') return PAPER;
    const values: Record<string, string> = {
      token: 'A'.repeat(32),
      period: '2026-08-21',
      name: 'Ada Lovelace',
      username: 'ada',
      file: 'KaTeX_Main-Regular.woff2',
      '*': 'no-such-page',
    };
    return values[name] ?? 'x';
  }

  const failures: string[] = [];
  let sent = 0;
  /** Token requests to the API that got past authentication (answered other than 401/403). */
  let tokenReached = 0;
  let state: Fingerprint = '';

  async function send(
    method: string,
    path: string,
    identity: Identity,
    body?: Body,
    extraHeaders: Record<string, string> = {},
  ): Promise<number> {
    const headers: Record<string, string> = { origin: ORIGIN, ...extraHeaders };
    if (headers.origin === '') delete headers.origin; // a request without one
    if (identity.cookie) headers.cookie = identity.cookie;
    if (identity.token) headers.authorization = `Bearer ${identity.token}`;
    if (body?.contentType) headers['content-type'] = body.contentType;
    const isBodyless = method === 'GET' || method === 'HEAD';
    const response = await app.request(path, {
      method,
      headers,
      ...(isBodyless || !body ? {} : { body: body.body }),
    });
    await response.arrayBuffer();
    sent += 1;
    if (identity.token && path.startsWith('/api/') && response.status !== 401 && response.status !== 403) {
      tokenReached += 1;
    }
    const what = `${method} ${path.slice(0, 120)} as ${identity.label}${body ? ` with ${body.label}` : ''}`;
    if (response.status >= 500) failures.push(`${response.status} for ${what}`);
    // One query a request: the state after the last one is the state before this one.
    const afterwards = await fingerprint(t);
    if (response.status >= 400 && afterwards !== state) {
      failures.push(`${response.status} for ${what} changed ${state} → ${afterwards}`);
    }
    state = afterwards;
    return response.status;
  }

  it('answers every route, method, identity and hostile input with < 500 and no side effect when refused', async () => {
    const routes = routeTable(app);
    assert.ok(routes.length > 60, `the route table has ${routes.length} routes`);
    assert.ok(routes.some((r) => r.path === '/vote' && r.method === 'POST'));
    const bodies = [...MALFORMED_BODIES, ...hostileFieldBodies(ids)];
    const started = Date.now();
    state = await fingerprint(t);
    for (const route of routes) {
      const methods = route.method === 'ALL' ? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] : [route.method];
      const validPath = fill(route.path, (name) => validValue(route.path, name));
      for (const identity of identities) {
        // Signing out would end the session the rest of the run uses, and revoking tokens the token
        // identity's: both are fuzzed without a session.
        if (identity.cookie && /^\/(signout|account\/tokens\/)/.test(route.path)) continue;
        for (const method of methods) {
          const isUnsafe = method !== 'GET' && method !== 'HEAD';
          if (hasParams(route.path)) {
            for (const [i, segment] of HOSTILE_SEGMENTS.entries()) {
              const path = fill(route.path, () => segment);
              await send(method, path, identity, isUnsafe ? bodies[i % bodies.length] : undefined);
            }
          }
          if (isUnsafe) {
            for (const body of bodies) await send(method, validPath, identity, body);
          } else {
            for (const query of HOSTILE_QUERIES) await send(method, validPath + query, identity);
          }
        }
      }
      // Every other method on the route, with a broken body, as a signed-in reader.
      const reader = identities[1] ?? { label: 'reader' };
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        if (route.method === method || route.method === 'ALL') continue;
        await send(method, validPath, reader, MALFORMED_BODIES[0]);
      }
    }
    const elapsed = Date.now() - started;
    // The token identity reached the API's handlers to the end: it was never revoked on the way.
    const token = identities.find((identity) => identity.token)?.token;
    const whoami = await app.request('/api/whoami-v2', { headers: { authorization: `Bearer ${token}` } });
    assert.equal(whoami.status, 200);
    assert.ok(tokenReached > 100, `${tokenReached} token requests got past authentication`);
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${sent} requests failed`);
    const problems = logged.filter((line) => line.level >= 40);
    assert.deepEqual(
      problems.slice(0, 5),
      [],
      'nothing logged as a failure or as bad input that reached the database',
    );
    assert.ok(sent > 2000, `sent ${sent} requests in ${elapsed} ms`);
  });

  it('refuses a state change from another site whatever the content type, even with a bearer header and a cookie', async () => {
    const reader = identities[1] ?? { label: 'reader' };
    state = await fingerprint(t);
    const forged = { origin: 'https://evil.example' };
    const json: Body = {
      label: 'JSON from another site',
      contentType: 'application/json',
      body: JSON.stringify({ paper: PAPER, vote: '1', body: 'forged', name: 'Forged' }),
    };
    for (const route of routeTable(app).filter((r) => r.method === 'POST')) {
      const path = fill(route.path, (name) => validValue(route.path, name));
      if (path.endsWith('/unsubscribe')) continue; // RFC 8058 one-click: exempt, and the token is wrong anyway
      for (const headers of [forged, { ...forged, authorization: 'Bearer abc' }, { origin: '' }]) {
        const status = await send('POST', path, reader, json, headers);
        assert.equal(status, 403, `${path} ${JSON.stringify(headers)}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
