import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AdvisoryLeadership } from '@pokervod/persistence';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { OrchestratorConfig } from '../orchestrator.config';
import { SyncRunService } from '../sync-run/sync-run.service';
import { ScheduledJob, SyncSchedule } from './sync-schedule';

export interface SchedulerView {
  leader: boolean;
  jobs: ScheduledJob[];
}

/** One key per database: every orchestrator replica on the same database competes for it. */
export const SCHEDULER_LOCK_KEY = '7103572911845002242';

/** Runs the schedule on whichever orchestrator replica holds the leadership lock. */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly schedule: SyncSchedule;
  private readonly leadership: AdvisoryLeadership;

  constructor(runs: SyncRunService, @Inject(SERVICE_CONFIG) config: OrchestratorConfig) {
    this.schedule = new SyncSchedule(config, async (type, job) => {
      try {
        const { run, created } = await runs.start(type, `scheduler:${job}`);
        if (!created) this.logger.log(`${job}: a ${type} sync is still running (${run.id}); not starting another`);
      } catch (error) {
        this.logger.error(`${job} could not start: ${(error as Error).message}`);
      }
    });
    this.leadership = new AdvisoryLeadership({
      databaseUrl: config.DATABASE_URL,
      lockKey: SCHEDULER_LOCK_KEY,
      retryMs: config.SCHEDULER_LEADER_POLL_MS,
      logger: this.logger,
      role: 'runs the schedule',
      applicationName: 'orchestrator-scheduler',
      onChange: (leading) => (leading ? this.schedule.start() : this.schedule.stop()),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.leadership.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.leadership.stop();
  }

  view(): SchedulerView {
    return { leader: this.leadership.isLeader, jobs: this.schedule.describe() };
  }

  nextRun(): string | null {
    return this.schedule.nextRun();
  }
}
