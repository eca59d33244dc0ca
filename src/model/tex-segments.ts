// Splits titles and abstracts into plain text and math segments ($…$, \(…\), $$…$$, \[…\]),
// following how arXiv authors write them. Pure: the web typesets the math with KaTeX, emails turn
// it into Unicode text (digest/tex-to-text.ts).

export interface TextSegment {
  kind: 'text';
  /** Literal text (`\$` already turned into `$`), not yet escaped. */
  text: string;
}

export interface MathSegment {
  kind: 'math';
  /** TeX between the delimiters. */
  tex: string;
  /** Original source including delimiters, shown when KaTeX cannot parse it. */
  source: string;
  isDisplay: boolean;
}

export type Segment = TextSegment | MathSegment;

// A formula never spans a blank line (a paragraph break), which also bounds the search.
const PARAGRAPH_BREAK = /\n[ \t]*\n/;
const MAX_TEX_LENGTH = 2000;

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function isValidTex(tex: string): boolean {
  return tex.trim() !== '' && tex.length <= MAX_TEX_LENGTH && !PARAGRAPH_BREAK.test(tex);
}

/** Index of the next unescaped `$` at or after `from` that is not part of `$$`, or -1. */
function findSingleDollar(text: string, from: number): number {
  for (let i = text.indexOf('$', from); i !== -1; i = text.indexOf('$', i + 1)) {
    if (isEscaped(text, i)) continue;
    if (text[i + 1] === '$') {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

/** Index of the next unescaped closing delimiter, or -1. */
function findClosing(text: string, delimiter: string, from: number): number {
  for (let i = text.indexOf(delimiter, from); i !== -1; i = text.indexOf(delimiter, i + 1)) {
    if (!isEscaped(text, i)) return i;
  }
  return -1;
}

type Match = { tex: string; end: number; isDisplay: boolean };

// `$…$` follows pandoc's tex_math_dollars spirit so prices stay text: the closing `$` must not be
// followed by a digit ("$5 and $10") unless the formula is a lone symbol (`$\sim$15`), and
// whitespace just inside the delimiters must be symmetric ("$ x $" and "$x$" are math; "$5 and
// more $" is not).
function matchInlineDollar(text: string, start: number): Match | undefined {
  const close = findSingleDollar(text, start + 1);
  if (close === -1) return undefined;
  const tex = text.slice(start + 1, close);
  if (/\d/.test(text[close + 1] ?? '') && !isSymbolBeforeNumber(tex)) return undefined;
  const opensWithSpace = /\s/.test(tex[0] ?? '');
  const closesWithSpace = /\s/.test(tex.at(-1) ?? '');
  if (opensWithSpace !== closesWithSpace || !isValidTex(tex)) return undefined;
  return { tex, end: close + 1, isDisplay: false };
}

// Abstracts write an approximate number as `$\sim$15` or `$>$90`: a formula that is one command or
// comparison sign, which no price ("$5 and $10") is, may be followed by a digit.
function isSymbolBeforeNumber(tex: string): boolean {
  return /^\\[a-zA-Z]+$/.test(tex) || /^[<>]=?$/.test(tex);
}

function matchDelimited(text: string, start: number, open: string, close: string, isDisplay: boolean) {
  const end = findClosing(text, close, start + open.length);
  if (end === -1) return undefined;
  const tex = text.slice(start + open.length, end);
  return isValidTex(tex) ? { tex, end: end + close.length, isDisplay } : undefined;
}

function matchMathAt(text: string, i: number): Match | undefined {
  if (text.startsWith('$$', i)) return matchDelimited(text, i, '$$', '$$', true);
  if (text[i] === '$') return matchInlineDollar(text, i);
  if (text.startsWith('\\(', i)) return matchDelimited(text, i, '\\(', '\\)', false);
  if (text.startsWith('\\[', i)) return matchDelimited(text, i, '\\[', '\\]', true);
  return undefined;
}

/** Splits text into plain and math segments; unbalanced delimiters stay literal text. */
export function tokenizeLatex(text: string): Segment[] {
  const segments: Segment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '\\') {
      // An escaped backslash: neither of the two can start `\(`, `\[` or `\$`.
      plain += '\\\\';
      i += 2;
      continue;
    }
    if (ch === '\\' && text[i + 1] === '$') {
      plain += '$';
      i += 2;
      continue;
    }
    const match = ch === '$' || ch === '\\' ? matchMathAt(text, i) : undefined;
    if (!match) {
      // A `$$` that does not close is two literal dollars, not an opening `$` for the next one.
      const literal = text.startsWith('$$', i) ? '$$' : (ch ?? '');
      plain += literal;
      i += literal.length;
      continue;
    }
    if (plain) segments.push({ kind: 'text', text: plain });
    plain = '';
    segments.push({
      kind: 'math',
      tex: match.tex,
      source: text.slice(i, match.end),
      isDisplay: match.isDisplay,
    });
    i = match.end;
  }
  if (plain) segments.push({ kind: 'text', text: plain });
  return segments;
}

/**
 * Abstracts escape TeX specials in running text too ("72.6\% mean", "R\&D"); show the characters.
 * Used for text outside formulas only.
 */
export function unescapeTexText(text: string): string {
  return text.replace(/\\([%&_#{}])/g, '$1');
}
