// A reader puts a paper on today's board by arXiv id or URL. Metadata comes from the store when the
// paper is known (the store is the cache) and from the arXiv API otherwise, through the polite
// client. A paper already placed by a person points to that entry instead; readers' submissions
// are limited to recent papers and a few a day, like Hugging Face's (admins are exempt). The arXiv
// lookup is bounded (`lookupTimeoutMs`): a reader waiting on a form gets "arXiv did not answer" in
// seconds, where the batch jobs' patient retries would keep them a minute.

import type { DatabaseHandle } from '../db/connection.js';
import { parseArxivId } from '../model/arxiv-id.js';
import type { PaperRecord } from '../model/paper.js';
import { isExplicitPlacement, recordOf } from '../model/stored-paper.js';
import { HttpUnavailableError } from '../sources/polite-http.js';
import { countSubmissions, getPaper } from '../store/paper-reads.js';
import { upsertPapers } from '../store/paper-writes.js';
import type { User } from '../store/users.js';

export interface ArxivLookup {
  fetchByIds(ids: string[]): Promise<{ records: PaperRecord[] }>;
}

export interface SubmitDeps {
  database: DatabaseHandle;
  arxiv: ArxivLookup;
  now: Date;
  maxAgeDays: number;
  dailyLimit: number;
  /** Longest wait for arXiv's answer, queueing behind other requests included (config.submitArxivTimeoutMs). */
  lookupTimeoutMs: number;
}

export type SubmitOutcome =
  | { kind: 'placed'; arxivId: string; boardDate: string }
  | { kind: 'duplicate'; arxivId: string; boardDate: string }
  | { kind: 'refused'; status: 400 | 404 | 429 | 503 | 504; message: string };

export async function submitPaper(deps: SubmitDeps, user: User, input: string): Promise<SubmitOutcome> {
  const parsed = parseArxivId(input);
  if (!parsed) {
    return {
      kind: 'refused',
      status: 400,
      message: `“${input.trim().slice(0, 80)}” is not an arXiv id or URL (e.g. 2401.12345, arxiv.org/abs/2401.12345v2).`,
    };
  }
  const db = deps.database.db;
  const existing = await getPaper(db, parsed.id);
  if (existing?.board && isExplicitPlacement(existing.board)) {
    return { kind: 'duplicate', arxivId: parsed.id, boardDate: existing.board.date };
  }
  const today = deps.now.toISOString().slice(0, 10);
  if (!user.isAdmin && (await countSubmissions(db, user.username, today)) >= deps.dailyLimit) {
    return {
      kind: 'refused',
      status: 429,
      message: `You have submitted ${deps.dailyLimit} papers today, the daily limit. Come back tomorrow.`,
    };
  }
  let record: PaperRecord | undefined;
  if (existing) record = recordOf(existing, 'submission');
  else {
    const lookup = await lookUpOnArxiv(deps, parsed.id);
    if ('refused' in lookup) return lookup.refused;
    record = lookup.record;
    if (!record) return { kind: 'refused', status: 404, message: `arXiv has no paper arXiv:${parsed.id}.` };
  }
  const published = record.publishedAt ?? record.versions?.[0]?.submittedAt;
  const ageDays = published ? (deps.now.getTime() - Date.parse(published)) / 86_400_000 : 0;
  if (!user.isAdmin && ageDays > deps.maxAgeDays) {
    return {
      kind: 'refused',
      status: 400,
      message: `arXiv:${parsed.id} was first published on ${published?.slice(0, 10)}, more than ${deps.maxAgeDays} days ago; the board is for new papers (admins can add older ones).`,
    };
  }
  await upsertPapers(
    deps.database,
    [
      {
        ...record,
        source: 'submission',
        board: { date: today, submittedBy: user.username, submittedAt: deps.now.toISOString() },
      },
    ],
    deps.now.toISOString(),
  );
  return { kind: 'placed', arxivId: parsed.id, boardDate: today };
}

class LookupTimeout extends Error {}

/** arXiv's record of one id within the deadline; a refusal (503 unreachable, 504 no answer) otherwise. */
async function lookUpOnArxiv(
  deps: SubmitDeps,
  arxivId: string,
): Promise<{ record: PaperRecord | undefined } | { refused: SubmitOutcome }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LookupTimeout()), deps.lookupTimeoutMs);
  });
  try {
    const answer = await Promise.race([deps.arxiv.fetchByIds([arxivId]), deadline]);
    return { record: answer.records.find((r) => r.arxivId === arxivId) };
  } catch (error) {
    const isTimeout =
      error instanceof LookupTimeout || (error instanceof HttpUnavailableError && error.reason === 'timeout');
    const refused: SubmitOutcome = isTimeout
      ? { kind: 'refused', status: 504, message: 'arXiv did not answer; try again in a minute.' }
      : {
          kind: 'refused',
          status: 503,
          message: 'arXiv could not be reached just now; try again in a minute.',
        };
    return { refused };
  } finally {
    clearTimeout(timer);
  }
}

/** The error code a refusal answers with, in JSON (the API and `/submit` asked for JSON). */
export function refusalCode(
  status: 400 | 404 | 429 | 503 | 504,
): 'invalid' | 'not_found' | 'rate_limited' | 'unavailable' {
  if (status === 400) return 'invalid';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  return 'unavailable';
}
