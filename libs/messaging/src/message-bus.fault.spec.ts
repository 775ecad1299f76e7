import { DataSource } from 'typeorm';
import { EventType } from '@pokervod/contracts';
import { messagingTablesMigration, runMigrations } from '@pokervod/persistence';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { closeConnections, waitFor } from '@pokervod/testing';
import { TestWorld, testWorld } from '@pokervod/test-world';
import { MessageBus } from './core/message-bus';

const SCHEMA = 'fault_test';

/**
 * Fault test (runs serially, apart from the rest): the test's own AMQP
 * connections are force-closed through the management API while 1,000 events
 * are in flight. Every event must have exactly one effect.
 */
describe('MessageBus under connection loss', () => {
  let world: TestWorld;
  let dataSource: DataSource;
  let producer: MessageBus;
  let consumer: MessageBus;

  beforeAll(async () => {
    world = await testWorld('fault', { migrate: false });
    await runMigrations({
      url: world.db.url,
      plan: [{ schema: SCHEMA, migrations: [messagingTablesMigration(SCHEMA)] }],
    });
    dataSource = await new DataSource({ type: 'postgres', url: world.db.url, poolSize: 10 }).initialize();
    await dataSource.query(`CREATE TABLE ${SCHEMA}.effects (event_id text NOT NULL)`);
  });

  afterAll(async () => {
    await producer?.stop();
    await consumer?.stop();
    await dataSource?.destroy();
    await world?.cleanUp();
  });

  it('handles all 1,000 events exactly once while its connections are killed twice', async () => {
    const common = {
      ...world.bus,
      retryPolicy: RETRY_POLICIES.A,
    };
    consumer = new MessageBus({
      ...common,
      app: 'catalog',
      block: 'B',
      dataSource,
      schema: SCHEMA,
      connectionName: `${world.topology.id}-consumer`,
    });
    consumer.on(EventType.NAS_FILE_REMOVED, async (e, ctx) => {
      await ctx.db().query(`INSERT INTO ${SCHEMA}.effects (event_id) VALUES ($1)`, [e.id]);
    });
    await consumer.start();
    producer = new MessageBus({
      ...common,
      app: 'nas-inventory',
      block: 'A',
      connectionName: `${world.topology.id}-producer`,
    });
    await producer.start();

    const ids = new Set<string>();
    const confirmed: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i === 300 || i === 700) {
        expect(await closeConnections(world.topology.id, { atLeast: 2 })).toBe(2);
        // Readiness says so while the consumer is detached.
        await waitFor(() => !consumer.isReady(), {
          timeoutMs: 5_000,
          intervalMs: 10,
          description: 'consumer detached',
        });
        expect(consumer.readinessProblems().join()).toMatch(/not connected|not attached/);
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

    await waitFor(
      async () => {
        const [row] = await dataSource.query(`SELECT count(DISTINCT event_id)::int AS n FROM ${SCHEMA}.effects`);
        return row.n === 1000;
      },
      { timeoutMs: 60_000, intervalMs: 250, description: '1,000 distinct effects' },
    );
    await new Promise((r) => setTimeout(r, 500));
    const [dup] = await dataSource.query(
      `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS distinct_ids FROM ${SCHEMA}.effects`,
    );
    expect(dup).toEqual({ rows: 1000, distinct_ids: 1000 });
    await waitFor(() => consumer.isReady(), { timeoutMs: 10_000, description: 'consumer re-attached' });
  }, 120_000);
});
