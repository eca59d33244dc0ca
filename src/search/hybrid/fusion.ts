// Score fusion for hybrid search: the union of a lexical and a semantic candidate list, each list's
// scores min-max normalised to [0, 1] over that list, combined as a weighted sum. Pure; called by
// hybrid-search.ts. Why min-max sums and not reciprocal rank fusion: RRF throws away how far ahead
// the best lexical matches are, and with LSA vectors it lowered nDCG@10 on both dev collections.

export interface ScoredId {
  id: number;
  /** Higher is better. */
  score: number;
}

export interface FusionOptions {
  /** Weight of the lexical list; the semantic list gets 1 − lexicalWeight. */
  lexicalWeight: number;
}

export interface FusedHit {
  id: number;
  score: number;
  /** Normalised score in each list; 0 where the list did not retrieve it (its worst candidate's value). */
  lexical: number;
  semantic: number;
}

/**
 * A ranked list's scores made to fall down its order: each paper scores at most what the paper before
 * it does. The keyword ranking puts papers with every word first, so a paper with only some of them
 * can outscore one ranked above it; capped, min-max normalising keeps the keyword order.
 */
export function monotoneDown(ranked: readonly ScoredId[]): ScoredId[] {
  let cap = Number.POSITIVE_INFINITY;
  return ranked.map(({ id, score }) => {
    cap = Math.min(cap, score);
    return { id, score: cap };
  });
}

/** Scores mapped onto [0, 1] by (s − min) / (max − min); a list whose scores are all equal maps to 1. */
export function minMaxNormalise(list: readonly ScoredId[]): Map<number, number> {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const { score } of list) {
    min = Math.min(min, score);
    max = Math.max(max, score);
  }
  const span = max - min;
  return new Map(list.map(({ id, score }) => [id, span > 0 ? (score - min) / span : 1]));
}

/**
 * Fused candidates, best first. Equal scores keep the lexical list's order (so at lexicalWeight 1 the
 * fused list is the lexical list), then lower id (the keyword engine's tie order).
 */
export function fuseScores(
  lexical: readonly ScoredId[],
  semantic: readonly ScoredId[],
  options: FusionOptions,
): FusedHit[] {
  const w = options.lexicalWeight;
  if (!(w >= 0 && w <= 1)) throw new RangeError(`lexicalWeight must be within [0, 1], got ${w}`);
  const lex = minMaxNormalise(lexical);
  const sem = minMaxNormalise(semantic);
  const ids = new Set<number>([...lex.keys(), ...sem.keys()]);
  const fused: FusedHit[] = [];
  for (const id of ids) {
    const l = lex.get(id) ?? 0;
    const s = sem.get(id) ?? 0;
    fused.push({ id, score: w * l + (1 - w) * s, lexical: l, semantic: s });
  }
  const lexicalRank = new Map(lexical.map(({ id }, i) => [id, i]));
  const rankOf = (id: number) => lexicalRank.get(id) ?? lexical.length;
  return fused.sort((a, b) => b.score - a.score || rankOf(a.id) - rankOf(b.id) || a.id - b.id);
}
