// Real Hugging Face daily_papers responses from ../shared/data (SOURCE.md there), parsed with the
// project's own parser, plus the board each file should produce once loaded (for expected values).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PaperRecord } from '../../src/model/paper.js';
import { parseHfDailyPapers } from '../../src/sources/hf-daily.js';
import { sharedData } from '../helpers/paths.js';

export const HF_DAILY_DIR = join(sharedData, 'hf-papers-api/daily_papers/snap-0800utc_newsletter-chinese');

/** The fields of a raw HF item the tests compare against (the file holds more). */
export interface RawHfItem {
  paper: {
    id: string;
    title: string;
    summary: string;
    upvotes: number;
    publishedAt: string;
    submittedOnDailyAt?: string;
    authors: Array<{ _id: string; name: string; hidden: boolean }>;
    githubRepo?: string;
    githubStars?: number;
    ai_summary?: string;
    ai_keywords?: string[];
    submittedOnDailyBy?: { fullname: string; user: string; avatarUrl: string };
    githubRepoAddedBy?: string;
    ai_summary_model?: string;
    organization?: { _id: string; name: string; fullname: string; avatar?: string };
    mediaUrls?: string[];
    [key: string]: unknown;
  };
  publishedAt: string;
  title: string;
  thumbnail: string;
  numComments: number;
  submittedBy?: { name: string; fullname: string; avatarUrl: string };
  organization?: { _id: string; name: string; fullname: string; avatar?: string };
  [key: string]: unknown;
}

export function readHfText(date: string): string {
  return readFileSync(join(HF_DAILY_DIR, `${date}.json`), 'utf8');
}

export function readHfDay(date: string): RawHfItem[] {
  return JSON.parse(readHfText(date)) as RawHfItem[];
}

export function hfRecords(dates: string[]): PaperRecord[] {
  return dates.flatMap((date) => {
    const result = parseHfDailyPapers(readHfText(date), { boardDate: date });
    if (result.issues.length > 0) throw new Error(`${date}: ${JSON.stringify(result.issues)}`);
    return result.records;
  });
}

export const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

export interface ExpectedItem {
  date: string;
  raw: RawHfItem;
  /** Highest upvotes over all loaded days (the store keeps the maximum). */
  upvotes: number;
}

/**
 * What the board holds after loading these days: a paper is on the board once, on its earliest day
 * (model/stored-paper.ts mergeBoard), so a paper featured again later is absent from the later day.
 */
export function expectedBoard(dates: string[]): ExpectedItem[] {
  const byId = new Map<string, ExpectedItem>();
  for (const date of [...dates].sort()) {
    for (const raw of readHfDay(date)) {
      const seen = byId.get(raw.paper.id);
      if (seen) seen.upvotes = Math.max(seen.upvotes, raw.paper.upvotes);
      else byId.set(raw.paper.id, { date, raw, upvotes: raw.paper.upvotes });
    }
  }
  return [...byId.values()];
}

export function expectedOn(items: ExpectedItem[], from: string, to = from): ExpectedItem[] {
  return items.filter((i) => i.date >= from && i.date <= to);
}
