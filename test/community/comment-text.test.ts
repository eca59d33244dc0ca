// The @mention email's text: a comment's Markdown and LaTeX read as plain text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commentToText } from '../../src/community/comment-text.js';

describe('commentToText', () => {
  it('keeps the words of emphasis and code, and turns formulas into Unicode', () => {
    assert.equal(
      commentToText('The bound $\\sum_{i=1}^n x_i^2 \\le 1$ is **tight** and _neat_, in `f(x)`.'),
      'The bound ∑ᵢ₌₁ⁿ xᵢ² ≤ 1 is tight and neat, in f(x).',
    );
  });

  it('writes a named link as "text (url)" and an autolinked URL once', () => {
    assert.equal(
      commentToText('See [the code](https://example.org/a) and https://example.org/b.'),
      'See the code (https://example.org/a) and https://example.org/b.',
    );
  });

  it('puts list items on lines of their own, paragraphs and display math apart', () => {
    assert.equal(
      commentToText('First:\n\n- one\n- two\n\n$$\\alpha^2$$\n\n```\nx = 1\n```'),
      'First:\n\n- one\n- two\n\nα²\n\nx = 1',
    );
    assert.equal(commentToText('3. c\n4. d'), '3. c\n4. d');
  });

  it('leaves typed HTML as the text it is, and an empty comment empty', () => {
    assert.equal(commentToText('<b>bold?</b> a < b'), '<b>bold?</b> a < b');
    assert.equal(commentToText('  \n '), '');
  });

  it('keeps a malformed formula readable instead of failing', () => {
    assert.equal(commentToText('broken $\\frac{1$ here'), 'broken $\\frac{1$ here');
  });
});
