import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventType } from '@pokervod/contracts';
import { EventOf, HandlerContext, MessageBus } from '@pokervod/messaging';
import { HandAnalysisService } from './hand-analysis.service';

/** Tags listed in the summary `hand.clip.tagged`: enough to show, bounded for a big catalog. */
export const SUMMARY_TAG_LIMIT = 200;

/** Block C's answer to `hand.analysis.requested` (phase 3 of a full sync). */
@Controller()
export class AnalysisHandler {
  constructor(
    private readonly analysis: HandAnalysisService,
    private readonly bus: MessageBus,
  ) {}

  /**
   * Not one transaction: the analysis commits batch by batch. The inbox
   * still makes a redelivered request a no-op once it has completed, and
   * the completion events leave together with the inbox row.
   */
  @EventPattern(EventType.HAND_ANALYSIS_REQUESTED, { transactional: false })
  async onAnalysisRequested(
    @Payload() event: EventOf<typeof EventType.HAND_ANALYSIS_REQUESTED>,
    @Ctx() ctx: HandlerContext,
  ): Promise<void> {
    let summary;
    try {
      summary = await this.analysis.analyze(event.payload.clip_ids);
    } catch (error) {
      // Best effort, so the status page shows why; the bus retries and finally reports system.error.
      await this.bus
        .publish(EventType.BLOCK_STATUS, {
          block_id: 'C',
          status: 'failed',
          last_error: `hand analysis failed (attempt ${ctx.attempt}): ${(error as Error).message}`,
        })
        .catch(() => undefined);
      throw error;
    }
    ctx.emit(EventType.HAND_CLIP_TAGGED, {
      clip_id: null,
      tags: [...summary.tagNames].sort().slice(0, SUMMARY_TAG_LIMIT),
      clips_tagged: summary.tagged,
    });
    ctx.emit(EventType.HAND_ANALYSIS_COMPLETED, {
      clips_analyzed: summary.analyzed,
      clips_invalid: summary.invalid,
    });
    ctx.emit(EventType.BLOCK_STATUS, {
      block_id: 'C',
      status: 'completed',
      items_processed: summary.analyzed,
      items_total: summary.analyzed,
      message: `${summary.analyzed} clips analysed, ${summary.invalid} invalid, ${summary.tagged} tagged`,
    });
  }
}
