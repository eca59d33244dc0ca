// Tests for parseArxivAtom against real recorded arXiv API responses (../shared/data/arxiv-api-atom):
// the current (2025+) format, the legacy 2016/2017 format, paging, the HTTP 400 error feed, and
// malformed input built by editing real files.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedData } from '../../test/helpers/paths.js';
import { SourceFormatError } from '../model/paper.js';
import { ArxivApiError, type AtomPage, parseArxivAtom } from './arxiv-atom.js';

const ATOM = `${sharedData}arxiv-api-atom/`;
const CURRENT = `${ATOM}lukasschwab-arxiv.py/recorded-2026/body-xml/`;
const LEGACY = `${ATOM}lukasschwab-arxiv.py/legacy-2016/`;
const DEEP_DREAM = `${ATOM}orijtech-arxiv/`;

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Reads a recorded 2026 response by the start of its file name (names end in a hash). */
function current(prefix: string): string {
  const name = readdirSync(CURRENT).find((file) => file.startsWith(prefix));
  assert.ok(name, `no recorded response starting with ${prefix}`);
  return read(CURRENT + name);
}

function parse(xml: string): AtomPage {
  return parseArxivAtom(xml);
}

function recordById(page: AtomPage, arxivId: string) {
  const record = page.records.find((r) => r.arxivId === arxivId);
  assert.ok(record, `no record ${arxivId}`);
  return record;
}

describe('parseArxivAtom: current (2025+) API format', () => {
  it('reads a search page: paging numbers and a full first record', () => {
    const page = parse(current('q_testing_s0_m10_'));
    assert.equal(page.totalResults, 214881);
    assert.equal(page.startIndex, 0);
    assert.equal(page.itemsPerPage, 10);
    assert.equal(page.records.length, 10);
    assert.deepEqual(page.issues, []);
    assert.deepEqual(page.records[0], {
      arxivId: '2202.12139',
      version: 1,
      title: 'Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques',
      abstract: page.records[0]?.abstract,
      authors: [{ name: 'Mohit Kumar Ahuja' }, { name: 'Arnaud Gotlieb' }, { name: 'Helge Spieker' }],
      primaryCategory: 'cs.SE',
      categories: ['cs.SE', 'cs.LG'],
      comments: 'Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022',
      journalRef:
        'Artificial Intelligence in Software Testing @ 2022 IEEE International Conference on Software Testing, Verification and Validation Workshops (ICSTW)',
      doi: '10.1109/ICSTW55395.2022.00035',
      publishedAt: '2022-02-24T15:05:19.000Z',
      updatedAt: '2022-02-24T15:05:19.000Z',
      source: 'arxiv-api',
    });
    assert.match(
      page.records[0]?.abstract ?? '',
      /^Deep Learning \(DL\) has revolutionized .* discuss its results\.$/,
    );
  });

  it('keeps 34 authors of the AEW10 proceedings in order', () => {
    const [record] = parse(current('id_1707.08567_')).records;
    assert.equal(record?.arxivId, '1707.08567');
    assert.equal(record?.authors.length, 34);
    assert.deepEqual(record?.authors[0], { name: 'Kees A. Schouhamer Immink' });
    assert.deepEqual(record?.authors[4], { name: 'Peter H. N. de With' });
    assert.deepEqual(record?.authors[33], { name: 'Hirosuke Yamamoto' });
    // The 2026 recordings were stored double-encoded (UTF-8 read as Latin-1): "Wübben" arrives as
    // "WÃ¼bben". The parser keeps text verbatim; this pins that behaviour so a change is deliberate.
    assert.equal(record?.authors[32]?.name, 'Dirk W\u00c3\u00bcbben');
  });

  it('reads an old-style id, per-author affiliations and a journal ref', () => {
    const page = parse(current('id_astro-ph_0601001_'));
    assert.equal(page.totalResults, 1);
    const [record] = page.records;
    assert.equal(record?.arxivId, 'astro-ph/0601001');
    assert.equal(record?.version, 1);
    assert.deepEqual(record?.authors, [
      { name: 'Andrew Gould', affiliations: ['Ohio State'] },
      { name: 'Susan Dorsher', affiliations: ['Ohio State'] },
      { name: 'B. Scott Gaudi', affiliations: ['CfA'] },
      { name: 'Andrzej Udalski', affiliations: ['Warsaw University Observatory'] },
    ]);
    assert.equal(record?.journalRef, 'ActaAstron.56:1-50,2006');
    assert.equal(record?.primaryCategory, 'astro-ph');
    assert.deepEqual(record?.categories, ['astro-ph']);
    assert.match(record?.comments ?? '', /^62 pages including 16 figures and 9 tables\./);
    assert.match(record?.abstract ?? '', /^We derive the frequencies of hot Jupiters/);
    assert.match(record?.abstract ?? '', /\(1\/310\)\(1\^\{\+1\.39\}_\{-0\.59\}\)/, 'TeX kept verbatim');
    assert.equal(record?.doi, undefined);
  });

  it('reads a cross-listed old-style id (quant-ph/0201082v1 also in cs.PL)', () => {
    const [record] = parse(current('id_quant-ph_0201082v1_')).records;
    assert.equal(record?.arxivId, 'quant-ph/0201082');
    assert.equal(record?.primaryCategory, 'quant-ph');
    assert.deepEqual(record?.categories, ['quant-ph', 'cs.PL']);
    assert.equal(record?.publishedAt, '2002-01-18T15:08:05.000Z');
  });

  it('keeps a title that is the string "0" (tag values are not parsed as numbers)', () => {
    const [record] = parse(current('id_2104.12255v1_')).records;
    assert.equal(record?.title, '0');
    assert.match(record?.abstract ?? '', /awarded \$35,000 in total/);
  });

  it('reads affiliations, DOIs and LaTeX titles across a 100-entry page', () => {
    const page = parse(current('q_testing_s0_m100_'));
    assert.equal(page.records.length, 100);
    assert.equal(page.itemsPerPage, 100);
    assert.deepEqual(recordById(page, '0804.0970').authors, [
      { name: 'Marie-Claude Gaudel', affiliations: ['LRI'] },
      { name: 'Pascale Le Gall', affiliations: ['IBISC'] },
    ]);
    assert.equal(page.records.filter((r) => r.doi).length, 32);
    assert.equal(page.records.filter((r) => r.categories.length > 1).length, 46);
    assert.equal(page.records.filter((r) => (r.version ?? 0) > 1).length, 36);
    // Title starts with TeX math (stored double-encoded in this recording, see above).
    assert.ok(
      page.records.some((r) =>
        /^\$.+\$Test: WebView-Oriented Testing for Android Applications$/.test(r.title),
      ),
    );
  });

  it('reads an empty result (unknown id) as a page with no records', () => {
    const page = parse(current('id_0000.0000_'));
    assert.deepEqual(page, { totalResults: 0, startIndex: 0, itemsPerPage: 100, records: [], issues: [] });
    assert.equal(parse(current('id_0808.05394_s0_')).totalResults, 0);
  });

  it('keeps the found entry of a two-id lookup where one id does not exist', () => {
    const page = parse(current('id_0808.05394_1707.08567_'));
    assert.equal(page.totalResults, 1);
    assert.deepEqual(
      page.records.map((r) => r.arxivId),
      ['1707.08567'],
    );
  });

  it('reads consecutive pages with their start offsets', () => {
    const starts = [
      'q_testing_s0_m10_',
      'q_testing_s10_m10_',
      'q_testing_s20_m10_',
      'q_testing_s30_m10_',
    ].map((prefix) => parse(current(prefix)).startIndex);
    assert.deepEqual(starts, [0, 10, 20, 30]);
    const s5 = parse(current('q_testing_s5_m15_'));
    assert.equal(s5.startIndex, 5);
    assert.equal(s5.itemsPerPage, 15);
  });
});

describe('parseArxivAtom: the HTTP 400 error feed', () => {
  it('throws ArxivApiError with the summary as message', () => {
    assert.throws(
      () => parse(current('id_abc_')),
      (error: unknown) =>
        error instanceof ArxivApiError &&
        error.message === 'incorrect id format for abc' &&
        error.code === 'incorrect_id_format_for_abc',
    );
  });
});

describe('parseArxivAtom: legacy (2016/2017) API format', () => {
  it('reads per-element namespaces, doi/journal_ref and collapses hard-wrapped text', () => {
    const page = parse(read(`${LEGACY}id_list_1111.2011v2.xml`));
    assert.equal(page.totalResults, 1);
    assert.equal(page.startIndex, 0);
    assert.equal(page.itemsPerPage, 10);
    const [record] = page.records;
    assert.equal(record?.arxivId, '1111.2011');
    assert.equal(record?.version, 2);
    assert.equal(
      record?.title,
      'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit',
    );
    assert.ok(
      record?.abstract.startsWith(
        'Theoretical description of anisotropic systems, such as layered superconductors',
      ),
    );
    assert.ok(record?.abstract.endsWith('extra dimension to the theory describing a single node.'));
    assert.doesNotMatch(record?.abstract ?? '', /\n| {2}/);
    assert.deepEqual(
      record?.authors.map((a) => a.name),
      ['James M. Murray', 'Adrian Del Maestro', 'Zlatko Tesanovic'],
    );
    assert.equal(record?.doi, '10.1103/PhysRevB.85.115117');
    assert.equal(record?.journalRef, 'Phys. Rev. B 85, 115117 (2012)');
    assert.equal(record?.comments, '8 pages, 3 figures. Published version');
    assert.equal(record?.primaryCategory, 'cond-mat.str-el');
    assert.deepEqual(record?.categories, ['cond-mat.str-el', 'cond-mat.stat-mech']);
    assert.equal(record?.publishedAt, '2011-11-08T18:48:36.000Z');
    assert.equal(record?.updatedAt, '2012-04-02T12:38:54.000Z');
  });

  it('reads old-style ids, cross-lists and LaTeX in an author search', () => {
    const page = parse(read(`${LEGACY}search_query_au_del_maestro.xml`));
    assert.equal(page.totalResults, 31);
    assert.equal(page.records.length, 10);
    const ids = page.records.map((r) => `${r.arxivId}v${r.version}`);
    assert.deepEqual(ids.slice(0, 3), ['1201.4869v1', 'cond-mat/0412498v1', 'cond-mat/0603029v1']);
    assert.ok(page.records.every((r) => r.doi?.startsWith('10.')));
    const melting = recordById(page, 'cond-mat/0412498');
    assert.deepEqual(melting.categories, ['cond-mat.str-el', 'cond-mat.stat-mech']);
    assert.equal(melting.journalRef, 'Physical Review B 71, 184511 (2005)');
    const entanglement = recordById(page, '1412.6529');
    assert.equal(entanglement.version, 2);
    assert.deepEqual(entanglement.categories, ['cond-mat.quant-gas', 'quant-ph']);
    assert.match(entanglement.abstract, /Lieb-Liniger model of \$\\delta\$-function interacting bosons/);
  });

  it('reads the two-result and one-result title searches', () => {
    assert.equal(
      parse(read(`${LEGACY}search_query_au_del_maestro_AND_ti__quantum_criticality_.xml`)).records.length,
      2,
    );
    const checkerboard = parse(read(`${LEGACY}search_query_au_del_maestro_AND_ti_checkerboard.xml`));
    assert.deepEqual(
      checkerboard.records.map((r) => r.arxivId),
      ['cond-mat/0603029'],
    );
  });

  it('reads an affiliation declared with a per-element namespace', () => {
    const xml = read(`${LEGACY}id_list_1111.2011v2.xml`).replace(
      '<name>Adrian Del Maestro</name>',
      '<name>Adrian Del Maestro</name><arxiv:affiliation xmlns:arxiv="http://arxiv.org/schemas/atom">University of Vermont</arxiv:affiliation>',
    );
    const [record] = parse(xml).records;
    assert.deepEqual(record?.authors[1], {
      name: 'Adrian Del Maestro',
      affiliations: ['University of Vermont'],
    });
  });

  it('falls back to the <link title="doi"> when arxiv:doi is missing', () => {
    const xml = read(`${LEGACY}id_list_1111.2011v2.xml`).replace(/<arxiv:doi [^>]*>[^<]*<\/arxiv:doi>/, '');
    assert.equal(parse(xml).records[0]?.doi, '10.1103/PhysRevB.85.115117');
  });
});

describe('parseArxivAtom: deep dream pages (legacy, paged by one)', () => {
  const pages = [0, 1, 2].map((n) => parse(read(`${DEEP_DREAM}deep_dream-${n}.atom.xml`)));

  it('reads paging numbers of each page', () => {
    assert.deepEqual(
      pages.map((p) => [p.totalResults, p.startIndex, p.itemsPerPage, p.records.length]),
      [
        [24617, 0, 10, 10],
        [24617, 1, 10, 10],
        [24617, 2, 10, 10],
      ],
    );
  });

  it('overlaps by nine entries: the same ids shifted by one', () => {
    const ids = pages.map((p) => p.records.map((r) => r.arxivId));
    assert.deepEqual(ids[1]?.slice(0, 9), ids[0]?.slice(1));
    assert.deepEqual(ids[2]?.slice(0, 9), ids[1]?.slice(1));
    assert.equal(new Set(ids.flat()).size, 12);
    assert.equal(ids[0]?.[0], '1611.09520');
    assert.equal(ids[2]?.[9], '1701.04738');
  });

  it('yields identical records for the same entry on different pages', () => {
    const onFirst = recordById(pages[0] as AtomPage, '0706.3031');
    const onThird = recordById(pages[2] as AtomPage, '0706.3031');
    assert.deepEqual(onThird, onFirst);
    assert.equal(onFirst.version, 3);
    assert.equal(onFirst.primaryCategory, 'math.CO');
    assert.match(
      onFirst.abstract,
      /\[A\. Knutson and E\. Miller, Gr\\"obner geometry of Schubert polynomials/,
    );
    assert.match(
      onFirst.journalRef ?? '',
      /^S\\'eminaire Lotharingien de Combinatoire, Issue 58 \(2008\), Article B58e\./,
    );
  });

  it('reads a q-bio primary category and its dates', () => {
    const dream = recordById(pages[0] as AtomPage, '1611.09520');
    assert.equal(dream.primaryCategory, 'q-bio.NC');
    assert.equal(
      dream.title,
      'Hierarchical Neural Representation of Dreamed Objects Revealed by Brain Decoding with Deep Neural Network Features',
    );
    assert.equal(dream.publishedAt, '2016-11-29T08:18:38.000Z');
    assert.equal(dream.updatedAt, '2017-01-23T06:54:20.000Z');
  });
});

describe('parseArxivAtom: every recorded response', () => {
  const files = [
    ...readdirSync(CURRENT).map((f) => CURRENT + f),
    ...readdirSync(LEGACY).map((f) => LEGACY + f),
    ...readdirSync(DEEP_DREAM).map((f) => DEEP_DREAM + f),
  ].filter((f) => !f.includes('/id_abc_'));

  it('parses all 275 entries without issues into clean records', () => {
    let count = 0;
    for (const file of files) {
      const page = parse(read(file));
      assert.deepEqual(page.issues, [], file);
      for (const record of page.records) {
        count += 1;
        assert.match(record.arxivId, /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/, file);
        assert.ok(record.version && record.version >= 1, record.arxivId);
        assert.ok(record.title.length > 0 && !/[\n\t]| {2}/.test(record.title), record.arxivId);
        assert.ok(
          !/[\n\t]| {2}/.test(record.abstract) && record.abstract === record.abstract.trim(),
          record.arxivId,
        );
        assert.equal(record.categories[0], record.primaryCategory, record.arxivId);
        assert.equal(new Set(record.categories).size, record.categories.length, record.arxivId);
        assert.match(record.publishedAt ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/, record.arxivId);
        assert.ok((record.updatedAt ?? '') >= (record.publishedAt ?? ''), record.arxivId);
        assert.ok(record.authors.length > 0, record.arxivId);
      }
    }
    assert.equal(count, 275);
  });
});

describe('parseArxivAtom: malformed input', () => {
  const real = current('q_testing_s0_m10_');

  for (const [label, input] of [
    ['an empty string', ''],
    ['whitespace', '  \n '],
    ['plain text', 'Rate exceeded.'],
    ['a JSON document', '{"feed":{"entry":[]}}'],
    ['truncated XML', real.slice(0, real.length / 2)],
    ['an unclosed root', '<feed xmlns="http://www.w3.org/2005/Atom">'],
  ] as const) {
    it(`rejects ${label} with SourceFormatError`, () => {
      assert.throws(() => parse(input), SourceFormatError);
    });
  }

  it('rejects well-formed XML that is not a feed (an HTML error page)', () => {
    assert.throws(() => parse('<html><body><h1>503 Service Unavailable</h1></body></html>'), {
      name: 'SourceFormatError',
      message: /expected an Atom <feed>, got <html>/,
    });
  });

  it('rejects a feed without opensearch:totalResults', () => {
    const xml = real.replace(/<opensearch:totalResults>\d+<\/opensearch:totalResults>/, '');
    assert.throws(() => parse(xml), /totalResults/);
  });

  it('reports an entry with no <id> by position and keeps the other nine', () => {
    const xml = real.replace('<id>http://arxiv.org/abs/2005.14124v2</id>', '');
    assert.notEqual(xml, real);
    const page = parse(xml);
    assert.equal(page.records.length, 9);
    assert.deepEqual(page.issues, [{ position: 'entry 3', message: 'entry has no <id>' }]);
    assert.ok(!page.records.some((r) => r.arxivId === '2005.14124'));
  });

  it('reports an entry with an unparseable id and one with an empty title', () => {
    const entries = real.split('<entry>');
    const third = entries[3] ?? '';
    const fifth = entries[5] ?? '';
    entries[3] = third.replace(/<id>[^<]*<\/id>/, '<id>http://example.com/not-arxiv</id>');
    entries[5] = fifth.replace(/<title>[^<]*<\/title>/, '<title>  \n </title>');
    const page = parse(entries.join('<entry>'));
    assert.equal(page.records.length, 8);
    assert.equal(page.issues.length, 2);
    assert.equal(page.issues[0]?.position, 'entry 3');
    assert.match(page.issues[0]?.message ?? '', /not an arXiv id: "http:\/\/example.com\/not-arxiv"/);
    assert.equal(page.issues[0]?.id, undefined);
    assert.equal(page.issues[1]?.position, 'entry 5');
    assert.equal(page.issues[1]?.message, 'entry has no <title>');
    assert.match(page.issues[1]?.id ?? '', /^\d{4}\.\d{4,5}$/);
  });

  it('normalises dates with a zone offset to UTC and drops impossible dates', () => {
    const legacy = read(`${LEGACY}id_list_1111.2011v2.xml`);
    const shifted = legacy.replace('<published>2011-11-08T18:48:36Z', '<published>2011-11-08T14:48:36-04:00');
    assert.equal(parse(shifted).records[0]?.publishedAt, '2011-11-08T18:48:36.000Z');
    const impossible = legacy.replace('<updated>2012-04-02T12:38:54Z', '<updated>2012-02-30T12:38:54Z');
    const [record] = parse(impossible).records;
    assert.equal(record?.updatedAt, undefined);
    assert.equal(record?.arxivId, '1111.2011', 'a bad date does not cost the record');
  });

  it('decodes numeric character references and keeps the rest of the text', () => {
    const xml = read(`${LEGACY}id_list_1111.2011v2.xml`).replace(
      '<name>Zlatko Tesanovic</name>',
      '<name>Zlatko Te&#353;anovi&#x107;</name>',
    );
    assert.equal(parse(xml).records[0]?.authors[2]?.name, 'Zlatko Tešanović');
    const escaped = xml.replace('<name>James M. Murray</name>', '<name>James &amp;#77; Murray</name>');
    assert.equal(
      parse(escaped).records[0]?.authors[0]?.name,
      'James &#77; Murray',
      'decoded once, not twice',
    );
  });
});
