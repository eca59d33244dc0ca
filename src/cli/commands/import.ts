// `paperboard import <path...>`: imports recorded/downloaded source files (HF daily JSON, Kaggle
// snapshot, daily listings, arXiv Atom, OAI-PMH XML) with a progress bar. Safe to re-run.

import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { migrateToLatest } from '../../db/migrate.js';
import { type ImportFormat, importFormats } from '../../ingest/detect-format.js';
import { type DownloadedInput, downloadInput, isUrl } from '../../ingest/download-input.js';
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

async function resolveInputs(inputs: string[]): Promise<{ paths: string[]; cleanup: () => void }> {
  const downloads: DownloadedInput[] = [];
  const paths: string[] = [];
  try {
    for (const input of inputs) {
      if (!isUrl(input)) {
        paths.push(input);
        continue;
      }
      const download = await downloadInput(input);
      downloads.push(download);
      paths.push(download.path);
    }
  } catch (error) {
    for (const d of downloads) d.remove();
    throw error;
  }
  return {
    paths,
    cleanup: () => {
      for (const d of downloads) d.remove();
    },
  };
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import papers from files, folders or URLs (format detected from content)')
    .argument('<inputs...>', 'files, folders, or http(s) URLs (e.g. an HF /api/daily_papers?date= URL)')
    .addOption(
      new Option('--format <format>', 'input format, when detection is not enough').choices(importFormats),
    )
    .option('--batch-size <n>', 'records per transaction', '2000')
    .action(async (inputs: string[], flags: ImportFlags) => {
      const batchSize = Number(flags.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new Error('--batch-size must be a positive integer');
      const ctx = createContext(configFrom(program));
      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const { paths, cleanup } = await resolveInputs(inputs);
      const failed: string[] = [];
      try {
        await migrateToLatest(ctx.database.db, ctx.database.dialect);
        for (const [i, path] of paths.entries()) {
          const bar = createProgressBar(await totalBytes([path]), 'records');
          const started = performance.now();
          const summary = await importPath(path, {
            database: ctx.database,
            log: ctx.log,
            batchSize,
            workers: ctx.config.importWorkers,
            signal: controller.signal,
            ...(flags.format ? { format: flags.format } : {}),
            onProgress: (p) => bar.update(p.bytesRead, { records: p.records }),
          }).finally(() => bar.stop());
          const seconds = (performance.now() - started) / 1000;
          failed.push(...summary.failedFiles);
          ctx.log.info(
            {
              input: inputs[i],
              ...summary,
              duration_ms: Math.round(seconds * 1000),
              papers_per_s: Math.round(summary.read / seconds),
            },
            'import finished',
          );
        }
      } finally {
        cleanup();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await ctx.database.close();
      }
      if (failed.length > 0)
        throw new Error(`${failed.length} file(s) could not be read: ${failed.join(', ')}`);
    });
}
