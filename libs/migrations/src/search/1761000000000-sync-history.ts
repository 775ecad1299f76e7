import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The API's read model remembers which sync runs it has seen complete. */
export class SearchSyncHistory1761000000000 implements MigrationInterface {
  name = 'SearchSyncHistory1761000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE search.sync_history (
         run_id text PRIMARY KEY,
         status text NOT NULL,
         completed_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE search.sync_history');
  }
}
