import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The row sync becomes level-triggered: `sheet_rows` holds every stored
 * sheet row (its latest change is the desired state) and the outcome it
 * reached. A row is dirty while `generation > settled_generation`; a NAS,
 * catalog or sheet event bumps `generation` of the rows it can affect and
 * the reconciler settles them. `run_row_changes` lets a sync run wait until
 * the row changes its sheets phase produced have all settled.
 * The old `unmatched_rows` become dirty rows, so they are evaluated again.
 */
export class OrchestratorSheetRows1765000000000 implements MigrationInterface {
  name = 'OrchestratorSheetRows1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE orchestrator.sheet_rows (
         sheet_id text NOT NULL,
         row_key text NOT NULL,
         tab text NOT NULL,
         row_number int NOT NULL,
         file_name text NOT NULL,
         nas_folder_link text NOT NULL,
         -- The latest sheets.row.changed payload: what the row should become.
         change jsonb NOT NULL,
         change_at timestamptz NOT NULL,
         removed boolean NOT NULL DEFAULT false,
         correlation_id text NOT NULL,
         -- Lower-case NFC names (with and without extension) a NAS file must carry to be this row's file.
         name_keys text[] NOT NULL DEFAULT '{}',
         generation bigint NOT NULL DEFAULT 1,
         settled_generation bigint NOT NULL DEFAULT 0,
         outcome text NOT NULL DEFAULT 'pending',
         reason text NULL,
         reasons jsonb NOT NULL DEFAULT '[]',
         clip_id text NULL,
         video_file_id text NULL,
         episode_id text NULL,
         last_error text NULL,
         attempts int NOT NULL DEFAULT 0,
         next_attempt_at timestamptz NULL,
         lease_until timestamptz NULL,
         first_seen_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (sheet_id, row_key)
       )`,
    );
    // The reconciler's queue: only dirty rows, in the order they are due.
    await queryRunner.query(
      `CREATE INDEX sheet_rows_dirty ON orchestrator.sheet_rows (next_attempt_at NULLS FIRST, updated_at)
       WHERE generation > settled_generation`,
    );
    await queryRunner.query(`CREATE INDEX sheet_rows_name_keys ON orchestrator.sheet_rows USING gin (name_keys)`);
    await queryRunner.query(`CREATE INDEX sheet_rows_video_file ON orchestrator.sheet_rows (video_file_id)`);
    // Block C names a clip's row by its source row key, `<sheet_id>:<row_key>`.
    await queryRunner.query(
      `CREATE INDEX sheet_rows_source_row_key ON orchestrator.sheet_rows ((sheet_id || ':' || row_key))`,
    );
    await queryRunner.query(
      `CREATE INDEX sheet_rows_outcome ON orchestrator.sheet_rows (outcome, sheet_id, row_number)`,
    );
    await queryRunner.query(
      `CREATE TABLE orchestrator.run_row_changes (
         correlation_id text NOT NULL,
         sheet_id text NOT NULL,
         row_key text NOT NULL,
         PRIMARY KEY (correlation_id, sheet_id, row_key)
       )`,
    );
    await queryRunner.query(
      `ALTER TABLE orchestrator.sync_steps
         ADD COLUMN rows_expected int NULL,
         ADD COLUMN rows_settled int NULL,
         ADD COLUMN reported_status text NULL,
         ADD COLUMN reported_at timestamptz NULL`,
    );
    await queryRunner.query(
      `INSERT INTO orchestrator.sheet_rows
         (sheet_id, row_key, tab, row_number, file_name, nas_folder_link, change, change_at, correlation_id, outcome, reason)
       SELECT sheet_id, row_key, tab, row_number, file_name, nas_folder_link, change, last_seen_at, correlation_id,
              'pending', reason
       FROM orchestrator.unmatched_rows WHERE change IS NOT NULL`,
    );
    await queryRunner.query(`DROP TABLE orchestrator.unmatched_rows`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE orchestrator.unmatched_rows (
         sheet_id text NOT NULL, row_key text NOT NULL, tab text NOT NULL, row_number int NOT NULL,
         file_name text NOT NULL, nas_folder_link text NOT NULL, reason text NOT NULL, correlation_id text NOT NULL,
         first_seen_at timestamptz NOT NULL DEFAULT now(), last_seen_at timestamptz NOT NULL DEFAULT now(),
         change jsonb NULL, PRIMARY KEY (sheet_id, row_key)
       )`,
    );
    await queryRunner.query(
      `ALTER TABLE orchestrator.sync_steps
         DROP COLUMN rows_expected, DROP COLUMN rows_settled, DROP COLUMN reported_status, DROP COLUMN reported_at`,
    );
    await queryRunner.query('DROP TABLE orchestrator.run_row_changes');
    await queryRunner.query('DROP TABLE orchestrator.sheet_rows');
  }
}
