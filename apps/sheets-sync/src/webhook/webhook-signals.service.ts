import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { SheetsConfig } from '../sheets-sync.config';
import type { SheetSource } from '../sources/sheet-source';
import { SheetSyncService } from '../sync/sheet-sync.service';

/**
 * A webhook call syncs its sheet now, then looks once more a little later:
 * the Apps Script debounces bursts of edits, and the last edit of a burst
 * may have come after the sync read the sheet.
 */
@Injectable()
export class WebhookSignals implements BeforeApplicationShutdown {
  private readonly logger = new Logger('SheetsWebhook');
  private readonly rechecks = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly syncs: SheetSyncService,
    @Inject(SERVICE_CONFIG) private readonly config: SheetsConfig,
  ) {}

  signal(source: SheetSource): void {
    void this.syncs
      .syncSignalled(source, 'webhook')
      .catch((error) => this.logger.warn(`${source.id}: webhook sync failed: ${(error as Error).message}`))
      .finally(() => this.scheduleRecheck(source));
  }

  beforeApplicationShutdown(): void {
    for (const timer of this.rechecks.values()) clearTimeout(timer);
    this.rechecks.clear();
  }

  private scheduleRecheck(source: SheetSource): void {
    const seconds = this.config.SHEETS_WEBHOOK_RECHECK_SECONDS;
    if (seconds <= 0) return;
    clearTimeout(this.rechecks.get(source.id));
    const timer = setTimeout(() => {
      this.rechecks.delete(source.id);
      this.syncs
        .syncIfChanged(source, 'recheck')
        .catch((error) => this.logger.warn(`${source.id}: recheck failed: ${(error as Error).message}`));
    }, seconds * 1000);
    timer.unref();
    this.rechecks.set(source.id, timer);
  }
}
