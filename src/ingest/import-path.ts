// `paperboard import`: reads recorded or downloaded source files (a file or a folder of them),
// parses them with the pure parsers and writes through BatchUpserter. Safe to re-run.
// JSON-lines inputs stream in constant memory; whole-document formats are read one file at a time.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DatabaseHandle } from '../db/connection.js';
import { readJsonLines } from '../lib/json-lines.js';
import type { Logger } from '../lib/logger.js';
import { type PaperRecord, type ParseResult, SourceFormatError } from '../model/paper.js';
import { parseArxivAtom } from '../sources/arxiv-atom.js';
import { boardDateFromFileName, parseHfDailyPapers } from '../sources/hf-daily.js';
import { parseKaggleLine } from '../sources/kaggle-snapshot.js';
import { parseListingLine } from '../sources/listing.js';
import { parseOaiPmh } from '../sources/oai-pmh.js';
import { RecordError } from '../sources/text-util.js';
import { BatchUpserter, type IngestTotals } from './batch-upserter.js';
import { detectFormat, type ImportFormat, UnknownFormatError } from './detect-format.js';

export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  records: number;
}

export interface ImportOptions {
  database: DatabaseHandle;
  log: Logger;
  format?: ImportFormat;
  batchSize?: number;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportSummary extends IngestTotals {
  files: number;
  /** Files of a folder that could not be read as a whole (named in the log), the others imported. */
  failedFiles: string[];
}

/** Files to import under a path: the file itself, or a folder's data files in name order. */
export async function listInputFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => /\.(json|jsonl|xml|atom)$/i.test(n)).sort();
  return names.map((n) => join(path, n));
}

export async function importPath(path: string, options: ImportOptions): Promise<ImportSummary> {
  const files = await listInputFiles(path);
  // One sink for the whole folder: batches span files, so 580 small daily files cost a few
  // transactions instead of 580.
  const sink = new BatchUpserter({
    database: options.database,
    log: options.log,
    batchSize: options.batchSize,
    now: options.now,
    inputName: path,
  });
  const failedFiles: string[] = [];
  for (const file of files) {
    options.signal?.throwIfAborted();
    const before = { ...sink.totals };
    try {
      await importFile(file, sink, options);
    } catch (error) {
      if (!(error instanceof SourceFormatError || error instanceof UnknownFormatError)) throw error;
      // What was read before the broken file is kept; the broken file contributes nothing.
      await sink.flush();
      if (files.length === 1) throw error;
      options.log.error({ input: file, err: error.message }, 'file skipped: not a readable source document');
      failedFiles.push(file);
      continue;
    }
    options.log.info({ input: file, ...difference(sink.totals, before) }, 'read file');
  }
  await sink.flush();
  options.log.info(
    { input: path, files: files.length, failed_files: failedFiles.length, ...sink.totals },
    'imported',
  );
  return { ...sink.totals, files: files.length, failedFiles };
}

function difference(after: IngestTotals, before: IngestTotals): IngestTotals {
  return {
    read: after.read - before.read,
    inserted: after.inserted - before.inserted,
    updated: after.updated - before.updated,
    unchanged: after.unchanged - before.unchanged,
    skipped: after.skipped - before.skipped,
  };
}

async function importFile(file: string, sink: BatchUpserter, options: ImportOptions): Promise<void> {
  const format = options.format ?? (await detectFormat(file));
  sink.inputName = file;
  if (format === 'kaggle' || format === 'listing') {
    await streamLines(file, format, sink, options);
  } else {
    await importDocument(file, format, sink, options);
  }
}

// A daily listing file named by its date (raw-daily/2026-06-30.jsonl) says which day arXiv announced
// those papers: they go on that day's board as an automatic placement.
function listingPlacement(file: string): PaperRecord['board'] {
  const date = boardDateFromFileName(file);
  return date ? { date, submittedBy: 'arXiv listing' } : undefined;
}

async function streamLines(
  file: string,
  format: 'kaggle' | 'listing',
  sink: BatchUpserter,
  options: ImportOptions,
): Promise<void> {
  const totalBytes = (await stat(file)).size;
  const parse = format === 'kaggle' ? parseKaggleLine : parseListingLine;
  const board = format === 'listing' ? listingPlacement(file) : undefined;
  let lastReport = 0;
  const lineOptions = options.signal ? { signal: options.signal } : {};
  for await (const { line, lineNumber, bytesRead } of readJsonLines(file, lineOptions)) {
    try {
      const record = parse(line, lineNumber);
      await sink.add(board ? { ...record, board } : record);
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      sink.skip(error.toIssue());
    }
    if (options.onProgress && (bytesRead - lastReport > 1 << 20 || bytesRead === totalBytes)) {
      lastReport = bytesRead;
      options.onProgress({ file, bytesRead, totalBytes, records: sink.totals.read });
    }
  }
  options.onProgress?.({ file, bytesRead: totalBytes, totalBytes, records: sink.totals.read });
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
  const parsed: unknown = JSON.parse(text);
  if (parsed && typeof parsed === 'object' && 'body' in parsed && typeof parsed.body === 'string') {
    return parsed.body;
  }
  return text;
}

async function importDocument(
  file: string,
  format: ImportFormat,
  sink: BatchUpserter,
  options: ImportOptions,
): Promise<void> {
  const text = await readFile(file, 'utf8');
  // A broken document throws here, before anything from it is written.
  const { records, issues } = parseDocument(text, format, file);
  for (const issue of issues) sink.skip(issue);
  for (const record of records) await sink.add(record);
  options.onProgress?.({
    file: basename(file),
    bytesRead: text.length,
    totalBytes: text.length,
    records: records.length,
  });
}
