import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventType } from '@pokervod/contracts';
import { EventOf, HandlerContext, MessageBus } from '@pokervod/messaging';
import { ReconcileService } from './reconcile.service';

/** Progress reports at most this often during a reconcile. */
const PROGRESS_EVERY_MS = 1000;

/**
 * Block B's answer to `catalog.update.requested` (phase 1 of a full sync):
 * the reconcile, with `system.block.status` progress on the way, then
 * `catalog.updated` with the counts under the request's correlation id.
 * Not one transaction: the reconcile commits batch by batch and a repeat is harmless.
 */
@Controller()
export class CatalogUpdateHandler {
  constructor(
    private readonly reconcile: ReconcileService,
    private readonly bus: MessageBus,
  ) {}

  @EventPattern(EventType.CATALOG_UPDATE_REQUESTED, { transactional: false })
  async onUpdateRequested(
    @Payload() _event: EventOf<typeof EventType.CATALOG_UPDATE_REQUESTED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    let lastReport = 0;
    const result = await this.reconcile.reconcile(async (processed, total) => {
      if (Date.now() - lastReport < PROGRESS_EVERY_MS && processed < total) return;
      lastReport = Date.now();
      // Progress is a hint, not state: sent directly, under the request's correlation id.
      await this.bus
        .publish(EventType.BLOCK_STATUS, {
          block_id: 'B',
          status: 'in_progress',
          items_processed: processed,
          items_total: total,
        })
        .catch(() => undefined);
    });
    ctx.emit(EventType.CATALOG_UPDATED, result.counts);
    ctx.emit(EventType.BLOCK_STATUS, {
      block_id: 'B',
      status: result.problem ? 'partial' : 'completed',
      items_processed: result.filesTotal,
      items_total: result.filesTotal,
      last_error: result.problem,
      message:
        `${result.counts.episodes} episodes, ${result.counts.files} files (${result.counts.unsorted} unsorted); ` +
        `${result.filesChanged} files re-placed, ${result.titlesChanged} titles updated`,
    });
  }
}
