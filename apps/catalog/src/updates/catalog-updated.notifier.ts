import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventType } from '@pokervod/contracts';
import { MessageBus, newCorrelationId } from '@pokervod/messaging';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import { runWithMessageContext } from '@pokervod/telemetry';
import type { CatalogConfig } from '../catalog.config';
import { CatalogCounts, CatalogCountsRepository } from './catalog-counts.repository';

/** Marks this close to a tick are of handlers that may not have committed yet: wait for them. */
const SETTLE_MS = 250;

/**
 * `catalog.updated` for NAS file events and curation, coalesced: counting
 * the whole tree per event would cap throughput, so a change only marks the
 * catalog dirty and one event with fresh counts (and its own correlation id)
 * leaves at most every CATALOG_UPDATED_DEBOUNCE_MS, once the burst has settled.
 */
@Injectable()
export class CatalogUpdatedNotifier implements OnModuleDestroy {
  private readonly logger = new Logger('CatalogUpdated');
  private timer: NodeJS.Timeout | null = null;
  private lastMarkAt = 0;
  private lastPublishAt = 0;
  private dirty = false;
  private closed = false;

  constructor(
    private readonly repository: CatalogCountsRepository,
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    @Inject(SERVICE_CONFIG) private readonly config: CatalogConfig,
  ) {}

  /** The catalog changed (or is about to, once the caller's transaction commits). */
  markChanged(): void {
    if (this.closed) return;
    this.dirty = true;
    this.lastMarkAt = Date.now();
    if (!this.timer) this.schedule(Math.max(0, this.lastPublishAt + this.debounceMs - Date.now()));
  }

  counts(): Promise<CatalogCounts> {
    return this.repository.counts(this.dataSource.manager);
  }

  onModuleDestroy(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private get debounceMs(): number {
    return this.config.CATALOG_UPDATED_DEBOUNCE_MS;
  }

  private schedule(ms: number): void {
    // Outside any handler's message context: this event answers no single request.
    this.timer = runWithMessageContext({ correlationId: '', causationId: null, eventId: null }, () =>
      setTimeout(() => void this.tick(), ms),
    );
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.closed || !this.dirty) return;
    const sinceMark = Date.now() - this.lastMarkAt;
    if (sinceMark < SETTLE_MS) return this.schedule(SETTLE_MS - sinceMark);
    this.dirty = false;
    this.lastPublishAt = Date.now();
    try {
      const counts = await this.counts();
      await this.bus.publish(EventType.CATALOG_UPDATED, counts, { correlationId: newCorrelationId() });
    } catch (error) {
      this.logger.warn(`catalog.updated not sent: ${(error as Error).message}`);
      this.dirty = true;
    }
    if (this.dirty && !this.closed && !this.timer) this.schedule(this.debounceMs);
  }
}
