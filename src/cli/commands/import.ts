// `paperboard import <path...>`: imports recorded/downloaded source files (HF daily JSON, Kaggle
// snapshot, daily listings, arXiv Atom, OAI-PMH XML) with a progress bar. Safe to re-run.

import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { migrateToLatest } from '../../db/migrate.js';
import { type ImportFormat, importFormats } from '../../ingest/detect-format.js';
import { importPath, listInputFiles } from '../../ingest/import-path.js';
import { createContext } from '../context.js';
import { configFrom } from '../program.js';
import { createProgressBar } from '../progress.js';

interface ImportFlags {
  format?: ImportFormat;
  batchSize: string;
}

async function totalBytes(paths: string[]): Promise<number> {
  let total = 0;
  for (const path of paths) for (const file of await listInputFiles(path)) total += (await stat(file)).size;
  return total;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import papers from files or folders (format detected from content)')
    .argument('<paths...>', 'files or folders to import')
    .addOption(
      new Option('--format <format>', 'input format, when detection is not enough').choices(importFormats),
    )
    .option('--batch-size <n>', 'records per transaction', '2000')
    .action(async (paths: string[], flags: ImportFlags) => {
      const batchSize = Number(flags.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new Error('--batch-size must be a positive integer');
      const ctx = createContext(configFrom(program));
      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const bar = createProgressBar(await totalBytes(paths), 'records');
      try {
        await migrateToLatest(ctx.database.db, ctx.database.dialect);
        let doneBytes = 0;
        let doneRecords = 0;
        const started = performance.now();
        for (const path of paths) {
          const summary = await importPath(path, {
            database: ctx.database,
            log: ctx.log,
            batchSize,
            signal: controller.signal,
            ...(flags.format ? { format: flags.format } : {}),
            onProgress: (p) => bar.update(doneBytes + p.bytesRead, { records: doneRecords + p.records }),
          });
          doneBytes = await totalBytes(paths.slice(0, paths.indexOf(path) + 1));
          doneRecords += summary.read;
          const seconds = (performance.now() - started) / 1000;
          bar.stop();
          ctx.log.info(
            {
              input: path,
              ...summary,
              duration_ms: Math.round(seconds * 1000),
              papers_per_s: Math.round(doneRecords / seconds),
            },
            'import finished',
          );
        }
      } finally {
        bar.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await ctx.database.close();
      }
    });
}
