import type { INestApplication } from '@nestjs/common';
import { applyHttpEdge, createServiceApp, loadConfig } from '@pokervod/service-kit';
import { FuzzRoutes, fuzzHttp, listRoutes } from '@pokervod/testing';
import { AppModule } from '../app.module';
import { orchestratorConfigSchema } from '../orchestrator.config';
import { TEST_API_KEY, orchestratorWorld } from '../../test/orchestrator-harness';

/** Every route of the orchestrator, with what it reads. */
const ROUTES: FuzzRoutes = {
  'GET /health/live': {},
  'GET /health/ready': {},
  'GET /metrics': {},
  'GET /admin/dead-letters': { query: ['limit'] },
  'POST /admin/dead-letters/replay': { query: ['limit'] },
  'POST /api/orchestrator/sync': { query: ['sync_type'] },
  'GET /api/orchestrator/runs': { query: ['limit'] },
  'GET /api/orchestrator/runs/:id': {},
  'GET /api/orchestrator/rows': { query: ['outcome', 'sheet_id', 'after', 'limit'] },
  'GET /api/orchestrator/rows/summary': {},
  'GET /api/orchestrator/unmatched': { query: ['limit'] },
  'GET /api/orchestrator/status': {},
  'GET /api/orchestrator/status/stream': { stream: true },
};

describe('orchestrator HTTP under hostile input (fuzz, real Postgres + RabbitMQ)', () => {
  let world: Awaited<ReturnType<typeof orchestratorWorld>>;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    world = await orchestratorWorld('orchfuzz');
    const config = loadConfig('orchestrator', orchestratorConfigSchema, {
      DATABASE_URL: world.db.url,
      AMQP_EXCHANGE: world.topology.exchange,
      AMQP_COMMAND_EXCHANGE: world.topology.commandExchange,
      AMQP_QUEUE_PREFIX: world.topology.queuePrefix,
      ORCHESTRATOR_API_KEY: TEST_API_KEY,
      LOG_LEVEL: 'silent',
      SCHEDULE_FULL_SYNC: 'off',
      SCHEDULE_SHEETS_SYNC: 'off',
      SCHEDULE_NAS_SCAN: 'off',
      COMMAND_TIMEOUT_MS: '2000',
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
    await world?.cleanUp();
  });

  it('covers every route the app serves', () => {
    expect(listRoutes(app)).toEqual(Object.keys(ROUTES).sort());
  });

  it('answers a NUL byte in a filter with 400, not 500', async () => {
    const res = await fetch(`${url}/api/orchestrator/rows?sheet_id=%00%FF%FE`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalid_request',
      message: 'query.sheet_id: NUL characters are not allowed',
    });
  });

  it('never answers 5xx or a stack trace, and every error is {code, message}', async () => {
    await fuzzHttp(url, ROUTES, { authHeaders: { 'x-api-key': TEST_API_KEY }, numRuns: 300 });
  }, 60_000);
});
