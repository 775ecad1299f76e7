import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventType } from '@pokervod/contracts';
import { EventOf, HandlerContext } from '@pokervod/messaging';
import { SyncRunService } from './sync-run.service';

/** Events that drive sync runs. Each runs in one transaction with its inbox row and the events it emits. */
@Controller()
export class SyncRunHandlers {
  constructor(private readonly runs: SyncRunService) {}

  /** `system.sync.all`, e.g. published by hand from the RabbitMQ console; its correlation id becomes the run's. */
  @EventPattern(EventType.SYNC_ALL_REQUESTED)
  async onSyncAllRequested(
    @Payload() event: EventOf<typeof EventType.SYNC_ALL_REQUESTED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.runs.startIn(
      ctx.db(),
      event.payload.sync_type,
      { id: randomUUID(), correlationId: event.correlation_id, requestedBy: event.payload.requested_by ?? 'event' },
      ctx.emit,
    );
  }

  @EventPattern([
    EventType.NAS_SCAN_COMPLETED,
    EventType.CATALOG_UPDATED,
    EventType.SHEETS_SYNC_COMPLETED,
    EventType.HAND_ANALYSIS_COMPLETED,
  ])
  async onStepCompleted(@Payload() event: EventOf<EventType>, @Ctx() ctx: HandlerContext): Promise<void> {
    await this.runs.onStepCompleted(ctx.db(), event, ctx.emit);
  }

  @EventPattern(EventType.ERROR_OCCURRED)
  async onBlockError(
    @Payload() event: EventOf<typeof EventType.ERROR_OCCURRED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.runs.onBlockError(ctx.db(), event, ctx.emit);
  }
}
