// The CLI: global options shared by every command, and the commands themselves (one file each).
import { Command, Option } from 'commander';
import { type ConfigInput, loadConfig } from '../config/config.js';
import { registerAdminCommand } from './commands/admin.js';
import { registerConfigCommand } from './commands/config.js';
import { registerDigestCommand } from './commands/digest.js';
import { registerEnrichCommand } from './commands/enrich.js';
import { registerImportCommand } from './commands/import.js';
import { registerIngestCommand } from './commands/ingest.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerReindexCommand } from './commands/reindex.js';
import { registerSearchCommand } from './commands/search.js';
import { registerServeCommand } from './commands/serve.js';

export interface GlobalOptions {
  databaseUrl?: string;
  sqlitePath?: string;
  logLevel?: string;
}

/** The effective config of a command: environment, overridden by global and command flags. */
export function configFrom(program: Command, overrides: Partial<ConfigInput> = {}) {
  const global = program.opts<GlobalOptions>();
  return loadConfig(undefined, {
    databaseUrl: global.databaseUrl,
    sqlitePath: global.sqlitePath,
    logLevel: global.logLevel as ConfigInput['logLevel'],
    ...overrides,
  });
}

export function buildProgram(): Command {
  const program = new Command('paperboard')
    .description(
      'Self-hosted research-paper discovery hub: daily arXiv boards, feeds and an HF-compatible API.',
    )
    .version('0.1.0')
    .addOption(new Option('--database-url <url>', 'PostgreSQL URL (default: embedded SQLite) [DATABASE_URL]'))
    .addOption(new Option('--sqlite-path <path>', 'SQLite database file [SQLITE_PATH]'))
    .addOption(
      new Option('--log-level <level>', 'log level [LOG_LEVEL]').choices([
        'fatal',
        'error',
        'warn',
        'info',
        'debug',
        'trace',
        'silent',
      ]),
    )
    .showHelpAfterError();
  registerServeCommand(program);
  registerImportCommand(program);
  registerIngestCommand(program);
  registerEnrichCommand(program);
  registerSearchCommand(program);
  registerReindexCommand(program);
  registerMigrateCommand(program);
  registerConfigCommand(program);
  registerAdminCommand(program);
  registerDigestCommand(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}
