import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';
import { DataSource, EntityManager } from 'typeorm';
import { ENVELOPE_VERSION, EventEnvelope, EventType } from '@pokervod/contracts';
import { messagingTablesMigration, runMigrations } from '@pokervod/persistence';
import { RetryPolicy } from '@pokervod/resilience';
import { deleteTopology, quietLogger, TEST_AMQP_URL, TestTopology, uniqueTopology, waitFor } from '@pokervod/testing';
import { TestWorld, testWorld } from '@pokervod/test-world';
import { EventOf, HandlerContext, MessageBus, MessageBusOptions } from './core/message-bus';
import { OutboxRelay } from './core/outbox';

const fastRetry: RetryPolicy = {
  maxAttempts: 3,
  backoff: 'exponential',
  baseDelayMs: 50,
  maxDelayMs: 1000,
  circuitBreaker: false,
  rollbackOnFail: false,
};
const SCHEMA = 'batch_test';
/** Long enough that the table pass never runs during a test unless a bus starts or stops. */
const NO_POLL = 600_000;

type Removed = EventOf<typeof EventType.NAS_FILE_REMOVED>;

/** Batched handlers: one transaction per batch of deliveries, a failing one split out and retried alone. */
describe('MessageBus batches (real RabbitMQ + Postgres)', () => {
  let world: TestWorld;
  let dataSource: DataSource;
  let topology: TestTopology;
  const buses: MessageBus[] = [];

  beforeAll(async () => {
    world = await testWorld('batch', { migrate: false });
    const result = await runMigrations({
      url: world.db.url,
      plan: [{ schema: SCHEMA, migrations: [messagingTablesMigration(SCHEMA)] }],
    });
    expect(result.ok).toBe(true);
    dataSource = await new DataSource({
      type: 'postgres',
      url: world.db.url,
      applicationName: 'batch-test',
    }).initialize();
    await dataSource.query(`CREATE TABLE ${SCHEMA}.effects (event_id text NOT NULL, note text)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await world?.cleanUp();
  });

  beforeEach(() => {
    topology = uniqueTopology('batch');
  });

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.stop()));
    await deleteTopology(topology);
    jest.restoreAllMocks();
  });

  function bus(app: string, extra: Partial<MessageBusOptions> = {}): MessageBus {
    const b = new MessageBus({
      url: TEST_AMQP_URL,
      app,
      block: 'B',
      retryPolicy: fastRetry,
      exchange: topology.exchange,
      commandExchange: topology.commandExchange,
      queuePrefix: topology.queuePrefix,
      connectionName: `${topology.id}-${app}`,
      logger: quietLogger,
      ...extra,
    });
    buses.push(b);
    return b;
  }

  /** A consumer bus with a data source whose deliveries wait up to 50 ms for each other, so a backlog makes one batch. */
  const batchingBus = (app: string, extra: Partial<MessageBusOptions> = {}) =>
    bus(app, { dataSource, schema: SCHEMA, batch: { lingerMs: 50 }, ...extra });

  function removed(path: string): EventEnvelope {
    return {
      id: randomUUID(),
      type: EventType.NAS_FILE_REMOVED,
      payload: { file_id: path, root: '/nas', path, missing_since: new Date().toISOString() },
      timestamp: new Date().toISOString(),
      source_block: 'A',
      correlation_id: `corr-${randomUUID()}`,
      causation_id: null,
      version: ENVELOPE_VERSION,
    };
  }

  /** Puts envelopes on the app's queue before its bus consumes: a backlog the consumer takes in one go. */
  async function backlog(queue: string, envelopes: EventEnvelope[]): Promise<void> {
    const conn = await amqplib.connect(TEST_AMQP_URL);
    try {
      const ch = await conn.createConfirmChannel();
      await ch.assertQueue(queue, { durable: true });
      for (const e of envelopes)
        ch.sendToQueue(queue, Buffer.from(JSON.stringify(e)), {
          persistent: true,
          messageId: e.id,
          type: e.type,
          headers: { 'x-attempt': 1 },
        });
      await ch.waitForConfirms();
    } finally {
      await conn.close();
    }
  }

  const effectCounts = async (ids: string[]): Promise<Map<string, number>> => {
    const rows: { event_id: string; n: number }[] = await dataSource.query(
      `SELECT event_id, count(*)::int AS n FROM ${SCHEMA}.effects WHERE event_id = ANY($1) GROUP BY event_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.event_id, r.n]));
  };

  /** Every effect of `ids` there, once each. */
  const allOnce = (ids: string[], description: string) =>
    waitFor(
      async () => {
        const counts = await effectCounts(ids);
        return ids.every((id) => counts.get(id) === 1);
      },
      { description, timeoutMs: 15_000 },
    );

  /** Stops the bus and counts what is left on its queue: a delivery it did not ack would be back there. */
  async function leftOnQueue(consumer: MessageBus): Promise<number> {
    await consumer.stop();
    const conn = await amqplib.connect(TEST_AMQP_URL);
    try {
      const ch = await conn.createChannel();
      return (await ch.checkQueue(consumer.names.queue)).messageCount;
    } finally {
      await conn.close();
    }
  }

  it('handles a backlog in few transactions, each event once: duplicates within a batch and redeliveries have one effect', async () => {
    const consumer = batchingBus('catalog');
    const transactions = new Set<EntityManager>();
    const calls = new Map<string, number>();
    consumer.on(
      EventType.NAS_FILE_REMOVED,
      async (e: Removed, ctx) => {
        transactions.add(ctx.db());
        calls.set(e.id, (calls.get(e.id) ?? 0) + 1);
        await ctx.db().query(`INSERT INTO ${SCHEMA}.effects (event_id, note) VALUES ($1, 'batch')`, [e.id]);
      },
      { batch: true },
    );
    const earlier = removed('earlier.mp4');
    const events = Array.from({ length: 20 }, (_, i) => removed(`${i}.mp4`));
    // The same event twice in one backlog (a publisher's resend), plus one the app handled before (a redelivery).
    await backlog(consumer.names.queue, [earlier]);
    await consumer.start();
    await waitFor(async () => (await effectCounts([earlier.id])).get(earlier.id) === 1, { description: 'earlier' });
    transactions.clear();
    await consumer.stop();

    const again = bus('catalog', { dataSource, schema: SCHEMA, batch: { lingerMs: 50 } });
    again.on(
      EventType.NAS_FILE_REMOVED,
      async (e: Removed, ctx) => {
        transactions.add(ctx.db());
        calls.set(e.id, (calls.get(e.id) ?? 0) + 1);
        await ctx.db().query(`INSERT INTO ${SCHEMA}.effects (event_id, note) VALUES ($1, 'batch')`, [e.id]);
      },
      { batch: true },
    );
    await backlog(again.names.queue, [...events.slice(0, 10), events[3], earlier, ...events.slice(10)]);
    await again.start();
    const ids = [earlier.id, ...events.map((e) => e.id)];
    await allOnce(ids, 'every event handled');
    await new Promise((r) => setTimeout(r, 300));
    expect(await leftOnQueue(again)).toBe(0);

    const counts = await effectCounts(ids);
    expect(ids.map((id) => counts.get(id))).toEqual(ids.map(() => 1));
    expect(ids.map((id) => calls.get(id))).toEqual(ids.map(() => 1));
    // 22 deliveries, far fewer transactions.
    expect(transactions.size).toBeLessThanOrEqual(3);
    expect(await again.listDeadLetters()).toEqual([]);
  });

  it('splits a poison message out of its batch: the others commit once and are acked, the poison one is retried alone and dead-lettered with its reason', async () => {
    const consumer = batchingBus('catalog');
    const downstream: EventEnvelope[] = [];
    const listener = bus('orchestrator');
    listener.on(EventType.SHEETS_ROW_REMOVED, (e) => void downstream.push(e));
    const errors: EventEnvelope[] = [];
    listener.on(EventType.ERROR_OCCURRED, (e) => void errors.push(e));
    await listener.start();

    const poison = removed('poison.mp4');
    // Fails only next to others (say, a deadlock): fine when retried alone.
    const shy = removed('shy.mp4');
    const good = Array.from({ length: 8 }, (_, i) => removed(`good-${i}.mp4`));
    const seen: { id: string; attempt: number; tx: EntityManager }[] = [];
    consumer.on(
      EventType.NAS_FILE_REMOVED,
      async (e: Removed, ctx) => {
        seen.push({ id: e.id, attempt: ctx.attempt, tx: ctx.db() });
        await ctx.db().query(`INSERT INTO ${SCHEMA}.effects (event_id, note) VALUES ($1, 'poison-test')`, [e.id]);
        ctx.emit(EventType.SHEETS_ROW_REMOVED, { sheet_id: 'poison-test', tab: 'Log', row_key: e.payload.path });
        if (e.id === poison.id) throw new Error('poison pill');
        if (e.id === shy.id && seen.filter((s) => s.tx === ctx.db()).length > 1) throw new Error('not in company');
      },
      { batch: true },
    );
    await backlog(consumer.names.queue, [...good.slice(0, 3), poison, ...good.slice(3, 6), shy, ...good.slice(6)]);
    await consumer.start();

    const [letter] = await waitFor(
      async () => {
        const l = await consumer.listDeadLetters();
        return l.length ? l : null;
      },
      { description: 'dead letter', timeoutMs: 15_000 },
    );
    await allOnce([shy.id, ...good.map((g) => g.id)], 'the good ones and the shy one');
    expect(letter).toMatchObject({
      message_id: poison.id,
      attempts: 3,
      reason: 'handler failed after 3 attempt(s): poison pill',
    });
    const [report] = await waitFor(() => (errors.length ? errors : null), { description: 'system.error' });
    expect(report.payload).toMatchObject({ event_id: poison.id, error: 'nas.file.removed: poison pill' });

    // The first attempt of the poison one shared its transaction with good ones.
    const firstTx = seen.find((s) => s.id === poison.id && s.attempt === 1)?.tx;
    expect(seen.filter((s) => s.tx === firstTx).length).toBeGreaterThan(1);
    // Its retries each ran alone.
    const retries = seen.filter((s) => s.id === poison.id && s.attempt > 1);
    expect(retries.map((r) => r.attempt)).toEqual([2, 3]);
    for (const r of retries) expect(seen.filter((s) => s.tx === r.tx)).toHaveLength(1);

    const counts = await effectCounts([poison.id, shy.id, ...good.map((g) => g.id)]);
    expect(counts.get(poison.id)).toBeUndefined();
    expect(good.map((g) => counts.get(g.id))).toEqual(good.map(() => 1));
    expect(counts.get(shy.id)).toBe(1);
    expect(seen.filter((s) => s.id === shy.id).map((s) => s.attempt)).toEqual([1, 2]);

    // Events leave only with their handler's commit: one per good event and one for the shy one, none for the poison.
    await waitFor(() => downstream.length === good.length + 1, { description: 'downstream events' });
    await new Promise((r) => setTimeout(r, 300));
    expect(downstream.map((e) => e.payload['row_key']).sort()).toEqual(
      [...good.map((g) => g.payload['path']), 'shy.mp4'].sort(),
    );
    expect(await leftOnQueue(consumer)).toBe(0);
  });

  it('retries alone a handler that caught an SQL error and went on (its transaction was aborted), the others commit', async () => {
    const consumer = batchingBus('catalog');
    const sloppy = removed('sloppy.mp4');
    const good = Array.from({ length: 5 }, (_, i) => removed(`fine-${i}.mp4`));
    const attempts: number[] = [];
    consumer.on(
      EventType.NAS_FILE_REMOVED,
      async (e: Removed, ctx) => {
        if (e.id === sloppy.id) {
          attempts.push(ctx.attempt);
          if (ctx.attempt === 1)
            await ctx
              .db()
              .query('SELECT 1/0')
              .catch(() => undefined);
        }
        if (e.id !== sloppy.id || ctx.attempt > 1)
          await ctx.db().query(`INSERT INTO ${SCHEMA}.effects (event_id, note) VALUES ($1, 'sloppy')`, [e.id]);
      },
      { batch: true },
    );
    await backlog(consumer.names.queue, [good[0], good[1], sloppy, good[2], good[3], good[4]]);
    await consumer.start();
    await allOnce([sloppy.id, ...good.map((g) => g.id)], 'every effect');
    await new Promise((r) => setTimeout(r, 300));
    expect(await leftOnQueue(consumer)).toBe(0);
    const counts = await effectCounts([sloppy.id, ...good.map((g) => g.id)]);
    expect([...counts.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(attempts).toEqual([1, 2]);
  });

  it('relays the events of a committed batch from memory, in order, without waiting for the table poll', async () => {
    // One batch at a time: the order across batches is then the delivery order too.
    const consumer = batchingBus('catalog', { outboxPollMs: NO_POLL, batch: { lingerMs: 50, concurrency: 1 } });
    const downstream: string[] = [];
    const listener = bus('orchestrator');
    listener.on(EventType.SHEETS_ROW_REMOVED, (e) => void downstream.push(String(e.payload['row_key'])));
    await listener.start();
    consumer.on(
      EventType.NAS_FILE_REMOVED,
      async (e: Removed, ctx) => {
        for (let k = 0; k < 3; k++)
          ctx.emit(EventType.SHEETS_ROW_REMOVED, { sheet_id: 's', tab: 'Log', row_key: `${e.payload.path}#${k}` });
      },
      { batch: true },
    );
    const events = Array.from({ length: 10 }, (_, i) => removed(`f${i}`));
    await backlog(consumer.names.queue, events);
    await consumer.start();

    const expected = events.flatMap((e) => [0, 1, 2].map((k) => `${e.payload['path']}#${k}`));
    await waitFor(() => downstream.length >= expected.length, { description: '30 events', timeoutMs: 10_000 });
    expect(downstream).toEqual(expected);
    await waitFor(async () => (await outboxRows()) === 0, { description: 'outbox rows deleted after publishing' });
    await new Promise((r) => setTimeout(r, 300));
    expect(downstream).toHaveLength(expected.length);
  });

  it('publishes from the table what a crash left between commit and publish', async () => {
    const downstream: EventEnvelope[] = [];
    const listener = bus('orchestrator');
    listener.on(EventType.SHEETS_ROW_REMOVED, (e) => void downstream.push(e));
    await listener.start();
    const handler = (e: Removed, ctx: HandlerContext) =>
      ctx.emit(EventType.SHEETS_ROW_REMOVED, { sheet_id: 'crash', tab: 'Log', row_key: e.payload.path });

    // The process "dies" right after the commit: nothing is sent from memory, and it never polls.
    const lost = jest.spyOn(OutboxRelay.prototype, 'sendCommitted').mockImplementationOnce(() => undefined);
    const crashed = batchingBus('catalog', { outboxPollMs: NO_POLL });
    crashed.on(EventType.NAS_FILE_REMOVED, handler, { batch: true });
    const event = removed('crash.mp4');
    await backlog(crashed.names.queue, [event]);
    await crashed.start();
    await waitFor(() => lost.mock.calls.length === 1, { description: 'the commit' });
    expect(await outboxRows()).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(downstream).toEqual([]);

    // The restarted app drains the table when it starts.
    const restarted = batchingBus('catalog');
    restarted.on(EventType.NAS_FILE_REMOVED, handler, { batch: true });
    await restarted.start();
    await waitFor(() => downstream.length === 1, { description: 'event from the table' });
    expect(downstream[0]).toMatchObject({ causation_id: event.id, payload: { row_key: 'crash.mp4' } });
    await waitFor(async () => (await outboxRows()) === 0, { description: 'outbox emptied' });
    await new Promise((r) => setTimeout(r, 300));
    expect(downstream).toHaveLength(1);
  });

  it('refuses batch on a handler that is not transactional', () => {
    const consumer = bus('catalog', { dataSource, schema: SCHEMA });
    expect(() =>
      consumer.on(EventType.NAS_SCAN_REQUESTED, () => undefined, { transactional: false, batch: true }),
    ).toThrow('handler "nas.scan.requested": batch needs a transactional handler');
  });

  async function outboxRows(): Promise<number> {
    const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox`);
    return row.n;
  }
});
