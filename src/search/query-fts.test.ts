import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { QueryError, type QueryNode } from './query-ast.js';
import { toFilterSql, toFtsMatch } from './query-fts.js';
import { parseQuery } from './query-parser.js';

const matchOf = (input: string) => {
  const { root } = parseQuery(input);
  assert.ok(root, `no root for ${input}`);
  return toFtsMatch(root);
};

describe('toFtsMatch: MATCH strings', () => {
  const cases: Array<[string, string]> = [
    ['transformer', '"transformer"'],
    ['graph neural', '"graph" AND "neural"'],
    ['"exact phrase"', '"exact phrase"'],
    ['self-attention', '"self attention"'],
    ['attention -image', '"attention" NOT "image"'],
    ['a b -c', '("a" AND "b") NOT "c"'],
    ['a -b -c', '"a" NOT ("b" OR "c")'],
    ['a -"b c" -ti:d*', '"a" NOT ("b c" OR title : "d" *)'],
    ['a OR b c', '"a" OR ("b" AND "c")'],
    ['(a OR b) c', '("a" OR "b") AND "c"'],
    ['(a -b) OR c', '("a" NOT "b") OR "c"'],
    ['c -(a OR b)', '"c" NOT ("a" OR "b")'],
    ['transform*', '"transform" *'],
    ['"deep learn"*', '"deep learn" *'],
    ['ti:bert', 'title : "bert"'],
    ['au:"yann lecun" abs:diffusion', 'authors : "yann lecun" AND abstract : "diffusion"'],
    ['ti:(a OR b)', 'title : "a" OR title : "b"'],
    ['NEAR(a b) ^x :y {title}:z c+d', '"near" AND "a" AND "b" AND "x" AND "y" AND "title z" AND "c d"'],
    ['a AND OR NOT b c', '"a" OR ("c" NOT "b")'],
    ['"a ""quoted"" word"', '"a" AND "quoted" AND "word"'],
  ];
  for (const [input, expected] of cases) {
    it(`compiles ${JSON.stringify(input)}`, () => assert.equal(matchOf(input), expected));
  }

  it('doubles quotes inside a term built by hand', () => {
    assert.equal(toFtsMatch({ kind: 'term', text: 'a"b', isPrefix: false }), '"a""b"');
  });

  it('refuses hand-built trees FTS5 cannot run, with a QueryError', () => {
    const bad: QueryNode[] = [
      { kind: 'not', child: { kind: 'term', text: 'a', isPrefix: false } },
      {
        kind: 'or',
        children: [
          { kind: 'term', text: 'a', isPrefix: false },
          { kind: 'not', child: { kind: 'term', text: 'b', isPrefix: false } },
        ],
      },
    ];
    for (const node of bad) assert.throws(() => toFtsMatch(node), QueryError);
  });

  it('compiles categories as exact names and archive ranges over doc_categories', () => {
    const { filters } = parseQuery('cat:cs.CL cat:cs.*');
    assert.deepEqual(toFilterSql(filters), {
      sql:
        'd.rowid IN (SELECT c.rowid FROM doc_categories c WHERE c.category = ?' +
        ' OR (c.category = ? OR (c.category >= ? AND c.category < ?)))',
      params: ['cs.CL', 'cs', 'cs.', 'cs/'],
    });
  });
});

describe('toFilterSql', () => {
  it('parameterises every value', () => {
    const { filters } = parseQuery('year:2020-2023 after:2021-03 before:2022 has:code cat:cs.CL -cat:cs.CV');
    assert.deepEqual(toFilterSql(filters), {
      sql:
        'd.year BETWEEN ? AND ? AND d.published_date > ? AND d.published_date < ? AND d.has_code = 1' +
        ' AND d.rowid IN (SELECT c.rowid FROM doc_categories c WHERE c.category = ?)' +
        ' AND d.rowid NOT IN (SELECT c.rowid FROM doc_categories c WHERE c.category = ?)',
      params: [2020, 2023, '2021-03-31', '2022-01-01', 'cs.CL', 'cs.CV'],
    });
  });

  it('turns period bounds into day bounds', () => {
    assert.deepEqual(toFilterSql(parseQuery('x after:2024-02 before:2023-02-28').filters).params, [
      '2024-02-29',
      '2023-02-28',
    ]);
    assert.deepEqual(toFilterSql(parseQuery('x after:2023').filters).params, ['2023-12-31']);
  });

  it('is an always-true condition without filters, and has_code = 0 for -has:code', () => {
    assert.deepEqual(toFilterSql({}), { sql: '1 = 1', params: [] });
    assert.deepEqual(toFilterSql({ hasCode: false }), { sql: 'd.has_code = 0', params: [] });
  });
});

// rowid, title, authors, abstract, categories, published_date, has_code
const DOCS: Array<[number, string, string, string, string, string, number]> = [
  [
    1,
    'Attention Is All You Need',
    'Ashish Vaswani, Noam Shazeer',
    'We propose the Transformer, based on attention.',
    'cs.CL cs.LG',
    '2017-06-12',
    1,
  ],
  [
    2,
    'Self-Attention with Relative Position Representations',
    'Peter Shaw',
    'Relative positions in self attention.',
    'cs.CL',
    '2018-03-06',
    0,
  ],
  [
    3,
    'Deep Residual Learning for Image Recognition',
    'Kaiming He',
    'Residual networks ease training.',
    'cs.CV',
    '2015-12-10',
    1,
  ],
  [
    4,
    'An Image is Worth 16x16 Words: Transformers at Scale',
    'Alexey Dosovitskiy',
    'A vision transformer applies attention to patches.',
    'cs.CV cs.LG',
    '2020-10-22',
    1,
  ],
  [
    5,
    'Schrödinger Bridges for Generative Modeling',
    'Valentin De Bortoli',
    'Diffusion meets the Schrödinger bridge.',
    'stat.ML cs.LG',
    '2021-06-01',
    0,
  ],
  [6, 'Learning to Rank with Attention', 'Shaw Smith', 'Ranking documents.', 'cs.IR', '2019-01-15', 0],
  [
    7,
    'Quantum Error Correction with Surface Codes',
    'Alice Quantum',
    'Surface codes protect qubits.',
    'quant-ph',
    '2020-02-02',
    0,
  ],
  [
    8,
    'Position Paper on Self Supervision',
    'Bob Builder',
    'Position: self supervised attention learning.',
    'cs.LG',
    '2023-12-31',
    1,
  ],
  [
    9,
    'Graph Neural Networks: A Review',
    'Jure Leskovec',
    'Message passing on graphs.',
    'cs.SI cs.LG',
    '2024-01-01',
    1,
  ],
  [
    10,
    'Optics of Metamaterials',
    'Carol Csányi',
    'Light in metamaterials.',
    'physics.optics',
    '2024-06-30',
    0,
  ],
];

describe('compiled queries against a real FTS5 index', () => {
  const db = new Database(':memory:');
  after(() => db.close());
  db.exec(`
    CREATE VIRTUAL TABLE papers_fts USING fts5(title, authors, abstract,
      tokenize = 'unicode61 remove_diacritics 2');
    CREATE TABLE search_docs (rowid INTEGER PRIMARY KEY, published_date TEXT, year INTEGER,
      upvotes INTEGER, has_code INTEGER, is_withdrawn INTEGER);
    CREATE TABLE doc_categories (rowid INTEGER NOT NULL, category TEXT NOT NULL, PRIMARY KEY (category, rowid));
  `);
  const insertFts = db.prepare(
    'INSERT INTO papers_fts (rowid, title, authors, abstract) VALUES (?, ?, ?, ?)',
  );
  const insertDoc = db.prepare('INSERT INTO search_docs VALUES (?, ?, ?, 0, ?, 0)');
  const insertCategory = db.prepare('INSERT INTO doc_categories VALUES (?, ?)');
  for (const [id, title, authors, abstract, categories, date, hasCode] of DOCS) {
    insertFts.run(id, title, authors, abstract);
    insertDoc.run(id, date, Number(date.slice(0, 4)), hasCode);
    for (const category of categories.split(' ')) insertCategory.run(id, category);
  }

  function search(input: string): number[] {
    const { root, filters } = parseQuery(input);
    const filter = toFilterSql(filters);
    const sql = root
      ? `SELECT f.rowid AS id FROM papers_fts f JOIN search_docs d ON d.rowid = f.rowid
         WHERE papers_fts MATCH ? AND ${filter.sql} ORDER BY f.rowid`
      : `SELECT d.rowid AS id FROM search_docs d WHERE ${filter.sql} ORDER BY d.rowid`;
    const params = root ? [toFtsMatch(root), ...filter.params] : filter.params;
    return (db.prepare(sql).all(...params) as Array<{ id: number }>).map((row) => row.id);
  }

  const cases: Array<[string, number[]]> = [
    ['attention', [1, 2, 4, 6, 8]],
    ['self attention', [2, 8]],
    ['"self attention"', [2]],
    ['self-attention', [2]],
    ['image OR graph', [3, 4, 9]],
    ['attention -image', [1, 2, 6, 8]],
    ['attention -image -ti:position', [1, 6]],
    ['(attention -image) OR surface', [1, 2, 6, 7, 8]],
    ['transform*', [1, 4]],
    ['transformer', [1, 4]],
    ['ti:attention', [1, 2, 6]],
    ['au:shaw', [2, 6]],
    ['ti:shaw', []],
    ['abs:"self supervised"', [8]],
    ['SCHRÖDINGER', [5]],
    ['schrodinger', [5]],
    ['au:csanyi', [10]],
    ['attention cat:cs.CL', [1, 2]],
    ['cat:cs.*', [1, 2, 3, 4, 5, 6, 8, 9]],
    ['cat:cs.LG', [1, 4, 5, 8, 9]],
    ['cat:cs.CL cat:cs.CV', [1, 2, 3, 4]],
    ['cat:cs.* -cat:cs.LG', [2, 3, 6]],
    ['cat:physics.optics', [10]],
    ['cat:stat.*', [5]],
    ['lg', []],
    ['cs', []],
    ['attention has:code', [1, 4, 8]],
    ['attention -has:code', [2, 6]],
    ['year:2020-2021', [4, 5, 7]],
    ['after:2023', [9, 10]],
    ['after:2023-12-30 before:2024-06-30', [8, 9]],
    ['before:2016', [3]],
    ['cat:cs.LG year:2024', [9]],
    ['attention OR year:2018', [2]],
  ];
  for (const [input, expected] of cases) {
    it(`finds ${JSON.stringify(input)}`, () => assert.deepEqual(search(input), expected));
  }

  it('runs the most deeply nested queries the parser accepts', () => {
    for (const [head, step] of [
      ['attention', ' -(b OR c'],
      ['', '(z OR attention '],
      ['attention', ' -(b -(c OR d)'],
    ] as const) {
      let accepted = '';
      for (let query = head + step; ; query += step) {
        if (!isAccepted(query)) break;
        accepted = query;
      }
      assert.ok(accepted.length > 40, `${step} nests a few levels`);
      assert.ok(Array.isArray(search(accepted)));
    }
  });
});

function isAccepted(query: string): boolean {
  try {
    parseQuery(query);
    return true;
  } catch (error) {
    if (error instanceof QueryError && /too deeply/.test(error.message)) return false;
    throw error;
  }
}
