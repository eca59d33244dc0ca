import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  collapseWhitespace,
  isWithdrawnComment,
  normaliseIsoTimestamp,
  parseJsonObjectLine,
  RecordError,
  rfc2822ToIso,
  withoutUndefined,
} from './text-util.js';

describe('collapseWhitespace', () => {
  it('joins hard-wrapped lines and arXiv paragraph indents, keeps LaTeX', () => {
    assert.equal(
      collapseWhitespace('  We describe the $(k,\\ell)$-pebble game\nwith colors.\n  Second paragraph.\n'),
      'We describe the $(k,\\ell)$-pebble game with colors. Second paragraph.',
    );
  });
});

describe('rfc2822ToIso', () => {
  it('converts the dates arXiv writes in Kaggle versions', () => {
    assert.equal(rfc2822ToIso('Mon, 2 Apr 2007 19:18:42 GMT'), '2007-04-02T19:18:42.000Z');
    assert.equal(rfc2822ToIso('Sat, 31 Mar 2007 02:26:18 GMT'), '2007-03-31T02:26:18.000Z');
    assert.equal(rfc2822ToIso('2 Apr 2007 19:18 UT'), '2007-04-02T19:18:00.000Z');
  });

  it('applies numeric zone offsets', () => {
    assert.equal(rfc2822ToIso('Mon, 2 Apr 2007 19:18:42 +0200'), '2007-04-02T17:18:42.000Z');
    assert.equal(rfc2822ToIso('Mon, 2 Apr 2007 22:00:00 -0530'), '2007-04-03T03:30:00.000Z');
  });

  it('rejects what is not a real RFC 2822 date', () => {
    for (const text of [
      '',
      '2007-04-02',
      'Mon, 31 Apr 2007 10:00:00 GMT',
      'Mon, 2 Apx 2007 10:00:00 GMT',
      'Mon, 2 Apr 2007 25:00:00 GMT',
      'Mon, 2 Apr 2007 10:00:00 CEST',
    ]) {
      assert.equal(rfc2822ToIso(text), undefined, text);
    }
  });
});

describe('normaliseIsoTimestamp', () => {
  it('normalises to toISOString form', () => {
    assert.equal(normaliseIsoTimestamp('2024-05-27T03:50:58.348Z'), '2024-05-27T03:50:58.348Z');
    assert.equal(normaliseIsoTimestamp('2026-08-13T00:00:00Z'), '2026-08-13T00:00:00.000Z');
    assert.equal(normaliseIsoTimestamp('2026-08-13T02:00:00+02:00'), '2026-08-13T00:00:00.000Z');
  });

  it('rejects dates without a zone, impossible days and prose', () => {
    for (const text of [
      '2026-08-13',
      '2026-08-13T00:00:00',
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      'yesterday',
    ]) {
      assert.equal(normaliseIsoTimestamp(text), undefined, text);
    }
  });
});

describe('isWithdrawnComment', () => {
  it('recognises arXiv withdrawal notes', () => {
    assert.ok(
      isWithdrawnComment('This paper has been withdrawn by the authors. This paper has been\n  accepted'),
    );
    assert.ok(isWithdrawnComment('Withdrawn: a duplicate of 0704.0001'));
    assert.ok(
      isWithdrawnComment('This submission has been withdrawn by arXiv administrators due to text reuse'),
    );
    assert.ok(isWithdrawnComment('paper withdrawn by the author due to an error in Lemma 2'));
  });

  it('ignores other comments', () => {
    assert.equal(isWithdrawnComment('37 pages, 15 figures; published version'), false);
    assert.equal(isWithdrawnComment('We discuss withdrawn-request semantics'), false);
    assert.equal(isWithdrawnComment(undefined), false);
  });
});

describe('parseJsonObjectLine and RecordError', () => {
  it('returns the object or throws naming the line', () => {
    assert.deepEqual(parseJsonObjectLine('{"id":"0704.0001"}', 1), { id: '0704.0001' });
    assert.throws(
      () => parseJsonObjectLine('{"id":', 41),
      (error: unknown) => {
        assert.ok(error instanceof RecordError);
        assert.equal(error.position, 'line 41');
        assert.match(error.message, /^line 41: invalid JSON \(/);
        return true;
      },
    );
    assert.throws(() => parseJsonObjectLine('"0704.0001"', 2), /line 2: expected a JSON object, got string/);
  });

  it('RecordError carries the id into its message and issue', () => {
    const error = new RecordError('line 3', 'title is empty', '0704.0003');
    assert.equal(error.message, 'line 3 (0704.0003): title is empty');
    assert.deepEqual(error.toIssue(), { id: '0704.0003', position: 'line 3', message: 'title is empty' });
  });
});

describe('withoutUndefined', () => {
  it('drops undefined keys only', () => {
    assert.deepEqual(withoutUndefined({ a: 1, b: undefined, c: null, d: false }), {
      a: 1,
      c: null,
      d: false,
    });
  });
});
