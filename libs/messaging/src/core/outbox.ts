import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@pokervod/contracts';
import type { BusLogger } from './amqp-link';

export interface OutgoingEvent {
  envelope: EventEnvelope;
  headers: Record<string, string | number>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * The inbox and outbox tables in an app's own schema (created by its
 * migrations, see `messagingTablesMigration`). Inbox rows make a redelivered
 * event a no-op; outbox rows make events emitted by a handler part of the
 * same transaction as its effect.
 */
export class MessageStore {
  private readonly inbox: string;
  private readonly outbox: string;

  constructor(schema: string) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name "${schema}"`);
    this.inbox = `"${schema}".inbox`;
    this.outbox = `"${schema}".outbox`;
  }

  /** Records the event as handled by `consumer`; false when it already was. */
  async claim(manager: EntityManager, eventId: string, consumer: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO ${this.inbox} (event_id, consumer) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [eventId, consumer],
    );
    return rows.length === 1;
  }

  async wasHandled(manager: EntityManager, eventId: string, consumer: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM ${this.inbox} WHERE event_id = $1 AND consumer = $2`, [
      eventId,
      consumer,
    ]);
    return rows.length > 0;
  }

  async enqueue(manager: EntityManager, events: readonly OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO ${this.outbox} (event_id, routing_key, body, headers)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[])`,
      [
        events.map((e) => e.envelope.id),
        events.map((e) => e.envelope.type),
        events.map((e) => JSON.stringify(e.envelope)),
        events.map((e) => JSON.stringify(e.headers)),
      ],
    );
  }

  /**
   * Publishes up to `limit` pending events and deletes them, in one
   * transaction: rows locked with SKIP LOCKED so replicas share the work.
   * A crash before the delete republishes them; consumers' inboxes absorb it.
   */
  async relayBatch(
    dataSource: DataSource,
    limit: number,
    publish: (event: OutgoingEvent) => Promise<void>,
  ): Promise<number> {
    return dataSource.transaction(async (manager) => {
      const rows: { id: string; body: EventEnvelope; headers: Record<string, string | number> }[] = await manager.query(
        `SELECT id, body, headers FROM ${this.outbox} ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      await Promise.all(rows.map((row) => publish({ envelope: row.body, headers: row.headers })));
      await manager.query(`DELETE FROM ${this.outbox} WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  /** Forgets handled event ids older than `days`; a redelivery that late is not expected. */
  async pruneInbox(manager: EntityManager, days: number): Promise<number> {
    const [, deleted]: [unknown, number] = await manager.query(
      `DELETE FROM ${this.inbox} WHERE handled_at < now() - make_interval(days => $1)`,
      [days],
    );
    return deleted;
  }

  async pendingCount(manager: EntityManager): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM ${this.outbox}`);
    return row.n;
  }
}

const BATCH = 500;
const INBOX_RETENTION_DAYS = 7;
const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * Moves committed outbox rows to RabbitMQ: at once when kicked after a
 * commit, and on a timer for rows left by a crash or a broker outage.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private pruner: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MessageStore,
    private readonly publish: (event: OutgoingEvent) => Promise<void>,
    private readonly logger: BusLogger,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.pruner = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruner.unref();
    this.kick();
  }

  private async prune(): Promise<void> {
    try {
      const n = await this.store.pruneInbox(this.dataSource.manager, INBOX_RETENTION_DAYS);
      if (n > 0) this.logger.log(`pruned ${n} inbox rows older than ${INBOX_RETENTION_DAYS} days`);
    } catch (error) {
      this.logger.warn(`inbox pruning failed: ${(error as Error).message}`);
    }
  }

  /** Drains the outbox; concurrent kicks coalesce into one more pass. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        while ((await this.store.relayBatch(this.dataSource, BATCH, this.publish)) === BATCH);
      } while (this.again);
    } catch (error) {
      if (this.dataSource.isInitialized) this.logger.warn(`outbox relay paused: ${(error as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pruner) clearInterval(this.pruner);
    this.timer = this.pruner = null;
    await this.running;
  }
}
