import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SyncStatus } from '@pokervod/contracts';

export interface SyncHistoryEntry {
  run_id: string;
  status: SyncStatus;
  completed_at: string;
}

/** All I/O of `search.sync_history`, the API's record of finished full syncs. */
@Injectable()
export class SyncHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(m: EntityManager, runId: string, status: SyncStatus): Promise<void> {
    await m.query(
      `INSERT INTO search.sync_history (run_id, status, completed_at) VALUES ($1, $2, now())
       ON CONFLICT (run_id) DO UPDATE SET status = EXCLUDED.status, completed_at = EXCLUDED.completed_at`,
      [runId, status],
    );
  }

  async latest(limit: number): Promise<SyncHistoryEntry[]> {
    const rows: { run_id: string; status: SyncStatus; completed_at: Date }[] = await this.dataSource.query(
      `SELECT run_id, status, completed_at FROM search.sync_history ORDER BY completed_at DESC LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ ...r, completed_at: r.completed_at.toISOString() }));
  }
}
