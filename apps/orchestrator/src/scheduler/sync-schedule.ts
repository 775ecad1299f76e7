import { CronJob, CronTime } from 'cron';
import type { SyncType } from '../sync-run/sync-plan';

export interface ScheduledJob {
  name: string;
  sync_type: SyncType;
  cron: string;
  timezone: string;
  next_run: string | null;
}

export interface ScheduleSettings {
  SCHEDULE_FULL_SYNC: string;
  SCHEDULE_SHEETS_SYNC: string;
  SCHEDULE_NAS_SCAN: string;
  SCHEDULE_TIMEZONE: string;
}

interface Entry {
  name: string;
  type: SyncType;
  cron: string;
}

/**
 * The schedule (docs/architecture.md#schedule): the daily full sync, the
 * sheets sync every 5 minutes and NAS change detection every hour, as cron
 * jobs in a time zone. Only the scheduler leader runs them (`start`/`stop`);
 * every replica can say when they fire next.
 */
export class SyncSchedule {
  private readonly entries: Entry[];
  private jobs: CronJob[] = [];

  constructor(
    private readonly settings: ScheduleSettings,
    private readonly startRun: (type: SyncType, job: string) => Promise<void>,
  ) {
    const all: Entry[] = [
      { name: 'full_sync', type: 'full', cron: settings.SCHEDULE_FULL_SYNC },
      { name: 'sheets_sync', type: 'sheets', cron: settings.SCHEDULE_SHEETS_SYNC },
      { name: 'nas_scan', type: 'nas', cron: settings.SCHEDULE_NAS_SCAN },
    ];
    this.entries = all.filter((e) => e.cron !== 'off');
    // Fail at start-up on a bad expression, not at 3 a.m.
    for (const e of this.entries) new CronTime(e.cron, settings.SCHEDULE_TIMEZONE);
  }

  get running(): boolean {
    return this.jobs.length > 0;
  }

  start(): void {
    if (this.running) return;
    this.jobs = this.entries.map((e) =>
      CronJob.from({
        cronTime: e.cron,
        timeZone: this.settings.SCHEDULE_TIMEZONE,
        start: true,
        onTick: () => this.startRun(e.type, e.name),
      }),
    );
  }

  stop(): void {
    for (const job of this.jobs) void job.stop();
    this.jobs = [];
  }

  describe(): ScheduledJob[] {
    return this.entries.map((e) => ({
      name: e.name,
      sync_type: e.type,
      cron: e.cron,
      timezone: this.settings.SCHEDULE_TIMEZONE,
      next_run: new CronTime(e.cron, this.settings.SCHEDULE_TIMEZONE).sendAt().toUTC().toISO(),
    }));
  }

  /** The earliest next run of any job (the status's `next_scheduled_sync`). */
  nextRun(): string | null {
    const next = this.describe()
      .map((j) => j.next_run)
      .filter((t): t is string => t !== null)
      .sort();
    return next[0] ?? null;
  }
}
