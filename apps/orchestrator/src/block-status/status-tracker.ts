import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BLOCK_IDS, BlockId, BlockStatus, EventType, SyncStatus, overallStatus } from '@pokervod/contracts';
import type { EventOf, HandlerContext } from '@pokervod/messaging';
import { BlockStatusRepository } from './block-status.repository';

/** Each block's status, fed by `system.block.status` and by the orchestrator itself (docs/architecture.md#status). */
@Injectable()
export class StatusTracker {
  constructor(private readonly repository: BlockStatusRepository) {}

  async onBlockStatus(event: EventOf<typeof EventType.BLOCK_STATUS>, ctx: HandlerContext): Promise<void> {
    const p = event.payload;
    await this.update(ctx.db(), p.block_id, p.status, {
      items_processed: p.items_processed,
      items_total: p.items_total,
      last_error: p.last_error,
    });
  }

  async update(
    m: EntityManager,
    block: BlockId,
    status: SyncStatus,
    details: Partial<Pick<BlockStatus, 'items_processed' | 'items_total' | 'last_error'>> = {},
  ): Promise<void> {
    await this.repository.upsert(m, {
      block_id: block,
      status,
      last_sync_at: status === 'completed' ? new Date().toISOString() : null,
      last_error: details.last_error ?? null,
      items_processed: details.items_processed ?? null,
      items_total: details.items_total ?? null,
    });
  }

  /** Every block A–G; one never heard from is idle. */
  async blocks(): Promise<Record<BlockId, BlockStatus>> {
    const known = new Map((await this.repository.all()).map((b) => [b.block_id, b]));
    return Object.fromEntries(
      BLOCK_IDS.map((id) => [
        id,
        known.get(id) ?? {
          block_id: id,
          status: 'idle',
          last_sync_at: null,
          last_error: null,
          items_processed: 0,
          items_total: 0,
        },
      ]),
    ) as Record<BlockId, BlockStatus>;
  }

  /**
   * The overall rule (`overallStatus`) over the blocks that have reported: a
   * block registers by reporting. Blocks that never take part in a sync (the
   * dashboard) would otherwise keep the whole system "idle" forever.
   */
  async overall(): Promise<SyncStatus> {
    return overallStatus((await this.repository.all()).map((b) => b.status));
  }
}
