import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Block E's read model: the catalog tree, NAS files, hand clips and sheet-row
 * outcomes as the API serves them, and one search document per project,
 * episode, clip and file. Ids are text: they are other blocks' ids, never
 * generated here. Every table the reindex rebuilds (see `READ_MODEL_TABLES`
 * in apps/api) carries no sequence, so a shadow copy made with
 * `LIKE … INCLUDING ALL` is complete.
 */
export class SearchReadModel1766000000000 implements MigrationInterface {
  name = 'SearchReadModel1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    // Database-wide, in public (the catalog's migration creates it too; whichever runs first).
    await q(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);

    await q(`CREATE TABLE search.projects (
               code text PRIMARY KEY,
               id text NULL,
               name text NOT NULL,
               aliases text[] NOT NULL DEFAULT '{}'
             )`);
    await q(`CREATE TABLE search.seasons (
               id text PRIMARY KEY,
               project_code text NOT NULL,
               year int NULL,
               number int NULL
             )`);
    await q(`CREATE INDEX seasons_project ON search.seasons (project_code)`);
    await q(`CREATE TABLE search.events (
               id text PRIMARY KEY,
               season_id text NOT NULL,
               number int NULL,
               name text NULL,
               buy_in double precision NULL,
               currency text NULL,
               game text NULL,
               location text NULL
             )`);
    await q(`CREATE INDEX events_season ON search.events (season_id)`);
    await q(`CREATE TABLE search.episodes (
               id text PRIMARY KEY,
               season_id text NOT NULL,
               event_id text NOT NULL,
               project_code text NOT NULL,
               title text NOT NULL,
               day text NULL,
               episode_number int NULL,
               air_date text NULL,
               final_table boolean NOT NULL DEFAULT false,
               merged_into text NULL
             )`);
    await q(`CREATE INDEX episodes_event ON search.episodes (event_id)`);
    await q(`CREATE INDEX episodes_season ON search.episodes (season_id)`);
    await q(`CREATE INDEX episodes_project ON search.episodes (project_code)`);

    // version: time of the NAS fact applied last (event timestamp or inventory row time), so a late,
    // older event never overwrites a newer state.
    await q(`CREATE TABLE search.files (
               id text PRIMARY KEY,
               root text NOT NULL,
               path text NOT NULL,
               file_name text NOT NULL,
               size bigint NOT NULL DEFAULT 0,
               mtime timestamptz NULL,
               content_hash text NULL,
               parsed jsonb NULL,
               media jsonb NULL,
               status text NOT NULL DEFAULT 'present',
               missing_since timestamptz NULL,
               version timestamptz NOT NULL
             )`);
    await q(`CREATE INDEX files_root_path ON search.files (root, path)`);
    // Where the catalog put each file (a table of its own: the catalog and the NAS write different facts).
    await q(`CREATE TABLE search.file_placements (
               file_id text PRIMARY KEY,
               episode_id text NULL,
               project_code text NULL,
               role text NULL,
               pinned boolean NOT NULL DEFAULT false
             )`);
    await q(`CREATE INDEX file_placements_episode ON search.file_placements (episode_id)`);
    await q(`CREATE INDEX file_placements_unsorted ON search.file_placements (file_id) WHERE episode_id IS NULL`);

    // version: block C's updated_at of the clip.
    await q(`CREATE TABLE search.clips (
               id text PRIMARY KEY,
               video_file_id text NULL,
               episode_id text NULL,
               source_sheet text NULL,
               source_row_key text NULL,
               hand_no text NULL,
               players_text text NULL,
               players text[] NOT NULL DEFAULT '{}',
               player_keys text[] NOT NULL DEFAULT '{}',
               description text NULL,
               in_text text NOT NULL,
               out_text text NOT NULL,
               in_frame bigint NULL,
               out_frame bigint NULL,
               rate_num int NOT NULL,
               rate_den int NOT NULL,
               drop_frame boolean NOT NULL DEFAULT false,
               duration_s double precision NULL,
               video_duration_s double precision NULL,
               status text NOT NULL,
               reasons text[] NOT NULL DEFAULT '{}',
               tags jsonb NOT NULL DEFAULT '[]',
               tag_keys text[] NOT NULL DEFAULT '{}',
               created_at timestamptz NOT NULL,
               version timestamptz NOT NULL
             )`);
    await q(`CREATE INDEX clips_order ON search.clips (created_at, id)`);
    await q(`CREATE INDEX clips_file ON search.clips (video_file_id)`);
    await q(`CREATE INDEX clips_episode ON search.clips (episode_id)`);
    await q(`CREATE INDEX clips_tags ON search.clips USING gin (tag_keys)`);
    await q(`CREATE INDEX clips_players ON search.clips USING gin (player_keys)`);
    // A removed clip's id never comes back (block C makes a new id for a new clip): a snapshot taken
    // before the removal must not bring it back.
    await q(`CREATE TABLE search.clip_tombstones (clip_id text PRIMARY KEY, removed_at timestamptz NOT NULL)`);

    // Stored sheet rows' outcomes (sync.row.outcome); version: the outcome's updated_at.
    await q(`CREATE TABLE search.sheet_rows (
               sheet_id text NOT NULL,
               row_key text NOT NULL,
               tab text NOT NULL,
               row_number int NOT NULL,
               file_name text NOT NULL,
               nas_folder_link text NOT NULL,
               outcome text NOT NULL,
               reason text NULL,
               reasons text[] NOT NULL DEFAULT '{}',
               clip_id text NULL,
               video_file_id text NULL,
               episode_id text NULL,
               last_error text NULL,
               attempts int NOT NULL DEFAULT 0,
               updated_at timestamptz NOT NULL,
               PRIMARY KEY (sheet_id, row_key)
             )`);
    await q(`CREATE INDEX sheet_rows_outcome ON search.sheet_rows (outcome, sheet_id, tab, row_number, row_key)`);
    await q(`CREATE INDEX sheet_rows_clip ON search.sheet_rows (clip_id)`);
    // Rows the sheet itself got wrong (bad and duplicate rows of sheets.sync.completed): never stored rows.
    await q(`CREATE TABLE search.sheet_problems (
               sheet_id text NOT NULL,
               tab text NOT NULL,
               row_number int NOT NULL,
               kind text NOT NULL CHECK (kind IN ('invalid', 'duplicate')),
               reason text NOT NULL,
               duplicate_of int NULL,
               row_id text NULL,
               synced_at timestamptz NOT NULL,
               PRIMARY KEY (sheet_id, kind, tab, row_number)
             )`);
    await q(`CREATE INDEX sheet_problems_kind ON search.sheet_problems (kind, sheet_id, tab, row_number)`);
    await q(`CREATE TABLE search.sheet_syncs (
               sheet_id text PRIMARY KEY,
               status text NOT NULL,
               rows_read int NOT NULL DEFAULT 0,
               invalid int NOT NULL DEFAULT 0,
               duplicates int NOT NULL DEFAULT 0,
               error text NULL,
               unread jsonb NOT NULL DEFAULT '[]',
               synced_at timestamptz NOT NULL
             )`);

    // One ranked list over four kinds. body: lower-case text for trigram matching (Korean, partial
    // words, typos); tsv: 'simple' full text with weights (A: the item's own words, C: its context).
    await q(`CREATE TABLE search.documents (
               doc_id text PRIMARY KEY,
               kind text NOT NULL,
               ref_id text NOT NULL,
               title text NOT NULL,
               snippet text NULL,
               body text NOT NULL,
               tsv tsvector NOT NULL,
               project_code text NULL,
               year int NULL,
               episode_id text NULL,
               file_id text NULL,
               status text NULL,
               tags text[] NOT NULL DEFAULT '{}',
               tag_keys text[] NOT NULL DEFAULT '{}',
               players text[] NOT NULL DEFAULT '{}',
               player_keys text[] NOT NULL DEFAULT '{}',
               sort_key text NOT NULL
             )`);
    await q(`CREATE INDEX documents_tsv ON search.documents USING gin (tsv)`);
    await q(`CREATE INDEX documents_body_trgm ON search.documents USING gin (body public.gin_trgm_ops)`);
    await q(`CREATE INDEX documents_tags ON search.documents USING gin (tag_keys)`);
    await q(`CREATE INDEX documents_players ON search.documents USING gin (player_keys)`);
    await q(`CREATE INDEX documents_project ON search.documents (project_code)`);
    await q(`CREATE INDEX documents_year ON search.documents (year)`);
    await q(`CREATE INDEX documents_episode ON search.documents (episode_id)`);
    await q(`CREATE INDEX documents_browse ON search.documents (sort_key, doc_id)`);

    // Work an event asked for that needs a block's answer (a clip to fetch, the catalog to re-read).
    // seq moves on every new request for the same item, so work finished on older data never deletes it.
    await q(`CREATE SEQUENCE search.refresh_seq`);
    await q(`CREATE TABLE search.refresh_queue (
               kind text NOT NULL,
               ref text NOT NULL,
               seq bigint NOT NULL DEFAULT nextval('search.refresh_seq'),
               queued_at timestamptz NOT NULL DEFAULT now(),
               PRIMARY KEY (kind, ref)
             )`);
    await q(`CREATE TABLE search.state (
               key text PRIMARY KEY,
               value jsonb NOT NULL,
               updated_at timestamptz NOT NULL DEFAULT now()
             )`);
    await q(`CREATE TABLE search.reindex_runs (
               id uuid PRIMARY KEY,
               status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
               started_at timestamptz NOT NULL DEFAULT now(),
               finished_at timestamptz NULL,
               counts jsonb NOT NULL DEFAULT '{}',
               warnings jsonb NOT NULL DEFAULT '[]',
               error text NULL
             )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'reindex_runs',
      'state',
      'refresh_queue',
      'documents',
      'sheet_syncs',
      'sheet_problems',
      'sheet_rows',
      'clip_tombstones',
      'clips',
      'file_placements',
      'files',
      'episodes',
      'events',
      'seasons',
      'projects',
    ])
      await queryRunner.query(`DROP TABLE search.${table}`);
    await queryRunner.query(`DROP SEQUENCE search.refresh_seq`);
  }
}
