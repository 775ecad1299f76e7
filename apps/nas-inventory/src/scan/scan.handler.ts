import { Injectable } from '@nestjs/common';
import { EventType } from '@pokervod/contracts';
import { EventOf, HandlerContext, OnEvent } from '@pokervod/messaging';

/**
 * Block A's answer to `nas.scan.requested` (phase 1 of a full sync, and the
 * hourly `detect_nas_changes`).
 * Walking skeleton: it answers at once with an empty result. The real work
 * replaces the body (issue #4: streaming scan, parsing, change detection, outbox file events).
 */
@Injectable()
export class ScanHandler {
  @OnEvent(EventType.NAS_SCAN_REQUESTED)
  async onScanRequested(_event: EventOf<typeof EventType.NAS_SCAN_REQUESTED>, ctx: HandlerContext): Promise<void> {
    ctx.emit(EventType.NAS_SCAN_COMPLETED, {});
    ctx.emit(EventType.BLOCK_STATUS, { block_id: 'A', status: 'completed' });
  }
}
