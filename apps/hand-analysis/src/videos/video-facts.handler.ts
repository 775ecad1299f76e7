import { Injectable } from '@nestjs/common';
import { EventType, MediaSummary } from '@pokervod/contracts';
import { EventOf, HandlerContext, OnEvent } from '@pokervod/messaging';
import { rateOf } from '../clips/clip-validation';
import { VideoRepository } from './video.repository';

/**
 * Keeps `hands.videos` up to date from the NAS block's events, so clips are
 * checked against a video's real length and frame rate even when the
 * request that made them did not carry them.
 */
@Injectable()
export class VideoFactsHandler {
  private readonly videos = new VideoRepository();

  @OnEvent(EventType.NAS_FILE_ADDED)
  @OnEvent(EventType.NAS_FILE_CHANGED)
  @OnEvent(EventType.NAS_FILE_MOVED)
  async onFile(
    event: EventOf<
      typeof EventType.NAS_FILE_ADDED | typeof EventType.NAS_FILE_CHANGED | typeof EventType.NAS_FILE_MOVED
    >,
    ctx: HandlerContext,
  ): Promise<void> {
    const { file } = event.payload;
    if (file.media) await this.record(ctx, file.id, file.media, null);
  }

  @OnEvent(EventType.NAS_FILE_PROBED)
  async onProbed(event: EventOf<typeof EventType.NAS_FILE_PROBED>, ctx: HandlerContext): Promise<void> {
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
