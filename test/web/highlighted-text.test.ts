// renderHighlighted: search-hit segments → HTML with <mark>, escaped text and KaTeX formulas.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HighlightSegment } from '../../src/search/highlight.js';
import { renderHighlighted } from '../../src/web/views/highlighted-text.js';
import { renderLatex } from '../../src/web/views/latex.js';

/** `a [b] c` → segments with the bracketed parts as matches. */
function segments(text: string): HighlightSegment[] {
  return text
    .split(/(\[[^\]]*\])/)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('[') ? { text: part.slice(1, -1), isMatch: true } : { text: part, isMatch: false },
    );
}

describe('renderHighlighted', () => {
  it('marks matches and escapes everything else', () => {
    assert.equal(
      renderHighlighted(segments('Breaking <b>[news]</b> & [more]')),
      'Breaking &lt;b&gt;<mark>news</mark>&lt;/b&gt; &amp; <mark>more</mark>',
    );
    assert.equal(renderHighlighted([]), '');
  });

  it('typesets formulas and keeps marks outside them', () => {
    const html = renderHighlighted(segments('Attention for $\\alpha$-[divergences]'), { isInlineOnly: true });
    const math = renderLatex('$\\alpha$', { isInlineOnly: true });
    assert.equal(html, `Attention for ${math}-<mark>divergences</mark>`);
  });

  it('drops a mark that falls inside a formula, and splits one that crosses its edge', () => {
    const math = renderLatex('$\\alpha + x$');
    assert.equal(renderHighlighted(segments('for $\\[alpha] + x$ now')), `for ${math} now`);
    assert.equal(
      renderHighlighted(segments('[for $\\alpha + x$ now]')),
      `<mark>for </mark>${math}<mark> now</mark>`,
    );
  });

  it('treats prices and escaped dollars as text, like the LaTeX renderer', () => {
    assert.equal(
      renderHighlighted(segments('costs $5 per [token] and \\$3 more')),
      'costs $5 per <mark>token</mark> and $3 more',
    );
    assert.equal(renderHighlighted(segments('a lone $ [sign]')), 'a lone $ <mark>sign</mark>');
  });

  it('never lets markup from a formula’s fallback through', () => {
    const html = renderHighlighted(segments('[bad] $\\frac{<script>$'));
    assert.ok(!html.includes('<script>'), html);
    assert.ok(html.startsWith('<mark>bad</mark> '), html);
  });
});
