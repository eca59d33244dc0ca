// Snippets cut from a highlighted abstract: the window with most matches, matches centred, ellipses
// where cut, marks never left open at a cut; short abstracts whole; no match: the opening words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MATCH_END, MATCH_START, snippetOf, toSegments } from '../../src/search/highlight.js';

const mark = (word: string) => `${MATCH_START}${word}${MATCH_END}`;
const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`);

describe('snippetOf', () => {
  it('keeps an abstract of at most the window whole', () => {
    const text = ['Short', mark('abstract'), 'here.'].join(' ');
    assert.equal(snippetOf(`  ${text}\n`, 5), text);
  });

  it('without a match shows the opening words and an ellipsis', () => {
    assert.equal(snippetOf(words(0, 100).join(' '), 4), 'w0 w1 w2 w3…');
  });

  it('centres the window on the densest run of matches and cuts with ellipses', () => {
    const all = words(0, 100);
    all[10] = mark('lone');
    all[60] = mark('a');
    all[62] = mark('b');
    const snippet = snippetOf(all.join(' '), 7);
    // Matches at 60 and 62 (3 words): 2 words of context on each side.
    assert.equal(snippet, `…w58 w59 ${mark('a')} w61 ${mark('b')} w63 w64…`);
  });

  it('closes a phrase mark the cut leaves open, and reopens one it starts inside', () => {
    const all = words(0, 50);
    all[20] = `${MATCH_START}large`;
    all[21] = 'language';
    all[22] = `models${MATCH_END}`;
    const end = snippetOf(all.join(' '), 3);
    assert.equal(end, `…${MATCH_START}large language models${MATCH_END}…`);
    const segments = toSegments(snippetOf(all.join(' '), 2));
    assert.ok(
      segments.some((s) => s.isMatch),
      'a cut phrase is still a match',
    );
    const text = snippetOf(all.join(' '), 2);
    assert.equal(text.split(MATCH_START).length, text.split(MATCH_END).length, 'marks balanced');
  });

  it('keeps the spacing of the abstract inside the window', () => {
    const text = `${words(0, 30).join(' ')}\n\n${mark('x')}  ${words(31, 60).join(' ')}`;
    assert.match(snippetOf(text, 6), new RegExp(`w29\\n\\n${MATCH_START}x${MATCH_END}  w31`));
  });
});
