// The real 14k cs listing papers as a board: each placed on the first day the listing crawl saw it,
// with seeded synthetic upvotes. Used by bench:digest and bench:recs.

import { readdirSync, readFileSync } from 'node:fs';
import type { PaperRecord } from '../src/model/paper.js';
import { parseListingLine } from '../src/sources/listing.js';
import { sharedDataDir } from './paths.js';
import { seededRandom } from './synthetic-kaggle.js';

const listingDir = `${sharedDataDir}arxiv-listings-cs/daily-arxiv-ai-enhanced/dedup-shards/`;

/** The listing papers with a board day (the crawl's first sighting) and seeded synthetic upvotes. */
export function boardRecords(): PaperRecord[] {
  const random = seededRandom(11);
  const records: PaperRecord[] = [];
  for (const name of readdirSync(listingDir).sort()) {
    readFileSync(listingDir + name, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line) return;
        const dates = (JSON.parse(line) as { _listing_dates?: string[] })._listing_dates ?? [];
        const date = [...dates].sort()[0];
        if (!date) return;
        const record = parseListingLine(line, i + 1);
        // A few papers get many votes, most a handful or none: roughly what HF boards look like.
        const upvotes = Math.floor(random() ** 4 * 200);
        records.push({
          ...record,
          source: 'hf-daily',
          community: { upvotes, numComments: 0 },
          board: { date, submittedAt: `${date}T08:00:00Z` },
        });
      });
  }
  return records;
}

export function busiestDay(records: PaperRecord[]): string {
  const counts = new Map<string, number>();
  for (const r of records) if (r.board) counts.set(r.board.date, (counts.get(r.board.date) ?? 0) + 1);
  // A weekday, so the daily schedule sends that day.
  const weekdays = [...counts].filter(([d]) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()));
  return weekdays.sort((a, b) => b[1] - a[1])[0]?.[0] ?? '2026-06-30';
}
