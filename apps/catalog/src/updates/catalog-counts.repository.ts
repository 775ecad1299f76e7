import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventPayload, EventType } from '@pokervod/contracts';

export type CatalogCounts = EventPayload<typeof EventType.CATALOG_UPDATED>;

/** The counts `catalog.updated` carries. */
@Injectable()
export class CatalogCountsRepository {
  /**
   * projects: those with at least one season; episodes: not retired by a
   * merge; files: present on the NAS; unsorted: present files in no episode.
   */
  async counts(m: EntityManager): Promise<CatalogCounts> {
    const [row] = await m.query(
      `SELECT
         (SELECT count(*) FROM catalog.projects p
           WHERE EXISTS (SELECT 1 FROM catalog.seasons s WHERE s.project_id = p.id))::int AS projects,
         (SELECT count(*) FROM catalog.seasons)::int AS seasons,
         (SELECT count(*) FROM catalog.events)::int AS events,
         (SELECT count(*) FROM catalog.episodes WHERE merged_into IS NULL)::int AS episodes,
         (SELECT count(*) FROM catalog.files WHERE status = 'present')::int AS files,
         (SELECT count(*) FROM catalog.files WHERE status = 'present' AND episode_id IS NULL)::int AS unsorted`,
    );
    return row;
  }
}
