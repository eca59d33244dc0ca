// `paperboard migrate`: applies pending schema migrations (under the migration lock).
import type { Command } from 'commander';
import { migrateToLatest } from '../../db/migrate.js';
import { createContext } from '../context.js';
import { configFrom } from '../program.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const ctx = createContext(configFrom(program));
      try {
        const applied = await migrateToLatest(ctx.database.db, ctx.database.dialect);
        ctx.log.info({ database: ctx.database.location, applied }, 'migrations applied');
      } finally {
        await ctx.database.close();
      }
    });
}
