import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventPayload, EventType } from '@pokervod/contracts';

type RowChanged = EventPayload<typeof EventType.SHEETS_ROW_CHANGED>;

export interface UnmatchedRow {
  sheet_id: string;
  row_key: string;
  tab: string;
  row_number: number;
  file_name: string;
  nas_folder_link: string;
  reason: string;
  correlation_id: string;
  first_seen_at: string;
  last_seen_at: string;
}

/** All I/O of `orchestrator.unmatched_rows`: sheet rows no file or episode could be found for. */
@Injectable()
export class UnmatchedRowRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records (or refreshes) an unmatched row with the change it came from, to be tried again later. */
  async record(row: Omit<UnmatchedRow, 'first_seen_at' | 'last_seen_at'>, change: RowChanged): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO orchestrator.unmatched_rows
         (sheet_id, row_key, tab, row_number, file_name, nas_folder_link, reason, correlation_id, change)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (sheet_id, row_key) DO UPDATE SET
         tab = EXCLUDED.tab, row_number = EXCLUDED.row_number, file_name = EXCLUDED.file_name,
         nas_folder_link = EXCLUDED.nas_folder_link, reason = EXCLUDED.reason,
         correlation_id = EXCLUDED.correlation_id, change = EXCLUDED.change, last_seen_at = now()`,
      [
        row.sheet_id,
        row.row_key,
        row.tab,
        row.row_number,
        row.file_name,
        row.nas_folder_link,
        row.reason,
        row.correlation_id,
        JSON.stringify(change),
      ],
    );
  }

  /** Unmatched rows that can be tried again (oldest attempt first), with their changes. */
  async retryable(limit: number): Promise<{ change: RowChanged; correlation_id: string }[]> {
    return this.dataSource.query(
      `SELECT change, correlation_id FROM orchestrator.unmatched_rows
       WHERE change IS NOT NULL ORDER BY last_seen_at LIMIT $1`,
      [limit],
    );
  }

  async resolve(sheetId: string, rowKey: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM orchestrator.unmatched_rows WHERE sheet_id = $1 AND row_key = $2`, [
      sheetId,
      rowKey,
    ]);
  }

  async list(limit: number): Promise<UnmatchedRow[]> {
    const rows: (Omit<UnmatchedRow, 'first_seen_at' | 'last_seen_at'> & { first_seen_at: Date; last_seen_at: Date })[] =
      await this.dataSource.query(
        `SELECT sheet_id, row_key, tab, row_number, file_name, nas_folder_link, reason, correlation_id,
                first_seen_at, last_seen_at
         FROM orchestrator.unmatched_rows ORDER BY last_seen_at DESC LIMIT $1`,
        [limit],
      );
    return rows.map((r) => ({
      ...r,
      first_seen_at: r.first_seen_at.toISOString(),
      last_seen_at: r.last_seen_at.toISOString(),
    }));
  }

  async count(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM orchestrator.unmatched_rows`);
    return row.n;
  }
}
