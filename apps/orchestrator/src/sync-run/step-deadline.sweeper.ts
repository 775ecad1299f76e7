import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { OrchestratorConfig } from '../orchestrator.config';
import { SyncRunService } from './sync-run.service';

/**
 * Fails steps whose block did not answer within the phase timeout, on every
 * replica (rows are locked with SKIP LOCKED, so each step fails once). Runs
 * from the tables, so a restarted orchestrator times out what it left open.
 */
@Injectable()
export class StepDeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StepDeadlines');
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly runs: SyncRunService,
    @Inject(SERVICE_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.SYNC_TIMEOUT_SWEEP_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  sweep(): Promise<void> {
    this.sweeping ??= this.runs
      .failExpiredSteps()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`deadline sweep failed: ${error.message}`))
      .finally(() => (this.sweeping = null));
    return this.sweeping;
  }
}
