import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventType } from '@pokervod/contracts';
import { EventOf, HandlerContext, OnEvent } from '@pokervod/messaging';
import { SyncRunService } from './sync-run.service';

/** Events that drive sync runs. Each runs in one transaction with its inbox row and the events it emits. */
@Injectable()
export class SyncRunHandlers {
  constructor(private readonly runs: SyncRunService) {}

  /** `system.sync.all`, e.g. published by hand from the RabbitMQ console; its correlation id becomes the run's. */
  @OnEvent(EventType.SYNC_ALL_REQUESTED)
  async onSyncAllRequested(event: EventOf<typeof EventType.SYNC_ALL_REQUESTED>, ctx: HandlerContext): Promise<void> {
    await this.runs.startIn(
      ctx.db(),
      event.payload.sync_type,
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

  @OnEvent(EventType.ERROR_OCCURRED)
  async onBlockError(event: EventOf<typeof EventType.ERROR_OCCURRED>, ctx: HandlerContext): Promise<void> {
    await this.runs.onBlockError(ctx.db(), event, ctx.emit);
  }
}
