import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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

  async record(row: Omit<UnmatchedRow, 'first_seen_at' | 'last_seen_at'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO orchestrator.unmatched_rows
         (sheet_id, row_key, tab, row_number, file_name, nas_folder_link, reason, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (sheet_id, row_key) DO UPDATE SET
         tab = EXCLUDED.tab, row_number = EXCLUDED.row_number, file_name = EXCLUDED.file_name,
         nas_folder_link = EXCLUDED.nas_folder_link, reason = EXCLUDED.reason,
         correlation_id = EXCLUDED.correlation_id, last_seen_at = now()`,
      [
        row.sheet_id,
        row.row_key,
        row.tab,
        row.row_number,
        row.file_name,
        row.nas_folder_link,
        row.reason,
        row.correlation_id,
      ],
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
      await this.dataSource.query(`SELECT * FROM orchestrator.unmatched_rows ORDER BY last_seen_at DESC LIMIT $1`, [
        limit,
      ]);
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
