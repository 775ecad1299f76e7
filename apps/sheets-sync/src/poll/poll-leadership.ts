import { Client } from 'pg';

/** One key per database: every sheets-sync replica on the same database competes for it. */
export const SHEETS_POLL_LOCK_KEY = '5147002519913460001';

export interface LeadershipLogger {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Only one replica polls: the one holding a Postgres session advisory lock
 * on a connection of its own. When it dies its session ends, the lock is
 * free, and the next replica to try takes over.
 */
export class PollLeadership {
  private client: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private leading = false;
  private attempt: Promise<void> | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly retryMs: number,
    private readonly logger: LeadershipLogger,
    private readonly applicationName = 'sheets-sync-poller',
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): Promise<void> {
    this.timer = setInterval(() => void this.tryLead(), this.retryMs);
    this.timer.unref();
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
        SHEETS_POLL_LOCK_KEY,
      ]);
      if (rows[0]?.locked && this.timer) this.setLeading(true);
    } catch (error) {
      this.logger.warn(`poll leadership: ${(error as Error).message}`);
      this.drop();
    }
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.databaseUrl, application_name: this.applicationName });
    // A lost session means a lost lock: stop polling at once.
    client.on('error', (error) => {
      this.logger.warn(`poll leadership lost: ${error.message}`);
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
    this.logger.log(leading ? 'this replica now polls the hand logs' : 'this replica no longer polls');
  }
}
