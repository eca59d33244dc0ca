// `paperboard config`: prints the effective configuration (defaults < env < flags), secrets redacted.
import type { Command } from 'commander';
import { redactConfig } from '../../config/config.js';
import { configFrom } from '../program.js';

export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description('print the effective configuration with secrets redacted')
    .action(() => {
      process.stdout.write(`${JSON.stringify(redactConfig(configFrom(program)), null, 2)}\n`);
    });
}
