// The page query schemas (web/forms/queries.ts) on their own: each turns what a URL carries into
// typed values or one message, and malformed values (unknown words, NUL, broken numbers, prototype
// names, overlong text) are refused or read as "none" the way each page documents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import {
  AssetQuery,
  DigestPreviewQuery,
  LinkTokenQuery,
  PreferencesNoticeQuery,
  SEARCH_MAX_PAGE,
  SearchPageQuery,
  SignInQuery,
} from '../../src/web/forms/queries.js';

function parse<T extends z.ZodType>(schema: T, query: Record<string, string>) {
  const parsed = schema.safeParse(query);
  return parsed.success
    ? { ok: true as const, value: parsed.data }
    : { ok: false as const, message: parsed.error.issues[0]?.message ?? '' };
}

describe('page query schemas', () => {
  it('search: defaults for absent or empty values, typed values for good ones', () => {
    const defaults = { q: '', sort: 'relevance', mode: 'auto', p: 0 };
    assert.deepEqual(parse(SearchPageQuery, {}), { ok: true, value: defaults });
    assert.deepEqual(parse(SearchPageQuery, { q: 'x', sort: '', mode: '', p: '' }), {
      ok: true,
      value: { ...defaults, q: 'x' },
    });
    assert.deepEqual(parse(SearchPageQuery, { q: 'ti:x', sort: 'date', mode: 'keyword', p: '3' }), {
      ok: true,
      value: { q: 'ti:x', sort: 'date', mode: 'keyword', p: 3 },
    });
    assert.equal(parse(SearchPageQuery, { p: String(SEARCH_MAX_PAGE) }).ok, true);
  });

  it('search: refuses unknown sorts and modes and pages out of range, naming the parameter', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ sort: 'best' }, /\?sort=\) must be relevance, date or upvotes/],
      [{ sort: 'date\u0000' }, /\?sort=/],
      [{ mode: 'fast' }, /\?mode=\) must be auto, keyword, semantic, hybrid/],
      [{ mode: 'toString' }, /\?mode=/],
      [{ p: '-1' }, /\?p=\) must be a whole number from 0 to 499/],
      [{ p: '1e3' }, /\?p=/],
      [{ p: String(SEARCH_MAX_PAGE + 1) }, /\?p=/],
      [{ p: '2147483648' }, /\?p=/],
    ];
    for (const [query, message] of cases) {
      const result = parse(SearchPageQuery, query);
      assert.equal(result.ok, false, JSON.stringify(query));
      if (!result.ok) assert.match(result.message, message, JSON.stringify(query));
    }
  });

  it('sign-in: a next off this site goes home, a reason must be one the site writes', () => {
    assert.deepEqual(parse(SignInQuery, {}), { ok: true, value: { next: '/' } });
    assert.deepEqual(parse(SignInQuery, { next: '/trending?p=1', reason: 'vote' }), {
      ok: true,
      value: { next: '/trending?p=1', reason: 'vote' },
    });
    for (const next of ['//evil.example', 'https://evil.example', '/\u0000x', '/a\r\nSet-Cookie: x=1']) {
      assert.deepEqual(parse(SignInQuery, { next }), { ok: true, value: { next: '/' } });
    }
    for (const reason of ['nope', '__proto__', 'toString', 'vote\u0000']) {
      const result = parse(SignInQuery, { reason });
      assert.equal(result.ok, false, reason);
    }
  });

  it('link tokens: only the shape newSecret writes; anything else reads as no token', () => {
    const token = 'A'.repeat(43);
    assert.deepEqual(parse(LinkTokenQuery, { token }), { ok: true, value: { token } });
    for (const bad of ['', 'short', 'a\u0000'.repeat(20), `${token}=`, 'x'.repeat(300), '../../etc']) {
      assert.deepEqual(parse(LinkTokenQuery, { token: bad }), { ok: true, value: { token: '' } }, bad);
    }
  });

  it('digest preview: a normalised address and an optional calendar day', () => {
    assert.deepEqual(parse(DigestPreviewQuery, { email: ' Ada@Example.org ', date: '' }), {
      ok: true,
      value: { email: 'ada@example.org', date: undefined },
    });
    assert.deepEqual(parse(DigestPreviewQuery, { email: 'a@b.org', date: '2026-08-21' }), {
      ok: true,
      value: { email: 'a@b.org', date: '2026-08-21' },
    });
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{}, /email address \(\?email=\)/],
      [{ email: `${'a'.repeat(300)}@x.org` }, /email address/],
      [{ email: 'a@b.org', date: '2026-02-30' }, /calendar date/],
      [{ email: 'a@b.org', date: '1e308' }, /calendar date/],
    ];
    for (const [query, message] of cases) {
      const result = parse(DigestPreviewQuery, query);
      assert.equal(result.ok, false, JSON.stringify(query));
      if (!result.ok) assert.match(result.message, message);
    }
  });

  it('preferences notice: one a redirect writes, or none', () => {
    assert.deepEqual(parse(PreferencesNoticeQuery, { notice: 'saved' }), {
      ok: true,
      value: { notice: 'saved' },
    });
    assert.deepEqual(parse(PreferencesNoticeQuery, { notice: '' }), {
      ok: true,
      value: { notice: undefined },
    });
    for (const notice of ['<script>', 'constructor', '-1']) {
      assert.equal(parse(PreferencesNoticeQuery, { notice }).ok, false, notice);
    }
  });

  it('asset version: hashes and version numbers, nothing else', () => {
    for (const v of ['0a1b2c3d', '0.19.1'])
      assert.deepEqual(parse(AssetQuery, { v }), { ok: true, value: { v } });
    assert.deepEqual(parse(AssetQuery, {}), { ok: true, value: {} });
    for (const v of ['', '<script>', 'a b', 'x'.repeat(65), 'a\u0000']) {
      assert.equal(parse(AssetQuery, { v }).ok, false, JSON.stringify(v));
    }
  });
});
