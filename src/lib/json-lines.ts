// Streams the lines of a JSON-lines file in constant memory (multi-GB dumps), with line numbers and
// bytes read for progress bars. Knows nothing about the records; importers parse each line themselves.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface JsonLine {
  /** The line's text without its line break (LF or CRLF) or a leading byte-order mark. */
  line: string;
  /** 1-based physical line number, counting blank lines, so errors point at the right place. */
  lineNumber: number;
  /**
   * Bytes of the file read from disk so far. readline reads ahead, so this runs ahead of `line` by at
   * most a buffer or two (64 KiB each) and equals the file size at the end: good for a progress bar.
   */
  bytesRead: number;
}

export interface ReadJsonLinesOptions {
  /** Aborting stops the read and makes the generator throw an AbortError. */
  signal?: AbortSignal;
}

/** Yields each non-blank line of a file. Throws the fs error (ENOENT...) or AbortError. */
export async function* readJsonLines(
  path: string,
  opts: ReadJsonLinesOptions = {},
): AsyncGenerator<JsonLine> {
  const { signal } = opts;
  signal?.throwIfAborted();
  const stream = createReadStream(path, signal ? { signal } : {});
  // crlfDelay: Infinity treats a CR LF pair as one break even when a chunk boundary splits it.
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const raw of lines) {
      lineNumber += 1;
      signal?.throwIfAborted();
      const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      yield { line, lineNumber, bytesRead: stream.bytesRead };
    }
  } finally {
    // Also runs when the caller breaks out early: release the file handle.
    lines.close();
    stream.destroy();
  }
}

/** Size of a file in bytes, the denominator for a progress bar over readJsonLines' bytesRead. */
export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}
