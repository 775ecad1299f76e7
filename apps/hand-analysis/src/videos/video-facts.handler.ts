import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventType, MediaSummary } from '@pokervod/contracts';
import { EventOf, HandlerContext } from '@pokervod/messaging';
import { rateOf } from '../clips/clip-validation';
import { VideoRepository } from './video.repository';

/**
 * Keeps `hands.videos` up to date from the NAS block's events, so clips are
 * checked against a video's real length and frame rate even when the
 * request that made them did not carry them.
 */
@Controller()
export class VideoFactsHandler {
  constructor(private readonly videos: VideoRepository) {}

  @EventPattern([EventType.NAS_FILE_ADDED, EventType.NAS_FILE_CHANGED, EventType.NAS_FILE_MOVED])
  async onFile(
    @Payload()
    event: EventOf<
      typeof EventType.NAS_FILE_ADDED | typeof EventType.NAS_FILE_CHANGED | typeof EventType.NAS_FILE_MOVED
    >,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    const { file } = event.payload;
    if (file.media) await this.record(ctx, file.id, file.media, null);
  }

  @EventPattern(EventType.NAS_FILE_PROBED)
  async onProbed(
    @Payload() event: EventOf<typeof EventType.NAS_FILE_PROBED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    await this.record(ctx, event.payload.file_id, event.payload.media, event.payload.error);
  }

  private async record(
    ctx: HandlerContext,
    fileId: string,
    media: MediaSummary | null,
    error: string | null,
  ): Promise<void> {
    await this.videos.record(ctx.db(), fileId, {
      durationS: media?.duration_s ?? null,
      rate: rateOf(media),
      probeError: error,
    });
  }
}
