import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventType } from '@pokervod/contracts';
import type { EventOf, HandlerContext } from '@pokervod/messaging';
import { StatusTracker } from './status-tracker';

/** `system.block.status` from every block, into the status the orchestrator serves. */
@Controller()
export class BlockStatusHandler {
  constructor(private readonly tracker: StatusTracker) {}

  @EventPattern(EventType.BLOCK_STATUS)
  onBlockStatus(@Payload() event: EventOf<typeof EventType.BLOCK_STATUS>, @Ctx() ctx: HandlerContext): Promise<void> {
    return this.tracker.onBlockStatus(event, ctx);
  }
}
