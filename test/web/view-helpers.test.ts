// Pure view helpers: the abstract preview cut, BibTeX formatting and escaping, author summaries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMonth, parseWeek } from '../../src/model/board-period.js';
import { mergePaper, type StoredPaper } from '../../src/model/stored-paper.js';
import { previewAbstract } from '../../src/web/views/abstract-preview.js';
import { citationKey, escapeBibtexTitle, formatBibtex } from '../../src/web/views/bibtex.js';
import {
  codeLinkLabel,
  orderCategories,
  periodTitle,
  placementCredit,
  summariseAuthors,
} from '../../src/web/views/format.js';
import { renderSegments } from '../../src/web/views/latex.js';
import { arxivRecord } from '../helpers/factories.js';

function previewText(abstract: string, max?: number): string {
  const preview = previewAbstract(abstract, max);
  const text = preview.segments.map((s) => (s.kind === 'text' ? s.text : s.source)).join('');
  return preview.isTruncated ? `${text}…` : text;
}

describe('previewAbstract', () => {
  it('keeps a short abstract whole, with whitespace collapsed', () => {
    assert.equal(previewText('A  short\n abstract.'), 'A short abstract.');
    assert.equal(previewAbstract('A short abstract.').isTruncated, false);
  });

  it('cuts at a word boundary and adds an ellipsis', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const text = previewText(words, 300);
    assert.ok(text.endsWith('…'));
    const body = text.slice(0, -1);
    assert.ok(body.length <= 300, `${body.length}`);
    assert.ok(words.startsWith(`${body} `), 'the cut falls between two words');
  });

  it('never cuts inside a formula: a formula crossing the limit is dropped whole', () => {
    const abstract = `${'a'.repeat(8)} ${'b '.repeat(140)}$\\sum_{i=1}^{n} x_i^2 + y$ tail words here`;
    const text = previewText(abstract, 300);
    assert.ok(text.endsWith('b…'), text.slice(-20));
    assert.doesNotMatch(text, /\$/);
  });

  it('keeps a formula that fits and cuts the text after it', () => {
    const abstract = `We prove $\\mathcal{O}(n \\log n)$ bounds ${'and more words '.repeat(40)}`;
    const preview = previewAbstract(abstract, 60);
    assert.equal(preview.segments[1]?.kind, 'math');
    assert.match(renderSegments(preview.segments), /class="katex"/);
    assert.equal(previewText(abstract, 60), 'We prove $\\mathcal{O}(n \\log n)$ bounds and more words and…');
  });

  it('drops dangling punctuation before the ellipsis', () => {
    assert.equal(previewText('First part, second part, third part, fourth', 25), 'First part, second part…');
  });

  it('hard-cuts a single enormous word rather than returning nothing', () => {
    assert.equal(previewText('x'.repeat(500), 10), `${'x'.repeat(10)}…`);
  });
});

function stored(overrides: Parameters<typeof arxivRecord>[0] = {}): StoredPaper {
  return mergePaper(undefined, arxivRecord(overrides));
}

describe('BibTeX', () => {
  it('formats an @misc entry with arXiv fields', () => {
    const paper = stored({ doi: '10.1000/xyz_123' });
    assert.equal(
      formatBibtex(paper),
      [
        '@misc{lovelace2024attention,',
        '  title = {Attention for $\\alpha$-divergences},',
        '  author = {Ada Lovelace and Alan Turing},',
        '  year = {2024},',
        '  eprint = {2401.00001},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.LG},',
        '  doi = {10.1000/xyz_123},',
        '  url = {https://arxiv.org/abs/2401.00001}',
        '}',
      ].join('\n'),
    );
  });

  it('escapes LaTeX specials in text but keeps formulas', () => {
    assert.equal(
      escapeBibtexTitle('Tricky {braces} & 100% _under_ #1 ~x^y \\emph $\\mathcal{O}(n)$ \\$5'),
      'Tricky \\{braces\\} \\& 100\\% \\_under\\_ \\#1 \\textasciitilde{}x\\^{}y \\textbackslash{}emph $\\mathcal{O}(n)$ \\$5',
    );
    assert.equal(escapeBibtexTitle('bad $x}{$ formula'), 'bad \\$x\\}\\{\\$ formula');
  });

  it('keeps every entry brace-balanced, whatever the data', () => {
    const paper = stored({
      arxivId: 'hep-th/9901001',
      title: 'Weird }{ title with $\\frac{a}{b}$ and }',
      authors: [
        { name: 'Smith, John' },
        { name: 'Jane Anderson' },
        { name: 'Sand and Stone Lab' },
        { name: 'Å{}' },
      ],
      doi: '10.1/{x}',
    });
    const bib = formatBibtex(paper);
    let depth = 0;
    for (let i = 0; i < bib.length; i++) {
      if (bib[i] === '\\') i++;
      else if (bib[i] === '{') depth++;
      else if (bib[i] === '}') depth--;
      assert.ok(depth >= 0, bib);
    }
    assert.equal(depth, 0);
    assert.match(
      bib,
      /author = \{\{Smith, John\} and Jane Anderson and \{Sand and Stone Lab\} and Å\\\{\\\}\}/,
    );
    assert.match(bib, /doi = \{10\.1\/x\}/);
    assert.match(bib, /eprint = \{hep-th\/9901001\}/);
  });

  it('builds ASCII citation keys', () => {
    assert.equal(
      citationKey(
        { arxivId: '2401.1', authors: [{ name: 'Émile Čapek' }], title: 'On the $x$ Théorème' },
        '2020',
      ),
      'capek2020theoreme',
    );
    assert.equal(citationKey({ arxivId: 'hep-th/9901001', authors: [], title: '' }, ''), 'arxivhepth9901001');
  });
});

describe('format helpers', () => {
  it('summarises authors as the first three and a total', () => {
    const authors = ['A', 'B', 'C', 'D', 'E'].map((name) => ({ name }));
    assert.deepEqual(summariseAuthors(authors), { shown: ['A', 'B', 'C'], hiddenTotal: 5 });
    assert.deepEqual(summariseAuthors(authors.slice(0, 3)), { shown: ['A', 'B', 'C'], hiddenTotal: 0 });
  });

  it('puts the primary category first without duplicates', () => {
    assert.deepEqual(orderCategories('cs.CL', ['cs.LG', 'cs.CL', 'stat.ML']), ['cs.CL', 'cs.LG', 'stat.ML']);
    assert.deepEqual(orderCategories(null, []), []);
  });

  it('labels code links', () => {
    assert.equal(codeLinkLabel({ kind: 'github', url: 'https://github.com/owner/repo' }), 'owner/repo');
    assert.equal(codeLinkLabel({ kind: 'project', url: 'https://www.example.org/p' }), 'example.org');
    assert.equal(codeLinkLabel({ kind: 'github', url: 'not a url' }), 'not a url');
  });

  it('titles periods', () => {
    const week = parseWeek('2026-W34');
    const month = parseMonth('2026-08');
    assert.ok(week && month);
    assert.equal(periodTitle(week), 'Week 34, 2026');
    assert.equal(periodTitle(month), 'August 2026');
    assert.equal(
      periodTitle({ kind: 'day', label: '2026-08-21', from: '2026-08-21', to: '2026-08-21' }),
      'Friday, August 21, 2026',
    );
  });
});

describe('placementCredit', () => {
  it('credits people who submit, and calls a daily listing a source, not a submitter', () => {
    assert.equal(
      placementCredit({ source: 'submission', submittedBy: 'ada', submitterFullname: null }),
      'submitted by ada',
    );
    assert.equal(
      placementCredit({ source: 'hf-daily', submittedBy: 'akhaliq', submitterFullname: 'AK' }),
      'submitted by AK',
    );
    assert.equal(
      placementCredit({ source: 'listing', submittedBy: 'arXiv listing' }),
      'from the arXiv listing',
    );
    assert.equal(placementCredit({ source: 'kaggle', submittedBy: null }), undefined);
  });
});
