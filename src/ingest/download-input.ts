// `paperboard import https://…`: fetches a remote source document (e.g. Hugging Face
// `/api/daily_papers?date=2026-08-21`) into a temporary file so it takes the same path as local
// files. The board date comes from a `date=` parameter when the URL has one.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceFormatError } from '../model/paper.js';

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

export interface DownloadedInput {
  path: string;
  remove(): void;
}

/** Downloads a URL to a temp file named so format detection and board dates work as for files. */
export async function downloadInput(
  url: string,
  options: { timeoutMs?: number } = {},
): Promise<DownloadedInput> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    headers: {
      'user-agent': 'Paperboard (+https://github.com/paperboard)',
      accept: 'application/json, application/xml, */*',
    },
  });
  if (!response.ok) throw new SourceFormatError(`${url}: HTTP ${response.status} ${response.statusText}`);
  const body = await response.text();
  const date = /[?&]date=(\d{4}-\d{2}-\d{2})/.exec(url)?.[1];
  const dir = mkdtempSync(join(tmpdir(), 'paperboard-import-'));
  const path = join(dir, date ? `${date}.json` : 'download');
  writeFileSync(path, body);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
