// The request edge's answers to the faults an attack run found (issue 11), one by one with their
// messages, on both databases; route-fuzz.test.ts sweeps every route with the same kinds of input.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { describeError } from '../../src/lib/request-errors.js';
import { parseRowId } from '../../src/model/row-id.js';
import { createCollection } from '../../src/store/collections.js';
import { safeReturnPath } from '../../src/web/routes/vote.js';
import { signedInReader } from '../helpers/accounts.js';
import { boardRecord } from '../helpers/factories.js';
import { createTestDatabase, eachDialect, type TestDatabase } from '../helpers/test-db.js';
import { appFor, loadRecords, postForm } from './web-fixtures.js';

it('row ids, return paths and errors are parsed and mapped once', () => {
  assert.equal(parseRowId('2147483647'), 2147483647);
  for (const bad of ['2147483648', '0', '-1', '1e308', '1.5', ' 1', '', undefined]) {
    assert.equal(parseRowId(bad), undefined, String(bad));
  }
  assert.equal(safeReturnPath('/date/2026-08-21?p=1'), '/date/2026-08-21?p=1');
  assert.equal(safeReturnPath('/authors/日本'), '/authors/%E6%97%A5%E6%9C%AC');
  for (const bad of ['/\u0000x', '/a\u007fb', '//evil.example', '/\\evil', '/a b', '/\ud800']) {
    assert.equal(safeReturnPath(bad), '/', JSON.stringify(bad));
  }
  const outOfRange = Object.assign(new Error('value "2147483648" is out of range for type integer'), {
    severity: 'ERROR',
    code: '22003',
  });
  assert.deepEqual(
    [describeError(outOfRange).status, describeError(outOfRange).kind],
    [400, 'leaked'],
    'bad input the database refused is a 400, logged as a missing check',
  );
  assert.equal(describeError(new TypeError('Failed to parse body as FormData.')).status, 400);
  assert.equal(describeError(new Error('boom')).status, 500);
});

eachDialect('the request edge', (dialect) => {
  let t: TestDatabase;
  let app: Hono;
  let reader: string;
  let admin: string;
  let listId: number;
  const count = async (table: 'votes' | 'comments' | 'collections') =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.db)).rows[0]?.n,
    );

  before(async () => {
    t = await createTestDatabase(dialect);
    await loadRecords(t, [boardRecord({ arxivId: '2608.00001' })]);
    admin = (await signedInReader(t, 'admin')).cookie;
    const ada = await signedInReader(t, 'ada');
    reader = ada.cookie;
    const list = await createCollection(t, {
      name: 'Private',
      description: '',
      isPublic: false,
      userId: ada.user.id,
      now: '2026-08-21T12:00:00.000Z',
      maxPerReader: 50,
    });
    assert.ok(list.ok);
    listId = list.id;
    app = appFor(t);
  });
  after(async () => {
    await t.destroy();
  });

  it('refuses NUL in back= before the vote is recorded, and encodes a non-ASCII back', async () => {
    const nul = await postForm(
      app,
      '/vote',
      { paper: '2608.00001', vote: '1', back: '/\u0000x' },
      { cookie: reader },
    );
    assert.equal(nul.status, 400);
    assert.match(await nul.text(), /form field “back” holds a control character/);
    assert.equal(await count('votes'), 0, 'nothing recorded');
    const kanji = await postForm(
      app,
      '/vote',
      { paper: '2608.00001', vote: '1', back: '/日本' },
      { cookie: reader },
    );
    assert.equal(kanji.status, 303);
    assert.equal(kanji.headers.get('location'), '/%E6%97%A5%E6%9C%AC#vote-2608-00001');
  });

  it('answers ids beyond the integer range with 4xx, on PostgreSQL too', async () => {
    for (const [path, form, cookie, status] of [
      ['/comments/2147483648/edit', { body: 'x' }, reader, 404],
      ['/comments/9999999999/delete', {}, reader, 404],
      ['/moderation/users/2147483648/ban', {}, admin, 404],
      ['/moderation/comments/2147483648/hide', {}, admin, 404],
      ['/comments', { paper: '2608.00001', body: 'x', parent: '2147483648' }, reader, 400],
      ['/reports', { type: 'comment', target: '1e308', reason: 'x' }, reader, 404],
      ['/collections/add', { collection: '2147483648', paper: '2608.00001' }, reader, 404],
    ] as const) {
      const response = await postForm(app, path, form, { cookie });
      assert.equal(response.status, status, `${path} ${JSON.stringify(form)}`);
    }
    assert.equal(await count('comments'), 0);
    assert.equal((await app.request('/users/%00')).status, 404);
    assert.equal((await app.request('/users/a%00b')).status, 404);
  });

  it('refuses malformed and oversized bodies with a message', async () => {
    const post = (path: string, type: string, body: string) =>
      app.request(path, {
        method: 'POST',
        body,
        headers: { 'content-type': type, origin: 'http://paperboard.test', cookie: reader },
      });
    const noBoundary = await post('/vote', 'multipart/form-data', '--x\r\n');
    assert.equal(noBoundary.status, 400);
    assert.match(await noBoundary.text(), /not valid form data/);
    const json = await post('/api/anything', 'application/json', '{"a":');
    assert.equal(json.status, 400);
    assert.equal(((await json.json()) as { code: string }).code, 'invalid');
    const big = await post(
      '/comments',
      'application/x-www-form-urlencoded',
      `body=${'x'.repeat(129 * 1024)}`,
    );
    assert.equal(big.status, 413);
    assert.match(await big.text(), /larger than 128 KiB/);
    const bigApi = await post('/api/anything', 'application/json', `"${'x'.repeat(257 * 1024)}"`);
    assert.equal(bigApi.status, 413);
    assert.equal(((await bigApi.json()) as { code: string }).code, 'too_large');
  });

  it('checks the origin of a state change whatever its content type; a bearer request without cookie is left to its token', async () => {
    const forged = (headers: Record<string, string>) =>
      app.request(`/collections/${listId}/delete`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example', ...headers },
      });
    assert.equal((await forged({ cookie: reader })).status, 403);
    assert.equal(
      (await forged({ cookie: reader, authorization: 'Bearer x' })).status,
      403,
      'a cookie is still checked',
    );
    assert.equal(await count('collections'), 1, 'the list is still there');
    // No cookie: the origin check lets it through, and the route sees an anonymous request.
    const bearer = await forged({ authorization: 'Bearer x' });
    assert.equal(bearer.status, 303);
    assert.equal(bearer.headers.get('location'), '/signin');
    assert.equal(await count('collections'), 1);
  });
});
