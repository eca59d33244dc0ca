// LaTeXML's HTML (testdata/arxiv-html, hand-built to its published structure) to Markdown: the
// body's sections with math as the authors' LaTeX, numbered equations, tables, captions and the
// references; the page chrome, title, authors and abstract left out; anything else is no body.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { testdata } from '../../test/helpers/paths.js';
import { arxivHtmlToMarkdown } from './arxiv-html.js';

const html = readFileSync(join(testdata, 'arxiv-html', '2608.00001v1.html'), 'utf8');
const BASE = 'https://arxiv.org/html/2608.00001v1/';

it('keeps the sections, in order, at LaTeXML’s heading levels', () => {
  const markdown = arxivHtmlToMarkdown(html, BASE) ?? '';
  const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
  assert.deepEqual(headings, [
    '## 1 Introduction',
    '## 2 Method',
    '### 2.1 Routing',
    '## 3 Experiments',
    '## References',
  ]);
});

it('writes math as its LaTeX: inline in $…$, a numbered equation in $$…$$ with its number', () => {
  const markdown = arxivHtmlToMarkdown(html, BASE) ?? '';
  assert.ok(
    markdown.includes('Attention over a context of $n$ tokens costs $O(n^{2})$ (Vaswani et al., 2017)'),
  );
  assert.ok(markdown.includes('A gate $g(x)=\\mathrm{top}_{k}(Ux)$ picks the experts'));
  assert.ok(markdown.includes('$$\ny=\\sum_{i=1}^{k}g_{i}(x)\\,W_{i}x.\n$$ (1)'));
  assert.doesNotMatch(markdown, /<math|<mi>|application\/x-tex/);
});

it('turns tables into pipe tables, keeps captions, and leaves pictures out', () => {
  const markdown = arxivHtmlToMarkdown(html, BASE) ?? '';
  assert.ok(
    markdown.includes(
      '| Model | Recall@10 |\n| --- | --- |\n| Dense \\| full | 0.71 |\n| Ours ($k=2$) | **0.78** |',
    ),
  );
  assert.ok(markdown.includes('Figure 1: Routing a query to $k=2$ experts.'));
  assert.ok(markdown.includes('Table 1: Recall@10 on long documents.'));
  assert.doesNotMatch(markdown, /!\[|x1\.png|Refer to caption/);
});

it('keeps outside links, and citations and section references as their text', () => {
  const markdown = arxivHtmlToMarkdown(html, BASE) ?? '';
  assert.ok(markdown.includes('[https://github.com/example/smile](<https://github.com/example/smile>)'));
  assert.ok(markdown.includes('see Section 2 and *the appendix*.'));
  assert.doesNotMatch(markdown, /#bib\.bib|#S2/);
  assert.match(markdown, /- +Beltagy et al\. \(2020\) Iz Beltagy, Matthew E\. Peters, and Arman Cohan\./);
});

it('leaves out what the store has (title, authors, abstract) and the page chrome', () => {
  const markdown = arxivHtmlToMarkdown(html, BASE) ?? '';
  assert.ok(markdown.startsWith('## 1 Introduction'));
  for (const text of [
    'Sparse Mixtures',
    'Charles Babbage',
    'Analytical Engine',
    'We route each query',
    'LaTeXML',
    'Generated',
  ]) {
    assert.ok(!markdown.includes(text), text);
  }
});

it('is no body for a page without a LaTeXML document, or with an empty one', () => {
  assert.equal(
    arxivHtmlToMarkdown('<html><body><h1>No HTML for 2608.00001</h1></body></html>', BASE),
    undefined,
  );
  assert.equal(arxivHtmlToMarkdown('', BASE), undefined);
  assert.equal(
    arxivHtmlToMarkdown(
      '<article class="ltx_document"><h1 class="ltx_title ltx_title_document">T</h1></article>',
      BASE,
    ),
    undefined,
  );
  // Truncated or malformed markup still converts what is there.
  const cut = html.slice(0, html.indexOf('<section class="ltx_section" id="S2">') + 200);
  assert.match(arxivHtmlToMarkdown(cut, BASE) ?? '', /^## 1 Introduction[\s\S]*## 2 Method/);
});
