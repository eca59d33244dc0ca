// Paper id → matrix row, for the vector matrices whose rows map to papers by `rowPaper`. Hybrid search
// looks up its feedback papers and lexical candidates this way, and the similar-papers job each paper
// it refreshes; scanning `rowPaper` for them cost a pass over every row per lookup (~10 ms a query at
// 1M rows, and a pass per paper for the similar-papers job). Rows are only ever appended to one
// `rowPaper` array (a model switch or a grown buffer brings a new array), so the lookup for an array
// indexes the rows added since it last looked and is built at most once per array.

/** Ids above this are kept in a Map rather than an array indexed by id (4 bytes per possible id). */
const MAX_DENSE_ID = 1 << 24;

class RowLookup {
  #dense = new Int32Array(0);
  readonly #sparse = new Map<number, number>();
  #indexed = 0;

  constructor(private readonly rowPaper: Int32Array) {}

  /** The row of `paperId` among rows [0, rows): its newest, as a paper's row is reused when it changes. */
  rowOf(paperId: number, rows: number): number | undefined {
    if (rows < this.#indexed) return newestRowBelow(this.rowPaper, paperId, rows);
    this.#index(rows);
    const row = paperId >= 0 && paperId < this.#dense.length ? (this.#dense[paperId] as number) - 1 : -1;
    return row >= 0 ? row : this.#sparse.get(paperId);
  }

  #index(rows: number): void {
    for (let row = this.#indexed; row < rows; row++) {
      const paperId = this.rowPaper[row] as number;
      if (paperId >= 0 && paperId < MAX_DENSE_ID) {
        if (paperId >= this.#dense.length) this.#grow(paperId);
        this.#dense[paperId] = row + 1;
      } else {
        this.#sparse.set(paperId, row);
      }
    }
    this.#indexed = Math.max(this.#indexed, rows);
  }

  #grow(paperId: number): void {
    const grown = new Int32Array(Math.min(MAX_DENSE_ID, Math.max(1024, paperId + 1, this.#dense.length * 2)));
    grown.set(this.#dense);
    this.#dense = grown;
  }
}

function newestRowBelow(rowPaper: Int32Array, paperId: number, rows: number): number | undefined {
  for (let row = rows - 1; row >= 0; row--) if (rowPaper[row] === paperId) return row;
  return undefined;
}

const lookups = new WeakMap<Int32Array, RowLookup>();

/** The row holding `paperId`'s vector among the first `rows` rows of `rowPaper`, if any. */
export function rowOfPaper(rowPaper: Int32Array, rows: number, paperId: number): number | undefined {
  let lookup = lookups.get(rowPaper);
  if (!lookup) {
    lookup = new RowLookup(rowPaper);
    lookups.set(rowPaper, lookup);
  }
  return lookup.rowOf(paperId, rows);
}
