import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { CommandRequest, CommandResponse, EventType } from '@pokervod/contracts';
import { EventOf, HandlerContext } from '@pokervod/messaging';
import { fileNameKeys, rowNameKeys } from './row-keys';
import { RowReconciler } from './row-reconciler';
import { RowStateRepository } from './row-state.repository';

/**
 * Every event that can change a row's outcome marks the rows it can affect
 * dirty, in the event's own transaction (inbox + mark commit together), and
 * wakes the reconciler. Nothing here calls a block.
 */
@Controller()
export class RowSyncHandler {
  constructor(
    private readonly rows: RowStateRepository,
    private readonly reconciler: RowReconciler,
  ) {}

  @EventPattern(EventType.SHEETS_ROW_CHANGED, { batch: true })
  async onRowChanged(
    @Payload() event: EventOf<typeof EventType.SHEETS_ROW_CHANGED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const change = event.payload;
    const keys = rowNameKeys(change.row.file_name, change.row.nas_folder_link);
    await this.rows.upsertChange(ctx.db(), change, event.timestamp, event.correlation_id, keys);
    this.reconciler.wake();
  }

  @EventPattern(EventType.SHEETS_ROW_REMOVED, { batch: true })
  async onRowRemoved(
    @Payload() event: EventOf<typeof EventType.SHEETS_ROW_REMOVED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.rows.markRemoved(ctx.db(), event.payload, event.timestamp, event.correlation_id);
    this.reconciler.wake();
  }

  /** A file appeared, changed or moved: rows that name it, or whose clip is on it. */
  @EventPattern([EventType.NAS_FILE_ADDED, EventType.NAS_FILE_CHANGED, EventType.NAS_FILE_MOVED])
  async onFile(
    @Payload()
    event: EventOf<
      typeof EventType.NAS_FILE_ADDED | typeof EventType.NAS_FILE_CHANGED | typeof EventType.NAS_FILE_MOVED
    >,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const { file } = event.payload;
    const keys = fileNameKeys(file.path);
    if ('from' in event.payload) keys.push(...fileNameKeys(event.payload.from.path));
    if ((await this.rows.markForFile(ctx.db(), file.id, keys)) > 0) this.reconciler.wake();
  }

  /** A file went away: its rows lose their clip; rows that were ambiguous between it and another may settle. */
  @EventPattern(EventType.NAS_FILE_REMOVED)
  async onFileRemoved(
    @Payload() event: EventOf<typeof EventType.NAS_FILE_REMOVED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const { file_id, path } = event.payload;
    const marked = await this.rows.markForFile(ctx.db(), file_id, fileNameKeys(path), { byNameInFlightOnly: true });
    if (marked > 0) this.reconciler.wake();
  }

  /**
   * A file's duration and rate became known: its clips are checked against them.
   * Rows being evaluated right now that name the file too: they have no file id
   * stored yet and may have been answered with the unprobed file (a clip at the
   * default rate).
   */
  @EventPattern(EventType.NAS_FILE_PROBED)
  async onFileProbed(
    @Payload() event: EventOf<typeof EventType.NAS_FILE_PROBED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const { file_id, path } = event.payload;
    const marked = await this.rows.markForFile(ctx.db(), file_id, fileNameKeys(path), { byNameInFlightOnly: true });
    if (marked > 0) this.reconciler.wake();
  }

  /** A scan that changed anything: rows that found no file look again (the file events do it too; this is the net). */
  @EventPattern(EventType.NAS_SCAN_COMPLETED)
  async onScanCompleted(
    @Payload() event: EventOf<typeof EventType.NAS_SCAN_COMPLETED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const { added, moved, changed, removed } = event.payload;
    if (added + moved + changed + removed === 0) return;
    if ((await this.rows.markUnmatched(ctx.db())) > 0) this.reconciler.wake();
  }

  /** New episodes, renames, merges, pins: rows whose file has no episode yet look again. */
  @EventPattern([EventType.CATALOG_UPDATED, EventType.EPISODE_CREATED])
  async onCatalogChanged(@Payload() _event: EventOf<EventType>, @Ctx() ctx: HandlerContext): Promise<void> {
    if ((await this.rows.markWithoutEpisode(ctx.db())) > 0) this.reconciler.wake();
  }

  /** Block C changed a clip on its own (analysis, a probe of its video): the row's outcome follows. */
  @EventPattern(EventType.HAND_CLIP_CREATED)
  async onClipChanged(
    @Payload() event: EventOf<typeof EventType.HAND_CLIP_CREATED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const { source_row_key, clip_id, status } = event.payload;
    if (!source_row_key) return;
    await this.rows.markIfClipDiffers(ctx.db(), source_row_key, clip_id, status);
    this.reconciler.wake();
  }

  /** Every stored row's outcome, a page at a time (read models rebuild from it). */
  @MessagePattern('orchestrator.rows_snapshot')
  rowsSnapshot(
    @Payload() request: CommandRequest<'orchestrator.rows_snapshot'>,
  ): Promise<CommandResponse<'orchestrator.rows_snapshot'>> {
    return this.rows.list({ after: request.after ?? undefined, limit: request.limit });
  }
}
