import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Block D's hand log: each configured source (a Google sheet or an export
 * file) with what its last sync saw, and every valid row last read from it,
 * keyed by its stable row key, with a hash of its content so the next sync
 * can tell added, changed and removed rows apart.
 */
export class SheetsHandLog1763100000000 implements MigrationInterface {
  name = 'SheetsHandLog1763100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE sheets.sources (
         id text PRIMARY KEY,
         kind text NOT NULL,
         change_token text NULL,
         last_status text NULL,
         last_result jsonb NULL,
         last_error text NULL,
         unread jsonb NOT NULL DEFAULT '[]',
         rows_total int NOT NULL DEFAULT 0,
         last_attempt_at timestamptz NULL,
         last_synced_at timestamptz NULL
       )`,
    );
    await queryRunner.query(
      `CREATE TABLE sheets.rows (
         sheet_id text NOT NULL,
         row_key text NOT NULL,
         tab text NOT NULL,
         row_number int NOT NULL,
         hash text NOT NULL,
         row jsonb NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (sheet_id, row_key)
       )`,
    );
    await queryRunner.query(`CREATE INDEX rows_by_position ON sheets.rows (sheet_id, tab, row_number)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sheets.rows`);
    await queryRunner.query(`DROP TABLE sheets.sources`);
  }
}
