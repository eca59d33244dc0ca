// Reads one source file of any known format and yields its parsed records in batches: JSON lines
// are streamed (constant memory), whole documents (HF daily JSON, Atom, OAI-PMH) are parsed first,
// so a broken document throws before any of its records is yielded. Runs inside the parse worker.

import { readFile } from 'node:fs/promises';
import { readJsonLines } from '../lib/json-lines.js';
import type { PaperRecord, ParseResult, RecordIssue } from '../model/paper.js';
import { parseArxivAtom } from '../sources/arxiv-atom.js';
import { boardDateFromFileName, parseHfDailyPapers } from '../sources/hf-daily.js';
import { parseKaggleLine } from '../sources/kaggle-snapshot.js';
import { parseListingLine } from '../sources/listing.js';
import { parseOaiPmh } from '../sources/oai-pmh.js';
import { RecordError } from '../sources/text-util.js';
import { detectFormat, type ImportFormat } from './detect-format.js';

export interface ParsedBatch {
  records: PaperRecord[];
  issues: RecordIssue[];
  /** Bytes of the file consumed so far, for progress bars. */
  bytesRead: number;
}

const BATCH = 1000;

/**
 * A share of a JSON-lines file for one of `count` parallel importers: runs of SHARE_LINES lines
 * dealt out in turn, so every share sees old and new parts of a dump alike.
 */
export interface LineShare {
  index: number;
  count: number;
}
const SHARE_LINES = 1000;

function ownsLine(share: LineShare): (lineNumber: number) => boolean {
  return (lineNumber) => Math.floor((lineNumber - 1) / SHARE_LINES) % share.count === share.index;
}

// A daily listing file named by its date (raw-daily/2026-06-30.jsonl) says which day arXiv announced
// those papers: they go on that day's board as an automatic placement.
function listingPlacement(file: string): PaperRecord['board'] {
  const date = boardDateFromFileName(file);
  return date ? { date, submittedBy: 'arXiv listing' } : undefined;
}

async function* readLines(
  file: string,
  format: 'kaggle' | 'listing',
  share?: LineShare,
): AsyncGenerator<ParsedBatch> {
  const parse = format === 'kaggle' ? parseKaggleLine : parseListingLine;
  const board = format === 'listing' ? listingPlacement(file) : undefined;
  let batch: ParsedBatch = { records: [], issues: [], bytesRead: 0 };
  const lines = readJsonLines(file, share && share.count > 1 ? { owns: ownsLine(share) } : {});
  for await (const { line, lineNumber, bytesRead } of lines) {
    batch.bytesRead = bytesRead;
    try {
      const record = parse(line, lineNumber);
      batch.records.push(board ? { ...record, board } : record);
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      batch.issues.push(error.toIssue());
    }
    if (batch.records.length + batch.issues.length >= BATCH) {
      yield batch;
      batch = { records: [], issues: [], bytesRead };
    }
  }
  yield batch;
}

function parseDocument(text: string, format: ImportFormat, file: string): ParseResult {
  switch (format) {
    case 'hf-daily': {
      const boardDate = boardDateFromFileName(file);
      return parseHfDailyPapers(text, boardDate ? { boardDate } : {});
    }
    case 'arxiv-atom':
      return parseArxivAtom(unwrapRecordedExchange(text));
    case 'oai-pmh':
      return parseOaiPmh(text);
    default:
      throw new Error(`${format} is a line format`);
  }
}

// Recorded exchanges from client test suites wrap the body as {"url","status_code","body"}.
function unwrapRecordedExchange(text: string): string {
  if (!text.trimStart().startsWith('{')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && 'body' in parsed && typeof parsed.body === 'string') {
      return parsed.body;
    }
  } catch {
    // Not JSON after all: let the Atom parser report what the text is.
  }
  return text;
}

/** Line formats can be read in shares; a whole document is read by whoever is given it. */
export function isLineFormat(format: ImportFormat): format is 'kaggle' | 'listing' {
  return format === 'kaggle' || format === 'listing';
}

export async function* readSourceFile(
  file: string,
  format?: ImportFormat,
  share?: LineShare,
): AsyncGenerator<ParsedBatch> {
  const resolved = format ?? (await detectFormat(file));
  if (isLineFormat(resolved)) {
    yield* readLines(file, resolved, share);
    return;
  }
  const text = await readFile(file, 'utf8');
  const { records, issues } = parseDocument(text, resolved, file);
  const bytesRead = Buffer.byteLength(text);
  for (let i = 0; i < Math.max(records.length, 1); i += BATCH) {
    yield { records: records.slice(i, i + BATCH), issues: i === 0 ? issues : [], bytesRead };
  }
}
