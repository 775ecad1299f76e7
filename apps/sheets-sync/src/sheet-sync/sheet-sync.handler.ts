import { Injectable } from '@nestjs/common';
import { EventType } from '@pokervod/contracts';
import { EventOf, HandlerContext, OnEvent } from '@pokervod/messaging';

/**
 * Block D's answer to `sheets.sync.requested` (phase 2 of a full sync).
 * Walking skeleton: it answers at once with an empty result. The real work
 * replaces the body (issue #6: Google Sheets and exports, row-level change detection).
 */
@Injectable()
export class SheetSyncHandler {
  @OnEvent(EventType.SHEETS_SYNC_REQUESTED)
  async onSyncRequested(_event: EventOf<typeof EventType.SHEETS_SYNC_REQUESTED>, ctx: HandlerContext): Promise<void> {
    ctx.emit(EventType.SHEETS_SYNC_COMPLETED, {});
    ctx.emit(EventType.BLOCK_STATUS, { block_id: 'D', status: 'completed' });
  }
}
