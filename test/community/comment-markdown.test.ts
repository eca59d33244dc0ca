import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  mentionedUsernames,
  renderCommentFeedHtml,
  renderCommentHtml,
} from '../../src/community/comment-markdown.js';
import { XSS_PAYLOADS } from './xss-payloads.js';

describe('comment Markdown', () => {
  it('renders the Markdown subset and LaTeX', () => {
    const html = renderCommentHtml(
      '**bold** _em_ `code` $x^2$\n\n- a\n- b\n\n> quote\n\nhttps://example.org',
    );
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<em>em<\/em>/);
    assert.match(html, /<code>code<\/code>/);
    assert.match(html, /class="katex"/);
    assert.match(html, /<ul>\s*<li>a<\/li>/);
    assert.match(html, /<blockquote>/);
    assert.match(html, /<a href="https:\/\/example.org" rel="nofollow ugc noopener">/);
  });

  it('keeps malformed LaTeX as readable source instead of failing', () => {
    assert.match(renderCommentHtml('$\\frac{1}{$ and more'), /and more/);
  });

  it('renders math for feeds as MathML alone, the rest as on the page', () => {
    const body = '**bold** $x^2$ [l](https://example.org)';
    const html = renderCommentFeedHtml(body);
    assert.match(html, /<math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"><semantics>/);
    assert.doesNotMatch(html, /katex-html/);
    const withoutMath = (text: string) => text.replace(/<span class="math">.*<\/span> <a /, '<a ');
    assert.equal(withoutMath(html), withoutMath(renderCommentHtml(body)));
    assert.match(withoutMath(html), /^<p><strong>bold<\/strong> <a href/);
  });

  it('wraps math so that it nests validly: phrasing in a paragraph, a block on its own', () => {
    for (const render of [renderCommentHtml, renderCommentFeedHtml]) {
      const inText = render('See $$\\int_0^1 f$$ and $x$.');
      assert.match(
        inText,
        /^<p>See <span class="math math-display">.*<\/span> and <span class="math">.*<\/span>\.<\/p>\n$/s,
      );
      assert.doesNotMatch(inText, /<(section|div|eqn?)[\s>]/);
      const alone = render('Before\n\n$$\\int_0^1 f$$\n\nAfter');
      assert.match(alone, /^<p>Before<\/p>\n<div class="math math-display">.*<\/div>\n<p>After<\/p>\n$/s);
      assert.doesNotMatch(alone, /<(section|eqn?)[\s>]/);
    }
  });

  it(`leaves no tag, event handler or script URL from ${XSS_PAYLOADS.length} known payloads, on pages and in feeds`, () => {
    for (const payload of XSS_PAYLOADS) {
      for (const html of [renderCommentHtml(payload), renderCommentFeedHtml(payload)]) {
        // Attribute values emptied: text inside a quoted value (escaped) is not an attribute.
        const markup = html.replace(/"[^"]*"/g, '""');
        assert.doesNotMatch(
          html,
          /<(script|img|svg|iframe|object|embed|style|link|meta|base|body|video|audio|input|select|textarea|form|details|marquee|keygen|isindex|noscript)[\s>/]/i,
          payload,
        );
        assert.doesNotMatch(markup, /<[^>]*\son[a-z]+\s*=/i, payload);
        assert.doesNotMatch(html, /<[^>]*(href|src|action)\s*=\s*"\s*(javascript|vbscript|data):/i, payload);
      }
    }
  });

  it('finds @mentions once each, not e-mail addresses', () => {
    assert.deepEqual(mentionedUsernames('@ada and @alan-t, again @ada; mail ada@example.org'), [
      'ada',
      'alan-t',
    ]);
  });
});
