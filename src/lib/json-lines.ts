// Streams the lines of a JSON-lines file in constant memory (multi-GB dumps), with line numbers and
// bytes read for progress bars. Knows nothing about the records; importers parse each line themselves.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface JsonLine {
  /** The line's text without its line break (LF or CRLF) or a leading byte-order mark. */
  line: string;
  /** 1-based physical line number, counting blank lines, so errors point at the right place. */
  lineNumber: number;
  /**
   * Bytes of the file read from disk so far. Reads run a chunk (256 KiB) ahead of `line`, and this
   * equals the file size at the end: good for a progress bar.
   */
  bytesRead: number;
}

export interface ReadJsonLinesOptions {
  /** Aborting stops the read and makes the generator throw an AbortError. */
  signal?: AbortSignal;
  /**
   * Which lines the caller wants, by line number: the others are counted but never decoded, so
   * several readers can share one file (each owning some lines) for little more than one read.
   */
  owns?: (lineNumber: number) => boolean;
}

const LF = 0x0a;
const CR = 0x0d;

/** Yields each non-blank line of a file. Throws the fs error (ENOENT...) or AbortError. */
export async function* readJsonLines(
  path: string,
  opts: ReadJsonLinesOptions = {},
): AsyncGenerator<JsonLine> {
  const { signal, owns } = opts;
  signal?.throwIfAborted();
  // Lines are cut at LF bytes and decoded whole: a UTF-8 sequence never contains 0x0A, so
  // multi-byte characters split across chunks come out intact.
  const stream = createReadStream(path, { highWaterMark: 1 << 18, ...(signal ? { signal } : {}) });
  let carry: Buffer | undefined;
  let lineNumber = 0;
  let bytesRead = 0;
  const decode = (bytes: Buffer, start: number, end: number): JsonLine | undefined => {
    lineNumber += 1;
    if (owns && !owns(lineNumber)) return undefined;
    const stop = end > start && bytes[end - 1] === CR ? end - 1 : end;
    const text = bytes.toString('utf8', start, stop);
    const line = lineNumber === 1 ? text.replace(/^\uFEFF/, '') : text;
    return line.trim() === '' ? undefined : { line, lineNumber, bytesRead };
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      bytesRead += chunk.length;
      const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      for (let end = bytes.indexOf(LF); end !== -1; end = bytes.indexOf(LF, start)) {
        const entry = decode(bytes, start, end);
        start = end + 1;
        if (!entry) continue;
        signal?.throwIfAborted();
        yield entry;
      }
      carry = start < bytes.length ? bytes.subarray(start) : undefined;
    }
    if (carry) {
      const entry = decode(carry, 0, carry.length);
      if (entry) yield entry;
    }
  } finally {
    // Also runs when the caller breaks out early: release the file handle.
    stream.destroy();
  }
}

/** Size of a file in bytes, the denominator for a progress bar over readJsonLines' bytesRead. */
export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}
