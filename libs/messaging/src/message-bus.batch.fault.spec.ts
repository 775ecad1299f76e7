import { DataSource, EntityManager } from 'typeorm';
import { register } from 'prom-client';
import { EventType } from '@pokervod/contracts';
import { messagingTablesMigration, runMigrations } from '@pokervod/persistence';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { closeConnections, waitFor } from '@pokervod/testing';
import { TestWorld, testWorld } from '@pokervod/test-world';
import { EventOf, MessageBus } from './core/message-bus';

const SCHEMA = 'fault_batch';
const DOWNSTREAM = 'fault_batch_down';

/**
 * Fault test (runs serially, apart from the rest): batched handlers while the
 * test's own AMQP connections are force-closed — once in the middle of a
 * batch (its transaction commits after the channel is gone, so none of its
 * acks arrive and every delivery in it comes back), once under load. Every
 * event must have exactly one effect, and so must every event it emitted.
 */
describe('MessageBus batches under connection loss', () => {
  let world: TestWorld;
  let dataSource: DataSource;
  const buses: MessageBus[] = [];

  beforeAll(async () => {
    world = await testWorld('fbatch', { migrate: false });
    await runMigrations({
      url: world.db.url,
      plan: [
        { schema: SCHEMA, migrations: [messagingTablesMigration(SCHEMA)] },
        { schema: DOWNSTREAM, migrations: [messagingTablesMigration(DOWNSTREAM)] },
      ],
    });
    dataSource = await new DataSource({ type: 'postgres', url: world.db.url, poolSize: 10 }).initialize();
    await dataSource.query(`CREATE TABLE ${SCHEMA}.effects (event_id text NOT NULL)`);
    await dataSource.query(`CREATE TABLE ${DOWNSTREAM}.effects (row_key text NOT NULL)`);
  });

  afterAll(async () => {
    for (const b of buses.splice(0)) await b.stop();
    await dataSource?.destroy();
    await world?.cleanUp();
  });

  it('gives all 1,000 events and the events they emitted exactly one effect when a batch loses its channel before its acks', async () => {
    const common = {
      ...world.bus,
      retryPolicy: RETRY_POLICIES.A,
      dataSource,
    };
    const consumer = new MessageBus({
      ...common,
      app: 'catalog',
      block: 'B',
      schema: SCHEMA,
      connectionName: `${world.topology.id}-consumer`,
    });
    buses.push(consumer);
    let killedBatch: EntityManager | null = null;
    const runsIn = new Map<EntityManager, number>();
    consumer.on(
      EventType.NAS_FILE_REMOVED,
      async (e: EventOf<typeof EventType.NAS_FILE_REMOVED>, ctx) => {
        runsIn.set(ctx.db(), (runsIn.get(ctx.db()) ?? 0) + 1);
        await ctx.db().query(`INSERT INTO ${SCHEMA}.effects (event_id) VALUES ($1)`, [e.id]);
        ctx.emit(EventType.SHEETS_ROW_REMOVED, { sheet_id: 'fault', tab: 'Log', row_key: e.payload.file_id });
        // Mid-batch (an event from 300 on that is not the first of its batch): the connection goes while
        // this transaction is open; it commits afterwards.
        if (!killedBatch && Number(e.payload.file_id.slice(1)) >= 300 && (runsIn.get(ctx.db()) ?? 0) >= 2) {
          killedBatch = ctx.db();
          await closeConnections(`${world.topology.id}-consumer`);
          await waitFor(() => !consumer.isReady(), { timeoutMs: 5_000, intervalMs: 10, description: 'detached' });
        }
      },
      { batch: true },
    );
    const downstream = new MessageBus({
      ...common,
      app: 'orchestrator',
      block: 'orchestrator',
      schema: DOWNSTREAM,
      connectionName: `${world.topology.id}-downstream`,
    });
    buses.push(downstream);
    downstream.on(
      EventType.SHEETS_ROW_REMOVED,
      async (e: EventOf<typeof EventType.SHEETS_ROW_REMOVED>, ctx) => {
        await ctx.db().query(`INSERT INTO ${DOWNSTREAM}.effects (row_key) VALUES ($1)`, [e.payload.row_key]);
      },
      { batch: true },
    );
    const producer = new MessageBus({
      ...common,
      dataSource: undefined,
      app: 'nas-inventory',
      block: 'A',
      connectionName: `${world.topology.id}-producer`,
    });
    buses.push(producer);
    await downstream.start();
    await consumer.start();
    await producer.start();

    const ids = new Set<string>();
    const confirmed: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i === 700) {
        // Under load: the producer's and the consumer's connections at once.
        expect(await closeConnections(`${world.topology.id}-producer`)).toBe(1);
        expect(await closeConnections(`${world.topology.id}-consumer`)).toBe(1);
      }
      confirmed.push(
        producer
          .publish(EventType.NAS_FILE_REMOVED, {
            file_id: `f${i}`,
            root: '/nas',
            path: `${i}.mp4`,
            missing_since: new Date().toISOString(),
          })
          .then((e) => void ids.add(e.id)),
      );
      if (i % 50 === 0) await Promise.all(confirmed.splice(0));
    }
    await Promise.all(confirmed);
    expect(ids.size).toBe(1000);

    const counts = async () => {
      const [upstream] = await dataSource.query(
        `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS distinct FROM ${SCHEMA}.effects`,
      );
      const [down] = await dataSource.query(
        `SELECT count(*)::int AS rows, count(DISTINCT row_key)::int AS distinct FROM ${DOWNSTREAM}.effects`,
      );
      return { upstream, down };
    };
    await waitFor(
      async () => {
        const c = await counts();
        return c.upstream.distinct === 1000 && c.down.distinct === 1000;
      },
      { timeoutMs: 90_000, intervalMs: 250, description: '1,000 distinct effects on both sides' },
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await counts()).toEqual({
      upstream: { rows: 1000, distinct: 1000 },
      down: { rows: 1000, distinct: 1000 },
    });
    // The connection went in the middle of a batch, whose deliveries came back and were acked without a second run.
    expect(killedBatch).not.toBeNull();
    const handled = (await register.getSingleMetric('pokervod_events_handled_total')?.get())?.values ?? [];
    const acked = handled
      .filter((v) => v.labels['app'] === 'catalog' && v.labels['outcome'] === 'ok')
      .reduce((n, v) => n + v.value, 0);
    expect(acked).toBeGreaterThan(1000);
    await waitFor(() => consumer.isReady() && downstream.isReady(), { timeoutMs: 10_000, description: 're-attached' });
  }, 180_000);
});
