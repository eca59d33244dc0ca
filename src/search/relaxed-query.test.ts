import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from './query-parser.js';
import { relaxedRoot } from './relaxed-query.js';

const relax = (q: string) => {
  const root = parseQuery(q).root;
  assert.ok(root, `no root for ${q}`);
  return relaxedRoot(root);
};

describe('relaxedRoot', () => {
  it('widens plain words to any of them, leaving stop words out', () => {
    assert.deepEqual(relax('the retrieval of documents'), {
      kind: 'or',
      children: [
        { kind: 'term', text: 'retrieval', isPrefix: false },
        { kind: 'term', text: 'documents', isPrefix: false },
      ],
    });
  });

  it('keeps a lone telling word as the whole query', () => {
    assert.deepEqual(relax('the compilers'), { kind: 'term', text: 'compilers', isPrefix: false });
  });

  it('keeps every word when all of them are stop words', () => {
    const relaxed = relax('the of');
    assert.equal(relaxed?.kind, 'or');
    assert.equal(relaxed?.kind === 'or' ? relaxed.children.length : 0, 2);
  });

  it('never relaxes one word, fields or groups', () => {
    assert.equal(relax('compilers'), undefined);
    assert.equal(relax('title:compilers parsing'), undefined);
    assert.equal(relax('(a OR b) parsing'), undefined);
  });
});
