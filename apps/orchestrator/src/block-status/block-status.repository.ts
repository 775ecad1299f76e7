import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { BlockStatus } from '@pokervod/contracts';

/** All I/O of `orchestrator.block_status`, one row per block. */
@Injectable()
export class BlockStatusRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts left null keep what the block last reported (the orchestrator only knows the status). */
  async upsert(
    m: EntityManager,
    status: Omit<BlockStatus, 'items_processed' | 'items_total'> & {
      items_processed: number | null;
      items_total: number | null;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO orchestrator.block_status (block_id, status, last_sync_at, last_error, items_processed, items_total, updated_at)
       VALUES ($1, $2, $3, $4, COALESCE($5, 0), COALESCE($6, 0), now())
       ON CONFLICT (block_id) DO UPDATE SET
         status = EXCLUDED.status,
         last_sync_at = COALESCE(EXCLUDED.last_sync_at, orchestrator.block_status.last_sync_at),
         last_error = EXCLUDED.last_error,
         items_processed = COALESCE($5, orchestrator.block_status.items_processed),
         items_total = COALESCE($6, orchestrator.block_status.items_total),
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
