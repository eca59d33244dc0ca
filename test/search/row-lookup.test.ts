// Paper id → matrix row: the same answers as a scan of `rowPaper`, as rows are appended to one array,
// for ids past the dense range, for rows counts below what was indexed, and deleted rows left out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rowOfPaper } from '../../src/search/semantic/row-lookup.js';
import { rowsOfPapers } from '../../src/search/semantic/vector-feedback.js';

function scanRow(rowPaper: Int32Array, rows: number, paperId: number): number | undefined {
  for (let row = rows - 1; row >= 0; row--) if (rowPaper[row] === paperId) return row;
  return undefined;
}

describe('row lookup', () => {
  it('answers as a scan does while rows are appended, past the dense range too', () => {
    const rowPaper = new Int32Array(64);
    const ids = [7, 3, 5000, 2 ** 30, 12, 9, 2 ** 24 + 1, 1];
    ids.forEach((id, row) => {
      rowPaper[row] = id;
    });
    for (let rows = 0; rows <= ids.length; rows++) {
      for (const id of [...ids, 4, 2 ** 29]) {
        assert.equal(rowOfPaper(rowPaper, rows, id), scanRow(rowPaper, rows, id), `id ${id} in ${rows} rows`);
      }
    }
    // Asked again with fewer rows than it has indexed (an older snapshot): still the scan's answer.
    assert.equal(rowOfPaper(rowPaper, 2, 5000), undefined);
    assert.equal(rowOfPaper(rowPaper, 3, 5000), 2);
  });

  it('gives the rows of papers in their order, leaving out deleted rows and papers without one', () => {
    const rowPaper = Int32Array.from([10, 20, 30, 40]);
    const deleted = new Uint8Array(1);
    deleted[0] = 1 << 2; // row 2 (paper 30) withdrawn
    assert.deepEqual(rowsOfPapers(rowPaper, 4, [40, 30, 99, 10], deleted), [3, 0]);
    assert.deepEqual(rowsOfPapers(rowPaper, 4, [30, 20]), [2, 1]);
  });
});
