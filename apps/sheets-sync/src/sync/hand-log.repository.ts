import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SyncResult } from '@pokervod/contracts';
import type { StoredRow } from '../hand-log/diff';
import type { KeyedRow } from '../hand-log/parse-hand-log';
import type { UnreadTab } from '../sources/sheet-source';

/** Rows per statement: big sheets are written in a few multi-row statements, not one per row. */
const CHUNK = 2000;

export interface SourceState {
  id: string;
  kind: string;
  change_token: string | null;
  last_status: string | null;
  last_result: SyncResult | null;
  last_error: string | null;
  unread: UnreadTab[];
  rows_total: number;
  last_attempt_at: Date | null;
  last_synced_at: Date | null;
}

export interface SyncRecord {
  kind: string;
  /** The change token read before this sync's fetch; null keeps the previous one (nothing was read). */
  changeToken: string | null;
  result: SyncResult;
  error: string | null;
  unread: UnreadTab[];
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** SQL of the `sheets` schema. */
@Injectable()
export class HandLogRepository {
  /** Serializes the write phase of one sheet across replicas (held until the transaction ends). */
  async lockSheet(m: EntityManager, sheetId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 6))`, [`sheets:${sheetId}`]);
  }

  async storedRows(m: EntityManager, sheetId: string): Promise<StoredRow[]> {
    const rows: { row_key: string; tab: string; row_number: number; hash: string }[] = await m.query(
      `SELECT row_key, tab, row_number, hash FROM sheets.rows WHERE sheet_id = $1`,
      [sheetId],
    );
    return rows.map((r) => ({ key: r.row_key, tab: r.tab, rowNumber: r.row_number, hash: r.hash }));
  }

  async upsertRows(m: EntityManager, sheetId: string, rows: readonly KeyedRow[]): Promise<void> {
    for (const part of chunks(rows)) {
      await m.query(
        `INSERT INTO sheets.rows (sheet_id, row_key, tab, row_number, hash, row)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::jsonb[])
         ON CONFLICT (sheet_id, row_key) DO UPDATE
           SET tab = excluded.tab, row_number = excluded.row_number, hash = excluded.hash,
               row = excluded.row, updated_at = now()`,
        [
          sheetId,
          part.map((r) => r.key),
          part.map((r) => r.tab),
          part.map((r) => r.rowNumber),
          part.map((r) => r.hash),
          part.map((r) => JSON.stringify(r.row)),
        ],
      );
    }
  }

  /** Same content, new place: only the position is written. */
  async moveRows(m: EntityManager, sheetId: string, rows: readonly KeyedRow[]): Promise<void> {
    for (const part of chunks(rows)) {
      await m.query(
        `UPDATE sheets.rows r SET tab = u.tab, row_number = u.row_number
           FROM unnest($2::text[], $3::text[], $4::int[]) AS u(row_key, tab, row_number)
          WHERE r.sheet_id = $1 AND r.row_key = u.row_key`,
        [sheetId, part.map((r) => r.key), part.map((r) => r.tab), part.map((r) => r.rowNumber)],
      );
    }
  }

  async deleteRows(m: EntityManager, sheetId: string, keys: readonly string[]): Promise<void> {
    for (const part of chunks(keys)) {
      await m.query(`DELETE FROM sheets.rows WHERE sheet_id = $1 AND row_key = ANY($2::text[])`, [sheetId, part]);
    }
  }

  async recordSync(m: EntityManager, sheetId: string, record: SyncRecord): Promise<void> {
    const completed = record.result.status === 'completed';
    await m.query(
      `INSERT INTO sheets.sources AS s
         (id, kind, change_token, last_status, last_result, last_error, unread, rows_total, last_attempt_at, last_synced_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT count(*) FROM sheets.rows WHERE sheet_id = $1), now(),
               CASE WHEN $8 THEN now() END)
       ON CONFLICT (id) DO UPDATE SET
         kind = excluded.kind,
         change_token = COALESCE(excluded.change_token, s.change_token),
         last_status = excluded.last_status,
         last_result = excluded.last_result,
         last_error = excluded.last_error,
         unread = excluded.unread,
         rows_total = excluded.rows_total,
         last_attempt_at = excluded.last_attempt_at,
         last_synced_at = COALESCE(excluded.last_synced_at, s.last_synced_at)`,
      [
        sheetId,
        record.kind,
        record.changeToken,
        record.result.status,
        JSON.stringify(record.result),
        record.error,
        JSON.stringify(record.unread),
        completed,
      ],
    );
  }

  async source(m: EntityManager, sheetId: string): Promise<SourceState | null> {
    const [row] = await m.query(`SELECT * FROM sheets.sources WHERE id = $1`, [sheetId]);
    return (row as SourceState | undefined) ?? null;
  }

  async sources(m: EntityManager): Promise<SourceState[]> {
    return m.query(`SELECT * FROM sheets.sources ORDER BY id`);
  }

  async rowsTotal(m: EntityManager): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM sheets.rows`);
    return row.n;
  }
}
