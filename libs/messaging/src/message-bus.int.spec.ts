import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';
import { DataSource } from 'typeorm';
import { EventType, EventEnvelope, ENVELOPE_VERSION } from '@pokervod/contracts';
import { messagingTablesMigration, runMigrations } from '@pokervod/persistence';
import { RetryPolicy } from '@pokervod/resilience';
import { deleteTopology, quietLogger, TEST_AMQP_URL, TestTopology, uniqueTopology, waitFor } from '@pokervod/testing';
import { TestWorld, testWorld } from '@pokervod/test-world';
import { MessageBus, MessageBusOptions } from './core/message-bus';
import {
  CommandFailedError,
  CommandTimeoutError,
  CommandUnroutableError,
  InvalidCommandError,
  InvalidEventError,
} from './core/errors';

const fastRetry: RetryPolicy = {
  maxAttempts: 3,
  backoff: 'exponential',
  baseDelayMs: 50,
  maxDelayMs: 1000,
  circuitBreaker: false,
  rollbackOnFail: false,
};
const SCHEMA = 'bus_test';

describe('MessageBus (real RabbitMQ + Postgres)', () => {
  let world: TestWorld;
  let dataSource: DataSource;
  let topology: TestTopology;
  const buses: MessageBus[] = [];

  beforeAll(async () => {
    world = await testWorld('bus', { migrate: false });
    const result = await runMigrations({
      url: world.db.url,
      plan: [{ schema: SCHEMA, migrations: [messagingTablesMigration(SCHEMA)] }],
    });
    expect(result.ok).toBe(true);
    dataSource = await new DataSource({
      type: 'postgres',
      url: world.db.url,
      applicationName: 'bus-test',
    }).initialize();
    await dataSource.query(`CREATE TABLE ${SCHEMA}.effects (event_id text NOT NULL, note text)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await world?.cleanUp();
  });

  beforeEach(() => {
    topology = uniqueTopology('bus');
  });

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.stop()));
    await deleteTopology(topology);
  });

  function bus(app: string, extra: Partial<MessageBusOptions> = {}): MessageBus {
    const b = new MessageBus({
      url: TEST_AMQP_URL,
      app,
      block: 'A',
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

  async function rawPublish(routingKey: string, body: string | Buffer): Promise<void> {
    const conn = await amqplib.connect(TEST_AMQP_URL);
    const ch = await conn.createConfirmChannel();
    await ch.assertExchange(topology.exchange, 'topic', { durable: true });
    ch.publish(topology.exchange, routingKey, Buffer.isBuffer(body) ? body : Buffer.from(body), { persistent: true });
    await ch.waitForConfirms();
    await conn.close();
  }

  function envelope(type: EventType, payload: Record<string, unknown>): EventEnvelope {
    return {
      id: randomUUID(),
      type,
      payload,
      timestamp: new Date().toISOString(),
      source_block: 'orchestrator',
      correlation_id: `corr-${randomUUID()}`,
      causation_id: null,
      version: ENVELOPE_VERSION,
    };
  }

  it('delivers an event from one app to the handler of another through the topic exchange, with its correlation_id', async () => {
    const received: EventEnvelope[] = [];
    const consumer = bus('catalog');
    consumer.on(EventType.NAS_SCAN_COMPLETED, (e) => void received.push(e));
    await consumer.start();
    const producer = bus('nas-inventory');
    await producer.start();

    const sent = await producer.publish(
      EventType.NAS_SCAN_COMPLETED,
      { files_total: 100 },
      { correlationId: 'run-42' },
    );
    await waitFor(() => received.length === 1, { description: 'delivery' });
    expect(received[0]).toMatchObject({
      id: sent.id,
      type: 'nas.scan.completed',
      correlation_id: 'run-42',
      source_block: 'A',
      payload: { files_total: 100, added: 0 },
    });
  });

  it('rejects an invalid payload at publish time, in the caller', async () => {
    const producer = bus('nas-inventory');
    await producer.start();
    await expect(producer.publish(EventType.NAS_SCAN_COMPLETED, { files_total: -1 })).rejects.toBeInstanceOf(
      InvalidEventError,
    );
  });

  it('carries correlation_id and causation into events emitted by a handler, through the outbox', async () => {
    const downstream: EventEnvelope[] = [];
    const catalog = bus('catalog', { dataSource, schema: SCHEMA });
    catalog.on(EventType.CATALOG_UPDATE_REQUESTED, async (_e, ctx) => {
      await ctx.db().query(`INSERT INTO ${SCHEMA}.effects (event_id) VALUES ('x')`);
      ctx.emit(EventType.CATALOG_UPDATED, { episodes: 3 });
    });
    const orchestrator = bus('orchestrator');
    orchestrator.on(EventType.CATALOG_UPDATED, (e) => void downstream.push(e));
    await catalog.start();
    await orchestrator.start();

    const request = await orchestrator.publish(EventType.CATALOG_UPDATE_REQUESTED, {}, { correlationId: 'run-7' });
    await waitFor(() => downstream.length === 1, { description: 'catalog.updated' });
    expect(downstream[0]).toMatchObject({ correlation_id: 'run-7', causation_id: request.id, source_block: 'A' });
    expect(downstream[0].payload).toMatchObject({ episodes: 3 });
  });

  it('sends poison messages to the DLQ with a reason and goes on with the next good one', async () => {
    const handled: string[] = [];
    const consumer = bus('catalog');
    consumer.on(EventType.NAS_FILE_REMOVED, (e) => void handled.push(e.id));
    await consumer.start();

    await rawPublish('nas.file.removed', '{not json');
    await rawPublish('nas.file.removed', JSON.stringify(envelope(EventType.NAS_FILE_REMOVED, { file_id: 7 })));
    const good = envelope(EventType.NAS_FILE_REMOVED, {
      file_id: 'f1',
      root: '/nas',
      path: 'a.mp4',
      missing_since: new Date().toISOString(),
    });
    await rawPublish('nas.file.removed', JSON.stringify(good));

    await waitFor(() => handled.includes(good.id), { description: 'good message' });
    const letters = await waitFor(
      async () => {
        const l = await consumer.listDeadLetters();
        return l.length === 2 ? l : null;
      },
      { description: 'two dead letters' },
    );
    expect(letters[0].reason).toMatch(/body is not JSON/);
    expect(letters[1].reason).toMatch(/invalid nas\.file\.removed payload: file_id/);
    expect(letters[1].original_routing_key).toBe('nas.file.removed');
    expect(handled).toEqual([good.id]);
  });

  it('dead-letters an event type this app has no handler for', async () => {
    const consumer = bus('catalog');
    consumer.on('nas.file.*', () => undefined);
    await consumer.start();
    // Sent straight to the queue, as an operator might by mistake.
    const conn = await amqplib.connect(TEST_AMQP_URL);
    const ch = await conn.createConfirmChannel();
    ch.sendToQueue(consumer.names.queue, Buffer.from(JSON.stringify(envelope(EventType.CATALOG_UPDATE_REQUESTED, {}))));
    await ch.waitForConfirms();
    await conn.close();
    const [letter] = await waitFor(async () => {
      const l = await consumer.listDeadLetters();
      return l.length ? l : null;
    });
    expect(letter.reason).toBe('no handler for catalog.update.requested in catalog');
  });

  it('retries a failing handler per its policy and handles it on the third attempt', async () => {
    const attempts: number[] = [];
    const consumer = bus('catalog');
    consumer.on(EventType.CATALOG_UPDATE_REQUESTED, (_e, ctx) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt < 3) throw new Error(`transient ${ctx.attempt}`);
    });
    await consumer.start();
    await consumer.publish(EventType.CATALOG_UPDATE_REQUESTED, {});
    await waitFor(() => attempts.length === 3, { description: 'three attempts' });
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts).toEqual([1, 2, 3]);
    expect(await consumer.listDeadLetters()).toEqual([]);
  });

  it('dead-letters a handler that always fails after max_attempts, reports system.error, and replays it on request', async () => {
    let calls = 0;
    let healthy = false;
    const consumer = bus('catalog');
    consumer.on(EventType.CATALOG_UPDATE_REQUESTED, () => {
      calls++;
      if (!healthy) throw new Error('database says no');
    });
    const errors: EventEnvelope[] = [];
    const watcher = bus('orchestrator');
    watcher.on(EventType.ERROR_OCCURRED, (e) => void errors.push(e));
    await watcher.start();
    await consumer.start();
    const sent = await consumer.publish(EventType.CATALOG_UPDATE_REQUESTED, { reason: 'test' });
    const [letter] = await waitFor(
      async () => {
        const l = await consumer.listDeadLetters();
        return l.length ? l : null;
      },
      { description: 'dead letter' },
    );
    expect(calls).toBe(3);
    expect(letter).toMatchObject({ attempts: 3, reason: 'handler failed after 3 attempt(s): database says no' });
    const [report] = await waitFor(() => (errors.length ? errors : null), { description: 'system.error' });
    expect(report).toMatchObject({
      correlation_id: sent.correlation_id,
      causation_id: sent.id,
      payload: { source: 'A', error: 'catalog.update.requested: database says no', event_id: sent.id },
    });

    healthy = true;
    expect(await consumer.replayDeadLetters()).toBe(1);
    await waitFor(() => calls === 4, { description: 'replayed delivery' });
    expect(await consumer.listDeadLetters()).toEqual([]);
  });

  it('gives the same event delivered twice one effect (inbox)', async () => {
    const consumer = bus('catalog', { dataSource, schema: SCHEMA });
    let calls = 0;
    consumer.on(EventType.NAS_FILE_REMOVED, async (e, ctx) => {
      calls++;
      await ctx.db().query(`INSERT INTO ${SCHEMA}.effects (event_id, note) VALUES ($1, 'dup-test')`, [e.id]);
    });
    await consumer.start();
    const twice = envelope(EventType.NAS_FILE_REMOVED, {
      file_id: 'f9',
      root: '/nas',
      path: 'b.mp4',
      missing_since: new Date().toISOString(),
    });
    await rawPublish('nas.file.removed', JSON.stringify(twice));
    await rawPublish('nas.file.removed', JSON.stringify(twice));
    const sentinel = { ...twice, id: randomUUID() };
    await rawPublish('nas.file.removed', JSON.stringify(sentinel));
    await waitFor(async () => {
      const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects WHERE event_id = $1`, [
        sentinel.id,
      ]);
      return row.n === 1;
    });
    const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects WHERE event_id = $1`, [
      twice.id,
    ]);
    expect(row.n).toBe(1);
    expect(calls).toBe(2);
  });

  it('retries a handler that caught an SQL error and went on, instead of acking a transaction Postgres rolled back', async () => {
    const consumer = bus('catalog', { dataSource, schema: SCHEMA });
    const attempts: number[] = [];
    consumer.on(EventType.NAS_FILE_REMOVED, async (e, ctx) => {
      attempts.push(ctx.attempt);
      if (ctx.attempt === 1)
        await ctx
          .db()
          .query('SELECT 1/0')
          .catch(() => undefined);
      else await ctx.db().query(`INSERT INTO ${SCHEMA}.effects (event_id, note) VALUES ($1, 'sloppy')`, [e.id]);
    });
    await consumer.start();
    const sent = await consumer.publish(EventType.NAS_FILE_REMOVED, {
      file_id: 'f-sloppy',
      root: '/nas',
      path: 'sloppy.mp4',
      missing_since: new Date().toISOString(),
    });
    await waitFor(async () => {
      const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.effects WHERE event_id = $1`, [
        sent.id,
      ]);
      return row.n === 1;
    });
    expect(attempts).toEqual([1, 2]);
  });
  it('rolls back the effect and the outbox when a transactional handler fails', async () => {
    const consumer = bus('catalog', { dataSource, schema: SCHEMA, retryPolicy: { ...fastRetry, maxAttempts: 1 } });
    const downstream: EventEnvelope[] = [];
    const listener = bus('orchestrator');
    listener.on(EventType.CATALOG_UPDATED, (e) => void downstream.push(e));
    consumer.on(EventType.CATALOG_UPDATE_REQUESTED, async (e, ctx) => {
      await ctx.db().query(`INSERT INTO ${SCHEMA}.effects (event_id, note) VALUES ($1, 'rollback')`, [e.id]);
      ctx.emit(EventType.CATALOG_UPDATED, {});
      throw new Error('fails after writing');
    });
    await listener.start();
    await consumer.start();
    const sent = await consumer.publish(EventType.CATALOG_UPDATE_REQUESTED, {});
    await waitFor(async () => (await consumer.listDeadLetters()).length === 1);
    const rows = await dataSource.query(`SELECT 1 FROM ${SCHEMA}.effects WHERE event_id = $1`, [sent.id]);
    expect(rows).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(downstream).toEqual([]);
  });

  it('publishes many events from one transaction in order after commit, and none after a rollback', async () => {
    const received: EventEnvelope[] = [];
    const listener = bus('orchestrator');
    listener.on(EventType.SHEETS_ROW_REMOVED, (e) => void received.push(e));
    await listener.start();
    const producer = bus('sheets-sync', { dataSource, schema: SCHEMA });
    await producer.start();
    const rows = (tag: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        type: EventType.SHEETS_ROW_REMOVED,
        payload: { sheet_id: tag, tab: 'Log', row_key: `r${i}` },
      }));

    await expect(
      dataSource.transaction(async (m) => {
        await producer.publishManyInTransaction(m, rows('rolled-back', 3));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    // More than one INSERT chunk, to cover the chunking.
    const sent = await dataSource.transaction((m) =>
      producer.publishManyInTransaction(m, rows('committed', 2500), { correlationId: 'batch-1' }),
    );
    await producer.flushOutbox();
    await waitFor(() => received.length >= 2500, { timeoutMs: 20_000, description: '2,500 events' });
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toHaveLength(2500);
    expect(received.map((e) => e.id)).toEqual(sent.map((e) => e.id));
    expect(received.every((e) => e.payload['sheet_id'] === 'committed' && e.correlation_id === 'batch-1')).toBe(true);
    await expect(
      dataSource.transaction((m) =>
        producer.publishManyInTransaction(m, [
          { type: EventType.SHEETS_ROW_REMOVED, payload: { sheet_id: 1 } as never },
        ]),
      ),
    ).rejects.toBeInstanceOf(InvalidEventError);
  });

  describe('commands', () => {
    it('answers a request with a validated reply', async () => {
      const catalog = bus('catalog');
      catalog.handleCommand('catalog.create_project', async ({ code, name }) => ({ id: 'p1', code, name }));
      await catalog.start();
      const caller = bus('orchestrator');
      await caller.start();
      await expect(
        caller.request('catalog.create_project', { code: 'WSOP', name: 'World Series of Poker' }),
      ).resolves.toEqual({
        id: 'p1',
        code: 'WSOP',
        name: 'World Series of Poker',
      });
      await expect(caller.ping('catalog')).resolves.toMatchObject({ app: 'catalog' });
    });

    it('reports a remote failure, an unroutable command, a timeout and an invalid request as typed errors', async () => {
      const catalog = bus('catalog');
      catalog.handleCommand('catalog.create_project', async () => {
        throw new Error('duplicate code');
      });
      catalog.handleCommand('catalog.match_episode', () => new Promise(() => undefined));
      await catalog.start();
      const caller = bus('orchestrator');
      await caller.start();

      const failed = caller.request('catalog.create_project', { code: 'X', name: 'Y' });
      await expect(failed).rejects.toBeInstanceOf(CommandFailedError);
      await expect(failed).rejects.toMatchObject({ code: 'handler_error' });
      await expect(caller.request('hands.add_tags', { clip_id: 'c', tags: [] })).rejects.toBeInstanceOf(
        CommandUnroutableError,
      );
      await expect(caller.request('catalog.match_episode', { title: 'x' }, { timeoutMs: 200 })).rejects.toBeInstanceOf(
        CommandTimeoutError,
      );
      await expect(caller.request('catalog.create_project', { code: '', name: 'Y' })).rejects.toBeInstanceOf(
        InvalidCommandError,
      );
    });
  });
});
