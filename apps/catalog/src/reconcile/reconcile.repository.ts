import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ParsedMetadata } from '@pokervod/contracts';
import type { FileRole } from '../placement/natural-key';
import type { EpisodeTitleRow } from '../placement/tree.repository';

export interface StoredFile {
  id: string;
  path: string;
  parsed: ParsedMetadata | null;
  parser_version: number;
  pinned: boolean;
  episode_id: string | null;
  project_code: string | null;
  role: FileRole;
}

export interface FileChange {
  id: string;
  /** The path the change was computed from: a file moved meanwhile is left to its own event. */
  path: string;
  parsed: ParsedMetadata;
  parserVersion: number;
  projectCode: string | null;
  episodeId: string | null;
  role: FileRole;
}

/** SQL of the reconcile: files and episodes in keyset-ordered batches. */
@Injectable()
export class ReconcileRepository {
  async countFiles(m: EntityManager): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM catalog.files`);
    return row.n;
  }

  async filesAfter(m: EntityManager, afterId: string, limit: number): Promise<StoredFile[]> {
    return m.query(
      `SELECT id, path, parsed, parser_version, pinned, episode_id, project_code, role
         FROM catalog.files WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  /**
   * Writes re-parsed names and new placements; a pinned file keeps its
   * episode, merges are followed. Returns how many files really changed.
   */
  async applyFileChanges(m: EntityManager, changes: FileChange[]): Promise<number> {
    if (changes.length === 0) return 0;
    const [rows] = (await m.query(
      `WITH c AS (
         SELECT c.*, COALESCE((SELECT e.merged_into FROM catalog.episodes e WHERE e.id = c.episode_id), c.episode_id) AS target
           FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::int[], $5::text[], $6::uuid[], $7::text[])
                AS c(id, path, parsed, parser_version, project_code, episode_id, role))
       UPDATE catalog.files f SET
         parsed = c.parsed, parser_version = c.parser_version, project_code = c.project_code, role = c.role,
         episode_id = CASE WHEN f.pinned THEN f.episode_id ELSE c.target END,
         updated_at = now()
         FROM c
        WHERE f.id = c.id AND f.path = c.path
          AND (f.parser_version IS DISTINCT FROM c.parser_version OR f.project_code IS DISTINCT FROM c.project_code
               OR f.role IS DISTINCT FROM c.role OR (NOT f.pinned AND f.episode_id IS DISTINCT FROM c.target))
       RETURNING f.id`,
      [
        changes.map((c) => c.id),
        changes.map((c) => c.path),
        changes.map((c) => JSON.stringify(c.parsed)),
        changes.map((c) => c.parserVersion),
        changes.map((c) => c.projectCode),
        changes.map((c) => c.episodeId),
        changes.map((c) => c.role),
      ],
    )) as [unknown[], number];
    return rows.length;
  }

  async episodeTitlesAfter(m: EntityManager, afterId: string, limit: number): Promise<EpisodeTitleRow[]> {
    return m.query(
      `SELECT e.id, e.title, e.search_text, p.name AS project_name, p.code AS project_code,
              s.year, s.number AS season_number, ev.number AS event_number, ev.name AS event_name, ev.location,
              e.episode_number, e.day, to_char(e.air_date, 'YYYY-MM-DD') AS air_date, e.final_table
         FROM catalog.episodes e
         JOIN catalog.seasons s ON s.id = e.season_id
         JOIN catalog.projects p ON p.id = s.project_id
         JOIN catalog.events ev ON ev.id = e.event_id
        WHERE NOT e.title_locked AND e.id > $1::uuid
        ORDER BY e.id LIMIT $2`,
      [afterId, limit],
    );
  }
}
