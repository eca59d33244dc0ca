// Fuzz: thousands of hostile search-box strings must each parse to something FTS5 runs, or fail
// with a QueryError (a 400) — never anything else (a 500). Seeded, so a failure reproduces.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { type ParsedQuery, QueryError, serializeQuery } from './query-ast.js';
import { toFilterSql, toFtsMatch } from './query-fts.js';
import { parseQuery } from './query-parser.js';

/** mulberry32: tiny, fast, and good enough to spread inputs around. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  'attention',
  'Transformer',
  'self-attention',
  'Schrödinger',
  'ﬁne',
  'cs.CL',
  'graph',
  'x',
  'AND',
  'OR',
  'NOT',
  'NEAR',
  'NEAR(',
  'NEAR/3',
  'and',
  'or',
  '^',
  ':',
  '*',
  '+',
  '-',
  '"',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  "'",
  ';',
  ',',
  '.',
  '\\',
  '|',
  '&',
  '!',
  '~',
  '=',
  '<',
  '>',
  '/',
  '#',
  '%',
  '@',
  '$',
  'ti:',
  'au:',
  'abs:',
  'cat:',
  'title:',
  'author:',
  'year:',
  'before:',
  'after:',
  'has:',
  'has:code',
  'cat:cs.*',
  'cat:cs.CL',
  'cat:stat.ML',
  'year:2024',
  'year:2020-2023',
  'before:2024-06-01',
  'after:2023',
  'year:abc',
  'before:2024-13-01',
  'cat:',
  '{title}:',
  'title : "x"',
  '"a" *',
  'NOT -',
  '--',
  '-(',
  '((',
  "'; DROP TABLE papers_fts;--",
  '" OR 1=1 --',
  'UNION SELECT *',
  '/*',
  '*/',
  '%00',
  '\\"',
  '🚀',
  '👩‍🔬',
  '🇫🇷',
  '\u200d',
  '\ufeff',
  '\u00a0',
  '\u2028',
  'e\u0301',
  'İ',
  'ǅ',
  '㎒',
  'が',
  'हिन्दी',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\t',
  '\n',
  '\r',
];

function randomControl(random: () => number): string {
  return String.fromCharCode(Math.floor(random() * 0x20));
}

function randomCodePoint(random: () => number): string {
  const code = Math.floor(random() * 0x110000);
  // Lone surrogates stay in: a browser can send them in a query string.
  return code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : String.fromCodePoint(code);
}

function randomPiece(random: () => number): string {
  const roll = random();
  if (roll < 0.6) return FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] ?? '';
  if (roll < 0.7) return randomControl(random);
  if (roll < 0.85) return randomCodePoint(random);
  if (roll < 0.98) return String.fromCharCode(0x21 + Math.floor(random() * 94));
  return 'w'.repeat(1 + Math.floor(random() * 1200));
}

function randomQuery(random: () => number): string {
  if (random() < 0.02) return 'a'.repeat(10_000);
  if (random() < 0.02) return Array.from({ length: 2500 }, () => randomPiece(random)).join(' ');
  const pieces = Array.from({ length: Math.floor(random() * 30) }, () => randomPiece(random));
  return pieces.join(random() < 0.5 ? ' ' : '');
}

describe('fuzz: any input yields results or a QueryError', () => {
  const db = new Database(':memory:');
  after(() => db.close());
  db.exec(`
    CREATE VIRTUAL TABLE papers_fts USING fts5(title, authors, abstract,
      tokenize = 'unicode61 remove_diacritics 2');
    CREATE TABLE search_docs (rowid INTEGER PRIMARY KEY, published_date TEXT, year INTEGER,
      upvotes INTEGER, has_code INTEGER, is_withdrawn INTEGER);
    CREATE TABLE doc_categories (rowid INTEGER NOT NULL, category TEXT NOT NULL, PRIMARY KEY (category, rowid));
    INSERT INTO papers_fts (rowid, title, authors, abstract) VALUES
      (1, 'Attention Is All You Need', 'Ashish Vaswani', 'The Transformer, self-attention.'),
      (2, 'Schrödinger bridges', 'Valentin De Bortoli', 'Diffusion; graph x.');
    INSERT INTO doc_categories VALUES (1, 'cs.CL'), (1, 'cs.LG'), (2, 'stat.ML');
    INSERT INTO search_docs VALUES (1, '2017-06-12', 2017, 5, 1, 0), (2, '2021-06-01', 2021, 2, 0, 0);
  `);
  const matchSql = db.prepare(`SELECT f.rowid FROM papers_fts f JOIN search_docs d ON d.rowid = f.rowid
    WHERE papers_fts MATCH ?`);

  function runQuery(parsed: ParsedQuery): void {
    const filter = toFilterSql(parsed.filters);
    if (parsed.root) {
      matchSql.all(toFtsMatch(parsed.root));
      db.prepare(`SELECT f.rowid FROM papers_fts f JOIN search_docs d ON d.rowid = f.rowid
        WHERE papers_fts MATCH ? AND ${filter.sql}`).all(toFtsMatch(parsed.root), ...filter.params);
    } else {
      db.prepare(`SELECT d.rowid FROM search_docs d WHERE ${filter.sql}`).all(...filter.params);
    }
  }

  /** The canonical text and every chip's link must parse again, to the same query. */
  function checkRoundTrip(parsed: ParsedQuery): void {
    const again = parseQuery(serializeQuery(parsed));
    assert.deepEqual(
      { root: again.root, filters: again.filters },
      { root: parsed.root, filters: parsed.filters },
    );
    for (const chip of parsed.chips) runQuery(parseQuery(chip.removeQuery));
  }

  it('survives 6,000 seeded random queries', () => {
    const random = prng(20240601);
    const outcomes = { searched: 0, filtersOnly: 0, empty: 0, rejected: 0 };
    for (let i = 0; i < 6000; i++) {
      const input = randomQuery(random);
      let parsed: ParsedQuery;
      try {
        parsed = parseQuery(input);
      } catch (error) {
        if (error instanceof QueryError && error.message.length > 10) {
          outcomes.rejected++;
          continue;
        }
        assert.fail(`parseQuery threw ${String(error)} for input #${i} ${JSON.stringify(input)}`);
      }
      try {
        runQuery(parsed);
        checkRoundTrip(parsed);
      } catch (error) {
        assert.fail(`${String(error)} for input #${i} ${JSON.stringify(input)}`);
      }
      if (parsed.root) outcomes.searched++;
      else if (serializeQuery(parsed)) outcomes.filtersOnly++;
      else outcomes.empty++;
    }
    // The fuzz is only worth something if most inputs get as far as the database.
    assert.ok(outcomes.searched > 3000, JSON.stringify(outcomes));
    assert.ok(outcomes.rejected > 200 && outcomes.filtersOnly > 10, JSON.stringify(outcomes));
  });
});
