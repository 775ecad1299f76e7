import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ParsedMetadata } from '@pokervod/contracts';

export interface EpisodeRef {
  id: string;
  title: string;
  project_code: string | null;
}

export interface EpisodeState extends EpisodeRef {
  merged_into: string | null;
}

async function updateReturning<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = (await m.query(sql, params)) as [T[], number];
  return rows;
}

/** SQL of editors' curation: renames, merges, pins. */
@Injectable()
export class CurationRepository {
  /** The episodes, locked for the rest of the transaction (in id order, so two merges cannot deadlock). */
  async lockEpisodes(m: EntityManager, ids: string[]): Promise<EpisodeState[]> {
    return m.query(
      `SELECT e.id, e.title, p.code AS project_code, e.merged_into
         FROM catalog.episodes e
         JOIN catalog.seasons s ON s.id = e.season_id
         JOIN catalog.projects p ON p.id = s.project_id
        WHERE e.id = ANY($1::uuid[])
        ORDER BY e.id
        FOR UPDATE OF e`,
      [ids],
    );
  }

  async rename(m: EntityManager, id: string, title: string, searchText: string): Promise<void> {
    await m.query(
      `UPDATE catalog.episodes SET title = $2, search_text = $3, title_locked = true, updated_at = now() WHERE id = $1`,
      [id, title, searchText],
    );
  }

  /** Moves every file of `from` into `into` and retires `from` (and what was merged into it) for good. */
  async merge(m: EntityManager, fromId: string, intoId: string): Promise<number> {
    const moved = await updateReturning(
      m,
      `UPDATE catalog.files SET episode_id = $2, updated_at = now() WHERE episode_id = $1 RETURNING id`,
      [fromId, intoId],
    );
    await m.query(`UPDATE catalog.episodes SET merged_into = $2, updated_at = now() WHERE merged_into = $1`, [
      fromId,
      intoId,
    ]);
    await m.query(`UPDATE catalog.episodes SET merged_into = $2, updated_at = now() WHERE id = $1`, [fromId, intoId]);
    return moved.length;
  }

  async lockFile(
    m: EntityManager,
    id: string,
  ): Promise<{ id: string; path: string; parsed: ParsedMetadata | null; pinned: boolean } | undefined> {
    const [row] = await m.query(`SELECT id, path, parsed, pinned FROM catalog.files WHERE id = $1 FOR UPDATE`, [id]);
    return row;
  }

  async pin(m: EntityManager, fileId: string, episodeId: string): Promise<void> {
    await m.query(`UPDATE catalog.files SET episode_id = $2, pinned = true, updated_at = now() WHERE id = $1`, [
      fileId,
      episodeId,
    ]);
  }

  /** Unpinned, the file goes where its name says (merges followed), or to the unsorted files. */
  async unpin(m: EntityManager, fileId: string, episodeId: string | null, projectCode: string | null): Promise<void> {
    await m.query(
      `UPDATE catalog.files SET pinned = false, project_code = $3, updated_at = now(),
         episode_id = (SELECT COALESCE(e.merged_into, e.id) FROM catalog.episodes e WHERE e.id = $2::uuid)
       WHERE id = $1`,
      [fileId, episodeId, projectCode],
    );
  }

  async episodeOfFile(m: EntityManager, fileId: string): Promise<EpisodeRef | null> {
    const [row] = await m.query(
      `SELECT e.id, e.title, p.code AS project_code
         FROM catalog.files f
         JOIN catalog.episodes e ON e.id = f.episode_id
         JOIN catalog.seasons s ON s.id = e.season_id
         JOIN catalog.projects p ON p.id = s.project_id
        WHERE f.id = $1`,
      [fileId],
    );
    return row ?? null;
  }
}
