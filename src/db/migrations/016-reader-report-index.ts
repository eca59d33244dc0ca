// What a reader has reported on a paper is read on every signed-in paper view (store/reports.ts
// readerReportsOnPaper); without an index that read scanned every report ever filed.
import type { Kysely } from 'kysely';

export function readerReportIndex() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('reports_by_reporter')
        .on('reports')
        .columns(['reporter_id', 'target_type', 'target_id'])
        .execute();
    },
  };
}
