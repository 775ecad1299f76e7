import { Injectable } from '@nestjs/common';
import { EventType } from '@pokervod/contracts';
import { EventOf, HandlerContext, OnEvent } from '@pokervod/messaging';

/**
 * Block B's answer to `catalog.update.requested` (phase 1 of a full sync).
 * Walking skeleton: it reports an empty reconcile. The real reconcile of the
 * project → season → event → episode tree replaces the body (issue #5).
 */
@Injectable()
export class CatalogUpdateHandler {
  @OnEvent(EventType.CATALOG_UPDATE_REQUESTED)
  async onUpdateRequested(
    _event: EventOf<typeof EventType.CATALOG_UPDATE_REQUESTED>,
    ctx: HandlerContext,
  ): Promise<void> {
    ctx.emit(EventType.CATALOG_UPDATED, {});
    ctx.emit(EventType.BLOCK_STATUS, { block_id: 'B', status: 'completed' });
  }
}
