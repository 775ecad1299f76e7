import { Client } from 'pg';

export interface LeadershipLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface AdvisoryLeadershipOptions {
  databaseUrl: string;
  /** One bigint key per role: every replica on the same database competes for it. */
  lockKey: string;
  /** How often a replica that does not lead tries again. */
  retryMs: number;
  logger: LeadershipLogger;
  /** What the leader does, for the logs: "runs the schedule". */
  role: string;
  applicationName: string;
  onChange?: (leading: boolean) => void;
}

/**
 * One leader among an app's replicas through a Postgres session advisory
 * lock, held on a connection of its own. When the leader dies its session
 * ends and the lock is free; the next replica to try takes over.
 */
export class AdvisoryLeadership {
  private client: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private leading = false;
  private attempt: Promise<void> | null = null;

  constructor(private readonly options: AdvisoryLeadershipOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): Promise<void> {
    this.timer = setInterval(() => void this.tryLead(), this.options.retryMs);
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
        this.options.lockKey,
      ]);
      if (rows[0]?.locked && this.timer) this.setLeading(true);
    } catch (error) {
      this.options.logger.warn(`leadership (${this.options.role}): ${(error as Error).message}`);
      this.drop();
    }
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: this.options.applicationName,
    });
    // A lost session means a lost lock: stop leading at once.
    client.on('error', (error) => {
      this.options.logger.warn(`leadership (${this.options.role}) lost: ${error.message}`);
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
    this.options.logger.log(`this replica ${leading ? 'now' : 'no longer'} ${this.options.role}`);
    this.options.onChange?.(leading);
  }
}
