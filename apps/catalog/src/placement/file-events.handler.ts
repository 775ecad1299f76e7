import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventType, VideoFile } from '@pokervod/contracts';
import { EventOf, HandlerContext } from '@pokervod/messaging';
import { CatalogUpdatedNotifier } from '../updates/catalog-updated.notifier';
import { NasFile, PlacementService } from './placement.service';

const nasFile = (file: VideoFile): NasFile => ({
  id: file.id,
  root: file.root,
  path: file.path,
  size: file.size,
  parsed: file.parsed,
  parserVersion: 0,
});

/**
 * NAS file events, taken in batches: one transaction claims a batch's inbox
 * rows, places every file (their rows written together before it commits)
 * and writes the `*.created` outbox rows; a failing event is retried alone.
 * The event's own timestamp orders them per file, so a late or repeated one
 * is harmless.
 */
@Controller()
export class FileEventsHandler {
  constructor(
    private readonly placement: PlacementService,
    private readonly updates: CatalogUpdatedNotifier,
  ) {}

  @EventPattern(EventType.NAS_FILE_ADDED, { batch: true })
  async onAdded(@Payload() event: EventOf<typeof EventType.NAS_FILE_ADDED>, @Ctx() ctx: HandlerContext): Promise<void> {
    await this.placement.placeFile(ctx.db(), nasFile(event.payload.file), event.timestamp, ctx.emit);
    this.updates.markChanged();
  }

  @EventPattern(EventType.NAS_FILE_CHANGED, { batch: true })
  async onChanged(
    @Payload() event: EventOf<typeof EventType.NAS_FILE_CHANGED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.placement.placeFile(ctx.db(), nasFile(event.payload.file), event.timestamp, ctx.emit);
    this.updates.markChanged();
  }

  /** Same file id, new path: re-placed from its new name (a pinned file stays where the editor put it). */
  @EventPattern(EventType.NAS_FILE_MOVED, { batch: true })
  async onMoved(@Payload() event: EventOf<typeof EventType.NAS_FILE_MOVED>, @Ctx() ctx: HandlerContext): Promise<void> {
    await this.placement.placeFile(ctx.db(), nasFile(event.payload.file), event.timestamp, ctx.emit);
    this.updates.markChanged();
  }

  @EventPattern(EventType.NAS_FILE_REMOVED, { batch: true })
  async onRemoved(
    @Payload() event: EventOf<typeof EventType.NAS_FILE_REMOVED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.placement.removeFile(ctx.db(), event.payload, event.timestamp);
    this.updates.markChanged();
  }
}
