import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Block B's catalog: project → season → event → episode, and the NAS files
 * placed in it. Every level has a natural key derived from the parsed file
 * name, unique so that concurrent placements of two parts of one day meet on
 * one row (`INSERT … ON CONFLICT DO NOTHING`, then select). Nothing below a
 * project is deleted automatically: episode ids are referenced by hand clips.
 */
export class CatalogTree1763000000000 implements MigrationInterface {
  name = 'CatalogTree1763000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Database-wide; in public so every schema's queries find similarity() and %.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await queryRunner.query(
      `CREATE TABLE catalog.projects (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         code text NOT NULL UNIQUE,
         name text NOT NULL,
         aliases text[] NOT NULL DEFAULT '{}',
         source text NOT NULL CHECK (source IN ('builtin', 'file', 'editor', 'parser')),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    // A season is a year or a season number (one of them, or neither: undated).
    await queryRunner.query(
      `CREATE TABLE catalog.seasons (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         project_id uuid NOT NULL REFERENCES catalog.projects (id),
         year int NULL,
         number int NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT seasons_natural_key UNIQUE NULLS NOT DISTINCT (project_id, year, number)
       )`,
    );
    // ident: '#43' for a numbered event, else its normalized name, else '' (the season's event as a whole).
    await queryRunner.query(
      `CREATE TABLE catalog.events (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         season_id uuid NOT NULL REFERENCES catalog.seasons (id),
         location_key text NOT NULL DEFAULT '',
         ident text NOT NULL DEFAULT '',
         number int NULL,
         name text NULL,
         name_key text NULL,
         location text NULL,
         buy_in bigint NULL,
         currency text NULL,
         game text NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT events_natural_key UNIQUE (season_id, location_key, ident)
       )`,
    );
    // natural_key: 'n:5' (episode number, per season) or '<event id>/d:1A' | '/t:<date>' | '/ft' | '/' (per event).
    // project_code … location_key repeat the keys of its project, season and event, so that
    // match_episode reads one table (one cheap plan per title instead of a seven-way join).
    await queryRunner.query(
      `CREATE TABLE catalog.episodes (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         season_id uuid NOT NULL REFERENCES catalog.seasons (id),
         event_id uuid NOT NULL REFERENCES catalog.events (id),
         natural_key text NOT NULL,
         project_code text NOT NULL,
         year int NULL,
         season_number int NULL,
         event_number int NULL,
         event_name_key text NULL,
         location_key text NOT NULL DEFAULT '',
         episode_number int NULL,
         day text NULL,
         air_date date NULL,
         final_table boolean NOT NULL DEFAULT false,
         title text NOT NULL,
         title_locked boolean NOT NULL DEFAULT false,
         merged_into uuid NULL REFERENCES catalog.episodes (id),
         search_text text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT episodes_natural_key UNIQUE (season_id, natural_key),
         CONSTRAINT episodes_not_merged_into_itself CHECK (merged_into IS DISTINCT FROM id)
       )`,
    );
    await queryRunner.query(`CREATE INDEX episodes_event ON catalog.episodes (event_id)`);
    await queryRunner.query(`CREATE INDEX episodes_merged_into ON catalog.episodes (merged_into)`);
    await queryRunner.query(`CREATE INDEX episodes_match_keys ON catalog.episodes (project_code, year, season_number)`);
    // GiST, not GIN: episode titles are much alike ("WSOP 2015 Main Event Day 3"), so `%` at any
    // useful threshold matches a large share of them and GIN must recheck every one; a GiST index
    // returns the nearest few (ORDER BY <-> LIMIT) without looking at the rest. Wide signatures
    // keep short titles apart.
    await queryRunner.query(
      `CREATE INDEX episodes_search_trgm ON catalog.episodes
         USING gist (search_text public.gist_trgm_ops (siglen = 256)) WHERE merged_into IS NULL`,
    );
    // id: the NAS file id (stable across moves). event_at: time of the last NAS event applied, so a
    // late, older event (redelivered or reordered) never overwrites a newer state.
    await queryRunner.query(
      `CREATE TABLE catalog.files (
         id text PRIMARY KEY,
         root text NOT NULL,
         path text NOT NULL,
         file_name text NOT NULL,
         name_key text NOT NULL,
         size bigint NULL,
         parsed jsonb NULL,
         parser_version int NOT NULL DEFAULT 0,
         project_code text NULL,
         episode_id uuid NULL REFERENCES catalog.episodes (id),
         pinned boolean NOT NULL DEFAULT false,
         role text NOT NULL DEFAULT 'master' CHECK (role IN ('master', 'proxy', 'part')),
         status text NOT NULL DEFAULT 'present' CHECK (status IN ('present', 'missing')),
         missing_since timestamptz NULL,
         event_at timestamptz NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query(`CREATE INDEX files_episode ON catalog.files (episode_id)`);
    await queryRunner.query(`CREATE INDEX files_name_key ON catalog.files (name_key)`);
    await queryRunner.query(
      `CREATE INDEX files_unsorted ON catalog.files (root, path) WHERE episode_id IS NULL AND status = 'present'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE catalog.files');
    await queryRunner.query('DROP TABLE catalog.episodes');
    await queryRunner.query('DROP TABLE catalog.events');
    await queryRunner.query('DROP TABLE catalog.seasons');
    await queryRunner.query('DROP TABLE catalog.projects');
    // pg_trgm stays: other schemas may use it.
  }
}
