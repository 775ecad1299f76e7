import { Injectable } from '@nestjs/common';
import { EventType } from '@pokervod/contracts';
import { EventOf, OnEvent } from '@pokervod/messaging';
import { RowSyncService } from './row-sync.service';

/**
 * Not transactional: they call three blocks over RabbitMQ, which must not
 * hold a database transaction open. Their effects are idempotent per row.
 */
@Injectable()
export class RowSyncHandlers {
  constructor(private readonly rows: RowSyncService) {}

  @OnEvent(EventType.SHEETS_ROW_CHANGED, { transactional: false })
  async onRowChanged(event: EventOf<typeof EventType.SHEETS_ROW_CHANGED>): Promise<void> {
    await this.rows.onRowChanged(event.payload, event.correlation_id);
  }

  /** New, moved or changed files may be what an unmatched row names. */
  @OnEvent(EventType.NAS_SCAN_COMPLETED, { transactional: false })
  onScanCompleted(event: EventOf<typeof EventType.NAS_SCAN_COMPLETED>): void {
    const { added, moved, changed } = event.payload;
    if (added + moved + changed > 0) this.rows.retryUnmatchedSoon();
  }

  /** New episodes, renames, merges and pins may settle an unmatched row's episode. */
  @OnEvent(EventType.CATALOG_UPDATED, { transactional: false })
  onCatalogUpdated(): void {
    this.rows.retryUnmatchedSoon();
  }

  @OnEvent(EventType.SHEETS_ROW_REMOVED, { transactional: false })
  async onRowRemoved(event: EventOf<typeof EventType.SHEETS_ROW_REMOVED>): Promise<void> {
    await this.rows.onRowRemoved(event.payload);
  }
}
