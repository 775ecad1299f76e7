import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CatalogTreeSnapshot, FilePlacement } from '@pokervod/contracts';

/** The catalog as read models see it: the tree above the files, and where each file is placed. */
@Injectable()
export class CatalogSnapshotRepository {
  async tree(m: EntityManager): Promise<CatalogTreeSnapshot> {
    const [{ as_of }] = (await m.query(`SELECT now() AS as_of`)) as { as_of: Date }[];
    const projects = await m.query(`SELECT id::text AS id, code, name, aliases FROM catalog.projects ORDER BY code`);
    const seasons = await m.query(
      `SELECT s.id::text AS id, p.code AS project_code, s.year, s.number
         FROM catalog.seasons s JOIN catalog.projects p ON p.id = s.project_id ORDER BY s.id`,
    );
    const events = await m.query(
      `SELECT id::text AS id, season_id::text AS season_id, number, name, buy_in::float8 AS buy_in, currency, game,
              location
         FROM catalog.events ORDER BY id`,
    );
    const episodes = await m.query(
      `SELECT id::text AS id, season_id::text AS season_id, event_id::text AS event_id, project_code, title, day,
              episode_number, air_date::text AS air_date, final_table, merged_into::text AS merged_into
         FROM catalog.episodes ORDER BY id`,
    );
    return { projects, seasons, events, episodes, as_of: new Date(as_of).toISOString() };
  }

  /** Placements in file id order after `after`; with `since`, only those changed since then. */
  async placements(
    m: EntityManager,
    after: string | null,
    since: string | null,
    limit: number,
  ): Promise<{ files: FilePlacement[]; asOf: string }> {
    const [{ as_of }] = (await m.query(`SELECT now() AS as_of`)) as { as_of: Date }[];
    const files: FilePlacement[] = await m.query(
      `SELECT id AS file_id, root, path, episode_id::text AS episode_id, project_code, role, pinned, status
         FROM catalog.files
        WHERE ($1::text IS NULL OR id > $1) AND ($2::timestamptz IS NULL OR updated_at >= $2)
        ORDER BY id LIMIT $3`,
      [after, since, limit],
    );
    return { files, asOf: new Date(as_of).toISOString() };
  }
}
