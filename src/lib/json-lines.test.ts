import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sharedData } from '../../test/helpers/paths.js';
import { fileSize, type JsonLine, readJsonLines } from './json-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'json-lines-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function fileWith(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function collect(path: string, signal?: AbortSignal): Promise<JsonLine[]> {
  const out: JsonLine[] = [];
  for await (const entry of readJsonLines(path, { signal })) out.push(entry);
  return out;
}

const kagglePath = join(sharedData, 'arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.first200.jsonl');

describe('readJsonLines', () => {
  it('reads the 200-line Kaggle sample; bytesRead ends at the file size', async () => {
    const lines = await collect(kagglePath);
    assert.equal(lines.length, 200);
    assert.deepEqual(
      lines.map((l) => l.lineNumber),
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    assert.ok(lines[0]?.line.startsWith('{"id":"0704.0001","submitter":"Pavel Nadolsky"'));
    assert.ok(lines[199]?.line.startsWith('{"id":"0704.0200"'));
    assert.equal(await fileSize(kagglePath), 287303);
    assert.equal(lines.at(-1)?.bytesRead, 287303);
  });

  it('skips blank and whitespace-only lines but keeps physical line numbers', async () => {
    const path = fileWith('blank.jsonl', '\n{"a":1}\n\n   \n{"a":2}\n\t\n');
    assert.deepEqual(
      (await collect(path)).map(({ line, lineNumber }) => [lineNumber, line]),
      [
        [2, '{"a":1}'],
        [5, '{"a":2}'],
      ],
    );
  });

  it('strips CRLF line breaks and a byte-order mark', async () => {
    const path = fileWith('crlf.jsonl', '\uFEFF{"a":1}\r\n{"b":"x"}\r\n\r\n{"c":3}\r\n');
    assert.deepEqual(
      (await collect(path)).map(({ line, lineNumber }) => [lineNumber, line]),
      [
        [1, '{"a":1}'],
        [2, '{"b":"x"}'],
        [4, '{"c":3}'],
      ],
    );
  });

  it('yields a last line without a line break, truncated or not', async () => {
    const path = fileWith('truncated.jsonl', '{"a":1}\n{"a":2,"b":');
    const lines = await collect(path);
    assert.deepEqual(
      lines.map((l) => l.line),
      ['{"a":1}', '{"a":2,"b":'],
    );
    assert.equal(lines[1]?.lineNumber, 2);
    assert.equal(lines[1]?.bytesRead, 19);
  });

  it('an empty file yields nothing', async () => {
    assert.deepEqual(await collect(fileWith('empty.jsonl', '')), []);
  });

  it('streams a multi-chunk file: bytesRead grows, multi-byte characters survive chunk boundaries', async () => {
    const count = 30_000;
    const body = Array.from({ length: count }, (_, i) =>
      JSON.stringify({ i, name: 'Hinrich Schütze — 漢字' }),
    );
    const path = fileWith('big.jsonl', `${body.join('\n')}\n`);
    const size = await fileSize(path);
    assert.ok(size > 1_000_000);
    let previous = 0;
    let first = 0;
    let n = 0;
    for await (const { line, lineNumber, bytesRead } of readJsonLines(path)) {
      n += 1;
      if (n === 1) first = bytesRead;
      assert.ok(bytesRead >= previous && bytesRead <= size);
      previous = bytesRead;
      assert.equal(line, body[lineNumber - 1]);
    }
    assert.equal(n, count);
    assert.ok(first < size / 2, `first bytesRead ${first} should be far below ${size}`);
    assert.equal(previous, size);
  });

  it('readers owning complementary lines see every line once, with the same line numbers', async () => {
    const body = Array.from({ length: 2_500 }, (_, i) => JSON.stringify({ i, s: 'ü'.repeat(i % 50) }));
    const path = fileWith('shared.jsonl', `${body.join('\n')}\n`);
    const shares = await Promise.all(
      [0, 1, 2].map(async (index) => {
        const seen: JsonLine[] = [];
        for await (const entry of readJsonLines(path, {
          owns: (n) => Math.floor((n - 1) / 100) % 3 === index,
        }))
          seen.push(entry);
        return seen;
      }),
    );
    assert.deepEqual(
      shares.map((lines) => lines.length),
      [900, 800, 800],
    );
    const all = shares.flat().sort((a, b) => a.lineNumber - b.lineNumber);
    assert.deepEqual(
      all.map((l) => l.line),
      body,
    );
    assert.ok(shares[1]?.every((l) => Math.floor((l.lineNumber - 1) / 100) % 3 === 1));
  });

  it('stops cleanly when the caller breaks out early', async () => {
    let seen = 0;
    for await (const _ of readJsonLines(kagglePath)) {
      seen += 1;
      if (seen === 3) break;
    }
    assert.equal(seen, 3);
    // The file can be read again from the start.
    const again = await collect(kagglePath);
    assert.equal(again.length, 200);
  });

  it('throws AbortError when aborted before or during the read', async () => {
    await assert.rejects(collect(kagglePath, AbortSignal.abort()), { name: 'AbortError' });
    const controller = new AbortController();
    let seen = 0;
    await assert.rejects(
      (async () => {
        for await (const _ of readJsonLines(kagglePath, { signal: controller.signal })) {
          seen += 1;
          if (seen === 5) controller.abort();
        }
      })(),
      { name: 'AbortError' },
    );
    assert.equal(seen, 5);
  });

  it('a missing file rejects with ENOENT', async () => {
    await assert.rejects(collect(join(dir, 'missing.jsonl')), { code: 'ENOENT' });
    await assert.rejects(fileSize(join(dir, 'missing.jsonl')), { code: 'ENOENT' });
  });
});
