import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';
import { APP_NAMES, APPS, BLOCK_IDS } from '@pokervod/contracts';
import { MessageBus } from '@pokervod/messaging';
import { RETRY_POLICIES } from '@pokervod/resilience';
import {
  closeConnections,
  publishRawEvent,
  quietLogger,
  terminateBackends,
  TEST_AMQP_URL,
  waitFor,
} from '@pokervod/testing';
import { hostname } from 'node:os';
import { Client } from 'pg';
import { TestSystem } from './support/system';

/** Foundation (issue #2): all eight apps as real processes, talking only over RabbitMQ. */
describe('walking skeleton: the whole system', () => {
  const system = new TestSystem();
  let probe: MessageBus;

  beforeAll(async () => {
    await system.start();
    probe = new MessageBus({
      url: TEST_AMQP_URL,
      app: 'e2e-probe',
      block: 'orchestrator',
      retryPolicy: RETRY_POLICIES.E,
      exchange: system.topology.exchange,
      commandExchange: system.topology.commandExchange,
      queuePrefix: system.topology.queuePrefix,
      logger: quietLogger,
    });
    await probe.start();
  }, 180_000);

  afterAll(async () => {
    await probe?.stop();
    await system.cleanUp();
  }, 60_000);

  const get = async (app: (typeof APP_NAMES)[number], path: string) => {
    // Dead-letter reads show message bodies: they need the API key like every admin route.
    const headers = path.startsWith('/admin/') ? { 'X-API-Key': system.apiKey } : undefined;
    const res = await fetch(`${system.app(app).url}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as any };
  };

  // Checks some apps add to the common three: the database block's newest migration, the API's read-model catch-up.
  const EXTRA_READINESS: Record<(typeof APP_NAMES)[number], string[]> = {
    orchestrator: [],
    'nas-inventory': [],
    catalog: [],
    'hand-analysis': [],
    database: ['last_migration'],
    'sheets-sync': [],
    api: ['read_model'],
    dashboard: [],
  };

  it('starts all eight apps, each live, ready and exposing Prometheus metrics', async () => {
    for (const name of APP_NAMES) {
      expect(await get(name, '/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
      const ready = await get(name, '/health/ready');
      expect(ready.status).toBe(200);
      if (APPS[name].schema)
        expect(Object.keys(ready.body.details).sort()).toEqual(
          ['migrations', 'postgres', 'rabbitmq', ...EXTRA_READINESS[name]].sort(),
        );
      const metrics = await fetch(`${system.app(name).url}/metrics`);
      expect(await metrics.text()).toContain('process_cpu_user_seconds_total');
    }
  });

  it('finds every block over RabbitMQ (system.ping request/reply)', async () => {
    for (const name of APP_NAMES.filter((n) => n !== 'dashboard')) {
      await expect(probe.ping(name)).resolves.toMatchObject({ app: name });
    }
  });

  it('runs a full sync through the four phases in order and shows it everywhere', async () => {
    const orchestrator = system.app('orchestrator').url;
    expect((await fetch(`${orchestrator}/api/orchestrator/sync?sync_type=full`, { method: 'POST' })).status).toBe(401);

    const started = await fetch(`${orchestrator}/api/orchestrator/sync?sync_type=full`, {
      method: 'POST',
      headers: { 'X-API-Key': system.apiKey },
    });
    expect(started.status).toBe(202);
    const { task_id, status } = (await started.json()) as { task_id: string; status: string };
    expect(status).toBe('started');

    const run = await waitFor(
      async () => {
        const r = await get('orchestrator', `/api/orchestrator/runs/${task_id}`);
        return r.body.status === 'completed' ? r.body : null;
      },
      { timeoutMs: 20_000, description: 'run completed' },
    );

    expect(run.correlation_id).toBe(task_id);
    expect(run.phases.map((p: any) => [p.name, p.steps.map((s: any) => s.block_id)])).toEqual([
      ['foundation', ['A', 'B']],
      ['sheets', ['D']],
      ['analysis', ['C']],
    ]);
    const [p1, p2, p3] = run.phases;
    // D starts only after both A and B finished; C only after D.
    const finishedP1 = Math.max(...p1.steps.map((s: any) => Date.parse(s.finished_at)));
    expect(Date.parse(p2.started_at)).toBeGreaterThanOrEqual(finishedP1);
    expect(Date.parse(p3.started_at)).toBeGreaterThanOrEqual(Date.parse(p2.finished_at));

    const statusNow = await get('orchestrator', '/api/orchestrator/status');
    expect(Object.keys(statusNow.body.blocks)).toEqual([...BLOCK_IDS]);
    for (const block of ['A', 'B', 'C', 'D']) expect(statusNow.body.blocks[block].status).toBe('completed');
    expect(statusNow.body.last_sync).toBe(run.finished_at);
    expect(statusNow.body).toHaveProperty('next_scheduled_sync');

    // Block E's read model learned of it from system.sync.completed; the dashboard shows it through E.
    const history = await waitFor(
      async () => {
        const h = await get('dashboard', '/api/sync-history');
        return h.body.find((e: any) => e.run_id === task_id);
      },
      { description: 'sync in the API read model' },
    );
    expect(history.status).toBe('completed');
    const page = await fetch(system.app('dashboard').url);
    expect(await page.text()).toContain('<h1>PokerVOD</h1>');
  });

  it('reacts to an event published by hand, as from the RabbitMQ console', async () => {
    const correlationId = `operator-${randomUUID()}`;
    await publishRawEvent(system.topology, {
      type: 'system.sync.all',
      payload: { sync_type: 'full', requested_by: 'operator' },
      correlationId,
      source: 'orchestrator',
    });

    const run = await waitFor(
      async () => {
        const runs = (await get('orchestrator', '/api/orchestrator/runs')).body as any[];
        return runs.find((r) => r.correlation_id === correlationId && r.status === 'completed');
      },
      { timeoutMs: 20_000, description: 'operator run completed' },
    );
    expect(run.requested_by).toBe('operator');
  });

  it('puts a malformed event in the app’s DLQ with its reason, listable over HTTP', async () => {
    const conn = await amqplib.connect(TEST_AMQP_URL);
    const ch = await conn.createConfirmChannel();
    ch.publish(
      system.topology.exchange,
      'catalog.update.requested',
      Buffer.from('{"type": "catalog.update.requested"}'),
    );
    await ch.waitForConfirms();
    await conn.close();
    const letters = await waitFor(
      async () => {
        const l = (await get('catalog', '/admin/dead-letters')).body.dead_letters;
        return l.length ? l : null;
      },
      { description: 'dead letter' },
    );
    expect(letters[0].reason).toMatch(/^invalid envelope: id: /);
    expect((await get('catalog', '/health/ready')).status).toBe(200);
  });

  it('is not ready (503) while Postgres is unreachable, and ready again after', async () => {
    const admin = new Client({ connectionString: system.db.url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${system.db.name}" ALLOW_CONNECTIONS false`);
      await terminateBackends(system.db.url, 'catalog');
      const down = await waitFor(
        async () => {
          const r = await get('catalog', '/health/ready');
          return r.status === 503 ? r.body : null;
        },
        { timeoutMs: 15_000, description: 'catalog not ready' },
      );
      expect(down.details.postgres.status).toBe('down');
      expect(down.details.rabbitmq.status).toBe('up');
    } finally {
      await admin.query(`ALTER DATABASE "${system.db.name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await waitFor(async () => (await get('catalog', '/health/ready')).status === 200, {
      timeoutMs: 15_000,
      description: 'catalog ready again',
    });
  });

  it('is not ready (503) while its RabbitMQ connection is down, and re-attaches by itself', async () => {
    const catalog = system.app('catalog');
    const closed = await closeConnections(`catalog@${hostname()}:${catalog.process.pid}`);
    expect(closed).toBe(1);
    const down = await waitFor(
      async () => {
        const r = await get('catalog', '/health/ready');
        return r.status === 503 ? r.body : null;
      },
      { timeoutMs: 10_000, intervalMs: 20, description: 'catalog not ready' },
    );
    expect(down.details.rabbitmq.status).toBe('down');
    await waitFor(async () => (await get('catalog', '/health/ready')).status === 200, {
      timeoutMs: 30_000,
      description: 'catalog re-attached',
    });
    await expect(probe.ping('catalog')).resolves.toMatchObject({ app: 'catalog' });
  });

  it('shuts every app down gracefully on SIGTERM (exit code 0)', async () => {
    const codes = await system.stop();
    expect(codes).toEqual(Object.fromEntries(APP_NAMES.map((n) => [n, 0])));
  });
});
