import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { BlockStatus } from '@pokervod/contracts';

/** All I/O of `orchestrator.block_status`, one row per block. */
@Injectable()
export class BlockStatusRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(m: EntityManager, status: BlockStatus): Promise<void> {
    await m.query(
      `INSERT INTO orchestrator.block_status (block_id, status, last_sync_at, last_error, items_processed, items_total, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (block_id) DO UPDATE SET
         status = EXCLUDED.status,
         last_sync_at = COALESCE(EXCLUDED.last_sync_at, orchestrator.block_status.last_sync_at),
         last_error = EXCLUDED.last_error,
         items_processed = EXCLUDED.items_processed,
         items_total = EXCLUDED.items_total,
         updated_at = now()`,
      [
        status.block_id,
        status.status,
        status.last_sync_at,
        status.last_error,
        status.items_processed,
        status.items_total,
      ],
    );
  }

  async all(): Promise<BlockStatus[]> {
    const rows: (Omit<BlockStatus, 'last_sync_at'> & { last_sync_at: Date | null })[] = await this.dataSource.query(
      `SELECT block_id, status, last_sync_at, last_error, items_processed, items_total FROM orchestrator.block_status`,
    );
    return rows.map((r) => ({ ...r, last_sync_at: r.last_sync_at?.toISOString() ?? null }));
  }
}
