import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AdvisoryLeadership } from '@pokervod/persistence';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { SheetsConfig } from '../sheets-sync.config';
import { SheetSyncService } from '../sync/sheet-sync.service';
import { SourceRegistry } from '../sources/source-registry';

const LEADERSHIP_RETRY_MS = 5_000;
/** One key per database: every sheets-sync replica on the same database competes for it. */
export const SHEETS_POLL_LOCK_KEY = '5147002519913460001';

/**
 * Every SHEETS_POLL_SECONDS the leading replica asks each source whether it
 * moved (Drive version, file mtime + size: one cheap request) and syncs
 * those that did. The check is only a signal: the sync always fetches and
 * diffs.
 */
@Injectable()
export class SheetPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SheetPoller');
  private leadership: AdvisoryLeadership | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly syncs: SheetSyncService,
    private readonly registry: SourceRegistry,
    @Inject(SERVICE_CONFIG) private readonly config: SheetsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seconds = this.config.SHEETS_POLL_SECONDS;
    if (seconds <= 0) {
      this.logger.log('polling is off (SHEETS_POLL_SECONDS=0)');
      return;
    }
    this.leadership = new AdvisoryLeadership({
      databaseUrl: this.config.DATABASE_URL,
      lockKey: SHEETS_POLL_LOCK_KEY,
      retryMs: LEADERSHIP_RETRY_MS,
      logger: this.logger,
      role: 'polls the hand logs',
      applicationName: 'sheets-sync-poller',
    });
    await this.leadership.start();
    this.timer = setInterval(() => void this.tick(), seconds * 1000);
    this.timer.unref();
    void this.tick(); // a fresh replica catches up at once
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await this.leadership?.stop();
  }

  /** One round over every source; a round still going makes the next one wait its turn. */
  tick(): Promise<void> {
    if (this.ticking || !this.leadership?.isLeader) return this.ticking ?? Promise.resolve();
    this.ticking = Promise.all(this.registry.sources.map((s) => this.syncs.syncIfChanged(s, 'poll')))
      .then(() => undefined)
      .catch((error) => this.logger.warn(`poll round failed: ${(error as Error).message}`))
      .finally(() => (this.ticking = null));
    return this.ticking;
  }
}
