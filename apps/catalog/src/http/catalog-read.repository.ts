import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface TreeRow {
  project_code: string;
  season_id: string;
  year: number | null;
  season_number: number | null;
  event_id: string;
  event_number: number | null;
  event_name: string | null;
  location: string | null;
  buy_in: number | null;
  currency: string | null;
  game: string | null;
  episode_id: string;
  title: string;
  episode_number: number | null;
  day: string | null;
  air_date: string | null;
  final_table: boolean;
  title_locked: boolean;
  files: number;
}

export interface FileView {
  id: string;
  root: string;
  path: string;
  file_name: string;
  role: string;
  status: string;
  pinned: boolean;
  missing_since: Date | null;
  project_code: string | null;
  parsed_title: string | null;
}

export interface EpisodeDetailRow {
  id: string;
  title: string;
  title_locked: boolean;
  merged_into: string | null;
  project_code: string;
  project_name: string;
  year: number | null;
  season_number: number | null;
  event_number: number | null;
  event_name: string | null;
  location: string | null;
  episode_number: number | null;
  day: string | null;
  air_date: string | null;
  final_table: boolean;
  created_at: Date;
}

const FILE_COLUMNS = `f.id, f.root, f.path, f.file_name, f.role, f.status, f.pinned, f.missing_since, f.project_code,
  f.parsed->>'title' AS parsed_title`;

/** Read-only SQL behind the catalog's GET endpoints. */
@Injectable()
export class CatalogReadRepository {
  async treeRows(m: EntityManager, projectCode: string | null): Promise<TreeRow[]> {
    return m.query(
      `SELECT p.code AS project_code, s.id AS season_id, s.year, s.number AS season_number,
              ev.id AS event_id, ev.number AS event_number, ev.name AS event_name, ev.location,
              ev.buy_in::float8 AS buy_in, ev.currency, ev.game,
              e.id AS episode_id, e.title, e.episode_number, e.day, to_char(e.air_date, 'YYYY-MM-DD') AS air_date,
              e.final_table, e.title_locked, COALESCE(fc.files, 0)::int AS files
         FROM catalog.episodes e
         JOIN catalog.seasons s ON s.id = e.season_id
         JOIN catalog.projects p ON p.id = s.project_id
         JOIN catalog.events ev ON ev.id = e.event_id
         LEFT JOIN (SELECT episode_id, count(*) AS files FROM catalog.files
                     WHERE status = 'present' AND episode_id IS NOT NULL GROUP BY episode_id) fc
                ON fc.episode_id = e.id
        WHERE e.merged_into IS NULL AND ($1::text IS NULL OR p.code = $1)`,
      [projectCode],
    );
  }

  async projects(
    m: EntityManager,
  ): Promise<
    { id: string; code: string; name: string; aliases: string[]; source: string; seasons: number; episodes: number }[]
  > {
    return m.query(
      `SELECT p.id, p.code, p.name, p.aliases, p.source,
              (SELECT count(*) FROM catalog.seasons s WHERE s.project_id = p.id)::int AS seasons,
              (SELECT count(*) FROM catalog.episodes e JOIN catalog.seasons s ON s.id = e.season_id
                WHERE s.project_id = p.id AND e.merged_into IS NULL)::int AS episodes
         FROM catalog.projects p ORDER BY p.code`,
    );
  }

  async episode(m: EntityManager, id: string): Promise<EpisodeDetailRow | undefined> {
    const [row] = await m.query(
      `SELECT e.id, e.title, e.title_locked, e.merged_into, p.code AS project_code, p.name AS project_name,
              s.year, s.number AS season_number, ev.number AS event_number, ev.name AS event_name, ev.location,
              e.episode_number, e.day, to_char(e.air_date, 'YYYY-MM-DD') AS air_date, e.final_table, e.created_at
         FROM catalog.episodes e
         JOIN catalog.seasons s ON s.id = e.season_id
         JOIN catalog.projects p ON p.id = s.project_id
         JOIN catalog.events ev ON ev.id = e.event_id
        WHERE e.id = $1`,
      [id],
    );
    return row;
  }

  async filesOfEpisode(m: EntityManager, episodeId: string): Promise<FileView[]> {
    return m.query(`SELECT ${FILE_COLUMNS} FROM catalog.files f WHERE f.episode_id = $1 ORDER BY f.path`, [episodeId]);
  }

  async unsorted(m: EntityManager, limit: number, offset: number): Promise<{ total: number; files: FileView[] }> {
    const [{ total }] = await m.query(
      `SELECT count(*)::int AS total FROM catalog.files WHERE episode_id IS NULL AND status = 'present'`,
    );
    const files: FileView[] = await m.query(
      `SELECT ${FILE_COLUMNS} FROM catalog.files f
        WHERE f.episode_id IS NULL AND f.status = 'present'
        ORDER BY f.root, f.path LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return { total, files };
  }
}
