import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClipStatus } from './clip-validation';
import { CLIP_FIELDS, type HandClip, type HandClipFields, type TagLink, type TagSource } from './hand-clip';

export interface ClipTagRow {
  clip_id: string;
  tag: string;
  category: string | null;
  source: TagSource;
  raw: string | null;
}

export interface TagRecord {
  name: string;
  category: string | null;
  synonyms: readonly string[];
}

export interface ClipFilter {
  episode_id?: string;
  video_file_id?: string;
  status?: ClipStatus;
  /** Canonical tag name. */
  tag?: string;
  limit: number;
  offset: number;
}

/** The columns written on insert and update. */
const COLUMNS = CLIP_FIELDS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only well-formed ids reach SQL (a malformed one names no clip). */
export const isClipId = (id: string): boolean => UUID.test(id);

/** All SQL of block C's clips and tags (`hands.clips`, `hands.tags`, `hands.clip_tags`). */
@Injectable()
export class HandClipRepository {
  async insert(m: EntityManager, fields: HandClipFields): Promise<string> {
    const [row] = (await m.query(
      `INSERT INTO hands.clips (${COLUMNS.join(', ')})
       VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      COLUMNS.map((c) => fields[c]),
    )) as { id: string }[];
    if (!row) throw new Error('insert into hands.clips returned no id');
    return row.id;
  }

  async update(m: EntityManager, id: string, fields: HandClipFields): Promise<void> {
    await m.query(
      `UPDATE hands.clips SET ${COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now()
       WHERE id = $1`,
      [id, ...COLUMNS.map((c) => fields[c])],
    );
  }

  /** Serializes work on one source row across replicas, for the rest of the transaction. */
  async lockSourceRow(m: EntityManager, sourceRowKey: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`hands.clip:${sourceRowKey}`]);
  }

  async findBySourceRow(m: EntityManager, sourceRowKey: string): Promise<HandClip | null> {
    const rows: HandClip[] = await m.query(`SELECT * FROM hands.clips WHERE source_row_key = $1 FOR UPDATE`, [
      sourceRowKey,
    ]);
    return rows[0] ?? null;
  }

  async findById(m: EntityManager, id: string, lock = false): Promise<HandClip | null> {
    if (!isClipId(id)) return null;
    const rows: HandClip[] = await m.query(`SELECT * FROM hands.clips WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** Locks and returns the clips among `ids` that exist, in id order. */
  async lockMany(m: EntityManager, ids: readonly string[]): Promise<HandClip[]> {
    return m.query(`SELECT * FROM hands.clips WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
      ids.filter(isClipId),
    ]);
  }

  /** Clip ids in id order after `after` (keyset paging over every clip). */
  async idsAfter(m: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM hands.clips WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }

  async count(m: EntityManager, ids?: readonly string[]): Promise<number> {
    const [row] = (await (ids
      ? m.query(`SELECT count(*)::int AS n FROM hands.clips WHERE id = ANY($1::uuid[])`, [ids.filter(isClipId)])
      : m.query(`SELECT count(*)::int AS n FROM hands.clips`))) as { n: number }[];
    return row?.n ?? 0;
  }

  /** The removed clip's id, or null when the row had none. */
  async deleteBySourceRow(m: EntityManager, sourceRowKey: string): Promise<string | null> {
    const [rows] = (await m.query(`DELETE FROM hands.clips WHERE source_row_key = $1 RETURNING id`, [
      sourceRowKey,
    ])) as [{ id: string }[], number];
    return rows[0]?.id ?? null;
  }

  async list(m: EntityManager, filter: ClipFilter): Promise<{ clips: HandClip[]; total: number }> {
    const where = `($1::text IS NULL OR c.episode_id = $1)
       AND ($2::text IS NULL OR c.video_file_id = $2)
       AND ($3::text IS NULL OR c.status = $3)
       AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM hands.clip_tags t WHERE t.clip_id = c.id AND t.tag = $4))`;
    const params = [filter.episode_id ?? null, filter.video_file_id ?? null, filter.status ?? null, filter.tag ?? null];
    const clips: HandClip[] = await m.query(
      `SELECT c.* FROM hands.clips c WHERE ${where} ORDER BY c.created_at, c.id LIMIT $5 OFFSET $6`,
      [...params, filter.limit, filter.offset],
    );
    const [row] = (await m.query(`SELECT count(*)::int AS n FROM hands.clips c WHERE ${where}`, params)) as {
      n: number;
    }[];
    return { clips, total: row?.n ?? 0 };
  }

  // ---- tags -----------------------------------------------------------------

  /** Creates the tags, or brings their category and synonyms in line with the taxonomy. */
  async saveTags(m: EntityManager, tags: readonly TagRecord[]): Promise<void> {
    // In name order: concurrent clips writing the same new tags then wait for each other instead of deadlocking.
    const unique = [...new Map(tags.map((t) => [t.name, t])).values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    if (unique.length === 0) return;
    await m.query(
      `INSERT INTO hands.tags (name, category, synonyms)
       SELECT name, category, synonyms FROM jsonb_to_recordset($1::jsonb) AS t(name text, category text, synonyms text[])
       ORDER BY name COLLATE "C"
       ON CONFLICT (name) DO UPDATE SET category = EXCLUDED.category, synonyms = EXCLUDED.synonyms, updated_at = now()
       WHERE hands.tags.category IS DISTINCT FROM EXCLUDED.category
          OR hands.tags.synonyms IS DISTINCT FROM EXCLUDED.synonyms`,
      [JSON.stringify(unique)],
    );
  }

  async tagsOf(m: EntityManager, clipIds: readonly string[]): Promise<ClipTagRow[]> {
    if (clipIds.length === 0) return [];
    return m.query(
      `SELECT ct.clip_id, ct.tag, t.category, ct.source, ct.raw
         FROM hands.clip_tags ct JOIN hands.tags t ON t.name = ct.tag
        WHERE ct.clip_id = ANY($1::uuid[])
        ORDER BY ct.clip_id, ct.created_at, ct.tag`,
      [clipIds],
    );
  }

  /**
   * Makes the clip's tags from `source` exactly `links`; true when that
   * changed anything. Links are rewritten when the text they came from differs.
   */
  async replaceTags(m: EntityManager, clipId: string, source: TagSource, links: readonly TagLink[]): Promise<boolean> {
    const names = links.map((l) => l.name);
    const [, removed] = (await m.query(
      `DELETE FROM hands.clip_tags WHERE clip_id = $1 AND source = $2 AND NOT (tag = ANY($3::text[]))`,
      [clipId, source, names],
    )) as [unknown, number];
    const added = await this.linkTags(m, clipId, source, links, true);
    return removed > 0 || added > 0;
  }

  /** Adds links; returns how many rows were written. */
  async linkTags(
    m: EntityManager,
    clipId: string,
    source: TagSource,
    links: readonly TagLink[],
    rewriteRaw = false,
  ): Promise<number> {
    if (links.length === 0) return 0;
    const written: unknown[] = await m.query(
      `INSERT INTO hands.clip_tags (clip_id, tag, source, raw)
       SELECT $1, tag, $2, raw FROM unnest($3::text[], $4::text[]) AS l(tag, raw)
       ON CONFLICT (clip_id, source, tag) DO ${
         rewriteRaw
           ? `UPDATE SET raw = EXCLUDED.raw WHERE hands.clip_tags.raw IS DISTINCT FROM EXCLUDED.raw`
           : 'NOTHING'
       }
       RETURNING 1`,
      [clipId, source, links.map((l) => l.name), links.map((l) => l.raw)],
    );
    return written.length;
  }

  /** Every tag in use or known, with how many clips carry it. */
  async tagUsage(m: EntityManager): Promise<{ name: string; category: string | null; clips: number }[]> {
    return m.query(
      `SELECT t.name, t.category, count(DISTINCT ct.clip_id)::int AS clips
         FROM hands.tags t LEFT JOIN hands.clip_tags ct ON ct.tag = t.name
        GROUP BY t.name, t.category ORDER BY t.name`,
    );
  }
}
