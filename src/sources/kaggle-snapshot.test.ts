import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../test/helpers/paths.js';
import { readJsonLines } from '../lib/json-lines.js';
import type { PaperRecord } from '../model/paper.js';
import { splitAuthorString } from './author-string.js';
import { parseKaggleLine, RecordError } from './kaggle-snapshot.js';

const samplePath = join(sharedData, 'arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.first200.jsonl');
const sampleLines = readFileSync(samplePath, 'utf8').split('\n').filter(Boolean);

/** The sample is ordered 0704.0001 … 0704.0200, so line N holds 0704.000N. */
function sample(id: string): PaperRecord {
  const index = Number(id.slice(5)) - 1;
  const record = parseKaggleLine(sampleLines[index] ?? '', index + 1);
  assert.equal(record.arxivId, id);
  return record;
}

function errorOf(fn: () => unknown): RecordError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof RecordError, `expected RecordError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a RecordError');
}

const good = JSON.parse(sampleLines[1] ?? '{}') as Record<string, unknown>;
const lineWith = (changes: Record<string, unknown>) => JSON.stringify({ ...good, ...changes });

describe('parseKaggleLine on the recorded snapshot', () => {
  it('reads every field of 0704.0001', () => {
    assert.deepEqual(sample('0704.0001'), {
      arxivId: '0704.0001',
      version: 2,
      title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
      abstract: sample('0704.0001').abstract,
      authors: [
        { name: 'C. Balázs' },
        { name: 'E. L. Berger' },
        { name: 'P. M. Nadolsky' },
        { name: 'C. -P. Yuan' },
      ],
      primaryCategory: 'hep-ph',
      categories: ['hep-ph'],
      comments: '37 pages, 15 figures; published version',
      journalRef: 'Phys.Rev.D76:013009,2007',
      doi: '10.1103/PhysRevD.76.013009',
      reportNo: 'ANL-HEP-PR-07-12',
      publishedAt: '2007-04-02T19:18:42.000Z',
      updatedAt: '2007-07-24T20:10:27.000Z',
      versions: [
        { version: 1, submittedAt: '2007-04-02T19:18:42.000Z' },
        { version: 2, submittedAt: '2007-07-24T20:10:27.000Z' },
      ],
      isWithdrawn: false,
      source: 'kaggle',
    });
    const abstract = sample('0704.0001').abstract;
    assert.ok(
      abstract.startsWith(
        'A fully differential calculation in perturbative quantum chromodynamics is presented',
      ),
    );
    assert.ok(abstract.endsWith('can be obtained with judicious selection of events.'));
  });

  it('0704.0002: cross-listed to cs.CG, LaTeX kept, license, null fields left out', () => {
    const paper = sample('0704.0002');
    assert.equal(paper.title, 'Sparsity-certifying Graph Decompositions');
    assert.equal(paper.primaryCategory, 'math.CO');
    assert.deepEqual(paper.categories, ['math.CO', 'cs.CG']);
    assert.ok(
      paper.abstract.startsWith(
        'We describe a new algorithm, the $(k,\\ell)$-pebble game with colors, and use it',
      ),
    );
    assert.deepEqual(paper.authors, [{ name: 'Ileana Streinu' }, { name: 'Louis Theran' }]);
    assert.equal(paper.license, 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/');
    assert.equal(paper.comments, 'To appear in Graphs and Combinatorics');
    assert.equal('doi' in paper, false);
    assert.equal('journalRef' in paper, false);
    assert.equal('reportNo' in paper, false);
    assert.equal(paper.publishedAt, '2007-03-31T02:26:18.000Z');
    assert.equal(paper.updatedAt, '2008-12-13T17:26:00.000Z');
  });

  it('five versions: latest is the record version and updatedAt (0704.0098, cs.IT)', () => {
    const paper = sample('0704.0098');
    assert.equal(paper.version, 5);
    assert.deepEqual(
      paper.versions?.map((v) => v.submittedAt),
      [
        '2007-04-01T18:27:26.000Z',
        '2007-04-27T12:39:14.000Z',
        '2007-08-01T19:10:18.000Z',
        '2007-10-07T16:50:39.000Z',
        '2008-04-30T15:36:55.000Z',
      ],
    );
    assert.equal(paper.publishedAt, '2007-04-01T18:27:26.000Z');
    assert.equal(paper.updatedAt, '2008-04-30T15:36:55.000Z');
    assert.deepEqual(paper.categories, ['cs.IT', 'math.IT']);
  });

  it('authors_parsed: suffix, affiliation, footnote marks, collaboration and single names', () => {
    assert.equal(sample('0704.0009').authors[5]?.name, 'Neal J. Evans II');
    assert.deepEqual(sample('0704.0044').authors.slice(0, 2), [
      { name: 'A. A. Schekochihin', affiliations: ['Oxford'] },
      { name: 'S. C. Cowley', affiliations: ['Culham'] },
    ]);
    assert.deepEqual(sample('0704.0066').authors, [
      {
        name: 'Bozhidar Z. Iliev',
        affiliations: [
          'Institute for Nuclear Research and Nuclear Energy, Bulgarian Academy of Sciences, Sofia, Bulgaria',
        ],
      },
    ]);
    // "(1 and 2)" footnote numbers are not affiliations.
    assert.deepEqual(sample('0704.0025').authors, [{ name: 'A. S. Mishchenko' }, { name: 'N. Nagaosa' }]);
    assert.deepEqual(sample('0704.0020').authors, [
      { name: 'The BABAR Collaboration' },
      { name: 'B. Aubert' },
    ]);
    assert.equal(sample('0704.0147').authors[0]?.name, 'Sudha');
    assert.equal(sample('0704.0147').authors[1]?.name, 'A. V. Gopala Rao');
  });

  it('withdrawn from the comments (0704.0156), comments whitespace collapsed', () => {
    const paper = sample('0704.0156');
    assert.equal(paper.isWithdrawn, true);
    assert.ok(
      paper.comments?.startsWith(
        'This paper has been withdrawn by the authors. This paper has been accepted',
      ),
    );
  });

  it('streams all 200 lines: ids 0704.0001–0704.0200, one withdrawn, version counts as in the file', async () => {
    const records: PaperRecord[] = [];
    for await (const { line, lineNumber } of readJsonLines(samplePath))
      records.push(parseKaggleLine(line, lineNumber));
    assert.equal(records.length, 200);
    assert.equal(records[0]?.arxivId, '0704.0001');
    assert.equal(records[199]?.arxivId, '0704.0200');
    assert.deepEqual(
      records.filter((r) => r.isWithdrawn).map((r) => r.arxivId),
      ['0704.0156'],
    );
    const byVersion = new Map<number, number>();
    for (const r of records) byVersion.set(r.version ?? 0, (byVersion.get(r.version ?? 0) ?? 0) + 1);
    assert.deepEqual(
      [...byVersion].sort((a, b) => a[0] - b[0]),
      [
        [1, 113],
        [2, 59],
        [3, 20],
        [4, 5],
        [5, 3],
      ],
    );
    assert.equal(records.filter((r) => r.categories.length > 1).length, 78);
    assert.equal(records.filter((r) => r.categories.some((c) => c.startsWith('cs.'))).length, 8);
    assert.ok(records.every((r) => r.publishedAt?.startsWith('2007-0') && r.authors.length > 0));
  });
});

describe('parseKaggleLine on malformed input', () => {
  it('invalid JSON names the line', () => {
    const error = errorOf(() => parseKaggleLine('{"id":"0704.0001","title":', 7));
    assert.equal(error.position, 'line 7');
    assert.equal(error.id, undefined);
    assert.match(error.message, /^line 7: invalid JSON/);
  });

  it('a truncated last line is invalid JSON', () => {
    const last = sampleLines[199] ?? '';
    assert.throws(
      () => parseKaggleLine(last.slice(0, last.length / 2), 200),
      /^RecordError: line 200: invalid JSON/,
    );
  });

  it('a JSON array or null is not a record', () => {
    assert.equal(errorOf(() => parseKaggleLine('[1,2]', 3)).reason, 'expected a JSON object, got array');
    assert.equal(errorOf(() => parseKaggleLine('null', 4)).reason, 'expected a JSON object, got null');
  });

  it('a bad or missing id', () => {
    assert.equal(
      errorOf(() => parseKaggleLine(lineWith({ id: '0713.0001' }), 2)).reason,
      'id is not an arXiv identifier: "0713.0001"',
    );
    assert.equal(
      errorOf(() => parseKaggleLine(lineWith({ id: 704.0001 }), 2)).reason,
      'id must be a string, got number',
    );
  });

  it('wrong field types name the field and carry the id', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: null }, 'title must be a string, got null'],
      [{ abstract: '   ' }, 'abstract is empty'],
      [{ categories: ['math.CO'] }, 'categories must be a string, got array'],
      [{ categories: ' ' }, 'categories is empty'],
      [{ versions: 'v1' }, 'versions must be an array, got string'],
      [
        { versions: [{ version: 'v1', created: '2007-03-31' }] },
        'versions[0].created is not an RFC 2822 date: "2007-03-31"',
      ],
      [
        { versions: [{ version: 1, created: 'Sat, 31 Mar 2007 02:26:18 GMT' }] },
        'versions[0].version must be a string, got number',
      ],
      [
        { versions: [{ version: 'first', created: 'Sat, 31 Mar 2007 02:26:18 GMT' }] },
        'versions[0].version is not like "v1": "first"',
      ],
      [{ versions: ['v1'] }, 'versions[0] must be an object, got string'],
      [{ authors_parsed: 'Streinu, Ileana' }, 'authors_parsed must be an array, got string'],
      [{ authors_parsed: [['Streinu', 1]] }, 'authors_parsed[0] must be an array of strings'],
      [{ doi: 10.1 }, 'doi must be a string or null, got number'],
    ];
    for (const [change, reason] of cases) {
      const error = errorOf(() => parseKaggleLine(lineWith(change), 12));
      assert.equal(error.reason, reason);
      assert.equal(error.id, '0704.0002');
      assert.deepEqual(error.toIssue(), { id: '0704.0002', position: 'line 12', message: reason });
    }
  });

  it('versions out of order are sorted; an empty list gives no dates', () => {
    const shuffled = parseKaggleLine(
      lineWith({
        versions: [
          { version: 'v2', created: 'Sat, 13 Dec 2008 17:26:00 GMT' },
          { version: 'v1', created: 'Sat, 31 Mar 2007 02:26:18 GMT' },
        ],
      }),
      1,
    );
    assert.equal(shuffled.version, 2);
    assert.equal(shuffled.publishedAt, '2007-03-31T02:26:18.000Z');
    const none = parseKaggleLine(lineWith({ versions: [] }), 1);
    assert.equal(none.version, undefined);
    assert.equal(none.publishedAt, undefined);
    assert.equal(none.versions, undefined);
  });

  it('falls back to the authors string when authors_parsed is absent', () => {
    const paper = parseKaggleLine(lineWith({ authors_parsed: undefined }), 1);
    assert.deepEqual(paper.authors, [{ name: 'Ileana Streinu' }, { name: 'Louis Theran' }]);
  });
});

describe('splitAuthorString', () => {
  it('drops parenthesised affiliations and "et al"', () => {
    assert.deepEqual(
      splitAuthorString(
        "A. S. Mishchenko (1 and 2) and N. Nagaosa (1 and 3) ((1) CREST, Japan\n  Science and Technology Agency, (2) Russian Research Centre ``Kurchatov\n  Institute'', (3) The University of Tokyo)",
      ).map((a) => a.name),
      ['A. S. Mishchenko', 'N. Nagaosa'],
    );
    assert.deepEqual(
      splitAuthorString('The BABAR Collaboration, B. Aubert, et al').map((a) => a.name),
      ['The BABAR Collaboration', 'B. Aubert'],
    );
  });
});
