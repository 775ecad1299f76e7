import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Block A's inventory: the configured roots and every video file seen under
 * them. A file is identified by (root, path); `inode`/`device` and a partial
 * content hash let a move or rename be told from a removal plus an addition.
 */
export class NasInventory1762000000000 implements MigrationInterface {
  name = 'NasInventory1762000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE nas.roots (
         name text PRIMARY KEY,
         path text NOT NULL,
         status text NOT NULL DEFAULT 'online',
         last_scan_at timestamptz NULL,
         last_error text NULL,
         scan_lease_until timestamptz NULL
       )`,
    );
    await queryRunner.query(
      `CREATE TABLE nas.video_files (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         root text NOT NULL REFERENCES nas.roots (name),
         path text NOT NULL,
         path_lower text NOT NULL,
         name_lower text NOT NULL,
         size bigint NOT NULL,
         mtime timestamptz NOT NULL,
         inode text NULL,
         device text NULL,
         content_hash text NULL,
         status text NOT NULL DEFAULT 'present',
         missing_since timestamptz NULL,
         parsed jsonb NULL,
         parser_version int NOT NULL DEFAULT 0,
         unmatched boolean NOT NULL DEFAULT false,
         media jsonb NULL,
         probe_error text NULL,
         probed_at timestamptz NULL,
         first_seen_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (root, path)
       )`,
    );
    await queryRunner.query(`CREATE INDEX video_files_path_lower ON nas.video_files (root, path_lower)`);
    await queryRunner.query(`CREATE INDEX video_files_name_lower ON nas.video_files (name_lower)`);
    await queryRunner.query(`CREATE INDEX video_files_content ON nas.video_files (size, content_hash)`);
    await queryRunner.query(`CREATE INDEX video_files_inode ON nas.video_files (device, inode)`);
    // What one scan saw, streamed in while walking so the walk never holds the tree in memory.
    await queryRunner.query(
      `CREATE UNLOGGED TABLE nas.scan_entries (
         scan_id uuid NOT NULL,
         path text NOT NULL,
         size bigint NOT NULL,
         mtime timestamptz NOT NULL,
         inode text NULL,
         device text NULL,
         stable boolean NOT NULL,
         PRIMARY KEY (scan_id, path)
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE nas.scan_entries');
    await queryRunner.query('DROP TABLE nas.video_files');
    await queryRunner.query('DROP TABLE nas.roots');
  }
}
