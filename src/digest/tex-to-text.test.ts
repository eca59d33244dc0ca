import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../test/helpers/paths.js';
import { tokenizeLatex } from '../model/tex-segments.js';
import { latexToText, nameToText, texToText } from './tex-to-text.js';

describe('TeX to text for email', () => {
  it('turns symbols, fonts, scripts, fractions and roots into Unicode', () => {
    const cases: Array<[string, string]> = [
      ['\\Psi', 'Ψ'],
      ['x^2 + y_i', 'x² + yᵢ'],
      ['\\mathbb{R}^n', 'ℝⁿ'],
      ['\\frac{a+b}{c}', '(a+b)/c'],
      ['\\frac{1}{\\sqrt{d_k}}', '1/√dₖ'],
      ['\\frac{1}{\\sqrt{d+k}}', '1/√(d+k)'],
      ['\\alpha \\leq \\beta', 'α ≤ β'],
      ['O(n\\log n)', 'O(n log n)'],
      ['\\mathcal{O}(N^{1.5})', '𝒪(N^(1.5))'],
      ['\\sum_{i=1}^n x_i', '∑ᵢ₌₁ⁿ xᵢ'],
      ['10^{-3}', '10⁻³'],
      ['\\mathrm{SO}(3)', 'SO(3)'],
      ['\\operatorname{softmax}(z)', 'softmax(z)'],
      ['\\left( x \\right)', '(x)'],
      ['\\hat{\\theta}', 'θ̂'],
      ['\\not\\in', '∉'],
      ['f^\\prime(x)', 'f′(x)'],
      ['\\lVert x \\rVert_2', '‖ x ‖₂'],
      ['\\mathbf{W} \\in \\mathbb{R}^{d \\times k}', '𝐖 ∈ ℝ^(d × k)'],
      ['k\\!=\\!3', 'k=3'],
      ['\\{0,1\\}^n', '{0,1}ⁿ'],
      ['x^{q}', 'x^q'],
    ];
    for (const [tex, text] of cases) assert.equal(texToText(tex), text, tex);
  });

  it('converts formulas inside running text and keeps prices as they are', () => {
    assert.equal(
      latexToText(
        'We show $\\Psi$-nets reach 72.6\\% on $\\mathbb{R}^n$ --- with $O(n\\log n)$ cost and \\emph{no} tuning; prices $5 and $10 stay.',
      ),
      'We show Ψ-nets reach 72.6% on ℝⁿ — with O(n log n) cost and no tuning; prices $5 and $10 stay.',
    );
    assert.equal(
      latexToText(
        'on $\\sim$0.5% of neurons, 0.224$\\rightarrow$0.826, \\textbf{79$\\times$} faster \\cite{x} (\\href{https://a.b}{code})',
      ),
      'on ∼0.5% of neurons, 0.224→0.826, 79× faster (code)',
    );
  });

  it('reads a link inside a formula as its text, and \\url as the address', () => {
    assert.equal(latexToText('Code: $\\href{https://github.com/a/b_c}{\\texttt{a/b\\_c}}$.'), 'Code: a/b_c.');
    assert.equal(texToText('\\url{https://x.org/a_b%20c}'), 'https://x.org/a_b%20c');
    assert.equal(texToText('\\href{https://x.org}'), '', 'a link without its text leaves nothing');
  });

  it('spells TeX accents in names as letters', () => {
    assert.equal(
      nameToText("Mart\\'in Jos\\'e Garc\\'{\\i}a, M\\\"uller, \\c{C}a\\u{g}lar, Ho\\v{s}ek"),
      'Martín José García, Müller, Çağlar, Hošek',
    );
  });

  it('never throws on malformed TeX and leaves no delimiters behind', () => {
    for (const tex of [
      '\\frac{a',
      '{{{',
      '}}}',
      'x^',
      '_',
      '\\',
      '\\sqrt',
      '\\hat{}',
      '^{',
      '\\begin{array',
    ]) {
      const text = texToText(tex);
      assert.equal(typeof text, 'string', tex);
      assert.doesNotMatch(text, /\$/);
    }
    assert.equal(latexToText('an unclosed $x formula'), 'an unclosed $x formula');
  });

  it('converts every formula of the real cs listings without a known command left over', () => {
    const dir = join(sharedData, 'arxiv-listings-cs', 'daily-arxiv-ai-enhanced');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.jsonl'));
    const known =
      /\\(frac|mathbb|mathcal|mathbf|sqrt|left|right|alpha|beta|log|times|in|leq|geq|text|mathrm|operatorname|cdot|sum|hat|to|sim|approx)\b/;
    let formulas = 0;
    for (const file of files) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        if (!line.includes('$')) continue;
        const record = JSON.parse(line) as { title?: string; summary?: string; abstract?: string };
        for (const text of [record.title, record.summary, record.abstract]) {
          if (typeof text !== 'string') continue;
          for (const segment of tokenizeLatex(text)) {
            if (segment.kind !== 'math') continue;
            formulas++;
            const converted = texToText(segment.tex);
            assert.doesNotMatch(converted, known, `${segment.tex} → ${converted}`);
          }
        }
      }
    }
    assert.ok(formulas > 500, `expected many formulas in the listings, found ${formulas}`);
  });
});
