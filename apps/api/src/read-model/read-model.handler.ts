import { Injectable } from '@nestjs/common';
import { EventType } from '@pokervod/contracts';
import { EventOf, HandlerContext, OnEvent } from '@pokervod/messaging';
import { SyncHistoryRepository } from './sync-history.repository';

/**
 * Block E keeps its own read model, fed only by events. Walking skeleton: it
 * records finished syncs; the catalog and hand-clip views come with the API
 * issue, from `nas.file.*`, `catalog.*` and `hand.clip.*` events.
 */
@Injectable()
export class ReadModelHandler {
  constructor(private readonly history: SyncHistoryRepository) {}

  @OnEvent(EventType.SYNC_ALL_COMPLETED)
  async onSyncCompleted(event: EventOf<typeof EventType.SYNC_ALL_COMPLETED>, ctx: HandlerContext): Promise<void> {
    await this.history.record(ctx.db(), event.payload.run_id, event.payload.status);
    ctx.emit(EventType.BLOCK_STATUS, { block_id: 'E', status: 'completed' });
  }
}
