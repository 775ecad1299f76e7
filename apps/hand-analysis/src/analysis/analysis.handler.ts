import { Injectable } from '@nestjs/common';
import { EventType } from '@pokervod/contracts';
import { EventOf, HandlerContext, OnEvent } from '@pokervod/messaging';

/**
 * Block C's answer to `hand.analysis.requested` (phase 3 of a full sync).
 * Walking skeleton: it answers at once with an empty result. The real work
 * replaces the body (issue #5: re-normalize tags, derive tags, re-validate clips).
 */
@Injectable()
export class AnalysisHandler {
  @OnEvent(EventType.HAND_ANALYSIS_REQUESTED)
  async onAnalysisRequested(
    _event: EventOf<typeof EventType.HAND_ANALYSIS_REQUESTED>,
    ctx: HandlerContext,
  ): Promise<void> {
    ctx.emit(EventType.HAND_CLIP_TAGGED, {});
    ctx.emit(EventType.HAND_ANALYSIS_COMPLETED, {});
    ctx.emit(EventType.BLOCK_STATUS, { block_id: 'C', status: 'completed' });
  }
}
