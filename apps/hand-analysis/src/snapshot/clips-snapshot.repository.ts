import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClipSnapshot } from '@pokervod/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Block C's clips with their tags, as read models take them. */
@Injectable()
export class ClipsSnapshotRepository {
  /** Clips by id order after `after`, or just `ids` (malformed ids name no clip). */
  async clips(
    m: EntityManager,
    query: { after: string | null; ids: readonly string[] | null; limit: number },
  ): Promise<ClipSnapshot[]> {
    const ids = query.ids ? query.ids.filter((id) => UUID.test(id)) : null;
    const after = query.after && UUID.test(query.after) ? query.after : null;
    const rows: (ClipSnapshot & { created_at: Date; updated_at: Date })[] = await m.query(
      `SELECT c.id::text AS id, c.video_file_id, c.episode_id, c.source_sheet, c.source_row_key, c.hand_no, c.players,
              c.description, c.in_text, c.out_text, c.in_frame, c.out_frame, c.rate_num, c.rate_den, c.drop_frame,
              c.duration_s, c.video_duration_s, c.status, c.reasons, c.created_at, c.updated_at,
              coalesce((SELECT json_agg(json_build_object('name', t.name, 'category', t.category, 'sources', t.sources)
                                        ORDER BY t.first)
                          FROM (SELECT ct.tag AS name, tg.category, array_agg(DISTINCT ct.source) AS sources,
                                       min(ct.created_at) AS first
                                  FROM hands.clip_tags ct JOIN hands.tags tg ON tg.name = ct.tag
                                 WHERE ct.clip_id = c.id GROUP BY ct.tag, tg.category) t), '[]') AS tags
         FROM hands.clips c
        WHERE ($1::uuid[] IS NULL OR c.id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR c.id > $2::uuid)
        ORDER BY c.id LIMIT $3`,
      [ids, after, query.limit],
    );
    return rows.map((r) => ({
      ...r,
      created_at: new Date(r.created_at).toISOString(),
      updated_at: new Date(r.updated_at).toISOString(),
    }));
  }
}
