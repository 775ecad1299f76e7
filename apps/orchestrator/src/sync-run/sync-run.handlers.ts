import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventType } from '@pokervod/contracts';
import { EventOf, HandlerContext, OnEvent } from '@pokervod/messaging';
import { SyncRunService } from './sync-run.service';

/** Events that drive sync runs. Each runs in one transaction with its inbox row and emitted events. */
@Injectable()
export class SyncRunHandlers {
  constructor(private readonly runs: SyncRunService) {}

  /** `system.sync.all`, e.g. published by hand from the RabbitMQ console. */
  @OnEvent(EventType.SYNC_ALL_REQUESTED)
  async onSyncAllRequested(event: EventOf<typeof EventType.SYNC_ALL_REQUESTED>, ctx: HandlerContext): Promise<void> {
    if (event.payload.sync_type !== 'full') return; // incremental sync: issue #3
    await this.runs.startFullIn(
      ctx.db(),
      { id: randomUUID(), correlationId: event.correlation_id, requestedBy: event.payload.requested_by ?? 'event' },
      ctx.emit,
    );
  }

  @OnEvent(EventType.NAS_SCAN_COMPLETED)
  @OnEvent(EventType.CATALOG_UPDATED)
  @OnEvent(EventType.SHEETS_SYNC_COMPLETED)
  @OnEvent(EventType.HAND_ANALYSIS_COMPLETED)
  async onStepCompleted(event: EventOf<EventType>, ctx: HandlerContext): Promise<void> {
    await this.runs.onStepCompleted(ctx.db(), event, ctx.emit);
  }
}
