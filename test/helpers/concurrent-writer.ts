// Child process for the concurrent-writers test: upserts many small batches into a SQLite file.
import { openSqlite } from '../../src/db/connection.js';
import { upsertPapers } from '../../src/store/paper-writes.js';
import { boardRecord } from './factories.js';

const [path, prefix] = process.argv.slice(2);
if (!path || !prefix) throw new Error('usage: concurrent-writer <sqlite-path> <yymm>');
const database = openSqlite(path);
for (let batch = 0; batch < 60; batch++) {
  const records = Array.from({ length: 25 }, (_, i) =>
    boardRecord({
      arxivId: `${prefix}.${String(batch * 25 + i).padStart(5, '0')}`,
      community: { upvotes: batch },
    }),
  );
  await upsertPapers(database, records);
}
await database.close();
