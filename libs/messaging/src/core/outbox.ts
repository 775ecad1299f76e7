import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@pokervod/contracts';
import type { BusLogger } from './amqp-link';

export interface OutgoingEvent {
  envelope: EventEnvelope;
  headers: Record<string, string | number>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/** The inbox key of one handler's run of one event. */
export const unitKey = (eventId: string, consumer: string): string => `${eventId}\n${consumer}`;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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

  /**
   * Records many (event, consumer) pairs in one statement; returns the keys
   * (`unitKey`) of those not handled before. Sorted, so two transactions
   * claiming overlapping sets lock the rows in the same order.
   */
  async claimMany(
    manager: EntityManager,
    units: readonly { eventId: string; consumer: string }[],
  ): Promise<Set<string>> {
    if (units.length === 0) return new Set();
    const sorted = [...units].sort((a, b) => compare(unitKey(a.eventId, a.consumer), unitKey(b.eventId, b.consumer)));
    const rows: { event_id: string; consumer: string }[] = await manager.query(
      `INSERT INTO ${this.inbox} (event_id, consumer)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING RETURNING event_id, consumer`,
      [sorted.map((u) => u.eventId), sorted.map((u) => u.consumer)],
    );
    return new Set(rows.map((r) => unitKey(r.event_id, r.consumer)));
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
   * Rows of `exclude` (being sent from memory right now) are left alone.
   * A crash before the delete republishes them; consumers' inboxes absorb it.
   */
  async relayBatch(
    dataSource: DataSource,
    limit: number,
    publish: (event: OutgoingEvent) => Promise<void>,
    exclude: readonly string[] = [],
  ): Promise<number> {
    return dataSource.transaction(async (manager) => {
      const rows: { id: string; body: EventEnvelope; headers: Record<string, string | number> }[] = await manager.query(
        `SELECT id, body, headers FROM ${this.outbox} WHERE event_id <> ALL($2::text[])
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit, exclude],
      );
      if (rows.length === 0) return 0;
      await Promise.all(rows.map((row) => publish({ envelope: row.body, headers: row.headers })));
      await manager.query(`DELETE FROM ${this.outbox} WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  /** Deletes the outbox rows of events already published (from memory, after their commit). */
  async forget(manager: EntityManager, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await manager.query(`DELETE FROM ${this.outbox} WHERE event_id = ANY($1::text[])`, [eventIds]);
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
 * Moves committed outbox rows to RabbitMQ. A handler's events go from
 * memory right after its transaction commits (`reserve` before the commit,
 * then `sendCommitted`), in order, with publisher confirms, and their rows
 * are deleted afterwards. The table is drained in batches when kicked and on
 * a timer: rows of other transactions (`publishInTransaction`), and what a
 * crash or a broker outage left between commit and publish.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private pruner: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Event ids committed (or about to be) whose publishing from memory is under way: the table pass skips them. */
  private readonly reserved = new Set<string>();
  private readonly sending = new Set<Promise<void>>();
  /** Published ids whose rows are still to be deleted: one DELETE at a time takes all that piled up. */
  private toForget: { ids: string[]; settle: (error?: Error) => void }[] = [];
  private forgetting = false;

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

  /**
   * Claims `events` for publishing from memory. Call inside the transaction
   * that wrote them, before it commits, so no table pass can pick up the rows
   * in between; then `sendCommitted` after the commit, or `release` if it failed.
   */
  reserve(events: readonly OutgoingEvent[]): void {
    for (const e of events) this.reserved.add(e.envelope.id);
  }

  release(events: readonly OutgoingEvent[]): void {
    for (const e of events) this.reserved.delete(e.envelope.id);
  }

  /** Publishes the events of a just-committed transaction, in order; rows of those that fail stay for the table pass. */
  sendCommitted(events: readonly OutgoingEvent[]): void {
    if (events.length === 0) return;
    const work = this.publishCommitted(events).finally(() => this.sending.delete(work));
    this.sending.add(work);
  }

  private async publishCommitted(events: readonly OutgoingEvent[]): Promise<void> {
    try {
      // Every publish is issued before the first confirm is awaited: one batch on the wire, in order.
      const results = await Promise.allSettled(events.map((e) => this.publish(e)));
      const sent = events.filter((_, i) => results[i].status === 'fulfilled').map((e) => e.envelope.id);
      await this.forget(sent);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed)
        this.logger.warn(
          `outbox relay: ${events.length - sent.length} events left for the next pass: ${(failed.reason as Error).message}`,
        );
    } catch (error) {
      // Published but not deleted: the table pass sends them again and consumers' inboxes absorb it.
      if (this.dataSource.isInitialized) this.logger.warn(`outbox relay: ${(error as Error).message}`);
    } finally {
      this.release(events);
    }
  }

  private forget(ids: string[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.toForget.push({ ids, settle: (error) => (error ? reject(error) : resolve()) });
      if (!this.forgetting) void this.forgetPiled();
    });
  }

  private async forgetPiled(): Promise<void> {
    this.forgetting = true;
    while (this.toForget.length > 0) {
      const piled = this.toForget.splice(0);
      try {
        await this.store.forget(
          this.dataSource.manager,
          piled.flatMap((p) => p.ids),
        );
        for (const p of piled) p.settle();
      } catch (error) {
        for (const p of piled) p.settle(error as Error);
      }
    }
    this.forgetting = false;
  }

  /** Waits for the sends from memory under way, then drains the table. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.sending]);
    await this.kick();
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
        while ((await this.store.relayBatch(this.dataSource, BATCH, this.publish, [...this.reserved])) === BATCH);
      } while (this.again);
    } catch (error) {
      if (this.dataSource.isInitialized) this.logger.warn(`outbox relay paused: ${(error as Error).message}`);
    }
  }

  /** Stops the timers after the sends from memory under way and one last pass over the table. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pruner) clearInterval(this.pruner);
    this.timer = this.pruner = null;
    await this.flush();
  }
}
