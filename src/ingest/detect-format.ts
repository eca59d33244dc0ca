// Works out which source format a file holds from its name and first bytes, so
// `paperboard import <path>` needs no flag for the formats we know.

import { open } from 'node:fs/promises';

export type ImportFormat = 'hf-daily' | 'kaggle' | 'listing' | 'arxiv-atom' | 'oai-pmh';

export const importFormats: readonly ImportFormat[] = [
  'hf-daily',
  'kaggle',
  'listing',
  'arxiv-atom',
  'oai-pmh',
];

async function readHead(path: string, bytes = 4096): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

export class UnknownFormatError extends Error {
  override name = 'UnknownFormatError';
}

/** Classifies by content: XML root element, JSON array vs JSON lines and their keys. */
export function classifyHead(head: string, name: string): ImportFormat {
  const text = head.trimStart();
  if (text.startsWith('<')) {
    if (/<OAI-PMH[\s>]/.test(text)) return 'oai-pmh';
    if (/<feed[\s>]/.test(text)) return 'arxiv-atom';
    throw new UnknownFormatError(`${name}: XML that is neither an arXiv Atom feed nor an OAI-PMH response`);
  }
  if (text.startsWith('[') || /^\{\s*"(status|date|count|data)"/.test(text)) return 'hf-daily';
  if (text.startsWith('{')) {
    const firstLine = text.split('\n', 1)[0] ?? '';
    if (/"update_date"|"authors_parsed"|"versions"\s*:\s*\[\s*\{/.test(firstLine)) return 'kaggle';
    if (/"summary"/.test(firstLine) && /"categories"/.test(firstLine)) return 'listing';
  }
  throw new UnknownFormatError(
    `${name}: cannot tell the format from its content; pass --format (${importFormats.join(', ')})`,
  );
}

export async function detectFormat(path: string): Promise<ImportFormat> {
  return classifyHead(await readHead(path), path);
}
