import type { INestApplication } from '@nestjs/common';
import { applyHttpEdge, createServiceApp, loadConfig } from '@pokervod/service-kit';
import { FuzzRoutes, fuzzHttp, listRoutes } from '@pokervod/testing';
import { AppModule } from '../app.module';
import { catalogConfigSchema } from '../catalog.config';
import { CatalogWorld, TEST_API_KEY, catalogWorld } from '../../test/catalog-harness';

/** Every route of the catalog, with what it reads. */
const ROUTES: FuzzRoutes = {
  'GET /health/live': {},
  'GET /health/ready': {},
  'GET /metrics': {},
  'GET /admin/dead-letters': { query: ['limit'] },
  'POST /admin/dead-letters/replay': { query: ['limit'] },
  'GET /api/catalog/projects': {},
  'POST /api/catalog/projects': { fields: ['code', 'name'] },
  'GET /api/catalog/tree': { query: ['project'] },
  'GET /api/catalog/episodes/:id': {},
  'PATCH /api/catalog/episodes/:id': { fields: ['title'] },
  'POST /api/catalog/episodes/:id/merge': { fields: ['from_episode_id'] },
  'PUT /api/catalog/files/:fileId/episode': { fields: ['episode_id'] },
  'GET /api/catalog/unsorted': { query: ['limit', 'offset'] },
  'GET /api/catalog/match': { query: ['title', 'video_file_id'] },
};

describe('catalog HTTP under hostile input (fuzz, real Postgres + RabbitMQ)', () => {
  let world: CatalogWorld;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    world = await catalogWorld('catfuzz');
    const config = loadConfig('catalog', catalogConfigSchema, {
      DATABASE_URL: world.db.url,
      AMQP_EXCHANGE: world.topology.exchange,
      AMQP_COMMAND_EXCHANGE: world.topology.commandExchange,
      AMQP_QUEUE_PREFIX: world.topology.queuePrefix,
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
    await world?.cleanUp();
  });

  it('covers every route the app serves', () => {
    expect(listRoutes(app)).toEqual(Object.keys(ROUTES).sort());
  });

  it('answers NUL bytes and invalid UTF-8 in a title with 400, not 500', async () => {
    const res = await fetch(`${url}/api/catalog/match?title=%00%FF%FE`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'invalid_request', message: expect.stringContaining('NUL') });
  });

  it('answers an offset past any SQL OFFSET with 400, not 500', async () => {
    const res = await fetch(`${url}/api/catalog/unsorted?offset=99999999999999999999999999`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'invalid_request', message: 'offset must be an integer below 2^53' });
  });

  it('answers a repeated project (an array where one code is expected) with 400, not 500', async () => {
    const res = await fetch(`${url}/api/catalog/tree?project=WSOP&project=EPT`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'invalid_request', message: expect.stringContaining('project') });
  });

  it('never answers 5xx or a stack trace, and every error is {code, message}', async () => {
    await fuzzHttp(url, ROUTES, { authHeaders: { 'x-api-key': TEST_API_KEY }, numRuns: 300 });
  }, 60_000);
});
