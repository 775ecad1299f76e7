import { Injectable } from '@nestjs/common';
import { EventType } from '@pokervod/contracts';
import { EventOf, OnEvent } from '@pokervod/messaging';
import { ScanService } from './scan.service';

@Injectable()
export class ScanHandler {
  constructor(private readonly scans: ScanService) {}

  /**
   * Phase 1 of a full sync, the hourly `detect_nas_changes`, or a folder
   * rescan. Not one transaction: a scan commits batch by batch and a
   * repeated scan is harmless.
   */
  @OnEvent(EventType.NAS_SCAN_REQUESTED, { transactional: false })
  async onScanRequested(event: EventOf<typeof EventType.NAS_SCAN_REQUESTED>): Promise<void> {
    await this.scans.scan({ roots: event.payload.roots, folder: event.payload.folder });
  }
}
