import { Client } from 'pg';

/** One key per database: every orchestrator replica on the same database competes for it. */
export const SCHEDULER_LOCK_KEY = '7103572911845002242';

export interface LeadershipLogger {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Leader election for the scheduler through a Postgres session advisory
 * lock, held on a connection of its own. When the leader dies its session
 * ends and the lock is free; the next replica to poll takes over.
 */
export class SchedulerLeadership {
  private client: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private leading = false;
  private attempt: Promise<void> | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly pollMs: number,
    private readonly onChange: (leading: boolean) => void,
    private readonly logger: LeadershipLogger,
    private readonly applicationName = 'orchestrator-scheduler',
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): Promise<void> {
    this.timer = setInterval(() => void this.tryLead(), this.pollMs);
    return this.tryLead();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.attempt;
    this.setLeading(false);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined); // ending the session releases the lock
  }

  private tryLead(): Promise<void> {
    if (this.leading || !this.timer) return Promise.resolve();
    this.attempt ??= this.acquire().finally(() => (this.attempt = null));
    return this.attempt;
  }

  private async acquire(): Promise<void> {
    try {
      const client = await this.connection();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        SCHEDULER_LOCK_KEY,
      ]);
      if (rows[0]?.locked && this.timer) this.setLeading(true);
    } catch (error) {
      this.logger.warn(`scheduler leadership: ${(error as Error).message}`);
      this.drop();
    }
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.databaseUrl, application_name: this.applicationName });
    // A lost session means a lost lock: stop leading at once.
    client.on('error', (error) => {
      this.logger.warn(`scheduler leadership lost: ${error.message}`);
      this.drop();
    });
    client.on('end', () => this.drop());
    await client.connect();
    this.client = client;
    return client;
  }

  private drop(): void {
    this.client = null;
    this.setLeading(false);
  }

  private setLeading(leading: boolean): void {
    if (leading === this.leading) return;
    this.leading = leading;
    this.logger.log(leading ? 'this replica now runs the schedule' : 'this replica no longer runs the schedule');
    this.onChange(leading);
  }
}
