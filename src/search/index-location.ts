// Where the live search index is: a folder holding generation files (`index-3.db`) and a `CURRENT`
// file naming the live one. A rebuild writes a new generation and then replaces CURRENT atomically
// (write + rename), so readers never see a half-built index and no open database is renamed over.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const CURRENT = 'CURRENT';

function generationOf(name: string): number {
  return Number(/^index-(\d+)\.db$/.exec(name)?.[1] ?? 0);
}

/** File name of the live generation, creating the folder and a first generation if needed. */
export function currentIndexFile(dir: string): string {
  mkdirSync(dir, { recursive: true });
  try {
    const name = readFileSync(join(dir, CURRENT), 'utf8').trim();
    if (generationOf(name) > 0) return join(dir, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  publishIndexFile(dir, 'index-1.db');
  return join(dir, 'index-1.db');
}

/** A file name for the next generation (not yet live). */
export function nextIndexFile(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const generations = readdirSync(dir).map(generationOf);
  return join(dir, `index-${Math.max(0, ...generations) + 1}.db`);
}

/** Makes `name` (a file in dir) the live generation. */
export function publishIndexFile(dir: string, name: string): void {
  const temporary = join(dir, `${CURRENT}.tmp`);
  writeFileSync(temporary, `${name}\n`);
  renameSync(temporary, join(dir, CURRENT));
}

/**
 * Deletes the generations older than the live one, which a published rebuild replaced. Safe while
 * servers still read them: CURRENT already names the new one, so no process opens an old one again
 * (IndexHandle never creates a generation CURRENT names), and on POSIX a connection that has the
 * file, its WAL and its shared-memory file open keeps reading them after they are unlinked, until it
 * follows CURRENT on its next query; a writer still on it gets SQLITE_READONLY_DBMOVED and follows
 * CURRENT on its next step. Newer, unpublished generations are left alone: another process may be
 * building one now. Called after publishing and when `serve` starts.
 */
export function removeReplacedIndexFiles(dir: string): string[] {
  const live = generationOf(basename(currentIndexFile(dir)));
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const generation = generationOf(name.replace(/-(wal|shm|journal)$/, ''));
    if (generation > 0 && generation < live) {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** Deletes generations other than the live one (leftovers of finished or crashed rebuilds). */
export function removeStaleIndexFiles(dir: string): string[] {
  const live = currentIndexFile(dir);
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const base = name.replace(/-(wal|shm|journal)$/, '');
    if (generationOf(base) > 0 && join(dir, base) !== live) {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
