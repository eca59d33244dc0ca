// Fields of Hugging Face's daily-papers data that the API hands back as HF does and that were dropped
// on import: the paper's organization, media URLs, the model behind its AI summary and who added its
// GitHub repository; and the submitter's full name and avatar beside their username (`submitted_by`).
// Existing rows keep nulls until their day is imported again. Field notes: ../shared/data/hf-papers-api/SOURCE.md
import type { Kysely } from 'kysely';

export function hfPaperFields() {
  return {
    // One column per ALTER TABLE: SQLite adds only one at a time.
    async up(db: Kysely<unknown>): Promise<void> {
      const columns: Array<[table: string, column: string]> = [
        // JSON { id, name, fullname, avatar? } of the HF organization the paper is linked to.
        ['papers', 'organization'],
        // JSON string[]: images and videos uploaded with the daily submission.
        ['papers', 'media_urls'],
        ['papers', 'ai_summary_model'],
        ['papers', 'github_repo_added_by'],
        ['board_entries', 'submitter_fullname'],
        ['board_entries', 'submitter_avatar_url'],
      ];
      for (const [table, column] of columns) {
        await db.schema.alterTable(table).addColumn(column, 'text').execute();
      }
    },
  };
}
