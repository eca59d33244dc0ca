import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'node:test';
import { listChangesSince } from '../../src/store/changes.js';
import { countPapers } from '../../src/store/paper-reads.js';
import { repoRoot } from '../helpers/paths.js';
import { createTestDatabase } from '../helpers/test-db.js';

function runWriter(path: string, prefix: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'test/helpers/concurrent-writer.ts'), path, prefix],
      {
        cwd: repoRoot,
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

it('two processes importing into one SQLite file at once both succeed (no SQLITE_BUSY_SNAPSHOT)', async () => {
  const t = await createTestDatabase('sqlite');
  try {
    const results = await Promise.all([
      runWriter(t.url, '2501'),
      runWriter(t.url, '2502'),
      runWriter(t.url, '2503'),
    ]);
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    assert.equal(await countPapers(t.db), 3 * 60 * 25);
    const revisions = (await listChangesSince(t.db, 0, 10_000)).map((c) => c.revision);
    assert.equal(revisions.length, 3 * 60 * 25);
    assert.deepEqual(
      revisions,
      [...revisions].sort((a, b) => a - b),
    );
  } finally {
    await t.destroy();
  }
});
