import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** `clip` (ref: clip id), `clips` (ref `*`: every clip) or `catalog` (ref `*`: the tree and placements). */
export type RefreshKind = 'clip' | 'clips' | 'catalog';

export interface QueuedRefresh {
  kind: RefreshKind;
  ref: string;
  seq: string;
}

/** `search.refresh_queue` and `search.state`: what waits for a block's answer, and where the last one left off. */
@Injectable()
export class RefreshQueueRepository {
  /** Asks for a refresh; asking again while one waits moves its seq on (work done on older data keeps it queued). */
  async enqueue(m: EntityManager, kind: RefreshKind, refs: readonly string[]): Promise<void> {
    if (refs.length === 0) return;
    await m.query(
      `INSERT INTO search.refresh_queue (kind, ref) SELECT $1, unnest($2::text[])
       ON CONFLICT (kind, ref) DO UPDATE SET seq = nextval('search.refresh_seq')`,
      [kind, refs],
    );
    // Wakes every API replica's refresher once this transaction commits.
    await m.query(`SELECT pg_notify('search_refresh', $1)`, [kind]);
  }

  async take(m: EntityManager, kind: RefreshKind, limit: number): Promise<QueuedRefresh[]> {
    return m.query(
      `SELECT kind, ref, seq::text AS seq FROM search.refresh_queue WHERE kind = $1 ORDER BY seq LIMIT $2`,
      [kind, limit],
    );
  }

  /** Removes what was done, unless it was asked for again meanwhile. */
  async done(m: EntityManager, entries: readonly QueuedRefresh[]): Promise<void> {
    if (entries.length === 0) return;
    await m.query(
      `DELETE FROM search.refresh_queue q USING jsonb_to_recordset($1::jsonb) AS d(kind text, ref text, seq bigint)
        WHERE q.kind = d.kind AND q.ref = d.ref AND q.seq = d.seq`,
      [JSON.stringify(entries)],
    );
  }

  async getState<T>(m: EntityManager, key: string): Promise<T | null> {
    const rows: { value: T }[] = await m.query(`SELECT value FROM search.state WHERE key = $1`, [key]);
    return rows[0]?.value ?? null;
  }

  async setState(m: EntityManager, key: string, value: unknown): Promise<void> {
    await m.query(
      `INSERT INTO search.state (key, value, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }
}
