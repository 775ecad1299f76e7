import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The orchestrator's durable state: sync runs by correlation_id, the steps of
 * their phases (so a restarted orchestrator resumes a run mid-way) and each block's last
 * known status.
 */
export class OrchestratorSyncState1761000000000 implements MigrationInterface {
  name = 'OrchestratorSyncState1761000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE orchestrator.sync_runs (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         sync_type text NOT NULL,
         status text NOT NULL,
         correlation_id text NOT NULL UNIQUE,
         requested_by text NULL,
         started_at timestamptz NOT NULL DEFAULT now(),
         finished_at timestamptz NULL,
         error text NULL
       )`,
    );
    // Two full syncs never run at once: a second start finds the first through this index.
    await queryRunner.query(
      `CREATE UNIQUE INDEX sync_runs_one_running ON orchestrator.sync_runs (sync_type) WHERE status = 'in_progress'`,
    );
    // One row per block request of a phase (phase 1 has two: A and B, in parallel).
    await queryRunner.query(
      `CREATE TABLE orchestrator.sync_steps (
         run_id uuid NOT NULL REFERENCES orchestrator.sync_runs (id) ON DELETE CASCADE,
         phase int NOT NULL,
         block_id text NOT NULL,
         name text NOT NULL,
         status text NOT NULL,
         started_at timestamptz NULL,
         deadline_at timestamptz NULL,
         finished_at timestamptz NULL,
         error text NULL,
         PRIMARY KEY (run_id, phase, block_id)
       )`,
    );
    // The timeout sweeper looks only at open steps.
    await queryRunner.query(
      `CREATE INDEX sync_steps_open ON orchestrator.sync_steps (deadline_at) WHERE status = 'in_progress'`,
    );
    // Sheet rows the incremental sync could not match to a file or an episode, with why.
    await queryRunner.query(
      `CREATE TABLE orchestrator.unmatched_rows (
         sheet_id text NOT NULL,
         row_key text NOT NULL,
         tab text NOT NULL,
         row_number int NOT NULL,
         file_name text NOT NULL,
         nas_folder_link text NOT NULL,
         reason text NOT NULL,
         correlation_id text NOT NULL,
         first_seen_at timestamptz NOT NULL DEFAULT now(),
         last_seen_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (sheet_id, row_key)
       )`,
    );
    await queryRunner.query(
      `CREATE TABLE orchestrator.block_status (
         block_id text PRIMARY KEY,
         status text NOT NULL,
         last_sync_at timestamptz NULL,
         last_error text NULL,
         items_processed int NOT NULL DEFAULT 0,
         items_total int NOT NULL DEFAULT 0,
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE orchestrator.unmatched_rows');
    await queryRunner.query('DROP TABLE orchestrator.block_status');
    await queryRunner.query('DROP TABLE orchestrator.sync_steps');
    await queryRunner.query('DROP TABLE orchestrator.sync_runs');
  }
}
