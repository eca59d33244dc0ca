// The web forms' request helper on its own (no request edge in front): a schema turns the posted
// fields into values or one 4xx with the reader's message; malformed, boundary-less and oversized
// multipart are 400/413, never a 500; a field may ask for 404 ("no such paper").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AppError } from '../../src/lib/errors.js';
import { describeError } from '../../src/lib/request-errors.js';
import { readForm, requireForm } from '../../src/web/form.js';
import { VoteForm } from '../../src/web/forms/community.js';
import { arxivIdField, checkbox, choice, returnPath, text } from '../../src/web/forms/fields.js';
import { BoardQuery, DatePickerQuery } from '../../src/web/forms/queries.js';

const Schema = z.object({
  paper: arxivIdField('There is no such paper.', 404),
  vote: choice(['1', '0'], 'vote must be 1 or 0.'),
  note: text(),
  hide: checkbox(),
  back: returnPath(),
});

function testApp(): Hono {
  const app = new Hono();
  app.use(
    bodyLimit({
      maxSize: 1024,
      onError: () => {
        throw new AppError('too_large', 'too large');
      },
    }),
  );
  app.post('/strict', async (c) => c.json(await requireForm(c, Schema)));
  app.post('/soft', async (c) => {
    const form = await readForm(c, Schema);
    return c.json(form, form.ok ? 200 : form.status);
  });
  app.onError((error, c) => {
    const described = describeError(error);
    return c.json({ message: described.message }, described.status);
  });
  return app;
}

const post = (app: Hono, path: string, body: string | FormData | URLSearchParams, contentType?: string) =>
  app.request(path, {
    method: 'POST',
    body,
    ...(contentType ? { headers: { 'content-type': contentType } } : {}),
  });

describe('web forms: readForm and requireForm', () => {
  const app = testApp();

  it('parses urlencoded and multipart forms into typed values', async () => {
    const expected = { paper: '2608.00001', vote: '1', note: '', hide: true, back: '/week/2026-W34' };
    const fields = { paper: 'arXiv:2608.00001v2', vote: '1', hide: 'on', back: '/week/2026-W34' };
    const urlencoded = await post(app, '/strict', new URLSearchParams(fields));
    assert.equal(urlencoded.status, 200);
    assert.deepEqual(await urlencoded.json(), expected);
    const multipart = new FormData();
    for (const [name, value] of Object.entries(fields)) multipart.set(name, value);
    // A file where text is expected is not text: the field reads as absent.
    multipart.set('note', new Blob(['x']), 'note.txt');
    const answer = await post(app, '/strict', multipart);
    assert.equal(answer.status, 200);
    assert.deepEqual(await answer.json(), expected);
  });

  it('answers the first problem with its message and status; readForm keeps the fields to show again', async () => {
    const bad = await post(app, '/strict', new URLSearchParams({ paper: 'nope', vote: '2' }));
    assert.equal(bad.status, 404);
    assert.deepEqual(await bad.json(), { message: 'There is no such paper.' });
    const badVote = await post(app, '/strict', new URLSearchParams({ paper: '2608.00001', vote: '2' }));
    assert.equal(badVote.status, 400);
    assert.deepEqual(await badVote.json(), { message: 'vote must be 1 or 0.' });
    const soft = await post(
      app,
      '/soft',
      new URLSearchParams({ paper: '2608.00001', vote: 'x', note: 'kept' }),
    );
    assert.equal(soft.status, 400);
    assert.deepEqual(await soft.json(), {
      ok: false,
      status: 400,
      message: 'vote must be 1 or 0.',
      fields: { paper: '2608.00001', vote: 'x', note: 'kept' },
    });
  });

  it('refuses malformed, boundary-less and oversized multipart as 400/413, never 500', async () => {
    const part = '--x\r\nContent-Disposition: form-data; name="paper"\r\n\r\n2608.00001\r\n--x--';
    const cases: Array<[string | FormData | URLSearchParams, string, number]> = [
      [part, 'multipart/form-data', 400],
      [
        '--x\r\nContent-Disposition: form-data; name="paper"\r\n\r\n2608.000',
        'multipart/form-data; boundary=x',
        400,
      ],
      [
        `--x\r\nContent-Disposition: form-data; name="note"\r\n\r\n${'a'.repeat(4096)}\r\n--x--`,
        'multipart/form-data; boundary=x',
        413,
      ],
      [`note=${'a'.repeat(4096)}`, 'application/x-www-form-urlencoded', 413],
    ];
    for (const [body, contentType, status] of cases) {
      const response = await post(app, '/strict', body, contentType);
      assert.equal(response.status, status, contentType);
    }
  });

  it('reads a body that is not a form as an empty form (the schema says what is missing)', async () => {
    const json = await post(
      app,
      '/strict',
      JSON.stringify({ paper: '2608.00001', vote: '1' }),
      'application/json',
    );
    assert.equal(json.status, 404);
    const none = await post(app, '/strict', 'paper=2608.00001&vote=1');
    assert.equal(none.status, 404);
  });

  it('the vote form refuses what the route used to check by hand, in the same words', async () => {
    const parse = (fields: Record<string, string>) => VoteForm.safeParse(fields);
    assert.equal(
      parse({ paper: '1e308', vote: '1' }).error?.issues[0]?.message,
      'paper must be an arXiv identifier.',
    );
    assert.equal(
      parse({ paper: '2608.00001', vote: 'up' }).error?.issues[0]?.message,
      'vote must be 1 (upvote) or 0 (remove).',
    );
    assert.deepEqual(parse({ paper: '2608.00001', vote: '0', back: '//evil.example/x' }).data, {
      paper: '2608.00001',
      vote: '0',
      back: '/',
    });
  });

  it('page queries: ?p=, board filters and the date picker parse to values or the page’s message', () => {
    assert.deepEqual(BoardQuery.parse({}), { page: 0, filters: { sort: 'upvotes' } });
    assert.deepEqual(BoardQuery.parse({ p: '3', cat: ' cs.cv ', sort: 'newest' }), {
      page: 3,
      filters: { category: 'cs.CV', sort: 'newest' },
    });
    const message = (query: Record<string, string>) => BoardQuery.safeParse(query).error?.issues[0]?.message;
    assert.equal(message({ p: '-1' }), 'The page number (?p=) must be a whole number, starting at 0.');
    assert.equal(
      message({ p: '1e3', sort: 'x' }),
      'The page number (?p=) must be a whole number, starting at 0.',
    );
    assert.equal(message({ sort: 'x' }), 'The sort (?sort=) must be “upvotes” or “newest”.');
    assert.match(message({ cat: 'cs.*' }) ?? '', /is not an arXiv category/);
    assert.equal(DatePickerQuery.parse({}).day, undefined);
    assert.equal(DatePickerQuery.parse({ d: '2026-08-21', kind: 'week' }).kind, 'week');
    assert.match(
      DatePickerQuery.safeParse({ d: '2026-02-30' }).error?.issues[0]?.message ?? '',
      /is not a valid date/,
    );
  });
});
