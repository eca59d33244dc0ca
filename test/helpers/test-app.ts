// An app context over a test database with a fixed clock and silent logs, for `app.request()` tests.
import { loadConfig } from '../../src/config/config.js';
import type { AppContext } from '../../src/context.js';
import { silentLogger } from '../../src/lib/logger.js';
import type { TestDatabase } from './test-db.js';

export const FIXED_NOW = new Date('2026-08-21T12:00:00.000Z');

export function testContext(database: TestDatabase, now: Date = FIXED_NOW): AppContext {
  return {
    config: loadConfig({}, { baseUrl: 'http://paperboard.test' }),
    database,
    log: silentLogger(),
    now: () => now,
  };
}
