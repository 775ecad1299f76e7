import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An unmatched row keeps the `sheets.row.changed` payload it came from, so
 * it can be tried again when files or episodes appear (a NAS scan, a
 * catalog update) without waiting for an editor to touch the row.
 */
export class OrchestratorUnmatchedRowChange1764000000000 implements MigrationInterface {
  name = 'OrchestratorUnmatchedRowChange1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orchestrator.unmatched_rows ADD COLUMN change jsonb NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orchestrator.unmatched_rows DROP COLUMN change`);
  }
}
