import type { INestApplication } from '@nestjs/common';
import { applyHttpEdge, baseConfigSchema, createServiceApp, loadConfig } from '@pokervod/service-kit';
import {
  createTestDatabase,
  deleteTopology,
  fuzzHttp,
  FuzzRoutes,
  listRoutes,
  TEST_API_KEY,
  TestDatabase,
  uniqueTopology,
  waitFor,
} from '@pokervod/testing';
import { AppModule } from './app.module';

/** Every route of block G, with what it reads. */
const ROUTES: FuzzRoutes = {
  'GET /health/live': {},
  'GET /health/ready': {},
  'GET /metrics': {},
  'GET /admin/dead-letters': { query: ['limit'] },
  'POST /admin/dead-letters/replay': { query: ['limit'] },
  'GET /api/migrations': {},
  'POST /api/migrations/run': {},
};

describe('database (block G) HTTP under hostile input (fuzz, real Postgres + RabbitMQ)', () => {
  const topology = uniqueTopology('dbfuzz');
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('dbfuzz');
    const config = loadConfig('database', baseConfigSchema, {
      DATABASE_URL: db.url,
      AMQP_EXCHANGE: topology.exchange,
      AMQP_COMMAND_EXCHANGE: topology.commandExchange,
      AMQP_QUEUE_PREFIX: topology.queuePrefix,
      ORCHESTRATOR_API_KEY: TEST_API_KEY,
      LOG_LEVEL: 'silent',
      // Hostile requests should reach validation, not the rate limit.
      HTTP_RATE_LIMIT: '1000000',
    });
    // As bootstrapService starts it: the module, then helmet and the body limits.
    app = await createServiceApp(AppModule.register(config), { logger: false });
    applyHttpEdge(app, config);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    // The start-up migration run, so the fuzz meets the app as it serves.
    await waitFor(async () => (await fetch(`${url}/health/ready`)).status === 200, {
      timeoutMs: 60_000,
      description: 'block G ready (start-up migrations done)',
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await deleteTopology(topology);
    await db?.drop();
  });

  it('covers every route the app serves', () => {
    expect(listRoutes(app)).toEqual(Object.keys(ROUTES).sort());
  });

  it('never answers 5xx or a stack trace, and every error is {code, message}', async () => {
    await fuzzHttp(url, ROUTES, { authHeaders: { 'x-api-key': TEST_API_KEY }, numRuns: 100 });
  }, 120_000);

  it('runs migrations over HTTP only with the API key', async () => {
    const refused = await fetch(`${url}/api/migrations/run`, { method: 'POST' });
    expect(refused.status).toBe(401);
    const ran = await fetch(`${url}/api/migrations/run`, { method: 'POST', headers: { 'x-api-key': TEST_API_KEY } });
    expect(ran.status).toBe(200);
    expect(await ran.json()).toMatchObject({ ok: true, applied: [] });
  });
});
