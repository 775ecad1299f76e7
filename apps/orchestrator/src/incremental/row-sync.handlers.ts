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

  @OnEvent(EventType.SHEETS_ROW_REMOVED, { transactional: false })
  async onRowRemoved(event: EventOf<typeof EventType.SHEETS_ROW_REMOVED>): Promise<void> {
    await this.rows.onRowRemoved(event.payload);
  }
}
