// Tests for parseOaiPmh and splitAuthorString against real arXiv OAI-PMH responses
// (../shared/data/arxiv-oai-pmh): arXivRaw and arXiv metadata, ListRecords and GetRecord,
// every recorded OAI error, and malformed input built by editing real files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedData } from '../../test/helpers/paths.js';
import { SourceFormatError } from '../model/paper.js';
import { splitAuthorString } from './author-string.js';
import { type OaiPage, OaiPmhError, parseOaiPmh } from './oai-pmh.js';

const OAI = `${sharedData}arxiv-oai-pmh/`;
const LITPUVN = `${OAI}litpuvn-arxiv-oai-harvester/`;
const MIKESAELIM = `${OAI}mikesaelim-arXivOAIHarvester/`;
const HEPCRAWL = `${OAI}hepcrawl/`;

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function recordById(page: OaiPage, arxivId: string) {
  const record = page.records.find((r) => r.arxivId === arxivId);
  assert.ok(record, `no record ${arxivId}`);
  return record;
}

describe('parseOaiPmh: arXivRaw ListRecords, 387 pretty-printed records', () => {
  const page = parseOaiPmh(read(`${LITPUVN}ListRecords.xml`));

  it('reads every record, the response date and the resumption token', () => {
    assert.equal(page.records.length, 387);
    assert.deepEqual(page.issues, []);
    assert.deepEqual(page.deletedIds, []);
    assert.equal(page.isNoRecordsMatch, false);
    assert.equal(page.responseDate, '2016-10-21T04:36:53.000Z');
    assert.deepEqual(page.resumptionToken, { token: '1403493|1001', cursor: 0, completeListSize: 1440 });
    assert.equal(
      page.records.reduce((sum, r) => sum + (r.versions?.length ?? 0), 0),
      970,
    );
    assert.equal(page.records.filter((r) => r.doi).length, 163);
    assert.equal(page.records.filter((r) => r.reportNo).length, 29);
    assert.ok(page.records.every((r) => r.source === 'oai-pmh' && r.license?.startsWith('http')));
  });

  it('collapses the re-indented text and keeps LaTeX verbatim', () => {
    for (const r of page.records) {
      assert.doesNotMatch(`${r.title}|${r.abstract}|${r.comments ?? ''}`, /\n| {2}/, r.arxivId);
    }
    assert.equal(
      recordById(page, '0803.4354').title,
      'A O(n^8) X O(n^7) Linear Programming Model of the Traveling Salesman Problem',
    );
    assert.equal(
      recordById(page, '1401.3993').title,
      'Stability in simple heteroclinic networks in $\\mathbb{R}^4$',
    );
    const dedekind = recordById(page, '1606.07946');
    assert.equal(dedekind.title, 'On the theorem of Davenport and generalized Dedekind sums');
    assert.match(
      dedekind.abstract,
      /value \$\\sqrt\{c \(\\varphi \) \\log n\}\$ yields the smallest \$L\^2\$ discrepancy/,
    );
  });

  it('reads a 15-version history that arXiv lists as v1, v10, ..., v15, v2, ...', () => {
    const record = recordById(page, '1501.00288');
    assert.equal(record.version, 15);
    assert.deepEqual(
      record.versions?.map((v) => v.version),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    );
    assert.deepEqual(record.versions?.[0], {
      version: 1,
      submittedAt: '2015-01-01T16:49:21.000Z',
      size: '23kb',
    });
    assert.deepEqual(record.versions?.[1], {
      version: 2,
      submittedAt: '2015-01-21T15:33:11.000Z',
      size: '29kb',
    });
    assert.deepEqual(record.versions?.[9], {
      version: 10,
      submittedAt: '2015-04-01T03:18:45.000Z',
      size: '42kb',
    });
    assert.equal(record.publishedAt, '2015-01-01T16:49:21.000Z');
    assert.equal(record.updatedAt, '2016-10-19T01:08:40.000Z');
    assert.deepEqual(record.authors, [{ name: 'Daniel Bienstock' }, { name: 'Gonzalo Munoz' }]);
    assert.equal(record.isWithdrawn, false);
  });

  it('splits a 434-author collaboration string', () => {
    const record = recordById(page, '1605.03256');
    assert.equal(record.authors.length, 434);
    assert.deepEqual(record.authors[0], { name: 'M. Ablikim' });
    assert.deepEqual(record.authors[2], { name: 'S.Ahmed' });
    assert.deepEqual(record.authors.at(-1), { name: 'J. H. Zou' });
  });

  it('resolves numbered affiliations in an author string', () => {
    assert.deepEqual(recordById(page, '1408.0799').authors, [
      { name: 'Maciej Bilicki', affiliations: ['University of Cape Town', "University of Zielona G\\'ora"] },
      { name: 'John A. Peacock', affiliations: ['University of Edinburgh'] },
      { name: 'Thomas H. Jarrett', affiliations: ['University of Cape Town'] },
      { name: 'Michelle E. Cluver', affiliations: ['University of Cape Town'] },
      { name: 'Louise Steward', affiliations: ['University of Cape Town'] },
    ]);
  });

  it('marks withdrawn papers by source flag I or by their comments', () => {
    const withdrawn = page.records.filter((r) => r.isWithdrawn).map((r) => r.arxivId);
    assert.deepEqual(withdrawn, [
      '0803.4354',
      '0808.3386',
      '1502.02762',
      '1505.00300',
      '1603.06854',
      '1605.00928',
    ]);
    // 0803.4354's comments never say "withdrawn": only its v2..v6 (0kb, source_type I) do.
    const tsp = recordById(page, '0803.4354');
    assert.doesNotMatch(tsp.comments ?? '', /withdrawn/i);
    assert.equal(tsp.version, 6);
    assert.deepEqual(tsp.versions?.[5], { version: 6, submittedAt: '2016-10-20T16:58:38.000Z', size: '0kb' });
    assert.match(
      recordById(page, '1603.06854').comments ?? '',
      /^This paper has been withdrawn by the author/,
    );
    assert.ok(page.records.every((r) => r.isWithdrawn !== undefined));
  });
});

describe('parseOaiPmh: small arXivRaw responses', () => {
  it('reads a trimmed ListRecords page with its token', () => {
    const page = parseOaiPmh(read(`${MIKESAELIM}ListRecordsResponse.xml`));
    assert.deepEqual(
      page.records.map((r) => r.arxivId),
      ['0704.0471', '0704.0716', '0704.0874', '0704.1109', '0704.1114', '0704.1586'],
    );
    assert.deepEqual(page.resumptionToken, { token: '726959|1001', cursor: 0, completeListSize: 58011 });
    assert.equal(page.responseDate, '2015-01-06T20:49:59.000Z');

    const shetty = recordById(page, '0704.0471');
    assert.deepEqual(shetty.authors, [
      { name: 'D.V. Shetty' },
      { name: 'S.J. Yennello' },
      { name: 'G.A. Souliotis' },
    ]);
    assert.equal(shetty.doi, '10.1103/PhysRevC.76.024606', 'first of two DOIs');
    assert.equal(shetty.journalRef, 'Phys.Rev.C76:024606,2007; Erratum-ibid.C76:039902,2007');
    assert.deepEqual(shetty.categories, ['nucl-ex', 'nucl-th']);
    assert.match(shetty.abstract, /rules out an extremely " stiff " and " soft " form/);
    assert.equal(shetty.license, undefined);

    const richard = recordById(page, '0704.0716');
    assert.deepEqual(
      richard.versions?.map((v) => v.submittedAt),
      [
        '2007-04-05T12:45:03.000Z',
        '2007-09-28T15:13:43.000Z',
        '2008-02-29T16:05:39.000Z',
        '2008-11-14T09:07:25.000Z',
      ],
    );
    assert.equal(richard.version, 4);
    assert.equal(
      richard.journalRef,
      'Polygons, polyominoes and polycubes, 247-299, Lecture Notes in Phys., 775, Springer, Dordrecht, 2009',
    );
    assert.deepEqual(richard.categories, ['math-ph', 'math.MP']);
    assert.equal(
      recordById(page, '0704.1586').title,
      'Core excitation in the elastic scattering and breakup of $^{11}$Be on protons',
    );
  });

  it('reads a two-version GetRecord response into a full record', () => {
    const page = parseOaiPmh(read(`${MIKESAELIM}GetRecordResponse.xml`));
    assert.equal(page.resumptionToken, undefined);
    assert.equal(page.records.length, 1);
    const record = page.records[0];
    assert.deepEqual(
      { ...record, abstract: undefined },
      {
        arxivId: '1302.2146',
        version: 2,
        title: 'The Same-Sign Dilepton Signature of RPV/MFV SUSY',
        authors: [
          { name: 'Joshua Berger' },
          { name: 'Maxim Perelstein' },
          { name: 'Michael Saelim' },
          { name: 'Philip Tanedo' },
        ],
        abstract: undefined,
        primaryCategory: 'hep-ph',
        categories: ['hep-ph', 'hep-ex'],
        comments: '18 pages, 6 figures; v2: References added',
        license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
        publishedAt: '2013-02-08T21:00:01.000Z',
        updatedAt: '2013-04-02T01:50:08.000Z',
        versions: [
          { version: 1, submittedAt: '2013-02-08T21:00:01.000Z', size: '853kb' },
          { version: 2, submittedAt: '2013-04-02T01:50:08.000Z', size: '849kb' },
        ],
        isWithdrawn: false,
        source: 'oai-pmh',
      },
    );
    assert.ok(
      record?.abstract.startsWith('The lack of observation of superpartners at the Large Hadron Collider'),
    );
    assert.ok(record?.abstract.endsWith('at the 14 TeV LHC with a 100 fb^-1 data set.'));
  });

  it('reads a pretty-printed GetRecord with a line-wrapped author list', () => {
    const page = parseOaiPmh(read(`${LITPUVN}GetRecord.xml`));
    const [record] = page.records;
    assert.equal(record?.arxivId, '0804.2273');
    assert.equal(record?.title, 'Object Re-Use & Exchange: A Resource-Centric Approach');
    assert.deepEqual(
      record?.authors.map((a) => a.name),
      [
        'Carl Lagoze',
        'Herbert Van de Sompel',
        'Michael L. Nelson',
        'Simeon Warner',
        'Robert Sanderson',
        'Pete Johnston',
      ],
    );
    assert.deepEqual(record?.categories, ['cs.DL', 'cs.NI']);
    assert.equal(record?.license, 'http://creativecommons.org/licenses/by/3.0/');
    assert.equal(record?.comments, undefined);
    assert.equal(record?.publishedAt, '2008-04-14T21:02:00.000Z');
    assert.equal(record?.updatedAt, '2008-04-14T21:02:00.000Z');
    assert.equal(record?.isWithdrawn, false);
  });
});

describe('parseOaiPmh: arXiv (structured) metadata', () => {
  it('reads a ListRecords page: names, created/updated dates, DOI and journal ref', () => {
    const page = parseOaiPmh(read(`${HEPCRAWL}functional__arxiv-physics-hep-th.xml`));
    assert.equal(page.responseDate, '2017-12-14T12:56:31.000Z');
    assert.equal(page.resumptionToken, undefined);
    assert.deepEqual(
      page.records.map((r) => r.arxivId),
      ['1412.8323', '1507.07790', '1607.01710'],
    );
    const hoehn = recordById(page, '1412.8323');
    assert.deepEqual(hoehn.authors, [{ name: 'Philipp A Hoehn' }]);
    assert.equal(
      hoehn.title,
      'Toolbox for reconstructing quantum theory from rules on information acquisition',
    );
    assert.deepEqual(hoehn.categories, [
      'quant-ph',
      'gr-qc',
      'hep-th',
      'math-ph',
      'math.MP',
      'physics.hist-ph',
    ]);
    assert.equal(hoehn.primaryCategory, 'quant-ph');
    assert.equal(hoehn.publishedAt, '2014-12-29T00:00:00.000Z');
    assert.equal(hoehn.updatedAt, '2017-12-13T00:00:00.000Z');
    assert.equal(hoehn.license, 'http://creativecommons.org/licenses/by/4.0/');
    assert.equal(hoehn.version, undefined, 'the arXiv format carries no version numbers');
    assert.equal(hoehn.versions, undefined);
    assert.equal(hoehn.isWithdrawn, undefined);
    const castro = recordById(page, '1507.07790');
    assert.equal(castro.doi, '10.1088/1751-8121/aa9c53');
    assert.equal(castro.journalRef, 'J. Phys. A: Math. Theor. 51 (2018) 035201');
    assert.deepEqual(
      recordById(page, '1607.01710').authors.map((a) => a.name),
      ['R. A. C. Correa', 'D. M. Dantas', 'P. H. R. S. Moraes', 'A. de Souza Dutra', 'C. A. S. Almeida'],
    );
  });

  it('reads a GetRecord without namespace: keyname-only author, several DOIs, report number', () => {
    const [record] = parseOaiPmh(read(`${HEPCRAWL}unit__sample_arxiv_record0.xml`)).records;
    assert.equal(record?.arxivId, '1601.03238');
    assert.deepEqual(
      record?.authors.map((a) => a.name),
      ['Planck Collaboration', 'Jieci Wang', 'Zehua Tian', 'Jiliang Jing', 'Heng Fan'],
    );
    assert.equal(record?.doi, '10.1103/PhysRevD.93.016005');
    assert.equal(record?.reportNo, 'YITP-2016-26');
    assert.equal(record?.journalRef, 'Phys.Rev. D93 (2015) 016005');
    assert.deepEqual(record?.categories, ['quant-ph', 'gr-qc', 'hep-th', 'chao-dyn', 'nlin.CD']);
    // No <updated>: arXiv.xsd only has it after a revision, so v1 is the latest version.
    assert.equal(record?.publishedAt, '2016-01-13T00:00:00.000Z');
    assert.equal(record?.updatedAt, '2016-01-13T00:00:00.000Z');
  });

  it('joins forenames, keyname and suffix and drops punctuation-only authors', () => {
    const [record] = parseOaiPmh(read(`${HEPCRAWL}unit__sample_arxiv_record4.xml`)).records;
    assert.equal(record?.arxivId, '1603.05976');
    assert.equal(record?.authors.length, 65, '66 <author> elements, one of them just ":"');
    assert.deepEqual(record?.authors.slice(0, 3), [
      { name: 'Keck Array' },
      { name: 'BICEP2 Collaborations' },
      { name: 'P. Ade' },
    ]);
    assert.ok(record?.authors.some((a) => a.name === 'R. W. IV'));
    assert.ok(!record?.authors.some((a) => a.name === ':'));
  });

  it('keeps several affiliations per author', () => {
    const [record] = parseOaiPmh(read(`${HEPCRAWL}unit__sample_arxiv_record8.xml`)).records;
    assert.equal(record?.arxivId, '1606.07538');
    assert.deepEqual(record?.authors[0], {
      name: 'Super-Kamiokande Collaboration',
      affiliations: [
        'Kamioka Observatory, Institute for Cosmic Ray Research, University of Tokyo',
        'Kavli Institute for the Physics and Mathematics of the Universe',
      ],
    });
    assert.deepEqual(record?.authors.at(-1), {
      name: 'P. de Perio',
      affiliations: ['Department of Physics, University of Toronto'],
    });
    assert.equal(record?.authors.length, 7);
  });

  it('reads a GetRecord holding twelve records', () => {
    const page = parseOaiPmh(read(`${HEPCRAWL}unit__sample_arxiv_record.xml`));
    assert.equal(page.records.length, 12);
    assert.deepEqual(page.issues, []);
    assert.equal(page.records[11]?.arxivId, '1808.04927');
    assert.match(
      page.records[11]?.title ?? '',
      /^Measurements of \$\\pi\^\{\\pm\}\$, \$K\^\{\\pm\}\$ and proton yields/,
    );
    assert.equal(recordById(page, '1604.05585').authors[0]?.name, 'Günter Burigana');
  });
});

describe('parseOaiPmh: OAI-PMH errors', () => {
  const cases = [
    ['ErrorResponseBadArgument.xml', 'badArgument', "Verb 'ListRecords', illegal argument 'identifier'."],
    [
      'ErrorResponseBadResumptionToken.xml',
      'badResumptionToken',
      'The resumptionToken supplied is illegal for this repository',
    ],
    ['ErrorResponseBadVerb.xml', 'badVerb', "Bad verb. Verb 'wah' not implemented."],
    [
      'ErrorResponseIdDoesNotExist.xml',
      'idDoesNotExist',
      "Identifier 'oai:arXiv.org:0813.2274' has correct form but does not correspond to an item in this repository",
    ],
  ] as const;
  for (const [file, code, message] of cases) {
    it(`throws OaiPmhError ${code}`, () => {
      assert.throws(
        () => parseOaiPmh(read(MIKESAELIM + file)),
        (error: unknown) => error instanceof OaiPmhError && error.code === code && error.message === message,
      );
    });
  }

  it('returns an empty page for noRecordsMatch', () => {
    assert.deepEqual(parseOaiPmh(read(`${MIKESAELIM}ErrorResponseNoRecordsMatch.xml`)), {
      responseDate: '2015-06-23T13:28:30.000Z',
      records: [],
      issues: [],
      deletedIds: [],
      isNoRecordsMatch: true,
    });
  });
});

describe('parseOaiPmh: deletions and the end of a list', () => {
  const getRecord = read(`${LITPUVN}GetRecord.xml`);

  it('returns a deleted record as an id, not a record', () => {
    const xml = getRecord
      .replace('<header>', '<header status="deleted">')
      .replace(/<metadata>[\s\S]*<\/metadata>/, '');
    const page = parseOaiPmh(xml);
    assert.deepEqual(page.deletedIds, ['0804.2273']);
    assert.deepEqual(page.records, []);
    assert.deepEqual(page.issues, []);
  });

  it('keeps the other records of a page with a deleted one', () => {
    const xml = read(`${MIKESAELIM}ListRecordsResponse.xml`).replace(
      /<header>(\s*<identifier>oai:arXiv.org:0704.0874<\/identifier>)/,
      '<header status="deleted">$1',
    );
    const page = parseOaiPmh(xml);
    assert.deepEqual(page.deletedIds, ['0704.0874']);
    assert.equal(page.records.length, 5);
  });

  it('treats an empty resumptionToken as the last page', () => {
    const page = read(`${MIKESAELIM}ListRecordsResponse.xml`);
    const last = page.replace(
      /<resumptionToken[^>]*>[^<]*<\/resumptionToken>/,
      '<resumptionToken cursor="1001" completeListSize="58011"/>',
    );
    assert.equal(parseOaiPmh(last).resumptionToken, undefined);
    const emptyText = page.replace(/(<resumptionToken[^>]*>)[^<]*/, '$1  ');
    assert.equal(parseOaiPmh(emptyText).resumptionToken, undefined);
    const bare = page.replace(/<resumptionToken[^>]*>/, '<resumptionToken>');
    assert.deepEqual(parseOaiPmh(bare).resumptionToken, { token: '726959|1001' });
  });
});

describe('parseOaiPmh: malformed input', () => {
  const list = read(`${MIKESAELIM}ListRecordsResponse.xml`);

  for (const [label, input] of [
    ['an empty string', ''],
    ['plain text', 'Retry after 10 seconds'],
    ['a JSON document', '{"records":[]}'],
    ['truncated XML', list.slice(0, 4000)],
    ['an Atom feed', '<feed xmlns="http://www.w3.org/2005/Atom"><totalResults>0</totalResults></feed>'],
    [
      'an Identify response',
      '<OAI-PMH><responseDate>2015-01-06T20:49:59Z</responseDate><Identify/></OAI-PMH>',
    ],
  ] as const) {
    it(`rejects ${label} with SourceFormatError`, () => {
      assert.throws(() => parseOaiPmh(input), SourceFormatError);
    });
  }

  it('reports records with no id, a bad id or no title by position and keeps the rest', () => {
    const records = list.split('<record>');
    // record 1: no id anywhere; record 3: unparseable metadata id; record 5: empty title.
    records[1] = (records[1] ?? '')
      .replace(/<identifier>[^<]*<\/identifier>/, '')
      .replace(/<id>[^<]*<\/id>/, '');
    records[3] = (records[3] ?? '').replace('<id>0704.0874</id>', '<id>not-an-id</id>');
    records[5] = (records[5] ?? '').replace(/<title>[^<]*<\/title>/, '<title> </title>');
    const page = parseOaiPmh(records.join('<record>'));
    assert.deepEqual(
      page.records.map((r) => r.arxivId),
      ['0704.0716', '0704.1109', '0704.1586'],
    );
    assert.deepEqual(page.issues, [
      { position: 'record 1', message: 'record has no arXiv id' },
      { id: '0704.0874', position: 'record 3', message: 'record <id> is not an arXiv id: "not-an-id"' },
      { id: '0704.1114', position: 'record 5', message: 'record has no <title>' },
    ]);
    assert.deepEqual(page.resumptionToken?.token, '726959|1001');
  });

  it('falls back to the header identifier when the metadata has no <id>', () => {
    const xml = read(`${MIKESAELIM}GetRecordResponse.xml`).replace('<id>1302.2146</id>', '');
    assert.equal(parseOaiPmh(xml).records[0]?.arxivId, '1302.2146');
  });

  it('reports an unparseable version date and an unsupported metadata format', () => {
    const records = list.split('<record>');
    records[2] = (records[2] ?? '').replace('Fri, 28 Sep 2007 15:13:43 GMT', 'sometime in 2007');
    records[4] = (records[4] ?? '').replace(
      /<metadata>[\s\S]*<\/metadata>/,
      '<metadata><oai_dc:dc xmlns:oai_dc="x"/></metadata>',
    );
    records[6] = (records[6] ?? '').replace(/<header>[\s\S]*<\/header>/, '');
    const page = parseOaiPmh(records.join('<record>'));
    assert.equal(page.records.length, 3);
    assert.deepEqual(page.issues, [
      {
        id: '0704.0716',
        position: 'record 2',
        message: 'version "v2" has no usable number or date (sometime in 2007)',
      },
      { id: '0704.1109', position: 'record 4', message: 'unsupported metadata format <dc>' },
      { position: 'record 6', message: 'record has no <header>' },
    ]);
  });
});

describe('splitAuthorString', () => {
  const cases: Array<[string, ReturnType<typeof splitAuthorString>]> = [
    ['Carl Lagoze', [{ name: 'Carl Lagoze' }]],
    ['A. One, B. Two and C. Three', [{ name: 'A. One' }, { name: 'B. Two' }, { name: 'C. Three' }]],
    ['A. One, B. Two, and C. Three', [{ name: 'A. One' }, { name: 'B. Two' }, { name: 'C. Three' }]],
    ['Nir Lev and Joaquim Ortega-Cerd\\`a', [{ name: 'Nir Lev' }, { name: 'Joaquim Ortega-Cerd\\`a' }]],
    [
      "Alin Bostan, Fr\\'ed\\'eric Chyzak,\n   Mark van Hoeij ",
      [{ name: 'Alin Bostan' }, { name: "Fr\\'ed\\'eric Chyzak" }, { name: 'Mark van Hoeij' }],
    ],
    ['Anne Sa{\\ss}, Ulrich Vogl', [{ name: 'Anne Sa{\\ss}' }, { name: 'Ulrich Vogl' }]],
    [
      'Athanasios Batakis (MAPMO), Benoit Testud (LAMFA)',
      [
        { name: 'Athanasios Batakis', affiliations: ['MAPMO'] },
        { name: 'Benoit Testud', affiliations: ['LAMFA'] },
      ],
    ],
    [
      'C. Neri (Lloyds Banking Group, London, UK) and L. Schneider',
      [{ name: 'C. Neri', affiliations: ['Lloyds Banking Group, London, UK'] }, { name: 'L. Schneider' }],
    ],
    [
      'Mark Vogelsberger (1,2), Simon D. M. White (1) ((1) MPA, (2) Harvard/CfA)',
      [
        { name: 'Mark Vogelsberger', affiliations: ['MPA', 'Harvard/CfA'] },
        { name: 'Simon D. M. White', affiliations: ['MPA'] },
      ],
    ],
    [
      'Leandro Kerber (1 and 3) and Thais Idiart (1) ((1) IAG, (2) NAT, (3) UESC)',
      [
        { name: 'Leandro Kerber', affiliations: ['IAG', 'UESC'] },
        { name: 'Thais Idiart', affiliations: ['IAG'] },
      ],
    ],
    [
      'HESS Collaboration: A. Abramowski, F. Acero',
      [{ name: 'HESS Collaboration' }, { name: 'A. Abramowski' }, { name: 'F. Acero' }],
    ],
    [
      'G. David Forney, Jr. and Pascal O. Vontobel',
      [{ name: 'G. David Forney Jr.' }, { name: 'Pascal O. Vontobel' }],
    ],
    ['W. T. Hill III, C. J. Lobb', [{ name: 'W. T. Hill III' }, { name: 'C. J. Lobb' }]],
    ['The D0 Collaboration: V.M. Abazov, et al', [{ name: 'The D0 Collaboration' }, { name: 'V.M. Abazov' }]],
    ['Valerio Bozza, Gaetano Scarpetta (Eds.)', [{ name: 'Valerio Bozza' }, { name: 'Gaetano Scarpetta' }]],
    ['A. One; B. Two', [{ name: 'A. One' }, { name: 'B. Two' }]],
    ['', []],
    [' , and ', []],
  ];
  for (const [input, expected] of cases) {
    it(`splits ${JSON.stringify(input)}`, () => assert.deepEqual(splitAuthorString(input), expected));
  }

  it('survives an unclosed parenthesis', () => {
    assert.deepEqual(splitAuthorString('A. One (MIT, B. Two'), [
      { name: 'A. One', affiliations: ['MIT, B. Two'] },
    ]);
  });
});
