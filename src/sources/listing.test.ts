import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../test/helpers/paths.js';
import { readJsonLines } from '../lib/json-lines.js';
import type { PaperRecord } from '../model/paper.js';
import { parseListingLine, RecordError } from './listing.js';

const listingDir = join(sharedData, 'arxiv-listings-cs/daily-arxiv-ai-enhanced');
const shardDir = join(listingDir, 'dedup-shards');
const rawDir = join(listingDir, 'raw-daily');

/** Parses line `lineNumber` of a file directly (no streaming), for single-record checks. */
function recordAt(path: string, lineNumber: number): PaperRecord {
  const line = readFileSync(path, 'utf8').split('\n')[lineNumber - 1] ?? '';
  return parseListingLine(line, lineNumber);
}

async function parseFile(path: string): Promise<PaperRecord[]> {
  const records: PaperRecord[] = [];
  for await (const { line, lineNumber } of readJsonLines(path))
    records.push(parseListingLine(line, lineNumber));
  return records;
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

const good = {
  id: '2605.06758',
  categories: ['cs.CV', 'cs.AI'],
  pdf: 'https://arxiv.org/pdf/2605.06758',
  abs: 'https://arxiv.org/abs/2605.06758',
  authors: ['Zhifeng Gu'],
  title: 'A title',
  comment: null,
  summary: 'An abstract.',
};
const lineWith = (changes: Record<string, unknown>) => JSON.stringify({ ...good, ...changes });

describe('parseListingLine on recorded listings', () => {
  it('reads a cross-listed cs.CV paper with a comment and LaTeX in the title (2605.06758)', () => {
    const paper = recordAt(join(shardDir, 'cs-papers-00.jsonl'), 1678);
    assert.equal(paper.arxivId, '2605.06758');
    assert.equal(paper.source, 'listing');
    assert.equal(paper.title, 'R$^3$L: Reasoning 3D Layouts from Relative Spatial Relations');
    assert.equal(paper.primaryCategory, 'cs.CV');
    assert.deepEqual(paper.categories, ['cs.CV', 'cs.AI', 'cs.LG', 'cs.RO']);
    assert.equal(paper.comments, 'ICML 2026');
    assert.deepEqual(paper.authors, [{ name: 'Zhifeng Gu' }, { name: 'Yuqi Wang' }, { name: 'Bing Wang' }]);
    assert.ok(
      paper.abstract.startsWith(
        'Relative spatial relations provide a compact representation of spatial structure',
      ),
    );
    assert.equal(paper.isWithdrawn, false);
    // The format carries no dates or versions; _listing_dates is the crawl day, not arXiv's.
    assert.equal(paper.publishedAt, undefined);
    assert.equal(paper.version, undefined);
  });

  it('a null comment is left out; the first shard line is the oldest id (2008.03186, cs.CE)', () => {
    const paper = recordAt(join(shardDir, 'cs-papers-00.jsonl'), 1);
    assert.equal(paper.arxivId, '2008.03186');
    assert.equal(paper.primaryCategory, 'cs.CE');
    assert.deepEqual(paper.categories, ['cs.CE', 'math.NA']);
    assert.equal('comments' in paper, false);
    // LaTeX commands in the abstract are kept verbatim.
    assert.ok(paper.abstract.includes('poromechanical model of \\cite{ren2018embedded} to admit'));
  });

  it('drops the ":" the crawler splits off "NVIDIA:" — 574 entries, 573 authors (2606.15007)', () => {
    const paper = recordAt(join(shardDir, 'cs-papers-05.jsonl'), 1098);
    assert.equal(paper.arxivId, '2606.15007');
    assert.ok(paper.title.startsWith('Nemotron 3 Ultra: Open, Efficient Mixture-of-Experts'));
    assert.equal(paper.authors.length, 573);
    assert.equal(paper.authors[0]?.name, 'NVIDIA');
    assert.equal(paper.authors.at(-1)?.name, 'Zsolt-Alon Wertheimer');
    assert.ok(!paper.authors.some((a) => a.name === ':'));
    const phoenix = recordAt(join(shardDir, 'cs-papers-01.jsonl'), 520);
    assert.equal(phoenix.arxivId, '2605.10391');
    assert.equal(phoenix.authors.length, 31);
  });

  it('collapses the abstract paragraph break (2604.27167)', () => {
    const paper = recordAt(join(shardDir, 'cs-papers-00.jsonl'), 39);
    assert.ok(
      paper.abstract.includes(
        'or asked whether the deviation can be reversed. We do both. Working with four',
      ),
    );
  });

  it('parses all 8 shards: 14,318 unique papers, primary and cross-list counts as in SOURCE.md', async () => {
    const files = readdirSync(shardDir).sort();
    assert.equal(files.length, 8);
    const records = (await Promise.all(files.map((f) => parseFile(join(shardDir, f))))).flat();
    assert.equal(records.length, 14318);
    assert.equal(new Set(records.map((r) => r.arxivId)).size, 14318);
    const primary = (cat: string) => records.filter((r) => r.primaryCategory === cat).length;
    const any = (cat: string) => records.filter((r) => r.categories.includes(cat)).length;
    assert.deepEqual(
      [primary('cs.CV'), primary('cs.CL'), primary('cs.AI'), primary('cs.IT')],
      [6060, 3726, 3294, 513],
    );
    assert.deepEqual([any('cs.CV'), any('cs.AI'), any('cs.CL'), any('cs.LG')], [6356, 6240, 4426, 1917]);
    assert.equal(records.filter((r) => r.title.includes('$') || r.abstract.includes('$')).length, 1544);
    assert.equal(records.filter((r) => r.isWithdrawn).length, 0);
    assert.equal(Math.max(...records.map((r) => r.authors.length)), 573);
  });

  it('parses the 3 raw daily files: 230 + 674 + 371 lines, 997 distinct papers', async () => {
    const perDay = await Promise.all(
      ['2026-06-29.jsonl', '2026-06-30.jsonl', '2026-07-01.jsonl'].map((f) => parseFile(join(rawDir, f))),
    );
    assert.deepEqual(
      perDay.map((day) => day.length),
      [230, 674, 371],
    );
    assert.equal(perDay[0]?.[0]?.arxivId, '2606.27531');
    assert.equal(perDay[0]?.[0]?.title, 'Doppler Tracking of the Artemis II Mission (and Other Spacecraft)');
    assert.equal(new Set(perDay.flat().map((r) => r.arxivId)).size, 997);
  });
});

describe('parseListingLine on malformed input', () => {
  it('invalid JSON and a truncated line name the line', () => {
    const line = readFileSync(join(rawDir, '2026-06-29.jsonl'), 'utf8').split('\n')[0] ?? '';
    const error = errorOf(() => parseListingLine(line.slice(0, 100), 230));
    assert.equal(error.position, 'line 230');
    assert.match(error.message, /^line 230: invalid JSON/);
    assert.equal(
      errorOf(() => parseListingLine('["2605.06758"]', 2)).reason,
      'expected a JSON object, got array',
    );
  });

  it('wrong fields name the field and carry the id', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ categories: 'cs.CV cs.AI' }, 'categories must be an array, got string'],
      [{ categories: [] }, 'categories is empty'],
      [{ authors: 'Zhifeng Gu, Yuqi Wang' }, 'authors must be an array, got string'],
      [{ authors: ['Zhifeng Gu', null] }, 'authors[1] must be a string, got null'],
      [{ title: 42 }, 'title must be a string, got number'],
      [{ summary: undefined }, 'summary must be a string, got undefined'],
      [{ comment: ['ICML'] }, 'comment must be a string or null, got array'],
    ];
    for (const [change, reason] of cases) {
      const error = errorOf(() => parseListingLine(lineWith(change), 5));
      assert.deepEqual(error.toIssue(), { id: '2605.06758', position: 'line 5', message: reason });
    }
  });

  it('a bad or missing id has no id in the error', () => {
    const bad = errorOf(() => parseListingLine(lineWith({ id: 'https://example.org/2605.06758' }), 9));
    assert.deepEqual(bad.toIssue(), {
      position: 'line 9',
      message: 'id is not an arXiv identifier: "https://example.org/2605.06758"',
    });
    assert.equal(
      errorOf(() => parseListingLine(lineWith({ id: undefined }), 9)).reason,
      'id must be a string, got undefined',
    );
  });

  it('a withdrawn comment marks the record', () => {
    const paper = parseListingLine(lineWith({ comment: 'This paper has been withdrawn by the author' }), 1);
    assert.equal(paper.isWithdrawn, true);
  });
});
