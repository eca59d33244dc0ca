// The server-side LaTeX renderer: what counts as math, KaTeX output, escaping, and fallbacks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml } from '../../src/lib/html.js';
import { tokenizeLatex } from '../../src/model/tex-segments.js';
import { renderLatex } from '../../src/web/views/latex.js';

function mathOf(text: string): string[] {
  return tokenizeLatex(text).flatMap((s) => (s.kind === 'math' ? [s.tex] : []));
}

function countKatex(html: string): number {
  return html.split('class="katex"').length - 1;
}

describe('tokenizeLatex', () => {
  it('finds inline and display math with every delimiter', () => {
    assert.deepEqual(tokenizeLatex('a $x^2$ b'), [
      { kind: 'text', text: 'a ' },
      { kind: 'math', tex: 'x^2', source: '$x^2$', isDisplay: false },
      { kind: 'text', text: ' b' },
    ]);
    assert.deepEqual(
      tokenizeLatex('$$E=mc^2$$ and \\(y\\) and \\[z\\]').map((s) =>
        s.kind === 'math' ? [s.tex, s.isDisplay] : s.text,
      ),
      [['E=mc^2', true], ' and ', ['y', false], ' and ', ['z', true]],
    );
  });

  it('keeps \\$ as a literal dollar and never opens math with it', () => {
    assert.deepEqual(tokenizeLatex('costs \\$5 and \\$10'), [{ kind: 'text', text: 'costs $5 and $10' }]);
    assert.deepEqual(mathOf('\\$ then $x$'), ['x']);
    assert.deepEqual(mathOf('$a \\$ b$'), ['a \\$ b']);
  });

  it('treats unbalanced or price-like dollars as text', () => {
    assert.deepEqual(tokenizeLatex('only $ one dollar'), [{ kind: 'text', text: 'only $ one dollar' }]);
    assert.deepEqual(mathOf('between $5 and $10 a day'), []);
    assert.deepEqual(mathOf('we pay $5 and more $x$ later'), ['x']);
    assert.deepEqual(mathOf('unclosed $$ display'), []);
    assert.deepEqual(mathOf('unclosed \\( paren'), []);
    assert.deepEqual(mathOf('empty $$ and $ $'), []);
  });

  it('reads a lone symbol before a number as math: $\\sim$15 minutes, $>$90%', () => {
    assert.deepEqual(mathOf('only $\\sim$15 minutes and $>$90% of $\\times$3'), ['\\sim', '>', '\\times']);
    assert.deepEqual(mathOf('from $5 to $10 and $x + 1$2'), []);
  });

  it('accepts symmetric spacing inside dollars', () => {
    assert.deepEqual(mathOf('with $ O(n) $ cost'), [' O(n) ']);
  });

  it('does not let a formula span a paragraph break', () => {
    assert.deepEqual(mathOf('a $x\n\ny$ b'), []);
  });

  it('an escaped backslash does not open \\( math', () => {
    assert.deepEqual(mathOf('a \\\\(b\\)'), []);
  });
});

describe('renderLatex', () => {
  it('typesets valid formulas with KaTeX', () => {
    const html = renderLatex('Attention for $\\alpha$-divergences');
    assert.equal(countKatex(html), 1);
    assert.ok(html.startsWith('Attention for <span class="katex">'));
    assert.ok(html.endsWith('-divergences'));
    assert.match(html, /<annotation encoding="application\/x-tex">\\alpha<\/annotation>/);
  });

  it('renders display math as a block unless inline-only is asked for', () => {
    assert.match(renderLatex('$$\\sum_i x_i$$'), /class="katex-display"/);
    assert.doesNotMatch(renderLatex('$$\\sum_i x_i$$', { isInlineOnly: true }), /katex-display/);
    assert.match(renderLatex('\\[a\\]'), /katex-display/);
    assert.equal(countKatex(renderLatex('\\(a\\) and \\(b\\)')), 2);
  });

  it('escapes HTML in the text around formulas', () => {
    const html = renderLatex('<b>bold</b> & "quotes" \'single\' $x$ <script>alert(1)</script>');
    assert.ok(
      html.startsWith(
        '&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot; &#39;single&#39; <span class="katex">',
      ),
    );
    assert.ok(html.endsWith('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.doesNotMatch(html, /<script|<b>/);
  });

  it('cannot be used to inject markup from inside a formula', () => {
    for (const tex of [
      '$<script>alert(1)</script>$',
      '$\\text{<script>alert(1)</script>}$',
      '$\\href{javascript:alert(1)}{x}$',
      '$\\url{javascript:alert(1)}$',
      '$\\htmlClass{x" onclick="alert(1)}{y}$',
      '$\\unknownmacro<img src=x onerror=alert(1)>$',
      '$x" onmouseover="alert(1)$',
    ]) {
      const html = renderLatex(tex);
      assert.doesNotMatch(html, /<script|<img|javascript:[^<]*"|\son\w+="/i, tex);
    }
  });

  it('renders \\href to a web address as a link with its text, elsewhere as the text alone', () => {
    const tex =
      'Code at $\\href{https://github.com/a/b_c}{\\texttt{a/b\\_c}}$ and $\\url{https://x.org/p_q}$.';
    const html = renderLatex(tex);
    assert.match(
      html,
      /<a rel="nofollow noopener" href="https:\/\/github.com\/a\/b_c">(?:<span class="mord[^"]*">)+a\/b_c</,
    );
    assert.match(html, /<a rel="nofollow noopener" href="https:\/\/x.org\/p_q">/);
    // Titles and previews sit inside a card's title link: the text, no nested <a>.
    const inline = renderLatex(tex, { isInlineOnly: true });
    assert.doesNotMatch(inline, /<a /);
    assert.match(inline, /<span class="mord texttt">a\/b_c<\/span>/);
    assert.match(inline, /<span class="mord texttt">https:\/\/x.org\/p_q<\/span>/);
    for (const bad of [
      '$\\href{javascript:alert(1)}{\\texttt{x}}$',
      '$\\href{data:text/html,hi}{x}$',
      '$\\url{ftp://a.b/c}$',
    ]) {
      const out = renderLatex(bad);
      assert.doesNotMatch(out, /<a |katex-error|math-source/, bad);
    }
  });

  it('falls back to the escaped source for malformed formulas', () => {
    assert.equal(renderLatex('bad $\\frac{1$ end'), 'bad <span class="math-source">$\\frac{1$</span> end');
    assert.equal(renderLatex('$\\left( x$'), '<span class="math-source">$\\left( x$</span>');
    assert.equal(
      renderLatex('$}<i>$'),
      '<span class="math-source">$}&lt;i&gt;$</span>',
      'the fallback is escaped too',
    );
    assert.doesNotMatch(renderLatex('$\\frac{$'), /katex-error/);
  });

  it('one malformed formula does not break its neighbours', () => {
    const html = renderLatex('$x$ and $\\frac{$ and $y$');
    assert.equal(countKatex(html), 2);
    assert.match(html, /<span class="math-source">\$\\frac\{\$<\/span>/);
  });

  it('renders unbalanced dollars and \\$ as literal text', () => {
    assert.equal(renderLatex('It costs $5.'), 'It costs $5.');
    assert.equal(renderLatex('\\$x\\$'), '$x$');
  });

  it('renders the same output from the cache on repeated calls', () => {
    const first = renderLatex('$\\beta_1$');
    assert.equal(renderLatex('$\\beta_1$'), first);
    assert.equal(countKatex(first), 1);
  });

  it('bounds expensive input instead of hanging', () => {
    const started = performance.now();
    const html = renderLatex(`$${'\\def\\a{\\a\\a}\\a'}$ and $${'x^'.repeat(3000)}x$`);
    assert.ok(performance.now() - started < 2000);
    assert.doesNotMatch(html, /katex-error/);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('TeX escapes in running text', () => {
  it('shows \\% \\& \\_ \\# as the characters outside formulas and keeps formulas intact', () => {
    const html = renderLatex('Gains of 72.6\\% on R\\&D, file\\_name \\#1, and $\\%$ in math');
    assert.match(html, /72\.6% on R&amp;D, file_name #1, and /);
    assert.match(html, /class="katex"/);
  });
});

describe('text-mode font commands outside formulas', () => {
  it('renders \\emph, \\textbf and \\texttt as elements instead of showing the command', () => {
    const html = renderLatex(
      'the question of \\emph{which layers} and \\textbf{bold {nested}} in \\texttt{a\\_b}',
    );
    assert.equal(
      html,
      'the question of <em>which layers</em> and <strong>bold nested</strong> in <code>a_b</code>',
    );
  });

  it('keeps the text of commands without an HTML element and escapes markup inside any argument', () => {
    assert.equal(renderLatex('\\textsc{Mixer} \\emph{<b>x</b>}'), 'Mixer <em>&lt;b&gt;x&lt;/b&gt;</em>');
  });

  it('nests commands and leaves formulas and unbalanced arguments alone', () => {
    assert.equal(renderLatex('\\textbf{\\emph{both}}'), '<strong><em>both</em></strong>');
    assert.equal(renderLatex('\\emph{open'), '\\emph{open');
    assert.match(renderLatex('\\emph{x} and $\\emph{y}$'), /^<em>x<\/em> and <span class="katex">/);
  });
});
