import { Controller } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { EventType } from '@pokervod/contracts';
import { CommandRejection, EventOf } from '@pokervod/messaging';
import { ScanService } from './scan.service';

@Controller()
export class ScanHandler {
  constructor(private readonly scans: ScanService) {}

  /**
   * Phase 1 of a full sync, the hourly `detect_nas_changes`, or a folder
   * rescan. Not one transaction: a scan commits batch by batch and a
   * repeated scan is harmless.
   */
  @EventPattern(EventType.NAS_SCAN_REQUESTED, { transactional: false })
  async onScanRequested(@Payload() event: EventOf<typeof EventType.NAS_SCAN_REQUESTED>): Promise<void> {
    await this.scans.scan({ roots: event.payload.roots, folder: event.payload.folder });
  }

  /** The same scan as a command, answering with the counts once it is done. */
  @MessagePattern('nas.scan')
  async scanNow(@Payload() request: { roots?: string[]; folder?: string }) {
    let summary;
    try {
      summary = await this.scans.scan(request);
    } catch (error) {
      throw new CommandRejection('invalid_request', (error as Error).message);
    }
    const sum = (k: 'seen' | 'added' | 'changed' | 'moved' | 'removed' | 'unstable') =>
      summary.results.reduce((n, r) => n + r[k], 0);
    return {
      seen: sum('seen'),
      added: sum('added'),
      changed: sum('changed'),
      moved: sum('moved'),
      removed: sum('removed'),
      unstable: sum('unstable'),
      offline_roots: summary.results.filter((r) => r.offline).map((r) => r.root),
      problems: summary.results.flatMap((r) =>
        r.problems.map(({ path, error }) => ({ path: `${r.root}/${path}`, error })),
      ),
    };
  }
}
