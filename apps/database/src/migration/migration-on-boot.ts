import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { MigrationResult } from '@pokervod/contracts';
import { EventType } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { ReadinessService } from '@pokervod/service-kit';
import { MigrationService } from './migration.service';

/**
 * The service side of block G: migrates once at start-up (a no-op when the
 * job already did), answers `database.run_migration`, and is ready only
 * while its last run succeeded.
 */
@Injectable()
export class MigrationOnBoot implements OnApplicationBootstrap {
  private readonly logger = new Logger('Migrations');
  private last: MigrationResult | null = null;

  constructor(
    private readonly migrations: MigrationService,
    private readonly bus: MessageBus,
    readiness: ReadinessService,
  ) {
    readiness.register('last_migration', async () => {
      if (!this.last) return 'first migration run not finished';
      return this.last.ok ? null : (this.last.error ?? 'migration failed');
    });
  }

  onApplicationBootstrap(): void {
    void this.run();
  }

  lastResult(): MigrationResult | null {
    return this.last;
  }

  async run(): Promise<MigrationResult> {
    this.last = await this.migrations.run();
    const { ok, applied, duration_ms, error } = this.last;
    if (ok) this.logger.log(`migrations up to date (${applied.length} applied now, ${duration_ms} ms)`);
    else this.logger.error(`migrations failed: ${error}`);
    await this.bus
      .publish(EventType.BLOCK_STATUS, { block_id: 'G', status: ok ? 'completed' : 'failed', last_error: error })
      .catch((e: Error) => this.logger.warn(`could not report status: ${e.message}`));
    return this.last;
  }
}
