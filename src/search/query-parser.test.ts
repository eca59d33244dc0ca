import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type QueryNode, serializeQuery } from './query-ast.js';
import {
  MAX_QUERY_DEPTH,
  MAX_QUERY_LENGTH,
  MAX_QUERY_WORDS,
  parseQuery,
  QueryError,
} from './query-parser.js';
import { foldText, tokenizeWords } from './query-tokenize.js';

const term = (text: string, extra: Partial<Extract<QueryNode, { kind: 'term' }>> = {}): QueryNode => ({
  kind: 'term',
  text,
  isPrefix: false,
  ...extra,
});
const phrase = (words: string[], extra: Partial<Extract<QueryNode, { kind: 'phrase' }>> = {}): QueryNode => ({
  kind: 'phrase',
  words,
  isPrefix: false,
  ...extra,
});
const and = (...children: QueryNode[]): QueryNode => ({ kind: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ kind: 'or', children });
const not = (child: QueryNode): QueryNode => ({ kind: 'not', child });

const rootOf = (input: string) => parseQuery(input).root;
const words = (count: number) => Array.from({ length: count }, (_, i) => `w${i}`).join(' ');

function assertQueryError(input: string, message: RegExp): void {
  assert.throws(
    () => parseQuery(input),
    (error: unknown) =>
      error instanceof QueryError && error.code === 'invalid' && message.test(error.message),
  );
}

describe('parseQuery: words, phrases, operators', () => {
  const cases: Array<[string, QueryNode | undefined]> = [
    ['transformer', term('transformer')],
    ['graph neural networks', and(term('graph'), term('neural'), term('networks'))],
    ['"exact phrase"', phrase(['exact', 'phrase'])],
    ['"single"', term('single')],
    ['attention -image', and(term('attention'), not(term('image')))],
    ['attention NOT image', and(term('attention'), not(term('image')))],
    ['a OR b', or(term('a'), term('b'))],
    ['a b OR c', or(and(term('a'), term('b')), term('c'))],
    ['a OR b c', or(term('a'), and(term('b'), term('c')))],
    ['(a OR b) c', and(or(term('a'), term('b')), term('c'))],
    ['a AND b', and(term('a'), term('b'))],
    ['a or b', and(term('a'), term('or'), term('b'))],
    ['transform*', term('transform', { isPrefix: true })],
    ['self-atten*', phrase(['self', 'atten'], { isPrefix: true })],
    ['"deep learn"*', phrase(['deep', 'learn'], { isPrefix: true })],
    ['-(a OR b) c', and(not(or(term('a'), term('b'))), term('c'))],
    ['a --b', and(term('a'), term('b'))],
    ['((((a))))', term('a')],
    ['a (b c)', and(term('a'), term('b'), term('c'))],
    ['', undefined],
    ['   \t\n ', undefined],
    ['OR AND NOT', undefined],
    ['- * " " ()', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`parses ${JSON.stringify(input)}`, () => assert.deepEqual(rootOf(input), expected));
  }
});

describe('parseQuery: recovery from unbalanced input', () => {
  const cases: Array<[string, QueryNode | undefined]> = [
    ['"deep learning', phrase(['deep', 'learning'])],
    ['a "b c', and(term('a'), phrase(['b', 'c']))],
    ['(a OR b', or(term('a'), term('b'))],
    ['((a OR b) c', and(or(term('a'), term('b')), term('c'))],
    ['a) b', and(term('a'), term('b'))],
    [')))a OR b', or(term('a'), term('b'))],
    ['a OR', term('a')],
    ['OR OR a OR OR b', or(term('a'), term('b'))],
    ['a -', term('a')],
    ['a NOT', term('a')],
    ['ti:', undefined],
    ['a (', term('a')],
  ];
  for (const [input, expected] of cases) {
    it(`recovers ${JSON.stringify(input)}`, () => assert.deepEqual(rootOf(input), expected));
  }
});

describe('parseQuery: fields', () => {
  const cases: Array<[string, QueryNode]> = [
    ['ti:transformer', term('transformer', { field: 'title' })],
    ['TI:Transformer', term('transformer', { field: 'title' })],
    ['title:bert', term('bert', { field: 'title' })],
    ['au:hinton', term('hinton', { field: 'authors' })],
    ['author:"Geoffrey Hinton"', phrase(['geoffrey', 'hinton'], { field: 'authors' })],
    ['abs:diffusion*', term('diffusion', { field: 'abstract', isPrefix: true })],
    ['abstract:x', term('x', { field: 'abstract' })],
    ['ti: spaced', term('spaced', { field: 'title' })],
    ['ti:(a OR b) c', and(or(term('a', { field: 'title' }), term('b', { field: 'title' })), term('c'))],
    ['ti:(a au:b)', and(term('a', { field: 'title' }), term('b', { field: 'authors' }))],
    ['a -au:smith', and(term('a'), not(term('smith', { field: 'authors' })))],
    ['ti:-x y', and(not(term('x', { field: 'title' })), term('y'))],
    ['foo:bar', phrase(['foo', 'bar'])],
    ['http://arxiv.org', phrase(['http', 'arxiv', 'org'])],
  ];
  for (const [input, expected] of cases) {
    it(`parses ${JSON.stringify(input)}`, () => assert.deepEqual(rootOf(input), expected));
  }
});

describe('parseQuery: filters', () => {
  const cases: Array<[string, ReturnType<typeof parseQuery>['filters']]> = [
    ['year:2024', { years: { from: 2024, to: 2024 } }],
    ['year:2020-2023', { years: { from: 2020, to: 2023 } }],
    ['year:2023-2020', { years: { from: 2020, to: 2023 } }],
    ['year:2018-2022 year:2020-2025', { years: { from: 2020, to: 2022 } }],
    ['before:2024', { before: '2024' }],
    ['before:2024-06', { before: '2024-06' }],
    ['before:2024-02-29', { before: '2024-02-29' }],
    ['before:2024-06-01 before:2023', { before: '2023' }],
    ['after:2023 after:2023-06-01', { after: '2023' }],
    ['has:code', { hasCode: true }],
    ['HAS:Code', { hasCode: true }],
    ['-has:code', { hasCode: false }],
    ['cat:cs.CL', { categories: ['cs.CL'] }],
    ['cat:CS.cl cat:cs.CL', { categories: ['cs.CL'] }],
    ['cat:cs.*', { categories: ['cs.*'] }],
    ['cat:cs*', { categories: ['cs.*'] }],
    ['cat:cs', { categories: ['cs'] }],
    ['cat:physics.optics cat:hep-th', { categories: ['physics.optics', 'hep-th'] }],
    ['cat:cond-mat.Stat-Mech', { categories: ['cond-mat.stat-mech'] }],
    ['cat:cs.CL,stat.ml', { categories: ['cs.CL', 'stat.ML'] }],
    ['category:"cs.LG"', { categories: ['cs.LG'] }],
    ['-cat:cs.CV', { excludedCategories: ['cs.CV'] }],
  ];
  for (const [input, expected] of cases) {
    it(`parses ${JSON.stringify(input)}`, () => assert.deepEqual(parseQuery(`x ${input}`).filters, expected));
  }

  it('lifts filters out of OR and groups: they apply to the whole query', () => {
    const parsed = parseQuery('(attention OR year:2024) OR (cat:cs.CL graph)');
    assert.deepEqual(parsed.root, or(term('attention'), term('graph')));
    assert.deepEqual(parsed.filters, { years: { from: 2024, to: 2024 }, categories: ['cs.CL'] });
  });

  it('accepts a query of filters only, with no root', () => {
    const parsed = parseQuery('cat:cs.CL year:2024');
    assert.equal(parsed.root, undefined);
    assert.equal('root' in parsed, false);
    assert.deepEqual(parsed.filters, { categories: ['cs.CL'], years: { from: 2024, to: 2024 } });
  });

  it('returns no root, no filters and no chips for an empty query', () => {
    assert.deepEqual(parseQuery(''), { filters: {}, chips: [] });
  });
});

describe('parseQuery: normalisation like the index tokenizer', () => {
  const cases: Array<[string, QueryNode]> = [
    ['Schrödinger', term('schrodinger')],
    ['Schro\u0308dinger', term('schrodinger')],
    ['ﬁne-tuning', phrase(['fine', 'tuning'])],
    ['ＦＵＬＬ width', and(term('full'), term('width'))],
    ['Tiếng İstanbul', and(term('tieng'), term('istanbul'))],
    ['self-attention', phrase(['self', 'attention'])],
    ['cs.CL', phrase(['cs', 'cl'])],
    ['NEAR(a b)', and(term('near'), term('a'), term('b'))],
    ['a^b', phrase(['a', 'b'])],
    ['🚀 rocket 🚀', term('rocket')],
    ['ro\u0000ck\u001fet', phrase(['ro', 'ck', 'et'])],
    ['x_y', phrase(['x', 'y'])],
    ["'; DROP TABLE papers;--", and(term('drop'), term('table'), term('papers'))],
    // remove_diacritics only folds Latin: Greek, Cyrillic and kana keep their marks, as in the index.
    ['Ωμέγα йод が', and(term('ωμέγα'), term('йод'), term('が'))],
    ['한국어 中文', and(term('한국어'), term('中文'))],
  ];
  for (const [input, expected] of cases) {
    it(`normalises ${JSON.stringify(input)}`, () => assert.deepEqual(rootOf(input), expected));
  }

  it('folds text idempotently and splits like unicode61', () => {
    assert.equal(foldText('Ærø Łódź ﬂow'), 'ærø łodz flow');
    assert.deepEqual(tokenizeWords('हिन्दी'), ['ह', 'न', 'द']);
    for (const text of ['Schrödinger ﬁ', 'İİ ǅ ㎒', 'ά\u0301', 'ẞ', '\ud800x\udfff']) {
      assert.equal(foldText(foldText(text)), foldText(text));
    }
  });
});

describe('parseQuery: errors are QueryErrors with a clear message', () => {
  const cases: Array<[string, RegExp]> = [
    ['-foo', /at least one word/],
    ['-foo -bar year:2024', /at least one word/],
    ['NOT foo', /at least one word/],
    ['a OR -b', /One side of OR is only an exclusion/],
    ['a OR (-b -c)', /One side of OR/],
    ['a -(-b -c)', /excluded group needs at least one plain word/],
    ['x year:abc', /year: expects a year like year:2024.*\(got "abc"\)/],
    ['x year:24', /year: expects/],
    ['x year:', /year: needs a value/],
    ['x year:2020 year:2022', /don't overlap/],
    ['x -year:2024', /can't be negated/],
    ['x before:2024-13-01', /before: expects a date.*2024-13-01/],
    ['x before:2023-02-29', /before: expects/],
    ['x after:2024-1-5', /after: expects/],
    ['x has:pdf', /has: expects has:code/],
    ['x cat:cs..CL', /cat: expects an arXiv category/],
    ['x cat:"cs CL"', /cat: expects/],
    ['x -(y has:code)', /can't sit inside -\( \)/],
    [`x ${'y'.repeat(MAX_QUERY_LENGTH)}`, new RegExp(`too long \\(${MAX_QUERY_LENGTH + 2} characters\\)`)],
    // Each ㎒ folds to "mhz": the canonical text outgrows the limit although the input does not.
    ['㎒'.repeat(MAX_QUERY_LENGTH / 2), new RegExp(`too long once normalised \\(${MAX_QUERY_LENGTH * 1.5} `)],
    [words(MAX_QUERY_WORDS + 1), new RegExp(`too many words \\(${MAX_QUERY_WORDS + 1}\\)`)],
    [`${'('.repeat(MAX_QUERY_DEPTH + 1)}a`, /too deeply/],
    [`a${' -(b'.repeat(MAX_QUERY_DEPTH + 1)}`, /too deeply/],
  ];
  for (const [input, message] of cases) {
    it(`rejects ${JSON.stringify(input.slice(0, 60))}`, () => assertQueryError(input, message));
  }

  it('accepts the limits themselves', () => {
    assert.ok(parseQuery(`x ${'y'.repeat(MAX_QUERY_LENGTH - 2)}`).root);
    assert.ok(parseQuery(words(MAX_QUERY_WORDS)).root);
    assert.ok(parseQuery(`${'('.repeat(MAX_QUERY_DEPTH)}a`).root);
  });
});

describe('parseQuery: chips', () => {
  it('offers one chip per filter and field term, each with a query that drops it', () => {
    const parsed = parseQuery(
      'ti:transformer attention -au:smith year:2020-2023 has:code cat:cs.CL -cat:cs.CV',
    );
    assert.deepEqual(parsed.chips, [
      {
        label: 'Title: transformer',
        removeQuery: 'attention -au:smith year:2020-2023 has:code cat:cs.CL -cat:cs.CV',
      },
      {
        label: 'Not Author: smith',
        removeQuery: 'ti:transformer attention year:2020-2023 has:code cat:cs.CL -cat:cs.CV',
      },
      {
        label: 'Year: 2020–2023',
        removeQuery: 'ti:transformer attention -au:smith has:code cat:cs.CL -cat:cs.CV',
      },
      {
        label: 'Has code',
        removeQuery: 'ti:transformer attention -au:smith year:2020-2023 cat:cs.CL -cat:cs.CV',
      },
      {
        label: 'Category: cs.CL',
        removeQuery: 'ti:transformer attention -au:smith year:2020-2023 has:code -cat:cs.CV',
      },
      {
        label: 'Not category: cs.CV',
        removeQuery: 'ti:transformer attention -au:smith year:2020-2023 has:code cat:cs.CL',
      },
    ]);
  });

  it('labels dates and phrases, and never links to an unsearchable query', () => {
    const parsed = parseQuery('au:"Yann LeCun" -convolution before:2024-06 after:2020');
    assert.deepEqual(parsed.chips, [
      { label: 'Author: "yann lecun"', removeQuery: 'after:2020 before:2024-06' },
      { label: 'After 2020', removeQuery: 'au:"yann lecun" -convolution before:2024-06' },
      { label: 'Before 2024-06', removeQuery: 'au:"yann lecun" -convolution after:2020' },
    ]);
    for (const chip of parsed.chips) assert.doesNotThrow(() => parseQuery(chip.removeQuery));
  });

  it('has no chips for plain words', () => {
    assert.deepEqual(parseQuery('graph OR "neural network"').chips, []);
  });
});

describe('serializeQuery', () => {
  const cases: Array<[string, string]> = [
    ['  Graph   Neural  ', 'graph neural'],
    ['(a OR b) c', '(a OR b) c'],
    ['a b OR c', 'a b OR c'],
    ['ti:(a OR "b c"*) -(d e)', '(ti:a OR ti:"b c"*) -(d e)'],
    ['Schrödinger self-attention', 'schrodinger "self attention"'],
    ['year:2024 x cat:cs.* -has:code', 'x year:2024 -has:code cat:cs.*'],
    ['cat:cs.CL', 'cat:cs.CL'],
    ['', ''],
  ];
  for (const [input, expected] of cases) {
    it(`serialises ${JSON.stringify(input)} canonically and round-trips`, () => {
      const parsed = parseQuery(input);
      assert.equal(serializeQuery(parsed), expected);
      const again = parseQuery(expected);
      assert.deepEqual(
        { root: again.root, filters: again.filters },
        { root: parsed.root, filters: parsed.filters },
      );
    });
  }
});
