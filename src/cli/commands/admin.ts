// `paperboard admin grant|revoke <email>`: makes an existing account an admin (or not). The first
// account to sign in is an admin already; this adds more, or recovers a lost admin.
import type { Command } from 'commander';
import { migrateToLatest } from '../../db/migrate.js';
import { setAdmin } from '../../store/users.js';
import { createContext } from '../context.js';
import { configFrom } from '../program.js';

async function changeAdmin(program: Command, email: string, isAdmin: boolean): Promise<void> {
  const ctx = createContext(configFrom(program));
  try {
    await migrateToLatest(ctx.database.db, ctx.database.dialect);
    if (!(await setAdmin(ctx.database.db, email, isAdmin))) {
      throw new Error(`no account has the address ${email}: sign in with it once first`);
    }
    ctx.log.info(
      { email: email.toLowerCase(), is_admin: isAdmin },
      isAdmin ? 'admin granted' : 'admin revoked',
    );
  } finally {
    ctx.mailer.close();
    await ctx.database.close();
  }
}

export function registerAdminCommand(program: Command): void {
  const admin = program.command('admin').description('manage administrators');
  admin
    .command('grant')
    .description('make the account with this email address an admin')
    .argument('<email>', 'the account’s email address')
    .action((email: string) => changeAdmin(program, email, true));
  admin
    .command('revoke')
    .description('take admin rights from the account with this email address')
    .argument('<email>', 'the account’s email address')
    .action((email: string) => changeAdmin(program, email, false));
}
