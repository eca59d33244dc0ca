// Turns LaTeX in titles and abstracts into readable Unicode text for email, where no KaTeX runs:
// `$\Psi$` → Ψ, `$x^2$` → x², `$\mathbb{R}^n$` → ℝⁿ, `$\frac{a}{b}$` → a/b, `$O(n\log n)$` →
// O(n log n). A small TeX reader walks commands, groups and scripts; the symbol tables are
// unicodeit's (its own replace() matches prefixes, turning `\log` into `łog`, so it is not used).

import { combiningmarks, replacements, subsuperscripts } from 'unicodeit/ts_dist/js/data.js';
import { type Segment, tokenizeLatex, unescapeTexText } from '../model/tex-segments.js';

/** `\alpha` → α, and `\mathbb{R}` → ℝ (font + argument keys). */
const SYMBOLS = new Map<string, string>();
for (const [tex, text] of replacements) if (tex && text !== undefined) SYMBOLS.set(tex, text);
/** `\hat` → U+0302 (combining). */
const MARKS = new Map<string, string>();
for (const [tex, mark] of combiningmarks) if (tex && mark) MARKS.set(tex.replace(/\{$/, ''), mark);
const SUPERSCRIPTS = new Map<string, string>();
const SUBSCRIPTS = new Map<string, string>();
for (const [tex, text] of subsuperscripts) {
  if (!tex || !text) continue;
  (tex[0] === '^' ? SUPERSCRIPTS : SUBSCRIPTS).set(tex.slice(1), text);
}

// unicodeit raises "." as a Canadian syllabics dot, which many fonts lack: N^(1.5) reads better.
SUPERSCRIPTS.delete('.');
SUBSCRIPTS.delete('.');
// Delimiters it leaves out.
for (const [name, text] of [
  ['lVert', '‖'],
  ['rVert', '‖'],
  ['Vert', '‖'],
  ['lvert', '|'],
  ['rvert', '|'],
  ['vert', '|'],
  ['mid', '|'],
]) {
  if (!SYMBOLS.has(`\\${name}`)) SYMBOLS.set(`\\${name}`, text as string);
}

const FUNCTION_NAMES = new Set(
  'log ln lg exp sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh max min sup inf lim liminf limsup det dim ker deg gcd lcm arg Pr hom mod bmod pmod'.split(
    ' ',
  ),
);
/** Commands whose argument is shown as it is. */
const TEXT_COMMANDS = new Set(
  'text textrm textnormal textbf textit textsf texttt textsc textup emph mathrm mathit mathnormal operatorname mbox hbox mathop underbrace overbrace boxed'.split(
    ' ',
  ),
);
/** Font commands: the argument's letters are looked up with the font (`\mathbb{R}`), else shown plain. */
const FONT_COMMANDS = new Set(
  'mathbb mathcal mathfrak mathscr mathbf mathsf mathtt boldsymbol bm mathbfit mathsfbf'.split(' '),
);
const FRACTIONS = new Set(['frac', 'dfrac', 'tfrac', 'cfrac']);
/** Sizing and spacing with nothing to show. */
const SILENT = new Set(
  'left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr middle displaystyle textstyle scriptstyle limits nolimits nonumber label ensuremath bf it rm sf tt cal'.split(
    ' ',
  ),
);
const SPACES: Record<string, string> = {
  ',': ' ',
  ';': ' ',
  ':': ' ',
  ' ': ' ',
  '!': '',
  quad: ' ',
  qquad: '  ',
};
const ESCAPED_CHARS = new Set(['{', '}', '%', '$', '&', '_', '#']);

/** A reader over one formula's source. */
class TexReader {
  private i = 0;
  constructor(private readonly src: string) {}

  /** Converts until the end, or until `}` when `isGroup`. */
  readSequence(isGroup = false): string {
    let out = '';
    while (this.i < this.src.length) {
      const ch = this.src[this.i] as string;
      if (ch === '}') {
        this.i++;
        if (isGroup) return out;
        continue;
      }
      if (ch === '^' || ch === '_') {
        this.i++;
        out += this.script(ch, this.readArgument());
        continue;
      }
      out += this.readAtom();
    }
    return out;
  }

  /** One unit: a group, a command with its arguments, or a character. */
  private readAtom(): string {
    const ch = this.src[this.i] as string;
    if (ch === '{') {
      this.i++;
      return this.readSequence(true);
    }
    if (ch === '\\') return this.readCommand();
    this.i++;
    if (ch === '~') return ' ';
    if (ch === '&') return ' ';
    return /\s/.test(ch) ? ' ' : ch;
  }

  /** The argument of a command or script: a group, a command, or one character. */
  private readArgument(): string {
    while (this.src[this.i] === ' ') this.i++;
    if (this.i >= this.src.length) return '';
    return this.readAtom();
  }

  /** The raw source of a `{…}` argument (for font lookups like `\mathbb{R}`). */
  private peekGroupSource(): string | undefined {
    let j = this.i;
    while (this.src[j] === ' ') j++;
    if (this.src[j] !== '{') return undefined;
    const close = this.src.indexOf('}', j);
    if (close === -1) return undefined;
    const inner = this.src.slice(j + 1, close);
    return inner.includes('{') ? undefined : inner;
  }

  /** A `{…}` argument's source as it is (a URL: `_`, `%` and `#` are not TeX there), skipped past. */
  private readRawGroup(): string {
    while (this.src[this.i] === ' ') this.i++;
    if (this.src[this.i] !== '{') return '';
    const close = this.src.indexOf('}', this.i);
    if (close === -1) return '';
    const inner = this.src.slice(this.i + 1, close);
    this.i = close + 1;
    return inner;
  }

  private readOptional(): void {
    if (this.src[this.i] !== '[') return;
    const close = this.src.indexOf(']', this.i);
    if (close !== -1) this.i = close + 1;
  }

  private readCommand(): string {
    const rest = this.src.slice(this.i + 1);
    const name = /^[A-Za-z]+/.exec(rest)?.[0] ?? rest[0] ?? '';
    this.i += 1 + name.length;
    if (name === '') return '';
    if (name === '\\') return ' ';
    if (name in SPACES) return SPACES[name] as string;
    if (ESCAPED_CHARS.has(name)) return name;
    if (SILENT.has(name)) return '';
    if (name === 'begin' || name === 'end') {
      this.readArgument();
      return ' ';
    }
    if (FRACTIONS.has(name)) {
      const numerator = this.readArgument();
      const denominator = this.readArgument();
      return `${wrap(numerator)}/${wrap(denominator)}`;
    }
    if (name === 'sqrt') {
      this.readOptional();
      return `√${wrap(this.readArgument())}`;
    }
    if (name === 'not') return `${this.readArgument()}\u0338`;
    // A link reads as its text; a bare address as itself.
    if (name === 'href') {
      this.readRawGroup();
      return this.readArgument();
    }
    if (name === 'url') return this.readRawGroup();
    if (FUNCTION_NAMES.has(name)) return ` ${name} `;
    if (TEXT_COMMANDS.has(name)) return this.readArgument();
    if (FONT_COMMANDS.has(name)) {
      const inner = this.peekGroupSource();
      const argument = this.readArgument();
      if (inner === undefined) return argument;
      const whole = SYMBOLS.get(`\\${name}{${inner.trim()}}`);
      if (whole !== undefined) return whole;
      if (inner.includes('\\')) return argument;
      return [...inner].map((c) => SYMBOLS.get(`\\${name}{${c}}`) ?? c).join('');
    }
    const mark = MARKS.get(`\\${name}`);
    if (mark) {
      const base = this.readArgument();
      return base.length > 0 ? `${base}${mark}` : '';
    }
    return SYMBOLS.get(`\\${name}`) ?? name;
  }

  private script(kind: '^' | '_', argument: string): string {
    const text = argument.trim();
    if (text === '') return '';
    // Primes and daggers are already raised.
    if (kind === '^' && /^[′″‴*∗†‡]+$/.test(text)) return text;
    const table = kind === '^' ? SUPERSCRIPTS : SUBSCRIPTS;
    const mapped = [...text].map((c) => table.get(c));
    if (mapped.every((m) => m !== undefined)) return mapped.join('');
    // Unicode has no raised form for some characters (q, most capitals): keep it legible instead.
    return [...text].length === 1 ? `${kind}${text}` : `${kind}(${text})`;
  }
}

/** Parentheses around a fraction part or root that is more than one symbol. */
function wrap(text: string): string {
  const trimmed = text.trim();
  const isUnit =
    [...trimmed].length <= 1 ||
    /^√?[\p{L}\p{N}\p{M}.′]+$/u.test(trimmed) ||
    // A root already bracketed, like √(d+k), is one unit too.
    /^√\([^()]*\)$/u.test(trimmed);
  return isUnit ? trimmed : `(${trimmed})`;
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 20_000;

/** One formula's TeX as text. */
export function texToText(tex: string): string {
  const cached = cache.get(tex);
  if (cached !== undefined) return cached;
  const text = new TexReader(tex)
    .readSequence()
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:)\]]|\p{Mn})/gu, '$1')
    .replace(/([([]) /g, '$1')
    .trim()
    .normalize('NFC');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(tex, text);
  return text;
}

const ACCENTS: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '"': '\u0308',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  c: '\u0327',
  v: '\u030C',
  u: '\u0306',
  H: '\u030B',
};

/**
 * Text outside formulas, which arXiv abstracts write in TeX too: escapes, accents (Mart\'in),
 * dashes, emphasis and citations, and lone symbols like `$\sim$0.5` that the math splitter leaves
 * as text (a `$` before a digit reads as a price there).
 */
function runningText(text: string): string {
  let out = unescapeTexText(text)
    .replace(/\\(?:cite[pt]?|ref|eqref|label)\{[^{}]*\}/g, '')
    .replace(/\\href\{[^{}]*\}\{([^{}]*)\}/g, '$1')
    .replace(/\\url\{([^{}]*)\}/g, '$1')
    .replace(/\{\\(?:it|em|bf|rm|sl|sc|tt)\s+([^{}]*)\}/g, '$1')
    .replace(
      /\\(['`"^~=.]|[cvuH](?=[{\s]))\s*(?:\{\\?([A-Za-z])\}|([A-Za-z]))/g,
      (whole, accent: string, braced?: string, bare?: string) => {
        const mark = ACCENTS[accent];
        const letter = braced ?? bare;
        return mark && letter ? `${letter}${mark}`.normalize('NFC') : whole;
      },
    )
    .replace(/---/g, '\u2014')
    .replace(/--/g, '\u2013')
    .replace(/``|''/g, '"')
    // Grouping braces around one character or a thousands comma: Tiet{ä}v{ä}inen, 4{,}081.
    .replace(/\{([\p{L},])\}/gu, '$1');
  // Nested emphasis unwraps from the inside out.
  for (let i = 0; i < 3; i++) {
    out = out.replace(/\\(?:emph|textbf|textit|texttt|textsc|textrm|textsf|text)\{([^{}]*)\}/g, '$1');
  }
  return out;
}

/** An author's name as text (imports from TeX sources spell accents as \'e). */
export function nameToText(name: string): string {
  return runningText(name);
}

/** A title or abstract with every formula in Unicode text: what emails show. */
export function latexToText(text: string): string {
  // A lone symbol between dollars next to a number ("$\sim$0.5%", "0.2$\to$0.8") reads as prices to
  // the splitter; it is unambiguous as a formula.
  const symbols = text.replace(/(?<!\\)\$(\\[A-Za-z]+)\$/g, (_, command: string) => texToText(command));
  return tokenizeLatex(symbols)
    .map((segment: Segment) => (segment.kind === 'text' ? runningText(segment.text) : texToText(segment.tex)))
    .join('')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
