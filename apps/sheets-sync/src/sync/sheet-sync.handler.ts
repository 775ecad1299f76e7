import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { EventType, SyncResult } from '@pokervod/contracts';
import { CommandRejection, EventOf, HandlerContext } from '@pokervod/messaging';
import { SourceRegistry } from '../sources/source-registry';
import { SheetSyncService } from './sheet-sync.service';
import { overallStatus } from './sync-outcome';

@Controller()
export class SheetSyncHandler {
  constructor(
    private readonly syncs: SheetSyncService,
    private readonly registry: SourceRegistry,
  ) {}

  /**
   * Phase 2 of a full sync (and the scheduler's sheets sync): every source,
   * or the one named, then ONE `sheets.sync.completed` with every result,
   * under the request's correlation id. Fetching is slow and outside any
   * transaction; each source commits its own rows and events, and a
   * redelivered request only syncs again (nothing new to emit).
   */
  @EventPattern(EventType.SHEETS_SYNC_REQUESTED, { transactional: false })
  async onSyncRequested(
    @Payload() event: EventOf<typeof EventType.SHEETS_SYNC_REQUESTED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const outcomes = await this.syncs.syncRequested(event.payload.sheet_id);
    ctx.emit(EventType.SHEETS_SYNC_COMPLETED, {
      status: overallStatus(outcomes),
      results: outcomes.map((o) => o.result),
    });
    ctx.emit(EventType.BLOCK_STATUS, await this.syncs.blockStatus(undefined, outcomes));
  }

  /** `sync_sheet(sheet_id)`: syncs one source now and answers with its SyncResult. */
  @MessagePattern('sheets.sync_sheet')
  async syncSheet(@Payload() request: { sheet_id: string }): Promise<SyncResult> {
    const sources = this.registry.find({ sheet_id: request.sheet_id });
    const [source, ...others] = sources;
    if (!source) throw new CommandRejection('not_found', `no configured source "${request.sheet_id}"`);
    if (others.length > 0) {
      throw new CommandRejection(
        'ambiguous',
        `"${request.sheet_id}" names ${sources.length} sources: ${sources.map((s) => s.id).join(', ')}`,
      );
    }
    return (await this.syncs.syncSignalled(source, 'command')).result;
  }
}
