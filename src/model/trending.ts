// The trending rank: Reddit's "hot" formula (A. Salihefendic, "How Reddit ranking algorithms work",
// 2010) with a time scale for papers:
//
//   score = log10(max(upvotes, 1)) + (placedAt − 2020-01-01T00:00Z) / 2 days
//
// Newer papers get a higher base rather than older ones decaying, so a score never changes unless
// its paper's upvotes do: it is computed when a paper is written and stored, and the trending board
// is an index scan — no job rewrites scores as time passes. Every two days of recency weigh as much
// as ten times the upvotes: a paper placed on Tuesday outranks Sunday's with fewer than 10× its votes.

export const TRENDING_EPOCH_MS = Date.UTC(2020, 0, 1);
export const TRENDING_TIME_SCALE_SECONDS = 2 * 86_400;

export interface TrendingExplanation {
  upvotes: number;
  placedAt: string;
  /** log10(max(upvotes, 1)) */
  voteTerm: number;
  /** Seconds from the epoch to the placement, over the time scale. */
  timeTerm: number;
  score: number;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function explainTrending(upvotes: number, placedAt: string): TrendingExplanation {
  const voteTerm = Math.log10(Math.max(upvotes, 1));
  const timeTerm = (Date.parse(placedAt) - TRENDING_EPOCH_MS) / 1000 / TRENDING_TIME_SCALE_SECONDS;
  return {
    upvotes,
    placedAt,
    voteTerm: round6(voteTerm),
    timeTerm: round6(timeTerm),
    score: round6(voteTerm + timeTerm),
  };
}

export function trendingScore(upvotes: number, placedAt: string): number {
  return explainTrending(upvotes, placedAt).score;
}

/** When a board placement happened: its submission time, else the start of its board day (UTC). */
export function placementTime(board: { date: string; submittedAt?: string | undefined }): string {
  return board.submittedAt ?? `${board.date}T00:00:00.000Z`;
}
