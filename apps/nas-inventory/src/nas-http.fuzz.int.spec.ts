import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { MIGRATION_PLAN } from '@pokervod/migrations';
import { runMigrations } from '@pokervod/persistence';
import { applyHttpEdge, createServiceApp, loadConfig } from '@pokervod/service-kit';
import {
  createTestDatabase,
  deleteTopology,
  fuzzHttp,
  FuzzRoutes,
  listRoutes,
  TEST_API_KEY,
  TestDatabase,
  uniqueTopology,
} from '@pokervod/testing';
import { AppModule } from './app.module';
import { nasConfigSchema } from './nas.config';

/** Every route of the NAS inventory (all from service-kit: block A talks over RabbitMQ), with what it reads. */
const ROUTES: FuzzRoutes = {
  'GET /health/live': {},
  'GET /health/ready': {},
  'GET /metrics': {},
  'GET /admin/dead-letters': { query: ['limit'] },
  'POST /admin/dead-letters/replay': { query: ['limit'] },
};

describe('nas-inventory HTTP under hostile input (fuzz, real Postgres + RabbitMQ)', () => {
  const topology = uniqueTopology('nasfuzz');
  const dir = mkdtempSync(join(tmpdir(), 'nas-fuzz-'));
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase('nasfuzz');
    const migrated = await runMigrations({ url: db.url, plan: MIGRATION_PLAN });
    if (!migrated.ok) throw new Error(`migrations failed: ${migrated.error}`);
    const config = loadConfig('nas-inventory', nasConfigSchema, {
      DATABASE_URL: db.url,
      AMQP_EXCHANGE: topology.exchange,
      AMQP_COMMAND_EXCHANGE: topology.commandExchange,
      AMQP_QUEUE_PREFIX: topology.queuePrefix,
      NAS_ROOTS: `media=${dir}`,
      NAS_WATCH: 'false',
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
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await deleteTopology(topology);
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('covers every route the app serves', () => {
    expect(listRoutes(app)).toEqual(Object.keys(ROUTES).sort());
  });

  it('never answers 5xx or a stack trace, and every error is {code, message}', async () => {
    await fuzzHttp(url, ROUTES, { authHeaders: { 'x-api-key': TEST_API_KEY }, numRuns: 250 });
  }, 60_000);

  it('lists dead letters (whole message bodies) only with the API key', async () => {
    const refused = await fetch(`${url}/admin/dead-letters`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ code: 'unauthorized', message: 'missing or wrong X-API-Key' });
    const listed = await fetch(`${url}/admin/dead-letters`, { headers: { 'x-api-key': TEST_API_KEY } });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ queue: expect.stringContaining(topology.queuePrefix), dead_letters: [] });
  });
});
