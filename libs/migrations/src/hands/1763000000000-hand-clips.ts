import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Block C: hand clips (in/out as frames at an exact frame rate, with the
 * original timecode texts so they can be read again when the video's real
 * frame rate or duration becomes known), tags, the clip–tag links, and a
 * small read model of each video's probed duration and frame rate.
 */
export class HandClips1763000000000 implements MigrationInterface {
  name = 'HandClips1763000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE hands.videos (
         video_file_id text PRIMARY KEY,
         duration_s double precision NULL,
         rate_num integer NULL,
         rate_den integer NULL,
         probe_error text NULL,
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query(
      `CREATE TABLE hands.clips (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         video_file_id text NULL,
         episode_id text NULL,
         source_row_key text NULL UNIQUE,
         source_sheet text NULL,
         hand_no text NULL,
         players text NULL,
         description text NULL,
         sheet_tags text[] NOT NULL DEFAULT '{}',
         in_text text NOT NULL,
         out_text text NOT NULL,
         in_frame integer NULL,
         out_frame integer NULL,
         rate_num integer NOT NULL CHECK (rate_num > 0),
         rate_den integer NOT NULL CHECK (rate_den > 0),
         drop_frame boolean NOT NULL DEFAULT false,
         duration_s double precision NULL,
         video_duration_s double precision NULL,
         status text NOT NULL CHECK (status IN ('valid', 'invalid')),
         reasons text[] NOT NULL DEFAULT '{}',
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query(`CREATE INDEX clips_episode ON hands.clips (episode_id)`);
    await queryRunner.query(`CREATE INDEX clips_video_file ON hands.clips (video_file_id)`);
    await queryRunner.query(`CREATE INDEX clips_status ON hands.clips (status)`);
    await queryRunner.query(
      `CREATE TABLE hands.tags (
         name text PRIMARY KEY,
         category text NULL,
         synonyms text[] NOT NULL DEFAULT '{}',
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    // One row per (clip, tag, source): a tag from the sheet and the same tag added by an editor are both kept.
    await queryRunner.query(
      `CREATE TABLE hands.clip_tags (
         clip_id uuid NOT NULL REFERENCES hands.clips (id) ON DELETE CASCADE,
         tag text NOT NULL REFERENCES hands.tags (name),
         source text NOT NULL CHECK (source IN ('sheet', 'derived', 'editor')),
         raw text NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (clip_id, source, tag)
       )`,
    );
    await queryRunner.query(`CREATE INDEX clip_tags_tag ON hands.clip_tags (tag)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hands.clip_tags');
    await queryRunner.query('DROP TABLE hands.tags');
    await queryRunner.query('DROP TABLE hands.clips');
    await queryRunner.query('DROP TABLE hands.videos');
  }
}
