import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scan's set-based diff: one statement sorts what a scan saw against the
 * inventory into new, changed and vanished rows here, and the scan then pages
 * through each kind by its primary key. Unlogged and transient like
 * `scan_entries`. The partial index answers "is anything missing?" and the
 * content lookups of moves whose source vanished in an earlier scan.
 */
export class NasScanDiff1768100000000 implements MigrationInterface {
  name = 'NasScanDiff1768100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE nas.scan_diff (
         scan_id uuid NOT NULL,
         kind text NOT NULL CHECK (kind IN ('new', 'changed', 'vanished')),
         path text NOT NULL,
         size bigint NOT NULL,
         mtime timestamptz NOT NULL,
         inode text NULL,
         device text NULL,
         file_id uuid NULL,
         prev_size bigint NULL,
         prev_mtime timestamptz NULL,
         content_hash text NULL,
         PRIMARY KEY (scan_id, kind, path)
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX video_files_missing_content ON nas.video_files (size, content_hash) WHERE status = 'missing'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX nas.video_files_missing_content');
    await queryRunner.query('DROP TABLE nas.scan_diff');
  }
}
