// Return paths and sign-in links (src/web/return-path.ts): only paths on this site survive, whatever
// a form or a query string holds.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { safeReturnPath, signInHref } from '../../src/web/return-path.js';

it('keeps a same-site path with its query and fragment, and sends anything else home', () => {
  assert.equal(safeReturnPath('/papers/2608.00001#new-comment'), '/papers/2608.00001#new-comment');
  assert.equal(
    safeReturnPath('/date/2026-08-21?p=1#vote-2608-00001'),
    '/date/2026-08-21?p=1#vote-2608-00001',
  );
  for (const bad of [
    'https://evil.example/',
    'javascript:alert(1)',
    '//evil.example',
    '/\\evil.example',
    '/a\r\nSet-Cookie: x=1',
    '/a\u0000',
    'papers/1',
    '',
    undefined,
    42,
  ]) {
    assert.equal(safeReturnPath(bad), '/', JSON.stringify(bad));
  }
});

it('builds sign-in links that carry the reason and a safe next', () => {
  assert.equal(
    signInHref('/papers/2608.00001#save', 'save'),
    '/signin?reason=save&next=%2Fpapers%2F2608.00001%23save',
  );
  assert.equal(signInHref('/', 'vote'), '/signin?reason=vote');
  assert.equal(signInHref('//evil.example'), '/signin');
});
